#!/usr/bin/env python3
"""Write OUT_DIR/summary.md from the results that scripts/gpu-check.sh collected in OUT_DIR.

Reads, where present: parts.tsv (each part's exit code and seconds), nvidia-smi.csv,
gpu-check/results.json (NativeGan.GpuCheck), torch/torch_sgemm.json and
torch/torch_dcgan_step.json (bench/torch), and train/summary.json (nativegan train).
A missing file leaves its section saying so. Needs only the Python standard library.

usage: python3 gpu-check-summary.py OUT_DIR
"""

import csv
import json
import os
import sys


def load_json(path):
    """Return the parsed file, or None when it is missing or unreadable."""
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError):
        return None


def figures_by_name(document, key):
    """Map each figure's name to the figure, from a list under `key`."""
    if not document:
        return {}
    return {figure["name"]: figure for figure in document.get(key, [])
            if figure.get("error") is None}


def number(value, digits=2):
    """Format a float with fixed digits, or a dash when it is missing."""
    return "-" if value is None else f"{value:.{digits}f}"


def gflops_digits(figure):
    """Digits for a GFLOP/s figure: none from 10 up, two below, as on the CPU accelerator."""
    return 0 if figure and (figure.get("gflops") or 0) >= 10 else 2


def parts_section(out_dir):
    lines = ["## Parts", "", "| part | exit code | seconds | log |", "| --- | ---: | ---: | --- |"]
    try:
        with open(os.path.join(out_dir, "parts.tsv"), encoding="utf-8") as file:
            for row in csv.reader(file, delimiter="\t"):
                if len(row) == 4:
                    lines.append(f"| {row[0]} | {row[1]} | {row[2]} | {row[3]} |")
    except OSError:
        lines.append("| (parts.tsv missing) | | | |")
    return lines


def machine_section(out_dir):
    lines = ["## Machine", ""]
    try:
        with open(os.path.join(out_dir, "nvidia-smi.csv"), encoding="utf-8") as file:
            gpus = [line.strip() for line in file if line.strip()]
    except OSError:
        gpus = []
    lines += [f"- GPU (name, driver, memory, max SM clock, power limit): {gpu}" for gpu in gpus]
    if not gpus and os.path.exists(os.path.join(out_dir, "nvidia-smi.log")):
        lines.append("- GPU: nvidia-smi listed none; see nvidia-smi.log")
    elif not gpus:
        lines.append("- GPU: none; a dry run uses ILGPU's CPU accelerator")
    try:
        with open(os.path.join(out_dir, "BUILD_INFO"), encoding="utf-8") as file:
            lines += [f"- bundle {line.strip()}" for line in file if line.strip()]
    except OSError:
        lines.append("- bundle: BUILD_INFO missing")
    return lines


def checks_section(results):
    lines = ["## NativeGan kernel checks", ""]
    if results is None:
        return lines + ["gpu-check/results.json is missing: GpuCheck did not finish."]
    lines.append(f"- device: {results.get('device_name') or 'none'}")
    if results.get("device_error"):
        lines.append(f"- device error: {results['device_error'].splitlines()[0]}")
    checks = results.get("checks", [])
    failed = [check for check in checks if not check.get("passed")]
    lines.append(f"- checks passed: {len(checks) - len(failed)} of {len(checks)}")
    for check in failed:
        reason = (check.get("error") or "").splitlines()[:1]
        detail = reason[0] if reason else (
            f"max abs error {check['max_abs_error']:.3g}, "
            f"{check['max_tolerance_ratio']:.3g} of tolerance")
        lines.append(f"  - FAIL {check['family']} {check['name']} "
                     f"[{check['size']}]: {detail}")
    return lines


def sgemm_section(nativegan, torch):
    lines = ["## SGEMM, float32 (TF32 off for cuBLAS)", "",
             "| n | NativeGan ms | NativeGan GFLOP/s | cuBLAS ms | cuBLAS GFLOP/s | "
             "NativeGan time / cuBLAS time |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    headline = None
    sides = {int(name.split("_")[1]) for name in list(nativegan) + list(torch)
             if name.startswith("sgemm_")}
    for n in sorted(sides | {1024, 2048, 4096}):
        ours = nativegan.get(f"sgemm_{n}")
        theirs = torch.get(f"sgemm_{n}")
        ratio = None
        if ours and theirs:
            ratio = ours["median_milliseconds"] / theirs["median_milliseconds"]
            if n == 4096:
                headline = ratio
        lines.append(
            f"| {n} | {number(ours and ours['median_milliseconds'], 3)} | "
            f"{number(ours and ours['gflops'], gflops_digits(ours))} | "
            f"{number(theirs and theirs['median_milliseconds'], 3)} | "
            f"{number(theirs and theirs['gflops'], 0)} | {number(ratio)} |")
    lines += ["", "NativeGan: wall time between two ComputeDevice.Synchronize calls; cuBLAS: "
              "CUDA events. Both: median of 5 rounds of about 200 ms after warm-up.", "",
              "NativeGan with each kernel forced (DeviceGemm picks one by size):", ""]
    for n in sorted(sides):
        forced = [(label, nativegan.get(f"sgemm_{n}_{label}")) for label in ("64x64", "128x128")]
        lines.append(f"- n = {n}: " + ", ".join(
            f"{label} {number(figure and figure['median_milliseconds'], 3)} ms"
            for label, figure in forced))
    return lines, headline


def dcgan_section(nativegan, torch, train):
    lines = ["## DCGAN-MNIST training step, batch 128", ""]
    ours = nativegan.get("dcgan_step_b128")
    theirs = torch.get("dcgan_step_b128")
    ratio = None
    lines.append("- PyTorch (eager, fp32, TF32 off, cudnn.benchmark): "
                 + (f"{theirs['median_milliseconds']:.3f} ms per step" if theirs
                    else "not measured"))
    if ours:
        lines.append(f"- NativeGan on the GPU (GpuCheck): "
                     f"{ours['median_milliseconds']:.3f} ms per step")
        if theirs:
            ratio = ours["median_milliseconds"] / theirs["median_milliseconds"]
            lines.append(f"- NativeGan time / PyTorch time: {ratio:.2f}")
    else:
        # A dry run on the CPU accelerator times a narrow model at a small batch instead.
        other = next((value for key, value in nativegan.items()
                      if key.startswith("dcgan_step_")), None)
        if other and other.get("median_milliseconds") is not None:
            lines.append(f"- NativeGan (GpuCheck), {other.get('size', '')}: "
                         f"{other['median_milliseconds']:.3f} ms per step, not batch 128")
        else:
            lines.append("- NativeGan on the GPU (GpuCheck): not measured; see "
                         "gpu-check.log")
    if train and train.get("steps"):
        per_step = 1000 * train["seconds"] / train["steps"]
        lines.append(f"- nativegan train on {train.get('device', 'an unnamed device')} "
                     f"(train.log has the command): {train['steps']} steps in "
                     f"{train['seconds']:.1f} s, {per_step:.1f} ms per step. This includes "
                     "kernel compilation, batch loading and per-step metrics, so it is an "
                     "upper bound, not comparable with the warmed-up figures above.")
    else:
        lines.append("- nativegan train: no train/summary.json; see train.log")
    return lines, ratio


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.strip().splitlines()[-1])
    out_dir = sys.argv[1]
    results = load_json(os.path.join(out_dir, "gpu-check", "results.json"))
    nativegan = figures_by_name(results, "timings")
    torch_figures = figures_by_name(
        load_json(os.path.join(out_dir, "torch", "torch_sgemm.json")), "figures")
    torch_figures.update(figures_by_name(
        load_json(os.path.join(out_dir, "torch", "torch_dcgan_step.json")), "figures"))
    train = load_json(os.path.join(out_dir, "train", "summary.json"))

    sgemm, sgemm_ratio = sgemm_section(nativegan, torch_figures)
    dcgan, dcgan_ratio = dcgan_section(nativegan, torch_figures, train)
    lines = ["# NativeGan GPU check summary", "",
             f"- SGEMM 4096, NativeGan time / cuBLAS time: {number(sgemm_ratio)}",
             f"- DCGAN step, NativeGan time / PyTorch time: {number(dcgan_ratio)}", ""]
    for section in (machine_section(out_dir), checks_section(results), sgemm, dcgan,
                    parts_section(out_dir)):
        lines += section + [""]
    text = "\n".join(lines)
    with open(os.path.join(out_dir, "summary.md"), "w", encoding="utf-8") as file:
        file.write(text)
    print(text)


if __name__ == "__main__":
    main()
