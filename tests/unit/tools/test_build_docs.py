# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""tools/build_docs.py: the offline intersphinx inventory, the pages the site must have, the top bar links."""

from __future__ import annotations

import json
import os
import zlib

import pytest


@pytest.fixture
def build_docs(tool):
    return tool('build_docs')


def _read_inventory(path):
    with open(path, 'rb') as handle:
        data = handle.read()
    header = b''.join(data.splitlines(True)[:4])
    assert header.startswith(b'# Sphinx inventory version 2\n')
    entries = {}
    for line in zlib.decompress(data[len(header):]).decode('utf-8').splitlines():
        name, role, priority, uri, title = line.split(' ', 4)
        entries[(role, name)] = (priority, uri, title)
    return entries


def test_inventory_holds_the_labels_and_core_variables(build_docs, tmp_path):
    path = str(tmp_path / 'ansible_devel.inv')
    build_docs.write_inventory(path)
    entries = _read_inventory(path)
    for label, (uri, title) in build_docs.ANSIBLE_LABELS.items():
        assert entries[('std:label', label)] == ('-1', uri, title)
        assert '#' in uri and not uri.startswith('/')
    # The inventory cache options of an inventory plugin name these (ansible-core's configuration).
    assert entries[('std:envvar', 'ANSIBLE_CACHE_PLUGIN')] == (
        '-1', 'reference_appendices/config.html#envvar-ANSIBLE_CACHE_PLUGIN', '-')


def test_core_environment_variables(build_docs):
    names = build_docs.core_environment_variables()
    assert 'ANSIBLE_CACHE_PLUGIN_CONNECTION' in names
    assert names == sorted(set(names))
    assert not any(name.startswith('SINCH_') for name in names)


def _collection(tmp_path, files):
    root = tmp_path / 'ansible_collections' / 'sinch' / 'numbers'
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return str(root)


def test_expected_pages(build_docs, tmp_path):
    root = _collection(tmp_path, {
        'plugins/modules/sinch_a.py': '',
        'plugins/modules/__init__.py': '',
        'plugins/inventory/sinch_b.py': '',
        'plugins/module_utils/_c.py': '',
        'plugins/doc_fragments/d.py': '',
        'docs/docsite/extra-docs.yml': 'sections:\n  - title: Guide\n    toctree: [guide_one, guide_two]\n',
    })
    assert build_docs.expected_pages(root) == [
        'index.html', 'sinch_b_inventory.html', 'sinch_a_module.html', 'docsite/guide_one.html', 'docsite/guide_two.html']


def test_topbar_links_from_the_manifest(build_docs, tmp_path):
    manifest = {'collection_info': {'repository': 'https://example.com/repo', 'issues': None}}
    root = _collection(tmp_path, {'MANIFEST.json': json.dumps(manifest)})
    assert build_docs.topbar_links(root) == {'Repository': 'https://example.com/repo'}


def test_refuses_a_path_without_the_collection(build_docs, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_docs.main([str(tmp_path), str(tmp_path / 'docs')])
    assert exit_info.value.code == 2
    assert 'sinch.numbers is not installed in' in capsys.readouterr().err
    assert not os.path.exists(str(tmp_path / 'docs'))
