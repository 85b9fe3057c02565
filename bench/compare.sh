#!/usr/bin/env bash
# Measures libtorch (bench/LibTorchBaseline) and NativeGan (bench/NativeGan.Benchmarks) one
# after the other on this machine, then prints each figure side by side with the ratio
# NativeGan / libtorch. Figures that NativeGan has no benchmark for show as "missing".
#
# usage: bench/compare.sh [--out DIR] [--threads 2,1] [--skip-libtorch] [--skip-nativegan]
#   --out DIR          where results go (default: artifacts/compare in the repository)
#   --threads LIST     libtorch thread counts (default 2,1); NativeGan's benchmarks run
#                      the Threads values they declare
#   --skip-libtorch    reuse DIR/libtorch-figures.json from an earlier run
#   --skip-nativegan   reuse the BenchmarkDotNet reports under DIR/nativegan from an earlier run
#
# Run it on an otherwise idle machine: with as many threads as cores, other processes stall
# the threads of both engines and the figures scatter.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/artifacts/compare"
threads="2,1"
run_libtorch=1
run_nativegan=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --skip-libtorch) run_libtorch=0; shift ;;
        --skip-nativegan) run_nativegan=0; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
            exit 0 ;;
        *) echo "error: unknown argument '$1'; see --help" >&2; exit 2 ;;
    esac
done
mkdir -p "$out"
baseline="$root/bench/LibTorchBaseline/run.sh"

if [[ $run_libtorch == 1 ]]; then
    echo "== libtorch baseline (threads $threads)" >&2
    "$baseline" measure --threads "$threads" --output "$out/libtorch-figures.json"
fi

if [[ $run_nativegan == 1 ]]; then
    # Only the NativeGan benchmarks that map to a baseline figure; the baseline lists them.
    mapfile -t filters < <("$baseline" benchmark-filters)
    echo "== NativeGan benchmarks: ${filters[*]}" >&2
    rm -rf "$out/nativegan"
    if ! dotnet run -c Release --project "$root/bench/NativeGan.Benchmarks" -- \
        --filter "${filters[@]}" --exporters json --artifacts "$out/nativegan"; then
        echo "warning: NativeGan's benchmarks failed; the figures they lack show as missing" >&2
    fi
fi
mkdir -p "$out/nativegan"

echo "== comparison" >&2
"$baseline" compare --libtorch "$out/libtorch-figures.json" --nativegan "$out/nativegan" |
    tee "$out/comparison.txt"
