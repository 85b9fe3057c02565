#!/usr/bin/env bash
# Builds the libtorch baseline and runs it with the given arguments, for example
#   bench/LibTorchBaseline/run.sh measure --threads 2,1 --output libtorch-figures.json
#
# Where the system's libstdc++ lacks GLIBCXX_3.4.32 (Debian 12), the baseline runs on Debian 13's
# glibc and libstdc++ from trixie-libs/, which prepare-runtime.sh fetches on first use. A copy
# of the program's launcher gets trixie's dynamic loader as its ELF interpreter (patchelf), and
# LD_LIBRARY_PATH points at trixie's libraries for that process alone.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# For linux-x64 only: the native libraries land next to the program (480 MB, not the 1 GB of
# every platform's copy).
dotnet build "$here/LibTorchBaseline.csproj" -c Release -r linux-x64 --no-self-contained \
    -nologo -v quiet >&2
out="$here/bin/Release/net10.0/linux-x64"
native="$out/libLibTorchSharp.so"

# ldd's output is kept whole first: with pipefail, `ldd | grep -q` can fail when grep exits early.
ldd_output="$(ldd "$native" 2>&1 || true)"
if ! grep -q "GLIBCXX_.* not found" <<<"$ldd_output"; then
    exec dotnet "$out/LibTorchBaseline.dll" "$@"
fi

lib="$here/trixie-libs/root/usr/lib/x86_64-linux-gnu"
if [[ ! -x "$lib/ld-linux-x86-64.so.2" ]]; then
    echo "The system's libstdc++ lacks GLIBCXX_3.4.32; fetching Debian 13's runtime." >&2
    "$here/prepare-runtime.sh" >&2
fi

if ! command -v patchelf >/dev/null; then
    echo "error: patchelf is missing; install it with: apt-get install patchelf" >&2
    exit 1
fi

# The .NET launcher finds the app next to itself through /proc/self/exe, so it is started as
# a program with a different interpreter, not as an argument of that loader.
launcher="$out/LibTorchBaseline.trixie"
cp "$out/LibTorchBaseline" "$launcher"
patchelf --set-interpreter "$lib/ld-linux-x86-64.so.2" "$launcher"

# The launcher looks for the .NET runtime in DOTNET_ROOT before the default install folders.
if [[ -z "${DOTNET_ROOT:-}" ]]; then
    export DOTNET_ROOT="$(dirname "$(readlink -f "$(command -v dotnet)")")"
fi
exec env LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$launcher" "$@"
