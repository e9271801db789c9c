#!/usr/bin/env bash
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run galaxy-importer (what Galaxy runs on upload) on a built collection artifact, offline: no
# Galaxy server, no container engine, so no ansible-test run inside it; ansible-doc and its own
# offline ansible-lint still run. Fails on a failed import and on any ERROR line in its output.
#
# usage: tools/run_importer.sh ARTIFACT WORKDIR   (python = $PYTHON, default: python on PATH)
set -euo pipefail

artifact=$(realpath "$1")
work=$2
python=${PYTHON:-python}

rm -rf "$work"
mkdir -p "$work/tmp"
work=$(realpath "$work")
cat > "$work/galaxy-importer.cfg" <<CFG
[galaxy-importer]
LOCAL_IMAGE_DOCKER = False
RUN_ANSIBLE_TEST = False
ANSIBLE_TEST_LOCAL_IMAGE = False
RUN_ANSIBLE_DOC = True
RUN_ANSIBLE_LINT = True
OFFLINE_ANSIBLE_LINT = True
CHECK_CHANGELOG = True
TMP_ROOT_DIR = $work/tmp
ANSIBLE_LOCAL_TMP = $work/tmp/ansible
LOG_LEVEL_MAIN = INFO
CFG
export GALAXY_IMPORTER_CONFIG="$work/galaxy-importer.cfg"

echo "importer: $artifact (config $GALAXY_IMPORTER_CONFIG)"
set +e
(cd "$work" && "$python" -m galaxy_importer.main "$artifact") 2>&1 | tee "$work/importer.log"
status=${PIPESTATUS[0]}
set -e

if [ "$status" -ne 0 ]; then
    echo "importer: galaxy-importer exited with status $status" >&2
    exit "$status"
fi
if grep -q 'ERROR' "$work/importer.log"; then
    echo "importer: ERROR lines in the output (full log: $work/importer.log):" >&2
    grep 'ERROR' "$work/importer.log" >&2
    exit 1
fi
echo "importer: passed (result: $work/importer_result.json)"
