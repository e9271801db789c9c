# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""tools/run_units.py: pytest configured as ansible-test units configures it."""

from __future__ import annotations

import os

import pytest


def test_collections_root(tool):
    run_units = tool('run_units')
    assert run_units.collections_root('/x/.build/ansible_collections/sinch/numbers') == '/x/.build'
    with pytest.raises(ValueError):
        run_units.collections_root('/x/sinch/numbers')


def test_environment_loads_ansible_tests_collection_plugin(tool):
    run_units = tool('run_units')
    root = '/x/.build/ansible_collections/sinch/numbers'
    env = run_units.pytest_environment(root, {'PYTHONPATH': '/mine'})
    paths = env['PYTHONPATH'].split(os.pathsep)
    assert os.path.isfile(os.path.join(paths[0], 'ansible_pytest_collections.py'))
    assert paths[1:] == [root + '/tests/simulator', '/mine']
    assert env['PYTEST_PLUGINS'] == 'ansible_pytest_collections'
    assert env['ANSIBLE_COLLECTIONS_PATH'] == '/x/.build'
    assert env['ANSIBLE_CONTROLLER_MIN_PYTHON_VERSION']


@pytest.mark.parametrize('workers, expected', [('0', False), ('', False), ('1', False), ('auto', True), ('2', True)])
def test_workers(tool, workers, expected):
    command = tool('run_units').pytest_command('/c', ['-k', 'x'], workers)
    assert ('-n' in command) is expected
    assert command[-3:] == ['-k', 'x', os.path.join('tests', 'unit')]
    assert not command[0].endswith('python')


def test_no_unit_folder_passes(tool, tmp_path, capsys):
    assert tool('run_units').main([str(tmp_path)]) == 0
    assert 'nothing to run' in capsys.readouterr().out


def test_no_tests_collected_passes(tool, tmp_path, capsys):
    root = tmp_path / 'ansible_collections' / 'sinch' / 'numbers'
    (root / 'tests' / 'unit').mkdir(parents=True)
    assert tool('run_units').main([str(root)]) == 0
    assert 'collected no tests' in capsys.readouterr().out


def test_failures_fail(tool, tmp_path):
    root = tmp_path / 'ansible_collections' / 'sinch' / 'numbers'
    (root / 'tests' / 'unit').mkdir(parents=True)
    (root / 'tests' / 'unit' / 'test_fails.py').write_text('def test_fails():\n    assert False\n')
    assert tool('run_units').main([str(root), '-q']) == 1


def test_test_paths_replace_the_default(tool, tmp_path):
    (tmp_path / 'tests' / 'unit' / 'tools').mkdir(parents=True)
    command = tool('run_units').pytest_command(str(tmp_path), ['tests/unit/tools::test_x', '-q'], '0')
    assert command[-2:] == ['tests/unit/tools::test_x', '-q']
