#!/usr/bin/env python3
"""Time cuBLAS SGEMM through PyTorch on a CUDA GPU, the baseline for NativeGan's DeviceGemm.

C = A B with n x n float32 matrices from U(-1, 1), TF32 off, so that cuBLAS computes in
full float32 as NativeGan does. Each size gets 3 warm-up products, one more that sizes the
rounds, then 5 rounds of back-to-back products timed with CUDA events. A round lasts about
200 ms. The fields match the timings of NativeGan.GpuCheck's results.json.

usage: python3 sgemm.py OUT_DIR [--sizes 1024,2048,4096]
Prints one JSON line per size and writes OUT_DIR/torch_sgemm.json.
"""

import argparse
import json
import math
import os
import statistics

import torch

WARMUP = 3
ROUNDS = 5
ROUND_TARGET_MS = 200.0
MAX_LAUNCHES_PER_ROUND = 200


def disable_tf32():
    """Make matrix products and convolutions compute in full float32."""
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.set_float32_matmul_precision("highest")


def elapsed_ms(launch, count):
    """Return the milliseconds that `count` calls of `launch` take on the GPU."""
    start = torch.cuda.Event(enable_timing=True)
    end = torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(count):
        launch()
    end.record()
    end.synchronize()
    return start.elapsed_time(end)


def time_sgemm(n):
    """Time one n x n x n SGEMM and return the figure as a dict."""
    generator = torch.Generator(device="cuda").manual_seed(n)
    a = torch.rand(n, n, device="cuda", generator=generator) * 2 - 1
    b = torch.rand(n, n, device="cuda", generator=generator) * 2 - 1
    c = torch.empty(n, n, device="cuda")

    def launch():
        torch.mm(a, b, out=c)

    elapsed_ms(launch, WARMUP)
    single_ms = elapsed_ms(launch, 1)
    launches = int(min(max(math.ceil(ROUND_TARGET_MS / max(single_ms, 1e-3)), 1),
                       MAX_LAUNCHES_PER_ROUND))
    per_launch = sorted(elapsed_ms(launch, launches) / launches for _ in range(ROUNDS))
    median = statistics.median(per_launch)
    return {
        "name": f"sgemm_{n}",
        "size": f"{n}x{n}x{n}",
        "launches_per_round": launches,
        "rounds": ROUNDS,
        "median_milliseconds": median,
        "min_milliseconds": per_launch[0],
        "gflops": 2.0 * n ** 3 / (median / 1000) / 1e9,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", help="folder for torch_sgemm.json; created if missing")
    parser.add_argument("--sizes", default="1024,2048,4096",
                        help="comma-separated sides n of the n x n x n products")
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("error: PyTorch finds no CUDA GPU, so there is nothing to time.")

    disable_tf32()
    device = torch.cuda.get_device_name(0)
    figures = []
    for n in (int(text) for text in args.sizes.split(",")):
        figure = time_sgemm(n)
        figures.append(figure)
        print(json.dumps(figure), flush=True)

    result = {
        "engine": f"PyTorch {torch.__version__}, CUDA {torch.version.cuda}, cuBLAS",
        "device": device,
        "tf32": False,
        "timer": "CUDA events",
        "figures": figures,
    }
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "torch_sgemm.json"), "w", encoding="utf-8") as file:
        json.dump(result, file, indent=2)
        file.write("\n")


if __name__ == "__main__":
    main()
