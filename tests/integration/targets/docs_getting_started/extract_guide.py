# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the blocks of the getting-started guide marked ``.. getting-started: <file>`` to <file>, as written.

The marked block is the first ``code-block`` after the marker; its indented lines, less their indentation, are the
file. usage: extract_guide.py GUIDE.rst OUT_DIR -- prints the names of the files written, one a line.
"""

from __future__ import annotations

import os
import re
import sys

MARKER = re.compile(r'^\.\. getting-started: (\S+)\s*$')
BLOCK = re.compile(r'^\.\. code-block::')


def blocks(lines):
    """``(name, text)`` for every marked block."""
    index = 0
    while index < len(lines):
        marker = MARKER.match(lines[index])
        index += 1
        if not marker:
            continue
        while index < len(lines) and not BLOCK.match(lines[index]):
            if MARKER.match(lines[index]) or (lines[index].strip() and not lines[index].startswith('..')):
                raise SystemExit('%s: the marker is not followed by a code-block' % marker.group(1))
            index += 1
        index += 1
        body = []
        while index < len(lines) and (not lines[index].strip() or lines[index].startswith(' ')):
            body.append(lines[index])
            index += 1
        text = list(body)
        while text and not text[0].strip():
            text.pop(0)
        while text and not text[-1].strip():
            text.pop()
        indent = min(len(line) - len(line.lstrip(' ')) for line in text if line.strip())
        yield marker.group(1), ''.join(line[indent:] if line.strip() else '\n' for line in text)


def main(guide, out_dir):
    with open(guide, encoding='utf-8') as handle:
        lines = handle.readlines()
    found = list(blocks(lines))
    if not found:
        raise SystemExit('%s: no block marked ".. getting-started: <file>"' % guide)
    for name, text in found:
        with open(os.path.join(out_dir, name), 'w', encoding='utf-8') as handle:
            handle.write(text)
        print(name)


if __name__ == '__main__':
    main(*sys.argv[1:3])
