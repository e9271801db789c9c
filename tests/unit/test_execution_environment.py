# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""meta/execution-environment.yml must give ansible-builder every Python package the plugins import.

`make test` also runs tools/check_ee.sh (ansible-builder create and introspect on the built artifact);
these tests catch the same mistakes quickly and name the missing package.
"""

from __future__ import annotations

import ast
import os
import re
import sys

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def _read(*path):
    with open(os.path.join(ROOT, *path)) as handle:
        return handle.read()


META = yaml.safe_load(_read('meta', 'execution-environment.yml'))


def _requirement_names(path):
    """Distribution names in a pip requirements file (following -r), lower case."""
    names = set()
    for line in _read(path).splitlines():
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        if line.startswith(('-r ', '--requirement ')):
            names |= _requirement_names(os.path.join(os.path.dirname(path), line.split(None, 1)[1]))
            continue
        names.add(re.split(r'[\s<>=!~;\[]', line, maxsplit=1)[0].lower())
    return names


def _third_party_imports():
    """Top-level names imported by plugins/ that are neither the standard library nor Ansible."""
    found = {}
    for folder, _dirs, files in os.walk(os.path.join(ROOT, 'plugins')):
        for name in files:
            if not name.endswith('.py'):
                continue
            path = os.path.join(folder, name)
            with open(path) as handle:
                tree = ast.parse(handle.read(), path)
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    tops = [alias.name.split('.')[0] for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    tops = [node.module.split('.')[0]]
                else:
                    continue
                for top in tops:
                    if top in sys.stdlib_module_names or top in ('ansible', 'ansible_collections', '__future__'):
                        continue
                    found.setdefault(top, os.path.relpath(path, ROOT))
    return found


def test_metadata_shape():
    assert META['version'] == 1
    assert set(META) == {'version', 'dependencies'}
    assert set(META['dependencies']) <= {'python', 'system'}


def test_dependency_files_are_relative_and_present():
    for kind, path in META['dependencies'].items():
        assert not os.path.isabs(path), 'ansible-builder refuses absolute paths in collection metadata (%s)' % kind
        assert os.path.isfile(os.path.join(ROOT, path)), path
        assert _read(path).strip(), '%s is empty' % path


def test_every_third_party_import_is_a_python_requirement():
    required = _requirement_names(META['dependencies']['python'])
    imports = _third_party_imports()
    assert 'requests' in imports, 'expected the HTTP transport to import requests'
    missing = {top: where for top, where in imports.items() if top.lower() not in required}
    assert not missing, 'imported by plugins/ but not in %s: %s' % (META['dependencies']['python'], missing)


def test_the_dependency_files_ship_in_the_artifact():
    galaxy = yaml.safe_load(_read('galaxy.yml'))
    ignored = galaxy.get('build_ignore') or []
    for path in META['dependencies'].values():
        assert path not in ignored and os.path.basename(path) not in ignored, path


def test_the_test_definition_installs_the_built_artifact():
    definition = yaml.safe_load(_read('tests', 'ee', 'execution-environment.yml'))
    assert definition['version'] == 3
    collections = definition['dependencies']['galaxy']['collections']
    assert collections == [{'name': 'collections/sinch-numbers.tar.gz', 'type': 'file'}]
    assert {'src': 'sinch-numbers.tar.gz', 'dest': 'collections'} in definition['additional_build_files']


def test_the_test_definition_is_valid_for_ansible_builder():
    ee_schema = pytest.importorskip('ansible_builder.ee_schema')
    definition = yaml.safe_load(_read('tests', 'ee', 'execution-environment.yml'))
    ee_schema.validate_schema(definition)
