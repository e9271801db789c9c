#!/usr/bin/env python
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Put an offline pip bootstrap script where ansible-test looks for it.

``ansible-test sanity`` creates one virtual environment per test and bootstraps pip into it with
``get-pip-<version>.py``, downloaded from Ansible's CI file host and cached as
``~/.ansible/test/cache/get_pip_<version>.py``. That host is not reachable from our build machines,
so this writes a stand-in at the cache path that bootstraps pip from the standard library
(``ensurepip``) and then lets pip install the requested packages from the package index.

The pip version is read from the installed ansible-test, never hard-coded, and an existing file is
left alone, so a machine that can download the real script keeps it.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import types

STAND_IN = '''\
# Offline stand-in for get-pip.py, written by sinch.numbers' tools/ansible_test_bootstrap.py.
# ensurepip runs in a subprocess: in-process it sets PIP_CONFIG_FILE=/dev/null and pip would then
# ignore the machine's CA setting. pip's own CLI does not accept get-pip's --no-setuptools/--no-wheel.
import runpy
import subprocess
import sys

subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade'])
args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
sys.argv = ['pip', 'install'] + args
runpy.run_module('pip', run_name='__main__', alter_sys=True)
'''


def _pip_version_by_import(python_version):
    """Ask ansible-test which pip it bootstraps into a venv for ``python_version``."""
    from ansible_test._internal.python_requirements import get_venv_packages

    # get_venv_packages() only reads .version of the PythonConfig it is given.
    return get_venv_packages(types.SimpleNamespace(version=python_version))['pip']


def _pip_version_by_source():
    """Read the default pip version out of ansible-test's source, should its API change."""
    import ansible_test

    path = os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')
    with open(path, encoding='utf-8') as source:
        tree = ast.parse(source.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == 'get_venv_packages':
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and getattr(call.func, 'id', None) == 'dict':
                    for keyword in call.keywords:
                        if keyword.arg == 'pip' and isinstance(keyword.value, ast.Constant):
                            return keyword.value.value
    raise RuntimeError('cannot find the pip version in %s' % path)


def pip_version(python_version):
    """Return the pip version ansible-test bootstraps for ``python_version`` (e.g. ``24.2``)."""
    try:
        return _pip_version_by_import(python_version)
    except (ImportError, AttributeError, KeyError, TypeError):
        return _pip_version_by_source()


def cache_path(version, home=None):
    """Return the path ansible-test reads the bootstrap script of pip ``version`` from."""
    # Same expression as ansible_test/_util/target/setup/requirements.py.
    relative = '.ansible/test/cache/get_pip_%s.py' % version.replace('.', '_')
    return os.path.join(home, relative) if home else os.path.expanduser('~/' + relative)


def ensure_stand_in(path):
    """Write the stand-in at ``path`` unless a file is already there; return True if written."""
    if os.path.exists(path):
        return False
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temp = path + '.tmp'
    with open(temp, 'w', encoding='utf-8') as handle:
        handle.write(STAND_IN)
    os.replace(temp, path)
    return True


def main(argv=None):
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--python', default='%d.%d' % sys.version_info[:2],
                        help='Python version ansible-test will test with (default: this one)')
    parser.add_argument('--home', help='home directory to write under (default: ~)')
    args = parser.parse_args(argv)

    version = pip_version(args.python)
    path = cache_path(version, args.home)
    if ensure_stand_in(path):
        print('ansible-test pip %s bootstrap: wrote offline stand-in %s' % (version, path))
    else:
        print('ansible-test pip %s bootstrap: using existing %s' % (version, path))
    return 0


if __name__ == '__main__':
    sys.exit(main())
