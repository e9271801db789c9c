# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: unknown_role_variables
short_description: Find variables with a role's prefix that the role does not define
version_added: 0.2.0
description:
  - Takes the names of the variables in scope that start with a role's prefix (from the
    C(ansible.builtin.varnames) lookup) and the role's options (from its C(meta/argument_specs.yml)), and returns
    one message per name that is not an option, naming the closest valid one.
  - Every role of this collection uses it as its first task, so that a misspelt variable
    (C(application_numbers_max_montly_cost)) fails the play instead of being ignored.
author:
  - sinch.numbers contributors (@sinch-numbers)
options:
  _input:
    description: The variable names to check.
    type: list
    elements: str
    required: true
  options:
    description: The role's options (the C(options) of an entry point in C(meta/argument_specs.yml)); only the keys count.
    type: dict
    required: true
  role:
    description: The role's name, for the messages.
    type: str
    required: true
  also:
    description: Other names the role itself sets (for example a variable it registers).
    type: list
    elements: str
    default: []
"""

EXAMPLES = r"""
- name: Refuse unknown application_numbers_* variables
  ansible.builtin.assert:
    that: unknown == []
    fail_msg: "{{ unknown | join(' ') }}"
  vars:
    spec: "{{ lookup('ansible.builtin.file', role_path ~ '/meta/argument_specs.yml') | from_yaml }}"
    unknown: >-
      {{ q('ansible.builtin.varnames', '^application_numbers_')
         | sinch.numbers.unknown_role_variables(spec.argument_specs.main.options, 'sinch.numbers.application_numbers',
                                                also=['application_numbers_result']) }}
"""

RETURN = r"""
_value:
  description:
    - One message per unknown name, for example C(application_numbers_max_montly_cost is not a variable of role
      sinch.numbers.application_numbers; did you mean application_numbers_max_monthly_cost?). Empty when all are known.
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.sinch.numbers.plugins.plugin_utils._unknown_names import unknown_names


def unknown_role_variables(names, options, role, also=()):
    """Messages for the ``names`` that are neither ``options`` of the role nor in ``also``."""
    if not isinstance(options, dict):
        raise AnsibleFilterError('unknown_role_variables: options must be the dictionary of the role\'s options, not %s'
                                 % type(options).__name__)
    return unknown_names(names or [], list(options) + list(also or []), 'variable of role %s' % role)


class FilterModule:
    def filters(self):
        return {'unknown_role_variables': unknown_role_variables}
