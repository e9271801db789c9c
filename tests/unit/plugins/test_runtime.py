# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""meta/runtime.yml must keep every module in the module_defaults action groups (a recurring bug elsewhere)."""

from __future__ import annotations

import os

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
MODULES = os.path.join(ROOT, 'plugins', 'modules')


def _runtime_groups():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        return yaml.safe_load(handle)['action_groups']


def _modules_using(fragment):
    found = []
    for name in sorted(os.listdir(MODULES)):
        if name.endswith('.py') and not name.startswith('_'):
            with open(os.path.join(MODULES, name)) as handle:
                if '  - sinch.numbers.%s\n' % fragment in handle.read():
                    found.append(name[:-3])
    return found


def test_group_sinch_lists_every_module():
    modules = sorted(name[:-3] for name in os.listdir(MODULES) if name.endswith('.py') and not name.startswith('_'))
    assert modules, 'no modules found'
    assert sorted(_runtime_groups()['sinch']) == modules


def test_api_groups_match_the_connection_fragments():
    groups = _runtime_groups()
    assert sorted(groups.get('legacy') or []) == _modules_using('legacy')
    assert sorted(groups.get('numbers_api') or []) == _modules_using('numbers_api')
    assert sorted(groups.get('voice') or []) == _modules_using('voice')
    apis = ('legacy', 'numbers_api', 'voice')
    assert set().union(*(groups.get(api) or [] for api in apis)) == set(groups['sinch'])
