#!/usr/bin/env bash
# Fetches Debian 13 (trixie)'s C and C++ runtime libraries into bench/LibTorchBaseline/trixie-libs
# for the baseline process alone. Nothing is installed, and the system's libraries stay as they are.
#
# Why: TorchSharp 0.107.0's libLibTorchSharp.so needs GLIBCXX_3.4.32 (libstdc++ of GCC 13 or
# newer), and Debian 12's libstdc++ (GCC 12) stops at GLIBCXX_3.4.30. Debian 12 has no newer
# libstdc++. Trixie's (GCC 14) needs glibc 2.38 (__isoc23_strtoul), but Debian 12 has 2.36. So
# the baseline runs on trixie's glibc, libstdc++ and libgcc_s together, started through trixie's
# dynamic loader (see run.sh).
#
# Needs: apt-get and dpkg-deb (any Debian) and the Debian mirror that /etc/apt already uses;
# set DEBIAN_MIRROR to use another one. Tested as root on Debian 12.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
target="$here/trixie-libs"
work="$target/apt"
packages=(libc6 libstdc++6 libgcc-s1)

# The first Debian mirror in /etc/apt: deb822 "URIs:" lines, then one-line "deb URI" entries.
mirror="${DEBIAN_MIRROR:-}"
if [[ -z "$mirror" ]]; then
    mirror="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
        awk '/^URIs:/ && $2 ~ /\/debian\/?$/ { print $2; exit }')"
fi
if [[ -z "$mirror" ]]; then
    mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }')"
fi
if [[ -z "$mirror" ]]; then
    echo "error: no Debian mirror found in /etc/apt; set DEBIAN_MIRROR to the URI of one" >&2
    exit 1
fi

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [[ ! -f "$keyring" ]]; then
    echo "error: $keyring is missing; install it with: apt-get install debian-archive-keyring" >&2
    exit 1
fi

rm -rf "$target"
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/debs" "$target/root"
echo "deb [signed-by=$keyring] $mirror trixie main" >"$work/sources.list"

# A private apt configuration: its own source list, package lists and cache, so the system's
# apt sources and state are untouched.
apt_options=(
    -o "Dir::Etc::SourceList=$work/sources.list"
    -o "Dir::Etc::SourceParts=/nonexistent"
    -o "Dir::State::Lists=$work/lists"
    -o "Dir::Cache=$work"
    -o "Dir::Cache::archives=$work/archives"
    -o "APT::Sandbox::User=$(id -un)"
)
apt-get "${apt_options[@]}" update
(cd "$work/debs" && apt-get "${apt_options[@]}" download "${packages[@]}")

for deb in "$work"/debs/*.deb; do
    dpkg-deb -x "$deb" "$target/root"
    dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb" >>"$target/VERSIONS"
done
rm -rf "$work"

lib="$target/root/usr/lib/x86_64-linux-gnu"
if ! grep -q GLIBCXX_3.4.32 "$lib/libstdc++.so.6"; then
    echo "error: the fetched libstdc++.so.6 lacks GLIBCXX_3.4.32" >&2
    exit 1
fi

echo "Fetched into $target:"
cat "$target/VERSIONS"
