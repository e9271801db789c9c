#!/usr/bin/env bash
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Print the path of a CPython 3.13 interpreter for ansible-core 2.20+ (which needs Python 3.12+),
# building it first if the cache does not hold one yet.
#
#   tools/build_python.sh            # prints e.g. ~/.cache/sinch-numbers/python3.13/bin/python3.13
#   tools/build_python.sh --cached   # the same, but fails instead of building
#
# Order of preference: $SINCH_PYTHON313 if set; a python3.13 on PATH; the cached build in
# ${SINCH_PYTHON_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sinch-numbers}/python3.13; else build it.
#
# Why build: this Debian release (bookworm) packages only Python 3.11 and no prebuilt Python can be
# downloaded from the machines we test on, but Debian's source archive is reachable through apt.
# The upstream tarball (python3.13_*.orig.tar.xz) is fetched with apt from a deb-src entry for
# Debian trixie kept in a private folder, so the system's apt configuration is never touched, and
# apt checks it against trixie's signed Sources index. Built with bookworm's -dev packages
# (.ci/run installs them); about 4-5 minutes on 2 cores, once per machine. Progress goes to stderr
# and the build log to the cache folder; only the interpreter's path goes to stdout.
set -euo pipefail

VERSION=3.13
cache=${SINCH_PYTHON_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sinch-numbers}
prefix=$cache/python$VERSION
python=$prefix/bin/python$VERSION
# The standard-library modules ansible-core, pip and venv need from the build.
CHECK='import ssl, sqlite3, zlib, bz2, lzma, ctypes, hashlib, venv, ensurepip'

say() { echo "build_python: $*" >&2; }

usable() {  # usable PYTHON: a 3.13 with the modules we need
    "$1" -c "import sys; assert sys.version_info[:2] == (3, 13); $CHECK" >/dev/null 2>&1
}

if [ -n "${SINCH_PYTHON313:-}" ]; then
    usable "$SINCH_PYTHON313" || { say "SINCH_PYTHON313=$SINCH_PYTHON313 is not a usable Python $VERSION"; exit 1; }
    echo "$SINCH_PYTHON313"; exit 0
fi
if found=$(command -v "python$VERSION" 2>/dev/null) && usable "$found"; then
    echo "$found"; exit 0
fi
if [ -x "$python" ] && usable "$python"; then
    echo "$python"; exit 0
fi

if [ "${1:-}" = --cached ]; then
    say "no usable Python $VERSION yet (it would be built into $prefix)"
    exit 1
fi

mkdir -p "$cache"
# One build at a time per cache folder (two make runs may ask at once).
exec 9>"$cache/.python$VERSION.lock"
flock 9
if [ -x "$python" ] && usable "$python"; then
    echo "$python"; exit 0
fi

start=$(date +%s)
work=$(mktemp -d "$cache/.build-python$VERSION.XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$cache/python$VERSION-build.log
: > "$log"

# 1. The source tarball from Debian's trixie source index, with a private apt state.
apt_dir=$work/apt
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$work/src"
mirror=$(sed -n 's/^URIs:[[:space:]]*\(http[^ ]*debian\)[[:space:]]*$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
mirror=${mirror:-http://deb.debian.org/debian}
cat > "$apt_dir/sources.list.d/trixie-src.sources" <<EOF
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
me=$(id -un)
apt_opts=(
    -o "Dir::Etc::sourcelist=$apt_dir/sources.list"
    -o "Dir::Etc::sourceparts=$apt_dir/sources.list.d"
    -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::Cache=$apt_dir/cache"
    -o "Debug::NoLocking=1"
    # apt drops to the _apt user for downloads, which cannot write into our private folder.
    -o "APT::Sandbox::User=$me"
)
say "fetching Debian trixie's python$VERSION source package (apt, private state in $apt_dir)"
apt-get "${apt_opts[@]}" -qq update >>"$log" 2>&1 || { tail -20 "$log" >&2; say "apt-get update failed"; exit 1; }
(cd "$work/src" && apt-get "${apt_opts[@]}" -qq --download-only source "python$VERSION") >>"$log" 2>&1 \
    || { tail -20 "$log" >&2; say "apt-get source failed"; exit 1; }
tarball=$(ls "$work/src/python${VERSION}"_*.orig.tar.xz)
say "got $(basename "$tarball") after $(( $(date +%s) - start )) s"

# 2. Build and install into a temporary prefix, then move it into place.
tar -xJf "$tarball" -C "$work/src"
srcdir=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'Python-*' | head -1)
stage=$prefix.new
rm -rf "$stage"
say "building $(basename "$srcdir") into $prefix (log: $log)"
(
    cd "$srcdir"
    ./configure --prefix="$prefix" --disable-test-modules --with-ensurepip=install
    make -j"$(nproc)"
    make altinstall DESTDIR="$stage"
) >>"$log" 2>&1 || { tail -30 "$log" >&2; say "build failed"; exit 1; }
rm -rf "$prefix"
mv "$stage$prefix" "$prefix"
rm -rf "$stage"
usable "$python" || { say "the build lacks a module ($CHECK): see $log"; exit 1; }
say "built $("$python" -V) in $(( $(date +%s) - start )) s"
echo "$python"
