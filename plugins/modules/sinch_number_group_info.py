#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_number_group_info
short_description: List the number groups for sale in the Sinch number shop
version_added: 0.1.0
description:
  - Lists the number groups the organisation can rent numbers from (C(GET /v1/organisations/id/{id}/numbers/shop)),
    with their price and how many numbers each has left.
  - Filters narrow the list on the controller; the API itself has none.
  - Uses the legacy Number Administration API.
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.legacy
  - sinch.numbers.attributes
  - sinch.numbers.attributes.INFO_MODULE
  - sinch.numbers.attributes.LEGACY_GROUP
options:
  country_id:
    description:
      - Only groups of this country (ISO 3166-1 alpha-2 code, e.g. V(US); case does not matter).
    type: str
  capability:
    description:
      - Only groups whose numbers have this capability.
    type: str
    choices: [voice, sms]
  area_code:
    description:
      - Only groups of this area code, compared exactly. Give it as a string, for example V("01"), because the leading
        zero counts.
    type: str
  city:
    description:
      - Only groups of this city (case does not matter).
    type: str
  min_availability:
    description:
      - Only groups with at least this many numbers left to rent.
    type: int
seealso:
  - module: sinch.numbers.sinch_number_shop
    description: Rent numbers from a group.
"""

EXAMPLES = r"""
- name: Groups selling US voice numbers, at least 5 left
  sinch.numbers.sinch_number_group_info:
    username: ops@example.com
    password: "{{ vault_sinch_password }}"
    country_id: US
    capability: voice
    min_availability: 5
  register: shop

- name: Rent 2 numbers from the cheapest of them
  sinch.numbers.sinch_number_shop:
    group_id: "{{ (shop.groups | sort(attribute='cost.amount') | first).group_id }}"
    quantity: 2
    capabilities: [voice]
"""

RETURN = r"""
groups:
  description: The groups that match, ordered by RV(groups[].group_id).
  returned: success
  type: list
  elements: dict
  contains:
    group_id:
      description: The group's id, for O(sinch.numbers.sinch_number_shop#module:group_id).
      type: int
      sample: 13
    country:
      description: Country name.
      type: str
      sample: US
    country_id:
      description: Country code.
      type: str
      sample: US
    city:
      description: City.
      type: str
      sample: SAN FRANCISCO
    type:
      description: The kind of numbers, as Sinch names it.
      type: str
      sample: Voice
    availability:
      description: How many numbers are left to rent.
      type: int
      sample: 20
    area_code:
      description: Area code.
      type: str
      sample: "415"
    cost:
      description: Monthly cost of one number, with C(amount) and C(currency_id).
      type: dict
      sample: {"amount": 2.0, "currency_id": "USD"}
    capabilities:
      description: What the group's numbers can do.
      type: list
      elements: str
      sample: [voice, sms]
"""

from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    fail_from_error,
    legacy_client,
    legacy_module,
    module_options,
)
from ansible_collections.sinch.numbers.plugins.module_utils._shop import find_groups


def main():
    module = legacy_module(
        dict(
            country_id=dict(type='str'),
            capability=dict(type='str', choices=['voice', 'sms']),
            area_code=dict(type='str'),
            city=dict(type='str'),
            min_availability=dict(type='int'),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        client = legacy_client(module_options(module))
        groups = find_groups(
            client.list_shop(), country_id=params['country_id'], capability=params['capability'],
            area_code=params['area_code'], city=params['city'], min_availability=params['min_availability'],
        )
    except SinchError as error:
        fail_from_error(module, error)
    module.exit_json(changed=False, groups=groups)


if __name__ == '__main__':
    main()
