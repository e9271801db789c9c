#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_emergency_address
short_description: The emergency (E911) address of an active Sinch voice number
version_added: 0.2.0
description:
  - Desired emergency address of one active number with the VOICE capability.
  - Reads the current address first (C(GET .../activeNumbers/{phoneNumber}/emergencyAddress)); when it already is
    O(address), nothing else is sent.
  - Otherwise validates O(address) (C(POST .../emergencyAddress:validate), which changes nothing) and provisions it
    (C(POST .../emergencyAddress:provision)) only when Sinch finds it an exact match, or a near match and
    O(accept_suggestion=true), in which case Sinch's corrected address is provisioned. A near match without
    O(accept_suggestion) fails showing the corrected address; no match fails showing Sinch's candidates.
  - With O(state=absent) the address is removed (C(POST .../emergencyAddress:deprovision)) when there is one.
  - In check mode the address is read and validated, never provisioned or removed.
  - Uses the Numbers API.
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.numbers_api
  - sinch.numbers.attributes
  - sinch.numbers.attributes.ACTIONABLE
  - sinch.numbers.attributes.NUMBERS_API_GROUP
options:
  phone_number:
    description:
      - The active number, as V(+14150005550) (spaces, dashes, dots and parentheses allowed), V(14150005550) or an integer.
    type: raw
    required: true
  display_name:
    description:
      - The name shown to emergency services. Required with O(state=present).
      - Sinch does not return it when the address is read, so a change of O(display_name) alone is not seen and not
        sent; change the address, or remove it and provision it again, to change the name.
    type: str
  address:
    description:
      - The address, with the API's fields in snake_case. Required with O(state=present).
    type: dict
    suboptions:
      street_number:
        description: The house number. Required.
        type: str
      street_info:
        description: The street name. Required.
        type: str
      location:
        description: More about the location (suite, floor).
        type: str
      city:
        description: The city. Required.
        type: str
      state:
        description: The state or province, e.g. V(GA). Required.
        type: str
      postal_code:
        description: The postal code. Required.
        type: str
      postal_code_plus_four:
        description: The ZIP+4 extension.
        type: str
  accept_suggestion:
    description:
      - When Sinch finds O(address) a near match, provision Sinch's corrected address instead of failing.
      - A re-run with the same O(address) then validates again (nothing is written when the result is the address
        already provisioned).
    type: bool
    default: false
  state:
    description:
      - V(present) provisions O(address), V(absent) removes the number's emergency address.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Which numbers may have an emergency address is not documented beyond "voice"; Sinch's own SDK changelog speaks of
    SIP numbers. A number Sinch refuses fails the task with Sinch's message.
seealso:
  - module: sinch.numbers.sinch_active_number_info
"""

EXAMPLES = r"""
- name: The HQ line's emergency address
  sinch.numbers.sinch_emergency_address:
    project_id: "{{ sinch_project_id }}"
    key_id: "{{ sinch_key_id }}"
    key_secret: "{{ vault_sinch_key_secret }}"
    phone_number: "+1 202 555 0106"
    display_name: Acme HQ
    address:
      street_number: "3500"
      street_info: Lenox Rd NE
      city: Atlanta
      state: GA
      postal_code: "30326"

- name: Accept Sinch's correction of an abbreviation
  sinch.numbers.sinch_emergency_address:
    phone_number: "+12025550107"
    display_name: Billing
    address: {street_number: "3500", street_info: Lenox Road NE, city: Atlanta, state: GA, postal_code: "30326"}
    accept_suggestion: true

- name: Check an address without provisioning it
  sinch.numbers.sinch_emergency_address:
    phone_number: "+12025550108"
    display_name: Warehouse
    address: {street_number: "1", street_info: Main St, city: Springfield, state: IL, postal_code: "62701"}
  check_mode: true

- name: Remove the emergency address
  sinch.numbers.sinch_emergency_address:
    phone_number: "+12025550108"
    state: absent
"""

RETURN = r"""
phone_number:
  description: The number, E.164.
  returned: success
  type: str
  sample: "+12025550106"
display_name:
  description: The display name sent with the address.
  returned: success and O(state=present)
  type: str
  sample: Acme HQ
address:
  description: The emergency address after the run (in check mode, would be), all seven fields; null when none.
  returned: success
  type: dict
  sample:
    street_number: "3500"
    street_info: Lenox Rd NE
    location: ""
    city: Atlanta
    state: GA
    postal_code: "30326"
    postal_code_plus_four: ""
"""

from ansible_collections.sinch.numbers.plugins.module_utils._emergency import ensure_emergency_address
from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    exit_with_outcome,
    fail_from_error,
    module_options,
    numbers_api_client,
    numbers_api_module,
)

ADDRESS_OPTIONS = dict((name, dict(type='str')) for name in (
    'street_number', 'street_info', 'location', 'city', 'state', 'postal_code', 'postal_code_plus_four'))


def main():
    module = numbers_api_module(
        dict(
            phone_number=dict(type='raw', required=True),
            display_name=dict(type='str'),
            address=dict(type='dict', options=ADDRESS_OPTIONS),
            accept_suggestion=dict(type='bool', default=False),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        required_if=[('state', 'present', ('display_name', 'address'))],
        supports_check_mode=True,
    )
    params = module.params
    try:
        outcome = ensure_emergency_address(
            numbers_api_client(module_options(module)), params['phone_number'], display_name=params['display_name'],
            address=params['address'], state=params['state'], accept_suggestion=params['accept_suggestion'],
            check_mode=module.check_mode,
        )
    except SinchError as error:
        fail_from_error(module, error)
    exit_with_outcome(module, outcome)


if __name__ == '__main__':
    main()
