#!/usr/bin/env bash
# Checks NativeGan's ILGPU kernels on a CUDA GPU machine that has no .NET: a self-contained
# bundle is built here and run there.
#
# usage:
#   scripts/gpu-check.sh [build]
#       Publishes NativeGan.GpuCheck (bench/GpuCheck) and the nativegan CLI (src/Cli) for
#       linux-x64, self-contained and untrimmed (ILGPU 1.5.3 fails when trimmed), into
#       artifacts/gpu-check/publish and artifacts/gpu-check/cli. Then packs both, the PyTorch
#       scripts (bench/torch), the MNIST IDX files and this script into
#       artifacts/gpu-check/bundle, which must stay under 60 MiB. MNIST comes from
#       $MNIST_DIR or data/mnist; without it the bundle has no train part.
#   scripts/gpu-check.sh run OUTDIR
#       On the GPU machine, from the repository (using artifacts/gpu-check/bundle) or from a
#       copy of the bundle folder (bundle/gpu-check.sh run OUTDIR). Runs nvidia-smi,
#       NativeGan.GpuCheck --device gpu (kernel checks, a DCGAN step against the CPU, SGEMM
#       and DCGAN step timings), torch/sgemm.py, torch/dcgan_step.py and
#       `nativegan train --device gpu --model dcgan --epochs 1 --train-samples 1024
#       --quality-every 0` on the bundled MNIST. Each part writes OUTDIR/PART.log and has
#       its own time limit, cut to what is left of 450 s for the whole run. OUTDIR/summary.md
#       collects the headline numbers (see scripts/gpu-check-summary.py).
#   scripts/gpu-check.sh dry-run OUTDIR
#       Here, without a GPU: runs the bundle's GpuCheck on ILGPU's CPU accelerator, compiles
#       the PyTorch scripts, runs the same train part with --device cpu, and
#       writes summary.md, to prove the harness and the bundle.
#
# Needs: build needs the .NET 10 SDK and xz. run needs bash, coreutils timeout, tar with xz
# (or python3 to unpack), and python3 with a CUDA build of PyTorch for the torch parts. .NET
# runs with invariant globalization, so the GPU machine needs no ICU.
# Exit code: 0 when every part exited 0, 1 otherwise, 2 for invalid usage.
set -euo pipefail

readonly TOTAL_SECONDS=450
readonly SUMMARY_RESERVE_SECONDS=10
readonly MAX_BUNDLE_MIB=60

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
summary_script="$here/gpu-check-summary.py"
if [[ -f "$here/app.tar.xz" ]]; then
    # This copy sits in a bundle folder, beside the packed applications.
    root=""
    bundle="$here"
else
    root="$(cd "$here/.." && pwd)"
    bundle="$root/artifacts/gpu-check/bundle"
fi

die() {
    echo "error: $*" >&2
    exit 1
}

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

# ---- build -----------------------------------------------------------------------------

publish() {
    local project=$1 output=$2
    echo "== dotnet publish $project -> $output" >&2
    dotnet publish "$project" -c Release -r linux-x64 --self-contained \
        -p:PublishTrimmed=false -o "$output"
}

# Replaces each file of folder $2 that is identical to the same file of folder $1 by a hard
# link to it, so that tar stores the .NET runtime and libraries that both applications
# share once. Files that differ, such as a newer package of a framework library, stay apart.
link_duplicates() {
    local first=$1 second=$2 file
    while IFS= read -r file; do
        if [[ -f "$first/$file" ]] && cmp -s "$first/$file" "$second/$file"; then
            ln -f "$first/$file" "$second/$file"
        fi
    done < <(cd "$second" && find . -type f)
}

build() {
    [[ -n $root ]] || die "build runs in the repository: this is a bundle folder."
    command -v dotnet > /dev/null || die "dotnet is missing: install the .NET 10 SDK."
    local artifacts="$root/artifacts/gpu-check"
    local mnist="${MNIST_DIR:-$root/data/mnist}"
    local idx_files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte
        t10k-labels-idx1-ubyte)
    rm -rf "$artifacts/publish" "$artifacts/cli" "$artifacts/stage" "$bundle"
    publish "$root/bench/GpuCheck/NativeGan.GpuCheck.csproj" "$artifacts/publish"
    publish "$root/src/Cli/NativeGan.Cli.csproj" "$artifacts/cli"

    echo "== packing $bundle" >&2
    mkdir -p "$artifacts/stage" "$bundle/torch"
    cp -a "$artifacts/publish" "$artifacts/stage/gpu-check"
    cp -a "$artifacts/cli" "$artifacts/stage/cli"
    link_duplicates "$artifacts/stage/gpu-check" "$artifacts/stage/cli"
    tar -C "$artifacts/stage" -cJf "$bundle/app.tar.xz" gpu-check cli
    rm -rf "$artifacts/stage"
    local missing=0 file
    for file in "${idx_files[@]}"; do
        [[ -f "$mnist/$file" ]] || missing=1
    done
    if [[ $missing == 0 ]]; then
        tar -C "$mnist" -cJf "$bundle/mnist.tar.xz" "${idx_files[@]}"
    else
        echo "warning: $mnist lacks the MNIST IDX files (nativegan fetch downloads them)," \
            "so the bundle has no train part." >&2
    fi
    cp "$root/scripts/gpu-check.sh" "$root/scripts/gpu-check-summary.py" "$bundle/"
    cp "$root/bench/torch/sgemm.py" "$root/bench/torch/dcgan_step.py" "$bundle/torch/"
    {
        echo "built_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "commit: $(git -C "$root" rev-parse HEAD 2> /dev/null || echo unknown)"
        echo "uncommitted_changes: $(git -C "$root" status --porcelain 2> /dev/null | wc -l)"
        echo "dotnet_sdk: $(dotnet --version)"
    } > "$bundle/BUILD_INFO"

    local bytes
    bytes=$(du -sb "$bundle" | cut -f1)
    echo "bundle: $bundle, $((bytes / 1024 / 1024)) MiB ($bytes bytes)" >&2
    du -b "$bundle"/* | sort -n >&2
    if ((bytes > MAX_BUNDLE_MIB * 1024 * 1024)); then
        die "the bundle takes $bytes bytes, over the $MAX_BUNDLE_MIB MiB limit."
    fi
}

# ---- run -------------------------------------------------------------------------------

deadline=0
out=""
failures=0

# Runs one part: part NAME LIMIT_SECONDS COMMAND... Output goes to $out/NAME.log, and a row
# NAME, exit code, seconds and log file to $out/parts.tsv. The limit is cut to the time left
# before the deadline, less a reserve for the summary. Exit code 124 means timed out.
part() {
    local name=$1 limit=$2
    shift 2
    local left=$((deadline - SECONDS - SUMMARY_RESERVE_SECONDS))
    ((limit > left)) && limit=$left
    if ((limit < 5)); then
        echo "== $name: skipped, no time left" >&2
        printf '%s\t%s\t%s\t%s\n' "$name" "skipped" 0 "-" >> "$out/parts.tsv"
        failures=$((failures + 1))
        return
    fi

    echo "== $name (limit ${limit} s)" >&2
    local start=$SECONDS rc=0
    {
        echo "\$ $*"
        echo
    } > "$out/$name.log"
    timeout --kill-after=5 "$limit" bash -c '"$@"' _ "$@" >> "$out/$name.log" 2>&1 || rc=$?
    local seconds=$((SECONDS - start))
    if ((rc == 124)); then
        echo "$name timed out after $limit s" >> "$out/$name.log"
    fi
    echo "   exit code $rc after $seconds s; log $name.log" >&2
    printf '%s\t%s\t%s\t%s\n' "$name" "$rc" "$seconds" "$name.log" >> "$out/parts.tsv"
    ((rc == 0)) || failures=$((failures + 1))
}

# Unpacks archive $1 into folder $2, with python3 where xz is missing.
extract() {
    local archive=$1 into=$2
    mkdir -p "$into"
    echo "unpacking $archive into $into"
    if command -v xz > /dev/null; then
        tar -C "$into" -xJf "$archive"
    else
        python3 - "$archive" "$into" << 'PYTHON'
import sys
import tarfile

with tarfile.open(sys.argv[1]) as archive:
    # Pythons with extraction filters (3.12, and updates of 3.8 to 3.11) take one. The
    # "tar" filter keeps the executable bits.
    options = {"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}
    archive.extractall(sys.argv[2], **options)
PYTHON
    fi
}

# Unpacks the applications into $1/gpu-check and $1/cli, and MNIST, if bundled, into
# $1/mnist.
unpack() {
    extract "$bundle/app.tar.xz" "$1" || return
    if [[ -f "$bundle/mnist.tar.xz" ]]; then
        extract "$bundle/mnist.tar.xz" "$1/mnist" || return
    fi
}

nvidia_summary() {
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,power.limit \
        --format=csv,noheader > "$out/nvidia-smi.csv"
    cat "$out/nvidia-smi.csv"
    nvidia-smi
}

compile_torch_scripts() {
    PYTHONPYCACHEPREFIX="$work/pycache" python3 -m py_compile "$bundle/torch/sgemm.py" \
        "$bundle/torch/dcgan_step.py"
    echo "bench/torch scripts compile"
}

# Runs the short DCGAN training with options $@, then copies the run folder's small files to
# $out/train. The checkpoints take megabytes and stay behind.
train() {
    local run="$work/train-run"
    local command=("$work/cli/nativegan" train "$@" --model dcgan --epochs 1
        --train-samples 1024 --quality-every 0 --data "$work/mnist" --out "$run")
    echo "\$ ${command[*]}"
    "${command[@]}"
    local rc=$?
    mkdir -p "$out/train"
    if [[ -d $run ]]; then
        (cd "$run" && find . -type f ! -name '*.safetensors' \
            -exec cp --parents {} "$out/train/" \;)
    fi
    return $rc
}

export -f extract unpack nvidia_summary compile_torch_scripts train

run_parts() {
    local mode=$1
    [[ -n $out ]] || { usage >&2; exit 2; }
    [[ -f "$bundle/app.tar.xz" ]] ||
        die "no bundle at $bundle: run scripts/gpu-check.sh build first."
    mkdir -p "$out"
    out="$(cd "$out" && pwd)"
    deadline=$((SECONDS + TOTAL_SECONDS))
    work="$(mktemp -d "${TMPDIR:-/tmp}/nativegan-gpu-check.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    export bundle out work
    export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
    : > "$out/parts.tsv"
    cp "$bundle/BUILD_INFO" "$out/" 2> /dev/null || true

    if [[ $mode == gpu ]]; then
        part nvidia-smi 15 nvidia_summary
        part unpack 60 unpack "$work"
        part gpu-check 150 "$work/gpu-check/NativeGan.GpuCheck" --device gpu \
            --out "$out/gpu-check"
        part torch-sgemm 60 python3 "$bundle/torch/sgemm.py" "$out/torch"
        part torch-dcgan-step 90 python3 "$bundle/torch/dcgan_step.py" "$out/torch"
        local device_option=(--device gpu)
    else
        part unpack 60 unpack "$work"
        part gpu-check 150 "$work/gpu-check/NativeGan.GpuCheck" --device cpu-accelerator \
            --out "$out/gpu-check"
        part torch-compile 30 compile_torch_scripts
        local device_option=(--device cpu)
    fi

    if [[ -f "$bundle/mnist.tar.xz" ]]; then
        part train 90 train "${device_option[@]}"
    else
        echo "== train: skipped, the bundle has no MNIST" >&2
    fi

    echo "== summary" >&2
    python3 "$summary_script" "$out" > /dev/null || failures=$((failures + 1))
    cat "$out/summary.md"
    echo
    echo "$failures part(s) failed; results in $out" >&2
    ((failures == 0))
}

case "${1:-build}" in
    build) build ;;
    run) out="${2:-}"; run_parts gpu ;;
    dry-run) out="${2:-}"; run_parts cpu-accelerator ;;
    -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
esac
