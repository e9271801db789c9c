#!/usr/bin/env bash
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Check that an execution environment with this collection can be defined, without a container
# engine: `ansible-builder create` on tests/ee/execution-environment.yml (which installs the
# collection from its built artifact), then the two steps of the image build that depend on the
# collection, replayed on this machine from the generated build context:
#   - the galaxy stage: `ansible-galaxy collection install -r requirements.yml` from _build/, offline;
#   - the builder stage's introspection: `ansible-builder introspect` must find the collection's
#     meta/execution-environment.yml and its Python requirements (requests, phonenumbers).
# Fails on any WARNING or ERROR from ansible-builder (a missing build file is only a warning there).
#
# usage: tools/check_ee.sh BUILD_DIR ARTIFACT   (BUILD_DIR is emptied; tools from PATH)
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 BUILD_DIR ARTIFACT" >&2
    exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
artifact=$(realpath "$2")
work=$1
[ -f "$artifact" ] || { echo "ee: no artifact at $2 (run make build)" >&2; exit 2; }
fail() { echo "ee: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/definition"
work=$(realpath "$work")
start=$(date +%s.%N)

# The definition refers to the artifact by a fixed name next to it.
cp "$root/tests/ee/execution-environment.yml" "$work/definition/execution-environment.yml"
cp "$artifact" "$work/definition/sinch-numbers.tar.gz"

echo "ee: ansible-builder create (context: $work/context)"
ansible-builder create -v 3 --output-filename Containerfile \
    -f "$work/definition/execution-environment.yml" -c "$work/context" 2>&1 | tee "$work/create.log" \
    || fail "ansible-builder create failed (log: $work/create.log)"
if grep -Eq 'WARNING|ERROR' "$work/create.log"; then
    fail "ansible-builder create reported problems (log: $work/create.log)"
fi
for file in Containerfile _build/requirements.yml _build/collections/sinch-numbers.tar.gz _build/scripts/introspect.py; do
    [ -f "$work/context/$file" ] || fail "the build context lacks $file"
done

echo "ee: replaying the galaxy stage (ansible-galaxy collection install -r requirements.yml, offline)"
(cd "$work/context/_build" && ANSIBLE_GALAXY_DISABLE_GPG_VERIFY=1 \
    ansible-galaxy collection install --offline -r requirements.yml --collections-path "$work/collections") \
    > "$work/galaxy.log" 2>&1 || { cat "$work/galaxy.log" >&2; fail "installing the collection from the build context failed"; }
[ -f "$work/collections/ansible_collections/sinch/numbers/meta/execution-environment.yml" ] \
    || fail "the installed collection has no meta/execution-environment.yml"

echo "ee: replaying the introspection of the builder stage"
ansible-builder introspect --write-pip "$work/requirements.txt" "$work/collections" 2>&1 | tee "$work/introspect.log" \
    || fail "ansible-builder introspect failed: is every file named in meta/execution-environment.yml in the artifact? (log: $work/introspect.log)"
if grep -Eq 'WARNING|ERROR|Expected requirements file not present' "$work/introspect.log"; then
    fail "ansible-builder introspect reported problems (log: $work/introspect.log)"
fi
grep -Eq '^requests.*# from collection sinch\.numbers' "$work/requirements.txt" \
    || fail "the introspected Python requirements lack requests from sinch.numbers: $(cat "$work/requirements.txt" 2>/dev/null)"
grep -Eq '^phonenumbers.*# from collection sinch\.numbers' "$work/requirements.txt" \
    || fail "the introspected Python requirements lack phonenumbers from sinch.numbers: $(cat "$work/requirements.txt" 2>/dev/null)"

echo "ee: passed in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s" \
    "(Containerfile: $work/context/Containerfile)"
