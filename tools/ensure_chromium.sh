#!/usr/bin/env bash
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Make sure Debian's Chromium is installed for the browser check of the number_report role
# (tests/integration/targets/role_number_report/tasks/browser.yml runs /usr/bin/chromium headless).
# Does nothing when it is there; otherwise installs it with apt-get, which needs root. The fonts
# are named too, so that the screenshot shows text on a machine installed without recommends.
#
# usage: tools/ensure_chromium.sh
set -euo pipefail

chromium=/usr/bin/chromium
packages=(chromium fonts-liberation fonts-dejavu-core)

if [ -x "$chromium" ]; then
    echo "ensure_chromium: $("$chromium" --version 2>/dev/null || echo "$chromium")"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure_chromium: $chromium is missing and only root can install it: sudo apt-get install ${packages[*]}" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null; then
    echo "ensure_chromium: $chromium is missing and this is not a Debian-like system (no apt-get)" >&2
    exit 1
fi

echo "ensure_chromium: installing ${packages[*]} from Debian"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
"$chromium" --version
