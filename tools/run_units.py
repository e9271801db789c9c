#!/usr/bin/env python
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the collection's unit tests with pytest the way ``ansible-test units`` does.

    run_units.py COLLECTION_ROOT [PYTEST_ARG...]

COLLECTION_ROOT must end in ``ansible_collections/<namespace>/<name>`` (the ``make build`` copy).
Like ``ansible-test units``, this loads ansible-test's ``ansible_pytest_collections`` plugin, which
installs Ansible's collection loader, so tests import ``ansible_collections.sinch.numbers…`` and
test files are imported under their collection package name; it also uses ansible-test's pytest
configuration and writes JUnit XML to ``tests/output/junit``.

Unlike ``ansible-test units``, it runs in this interpreter (the project's venv) with the caller's
environment, so ``tests/simulator`` can be put on ``PYTHONPATH`` for the simulator's own tests,
and nothing is installed at test time. pytest's "no tests collected" (exit 5) is reported and
counted as success so that a collection without unit tests yet still passes.
"""

from __future__ import annotations

import os
import subprocess
import sys

NO_TESTS_COLLECTED = 5


def ansible_test_paths():
    """Return (pytest config file, pytest plugin folder, controller minimum Python version)."""
    from ansible_test._internal.constants import CONTROLLER_MIN_PYTHON_VERSION
    from ansible_test._internal.util import ANSIBLE_TEST_DATA_ROOT, ANSIBLE_TEST_TARGET_ROOT

    return (os.path.join(ANSIBLE_TEST_DATA_ROOT, 'pytest', 'config', 'default.ini'),
            os.path.join(ANSIBLE_TEST_TARGET_ROOT, 'pytest', 'plugins'),
            CONTROLLER_MIN_PYTHON_VERSION)


def collections_root(collection_root):
    """Return the folder that holds ``ansible_collections`` for a collection at ``collection_root``."""
    parts = os.path.abspath(collection_root).split(os.sep)
    if len(parts) < 4 or parts[-3] != 'ansible_collections':
        raise ValueError('%s is not at …/ansible_collections/<namespace>/<name>' % collection_root)
    return os.sep.join(parts[:-3])


def pytest_command(collection_root, extra_args, workers):
    """Return the pytest command line (run from ``collection_root``)."""
    config, _plugins, _min_python = ansible_test_paths()
    junit = os.path.join('tests', 'output', 'junit', 'python%d.%d-units.xml' % sys.version_info[:2])
    # The venv's pytest script rather than ``python -m pytest``, which would put the collection
    # root itself on sys.path and let tests import ``plugins…`` by accident.
    command = [os.path.join(os.path.dirname(sys.executable), 'pytest'),
               '-r', 'a', '-p', 'no:cacheprovider', '-c', config, '--strict-markers',
               '--junit-xml', junit, '--rootdir', collection_root, '--confcutdir', collection_root]
    if workers not in ('', '0', '1'):
        command += ['-n', workers]
    command += extra_args
    # Test paths among the extra arguments (make units UNITS_ARGS=tests/unit/plugins) replace the default.
    if not any(os.path.exists(os.path.join(collection_root, arg.split('::')[0])) for arg in extra_args if not arg.startswith('-')):
        command.append(os.path.join('tests', 'unit'))
    return command


def pytest_environment(collection_root, environ=None):
    """Return the environment for pytest: ansible-test's plugin and the simulator importable."""
    _config, plugins, min_python = ansible_test_paths()
    env = dict(os.environ if environ is None else environ)
    simulator = os.path.join(os.path.abspath(collection_root), 'tests', 'simulator')
    env['PYTHONPATH'] = os.pathsep.join(p for p in (plugins, simulator, env.get('PYTHONPATH')) if p)
    env['PYTEST_PLUGINS'] = 'ansible_pytest_collections'
    # ansible_pytest_collections reads both; ansible-test sets them the same way.
    env['ANSIBLE_COLLECTIONS_PATH'] = collections_root(collection_root)
    env['ANSIBLE_CONTROLLER_MIN_PYTHON_VERSION'] = min_python
    return env


def main(argv=None):
    """Command line entry point."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ('-h', '--help'):
        print(__doc__)
        return 0 if argv else 2
    collection_root = os.path.abspath(argv[0])
    if not os.path.isdir(os.path.join(collection_root, 'tests', 'unit')):
        print('units: no tests/unit folder yet: nothing to run')
        return 0
    os.makedirs(os.path.join(collection_root, 'tests', 'output', 'junit'), exist_ok=True)
    command = pytest_command(collection_root, argv[1:], os.environ.get('UNITS_WORKERS', '0'))
    print('units: %s' % ' '.join(command), flush=True)
    status = subprocess.call(command, cwd=collection_root, env=pytest_environment(collection_root))
    if status == NO_TESTS_COLLECTED:
        print('units: pytest collected no tests under tests/unit (exit 5): counted as passed')
        return 0
    return status


if __name__ == '__main__':
    sys.exit(main())
