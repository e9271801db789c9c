# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""tools/ansible_test_bootstrap.py: the offline stand-in for ansible-test's pip bootstrap script."""

from __future__ import annotations

import os
import re


def test_pip_version_comes_from_ansible_test(tool):
    bootstrap = tool('ansible_test_bootstrap')
    version = bootstrap.pip_version('3.11')
    assert re.match(r'^\d+\.\d+(\.\d+)?$', version)
    # The import route and the source-reading fallback agree.
    assert bootstrap._pip_version_by_source() == version


def test_cache_path_is_the_one_ansible_test_reads(tool, tmp_path):
    bootstrap = tool('ansible_test_bootstrap')
    assert bootstrap.cache_path('24.2', str(tmp_path)) == str(tmp_path / '.ansible/test/cache/get_pip_24_2.py')


def test_stand_in_written_only_when_missing(tool, tmp_path):
    bootstrap = tool('ansible_test_bootstrap')
    path = str(tmp_path / 'cache' / 'get_pip_24_2.py')
    assert bootstrap.ensure_stand_in(path) is True
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    assert "'-m', 'ensurepip'" in text
    compile(text, path, 'exec')

    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('# the real get-pip.py\n')
    assert bootstrap.ensure_stand_in(path) is False
    with open(path, encoding='utf-8') as handle:
        assert handle.read() == '# the real get-pip.py\n'


def test_main_writes_under_home(tool, tmp_path, capsys):
    bootstrap = tool('ansible_test_bootstrap')
    assert bootstrap.main(['--python', '3.11', '--home', str(tmp_path)]) == 0
    version = bootstrap.pip_version('3.11')
    assert os.path.isfile(bootstrap.cache_path(version, str(tmp_path)))
    assert 'wrote offline stand-in' in capsys.readouterr().out
