# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""tools/build_tree.py: the copy of the working tree that ansible-test runs on."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


@pytest.mark.parametrize('path, expected', [
    ('.venv', True),
    ('.venv-2.16', True),
    ('.venv-2.21', True),
    ('.build', True),
    ('.git', True),
    ('tests/output', True),
    ('plugins/modules/__pycache__', True),
    ('plugins/modules/x.pyc', True),
    ('sinch-numbers-0.1.0.tar.gz', True),
    ('plugins/modules/sinch_number_info.py', False),
    ('tests/unit/output', False),
    ('docs/.venv.md', False),
    ('docs/.venv-2.16', False),
])
def test_excluded(tool, path, expected):
    assert tool('build_tree').excluded(path) is expected


def _write(path, text='x'):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)


def test_copy_is_fresh_and_output_is_shared(tool, tmp_path):
    build_tree = tool('build_tree')
    source = tmp_path / 'repo'
    dest = source / '.build' / 'ansible_collections' / 'sinch' / 'numbers'
    for relative in ('galaxy.yml', 'plugins/modules/m.py', 'tests/unit/test_m.py', '.venv/bin/python',
                     '.git/HEAD', 'tests/output/junit/old.xml', 'plugins/modules/__pycache__/m.cpython-311.pyc'):
        _write(str(source / relative))
    _write(str(dest / 'stale.py'))

    assert build_tree.main([str(source), str(dest)]) == 0

    copied = sorted(os.path.relpath(os.path.join(root, name), str(dest))
                    for root, _dirs, names in os.walk(str(dest)) for name in names
                    if not os.path.relpath(root, str(dest)).startswith('.git'))
    assert copied == ['galaxy.yml', 'plugins/modules/m.py', 'tests/unit/test_m.py']
    output = dest / 'tests' / 'output'
    assert output.is_symlink()
    assert os.path.realpath(str(output)) == os.path.realpath(str(source / 'tests' / 'output'))


@pytest.mark.skipif(shutil.which('git') is None, reason='needs git')
def test_copy_is_its_own_git_root(tool, tmp_path):
    # Inside the repository's work tree (as .build is), ansible-test would otherwise ask the
    # repository's git for the file list and find the ignored copy empty.
    source = tmp_path / 'repo'
    dest = source / '.build' / 'ansible_collections' / 'sinch' / 'numbers'
    _write(str(source / '.gitignore'), '.build/\ntests/output/\n')
    _write(str(source / 'plugins/modules/m.py'))
    subprocess.run(['git', 'init', '--quiet', str(source)], check=True)

    assert tool('build_tree').main([str(source), str(dest)]) == 0

    listed = subprocess.run(['git', 'ls-files', '--cached', '--others', '--exclude-standard'], cwd=str(dest),
                            check=True, capture_output=True, text=True).stdout.split()
    assert sorted(listed) == ['.gitignore', 'plugins/modules/m.py']


def test_refuses_a_destination_inside_the_copied_tree(tool, tmp_path):
    with pytest.raises(ValueError):
        tool('build_tree').copy_tree(str(tmp_path), str(tmp_path / 'plugins' / 'copy'))
