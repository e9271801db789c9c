#!/usr/bin/env bash
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Create (or re-create) a virtual environment and install a requirements file into it.
#
#   tools/make_venv.sh VENV BASE_PYTHON REQUIREMENTS_FILE
#
# The venv is made anew when it is missing, broken (its interpreter gone, e.g. a cached Python
# deleted) or of another Python minor version than BASE_PYTHON; otherwise the requirements are
# installed over it. pip's output goes to VENV/pip-install.log (its tail is shown on failure).
set -euo pipefail

venv=$1 base=$2 requirements=$3
want=$("$base" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
have=$("$venv/bin/python" -c 'import sys, ssl; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
if [ "$have" != "$want" ]; then
    echo "venv: creating $venv with $base (Python $want)"
    rm -rf "$venv"
    "$base" -m venv "$venv"
fi
echo "venv: installing $requirements into $venv (log: $venv/pip-install.log)"
# The machine's pip configuration may name index folders that do not exist: pip warns for each.
"$venv/bin/python" -m pip install --disable-pip-version-check -r "$requirements" > "$venv/pip-install.log" 2>&1 \
    || { grep -v 'is ignored: it is neither' "$venv/pip-install.log" | tail -30; exit 1; }
