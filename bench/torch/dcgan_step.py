#!/usr/bin/env python3
"""Time one DCGAN-MNIST training step at batch 128 in PyTorch on a CUDA GPU.

The networks and the step are NativeGan's reference (src/Gan/Models/Dcgan.cs and
src/Gan/Training/GanStep.cs):
  G: z (N, 100, 1, 1); ConvTranspose2d(100, 256, k7, s1, p0) BN ReLU [7x7];
     ConvTranspose2d(256, 128, k4, s2, p1) BN ReLU [14x14];
     ConvTranspose2d(128, 1, k4, s2, p1) Tanh [28x28]; no biases in the convolutions.
  D: Conv2d(1, 64, k4, s2, p1) LReLU(0.2) [14x14]; Conv2d(64, 128, k4, s2, p1) BN LReLU(0.2)
     [7x7]; Conv2d(128, 1, k7, s1, p0) -> logit (N, 1).
  Weights from N(0, 0.02), batch norm scales from N(1, 0.02) and shifts 0.
  One step samples z ~ N(0, 1) and updates D with BCE with logits on the real batch
  (target 1) plus the detached fake batch (target 0). Then it updates G with the
  non-saturating loss BCE(D(G(z)), 1) against the updated D, whose parameters are frozen
  meanwhile. Both use Adam with lr 2e-4 and betas (0.5, 0.999). Both losses are read back
  to the host every step, as NativeGan's step does for its metrics.

Eager mode, float32, TF32 off, cudnn.benchmark on. The real batch is random in [-1, 1]
and stays on the GPU, so data loading is not timed. 10 warm-up steps (cudnn.benchmark
picks its algorithms there), then 5 rounds of 20 steps timed with CUDA events.

usage: python3 dcgan_step.py OUT_DIR [--batch 128] [--rounds 5] [--steps 20]
Prints one JSON line and writes OUT_DIR/torch_dcgan_step.json.
"""

import argparse
import json
import os
import statistics

import torch
from torch import nn
from torch.nn import functional

LATENT = 100
LEARNING_RATE = 2e-4
BETAS = (0.5, 0.999)
LEAKY_SLOPE = 0.2
WARMUP_STEPS = 10


def generator():
    """Build G: z (N, 100, 1, 1) to images (N, 1, 28, 28) in [-1, 1]."""
    return nn.Sequential(
        nn.ConvTranspose2d(LATENT, 256, 7, 1, 0, bias=False), nn.BatchNorm2d(256), nn.ReLU(),
        nn.ConvTranspose2d(256, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
        nn.ConvTranspose2d(128, 1, 4, 2, 1, bias=False), nn.Tanh())


def discriminator():
    """Build D: images (N, 1, 28, 28) to logits (N, 1)."""
    return nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1, bias=False), nn.LeakyReLU(LEAKY_SLOPE),
        nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128),
        nn.LeakyReLU(LEAKY_SLOPE),
        nn.Conv2d(128, 1, 7, 1, 0, bias=False), nn.Flatten())


def initialize(network):
    """Draw weights as in the DCGAN paper (Radford et al., 2016)."""
    for module in network.modules():
        if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(module.weight, 0.0, 0.02)
        elif isinstance(module, nn.BatchNorm2d):
            nn.init.normal_(module.weight, 1.0, 0.02)
            nn.init.zeros_(module.bias)


class GanStep:
    """One training step of G and D, as NativeGan's GanStep with its default labels."""

    def __init__(self, batch):
        self.g = generator().cuda().train()
        self.d = discriminator().cuda().train()
        initialize(self.g)
        initialize(self.d)
        self.g_optimizer = torch.optim.Adam(self.g.parameters(), LEARNING_RATE, BETAS)
        self.d_optimizer = torch.optim.Adam(self.d.parameters(), LEARNING_RATE, BETAS)
        self.batch = batch
        self.ones = torch.ones(batch, 1, device="cuda")
        self.zeros = torch.zeros(batch, 1, device="cuda")

    def run(self, real):
        """Update D, then G, and return both losses as floats."""
        z = torch.randn(self.batch, LATENT, 1, 1, device="cuda")
        fake = self.g(z)

        loss_d = (functional.binary_cross_entropy_with_logits(self.d(real), self.ones)
                  + functional.binary_cross_entropy_with_logits(self.d(fake.detach()),
                                                                self.zeros))
        self.d_optimizer.zero_grad()
        loss_d.backward()
        self.d_optimizer.step()

        # Frozen D: the gradient reaches the fakes through D, but D's weights get none.
        self.d.requires_grad_(False)
        try:
            loss_g = functional.binary_cross_entropy_with_logits(self.d(fake), self.ones)
            self.g_optimizer.zero_grad()
            loss_g.backward()
            self.g_optimizer.step()
        finally:
            self.d.requires_grad_(True)

        return loss_d.item(), loss_g.item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", help="folder for torch_dcgan_step.json; created if missing")
    parser.add_argument("--batch", type=int, default=128, help="images per step")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds")
    parser.add_argument("--steps", type=int, default=20, help="steps per timed round")
    args = parser.parse_args()
    if min(args.batch, args.rounds, args.steps) < 1:
        parser.error("--batch, --rounds and --steps must each be at least 1")
    if not torch.cuda.is_available():
        raise SystemExit("error: PyTorch finds no CUDA GPU, so there is nothing to time.")

    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cudnn.benchmark = True
    torch.manual_seed(1)
    step = GanStep(args.batch)
    real = torch.rand(args.batch, 1, 28, 28, device="cuda") * 2 - 1

    for _ in range(WARMUP_STEPS):
        losses = step.run(real)

    start = torch.cuda.Event(enable_timing=True)
    end = torch.cuda.Event(enable_timing=True)
    per_step = []
    for _ in range(args.rounds):
        start.record()
        for _ in range(args.steps):
            losses = step.run(real)
        end.record()
        end.synchronize()
        per_step.append(start.elapsed_time(end) / args.steps)

    per_step.sort()
    figure = {
        "name": f"dcgan_step_b{args.batch}",
        "size": f"batch {args.batch}",
        "launches_per_round": args.steps,
        "rounds": args.rounds,
        "median_milliseconds": statistics.median(per_step),
        "min_milliseconds": per_step[0],
        "gflops": None,
        "last_losses": {"loss_d": losses[0], "loss_g": losses[1]},
    }
    print(json.dumps(figure), flush=True)
    result = {
        "engine": f"PyTorch {torch.__version__}, CUDA {torch.version.cuda}, "
                  f"cuDNN {torch.backends.cudnn.version()}, eager",
        "device": torch.cuda.get_device_name(0),
        "tf32": False,
        "cudnn_benchmark": True,
        "timer": "CUDA events",
        "figures": [figure],
    }
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(args.out_dir, "torch_dcgan_step.json")
    with open(path, "w", encoding="utf-8") as file:
        json.dump(result, file, indent=2)
        file.write("\n")


if __name__ == "__main__":
    main()
