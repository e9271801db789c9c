# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The inventory plugin builds its clients without the module layer (issue 10: client factories apart from Ansible's
module machinery)."""

from __future__ import annotations

import os
import subprocess
import sys

from ansible_collections.sinch.numbers.plugins.inventory import sinch_numbers

# The plugin must not load our module layer; the code it builds clients with must not load AnsibleModule's module at all
# (Ansible's own inventory machinery does, so that part is probed without the plugin).
PROBE_PLUGIN = '''
import sys
import ansible_collections.sinch.numbers.plugins.inventory.sinch_numbers
print(','.join(sorted(name for name in sys.modules if name.endswith('.module_utils._module'))))
'''
PROBE_CLIENTS = '''
import sys
import ansible_collections.sinch.numbers.plugins.module_utils._inventory
import ansible_collections.sinch.numbers.plugins.module_utils._options
print(','.join(sorted(name for name in sys.modules if name.endswith(('.module_utils._module', 'ansible.module_utils.basic')))))
'''


def test_the_inventory_plugin_imports_no_module_layer():
    # .../ansible_collections/sinch/numbers/plugins/inventory/sinch_numbers.py -> the directory above ansible_collections
    root = os.path.abspath(os.path.join(os.path.dirname(sinch_numbers.__file__), *(['..'] * 5)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root] + sys.path))
    for probe in (PROBE_PLUGIN, PROBE_CLIENTS):
        loaded = subprocess.run([sys.executable, '-c', probe], env=env, check=True, capture_output=True, text=True).stdout
        assert loaded.strip() == ''
