#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_number_assign
short_description: Assign rented Sinch phone numbers to an application for one capability, or unassign them
version_added: 0.1.0
description:
  - Desired state of one application's numbers for one O(capability) (V(voice) or V(sms)).
  - With O(numbers) and O(state=present), each listed number is assigned to the application; with O(exclusive=true)
    the list is the whole set and the application's other numbers with that capability are removed.
  - With O(count), the application has at least O(count) numbers with the capability (exactly O(count) with
    O(exclusive=true)). Missing ones are taken from the organisation's free numbers (rented, assigned to no
    application, with the capability, of O(group_id) when given), lowest number first; a surplus is removed highest
    number first.
  - With O(state=absent), each listed number is no longer assigned to the application. Numbers assigned to another
    application, or to none, are left alone.
  - Reads the application's numbers (C(GET /v1/applications/key/{key}/numbers), which also proves the application
    exists, in check mode too) and the organisation's (C(GET /v1/organisations/id/{id}/numbers)) and checks every
    number before any write. Writes nothing when nothing changes.
  - Uses the legacy Number Administration API.
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.legacy
  - sinch.numbers.attributes
  - sinch.numbers.attributes.ACTIONABLE
  - sinch.numbers.attributes.LEGACY_GROUP
options:
  application_key:
    description:
      - The key of the application.
    type: str
    required: true
  capability:
    description:
      - The capability the numbers are assigned for. A number must have it to be assigned.
    type: str
    required: true
    choices: [voice, sms]
  numbers:
    description:
      - The numbers, each as V(+) and the number with optional spaces, dashes, dots or parentheses
        (V(+14150005550), V(+1 (415\) 000-5550)), digits only (V(14150005550)) or an integer, read as international.
      - Any other form is refused before any request, naming this option - a national form (V((415\) 000-5550)),
        a leading V(00), a float such as V(14150005550.0) (quote numbers in YAML), letters, or a number that cannot
        exist (checked with the C(phonenumbers) library).
      - With O(state=present) each must be rented by the organisation and have O(capability).
      - Mutually exclusive with O(count); one of them is required.
    type: list
    elements: raw
  count:
    description:
      - How many numbers with O(capability) the application must have, taken from the organisation's free numbers.
      - Counts all the application's numbers with O(capability), whatever their group.
      - Only with O(state=present). Fails, saying how many are free, when too few free numbers are rented.
    type: int
  group_id:
    description:
      - With O(count), take free numbers of this number group only.
    type: int
  state:
    description:
      - V(present) assigns, V(absent) unassigns (the numbers stay rented).
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), O(numbers) or O(count) is the whole set for O(capability); other numbers of the
        application with that capability are removed. O(numbers=[]) removes them all.
    type: bool
    default: false
  allow_reassign:
    description:
      - Move a listed number that is assigned to another application to this one. When V(false), such a number fails
        the task, naming the application it belongs to.
    type: bool
    default: false
notes:
  - The API overwrites an application's numbers for a capability in one call and removes numbers one by one. A change
    that adds numbers is therefore one C(PUT) of the complete new set (with O(exclusive=true) it drops the surplus in
    the same write); a change that only removes numbers is one C(DELETE) per number.
  - A number belongs to one application as a whole. Removing a number that has both capabilities removes it from the
    application for both.
  - Runs on one controller (forks of a play, parallel jobs) take turns under a file lock for the organisation, so two
    applications given O(count) at once never pick the same free number. Nothing can lock across controllers.
seealso:
  - module: sinch.numbers.sinch_number_info
  - module: sinch.numbers.sinch_number_shop
"""

EXAMPLES = r"""
- name: Give the support line two free voice numbers of group 13
  sinch.numbers.sinch_number_assign:
    username: ops@example.com
    password: "{{ vault_sinch_password }}"
    application_key: bb7b4e39-4227-4913-8c81-2db4abb54fb3
    capability: voice
    count: 2
    group_id: 13

- name: The SMS alerts app has exactly these numbers
  sinch.numbers.sinch_number_assign:
    application_key: 8e2d7c4b-1f3a-4b6e-9c5d-0a7f2e1b3c49
    capability: sms
    numbers: ["+14155550103", 15045550100]
    exclusive: true

- name: Unassign a number (it stays rented)
  sinch.numbers.sinch_number_assign:
    application_key: bb7b4e39-4227-4913-8c81-2db4abb54fb3
    capability: voice
    numbers: ["+14155550101"]
    state: absent
"""

RETURN = r"""
application_key:
  description: The application acted on.
  returned: success
  type: str
  sample: bb7b4e39-4227-4913-8c81-2db4abb54fb3
capability:
  description: The capability acted on.
  returned: success
  type: str
  sample: voice
numbers:
  description: The application's numbers with O(capability) after the run (in check mode, would be), E.164, ascending.
  returned: success
  type: list
  elements: str
  sample: ["+14155550100", "+14155550101", "+14155550102"]
added:
  description: The numbers assigned by this run (in check mode, that would be), E.164.
  returned: success
  type: list
  elements: str
  sample: ["+14155550102"]
removed:
  description: The numbers unassigned by this run (in check mode, that would be), E.164.
  returned: success
  type: list
  elements: str
  sample: []
"""

from ansible_collections.sinch.numbers.plugins.module_utils._assignment import ensure_assignment
from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    exit_with_outcome,
    fail_from_error,
    legacy_client,
    legacy_module,
    module_options,
)


def main():
    module = legacy_module(
        dict(
            application_key=dict(type='str', required=True, no_log=False),
            capability=dict(type='str', required=True, choices=['voice', 'sms']),
            numbers=dict(type='list', elements='raw'),
            count=dict(type='int'),
            group_id=dict(type='int'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            exclusive=dict(type='bool', default=False),
            allow_reassign=dict(type='bool', default=False),
        ),
        mutually_exclusive=[('numbers', 'count')],
        required_one_of=[('numbers', 'count')],
        required_by={'group_id': 'count'},
        supports_check_mode=True,
    )
    params = module.params
    try:
        outcome = ensure_assignment(
            legacy_client(module_options(module)), params['application_key'], params['capability'],
            numbers=params['numbers'], count=params['count'], group_id=params['group_id'], state=params['state'],
            exclusive=params['exclusive'], allow_reassign=params['allow_reassign'], check_mode=module.check_mode,
        )
    except SinchError as error:
        fail_from_error(module, error)
    exit_with_outcome(module, outcome)


if __name__ == '__main__':
    main()
