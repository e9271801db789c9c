# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""tools/run_integration.py: integration targets spread over workers, each with its own copy and simulator."""

from __future__ import annotations

import os

import pytest

TARGETS = ['bad_input', 'faults', 'secrets']


def test_arguments_that_name_targets_select_them(tool):
    split = tool('run_integration').split_arguments
    assert split(['-v', 'secrets', '--retry-on-error'], TARGETS) == (['secrets'], ['-v', '--retry-on-error'])
    assert split(['-vvv'], TARGETS) == (TARGETS, ['-vvv'])
    assert split([], TARGETS) == (TARGETS, [])


def test_a_misspelt_target_fails_instead_of_running_all(tool):
    with pytest.raises(ValueError, match='no such integration target: secret '):
        tool('run_integration').split_arguments(['secret'], TARGETS)


def test_longest_first_and_new_targets_before_all(tool):
    order = tool('run_integration').order_longest_first
    assert order(TARGETS + ['new'], {'bad_input': 55.0, 'faults': 42.0, 'secrets': 60.5}) == [
        'new', 'secrets', 'bad_input', 'faults']
    assert order(['b', 'a'], {}) == ['a', 'b']


def test_durations_are_merged_and_a_broken_file_is_ignored(tool, tmp_path):
    run_integration = tool('run_integration')
    path = str(tmp_path / 'durations.json')
    assert run_integration.load_durations(path) == {}
    run_integration.save_durations(path, {'a': 1.0, 'b': 2.0})
    run_integration.save_durations(path, {'b': 3.5})
    assert run_integration.load_durations(path) == {'a': 1.0, 'b': 3.5}
    (tmp_path / 'durations.json').write_text('[1, 2]')
    assert run_integration.load_durations(path) == {}


def test_each_worker_gets_a_copy_with_its_own_output(tool, tmp_path):
    collection = tmp_path / 'build' / 'ansible_collections' / 'sinch' / 'numbers'
    (collection / 'tests' / 'integration' / 'targets').mkdir(parents=True)
    (collection / 'galaxy.yml').write_text('name: numbers\n')
    os.symlink(str(tmp_path / 'shared-output'), str(collection / 'tests' / 'output'))
    work = tmp_path / 'work'
    logs = tmp_path / 'logs'
    make_copy = tool('run_integration').make_worker_copy
    copies = [make_copy(str(collection), str(work), index, str(logs)) for index in range(2)]
    assert copies == [str(work / ('worker%d' % i) / 'ansible_collections' / 'sinch' / 'numbers') for i in range(2)]
    for index, copy in enumerate(copies):
        assert (work / ('worker%d' % index) / 'ansible_collections/sinch/numbers/galaxy.yml').read_text() == 'name: numbers\n'
        assert os.readlink(os.path.join(copy, 'tests', 'output')) == str(logs / ('worker%d' % index))
    # A second run starts from a fresh copy.
    (work / 'worker0' / 'stale').write_text('x')
    make_copy(str(collection), str(work), 0, str(logs))
    assert not (work / 'worker0' / 'stale').exists()


def test_the_environment_puts_this_venv_first_and_home_apart(tool, monkeypatch):
    run_integration = tool('run_integration')
    monkeypatch.setenv('PATH', '/usr/bin')
    env = run_integration.test_environment('/w/home/faults')
    bin_dir = os.path.dirname(run_integration.sys.executable)
    assert env['PATH'].split(os.pathsep) == [bin_dir, '/usr/bin']
    assert env['HOME'] == '/w/home/faults' and env['XDG_CACHE_HOME'] == '/w/home/faults/.cache'
    assert env['ANSIBLE_PYTHON_INTERPRETER'] == run_integration.sys.executable
