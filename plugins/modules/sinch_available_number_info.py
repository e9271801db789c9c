#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_available_number_info
short_description: Search the phone numbers Sinch has for rent, with their prices, and the regions it sells in
version_added: 0.1.0
description:
  - Searches the numbers that can be rented now (C(GET /v1/projects/{project}/availableNumbers)) in one region
    and of one type, with their setup and monthly price.
  - With O(regions=true), also lists the regions where numbers can be rented
    (C(GET /v1/projects/{project}/availableRegions)).
  - Renting is done by M(sinch.numbers.sinch_active_number); this module only reads.
  - Uses the Numbers API.
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.numbers_api
  - sinch.numbers.number_pattern
  - sinch.numbers.attributes
  - sinch.numbers.attributes.INFO_MODULE
  - sinch.numbers.attributes.NUMBERS_API_GROUP
options:
  region_code:
    description:
      - The region to search (ISO 3166-1 alpha-2 code, e.g. V(US); case does not matter).
      - Required, with O(type), to search numbers. With O(regions=true) and no O(region_code), no numbers are
        searched and only RV(regions) is listed.
    type: str
  type:
    description:
      - The type of number to search.
      - Required with O(region_code), and unless O(regions=true).
      - With O(regions=true), also narrows RV(regions) to the regions that sell this type.
    type: str
    choices: [MOBILE, LOCAL, TOLL_FREE]
  capabilities:
    description:
      - Only numbers with every capability listed, V(SMS) and/or V(VOICE) (lower case is accepted too).
    type: list
    elements: str
  size:
    description:
      - At most this many numbers. Unset lets Sinch decide.
    type: int
  regions:
    description:
      - Also list the regions where numbers can be rented, in RV(regions).
    type: bool
    default: false
notes:
  - O(capabilities), O(number_pattern), O(search_pattern) and O(size) narrow the number search, so they need
    O(region_code) and O(type).
"""

EXAMPLES = r"""
- name: Five US local numbers that can do SMS and voice, with their prices
  sinch.numbers.sinch_available_number_info:
    project_id: "{{ sinch_project_id }}"
    key_id: "{{ sinch_key_id }}"
    key_secret: "{{ vault_sinch_key_secret }}"
    region_code: US
    type: LOCAL
    capabilities: [SMS, VOICE]
    size: 5
  register: offer

- name: Show them with their monthly price
  ansible.builtin.debug:
    msg: "{{ item.e164 }}: {{ item.monthly_price.amount }} {{ item.monthly_price.currency_code }} a month"
  loop: "{{ offer.numbers }}"

- name: Toll-free numbers ending in 0101
  sinch.numbers.sinch_available_number_info:
    region_code: US
    type: TOLL_FREE
    number_pattern: "0101"
    search_pattern: END
  register: toll_free

- name: Where can mobile numbers be rented?
  sinch.numbers.sinch_available_number_info:
    regions: true
    type: MOBILE
  register: mobile_regions

- name: Rent the first number found
  sinch.numbers.sinch_active_number:
    phone_number: "{{ offer.numbers[0].phone_number }}"
    display_name: Support
  when: offer.numbers | length > 0
"""

RETURN = r"""
numbers:
  description:
    - The numbers that can be rented, in Sinch's order, in snake_case, each with RV(numbers[].e164).
    - Empty when no number matches, or when only RV(regions) was asked for.
  returned: success
  type: list
  elements: dict
  contains:
    phone_number:
      description: The number in E.164 form, as Sinch gives it.
      type: str
      sample: "+12065550101"
    e164:
      description: The number in E.164 form (the same as RV(numbers[].phone_number)).
      type: str
      sample: "+12065550101"
    region_code:
      description: Its region (ISO 3166-1 alpha-2).
      type: str
      sample: US
    type:
      description: V(MOBILE), V(LOCAL) or V(TOLL_FREE).
      type: str
      sample: LOCAL
    capability:
      description: What it can do, as Sinch gives it (upper case).
      type: list
      elements: str
      sample: [SMS, VOICE]
    capabilities:
      description: What it can do, in lower case (V(sms), V(voice)), as in the numbers of the legacy API.
      type: list
      elements: str
      sample: [sms, voice]
    setup_price:
      description: What renting it costs once, with C(currency_code) and C(amount) (a string).
      type: dict
      sample: {"currency_code": "USD", "amount": "0.00"}
    monthly_price:
      description: What it costs every RV(numbers[].payment_interval_months), with C(currency_code) and C(amount).
      type: dict
      sample: {"currency_code": "USD", "amount": "2.00"}
    payment_interval_months:
      description: Months between charges.
      type: int
      sample: 1
    supporting_documentation_required:
      description: Whether Sinch needs documents (e.g. proof of address) before the number can be used.
      type: bool
      sample: false
    sinch_api:
      description: The API the number came from, V(numbers_api) (the Numbers API); the same key in every number record of the collection.
      type: str
      sample: numbers_api
    monthly_cost:
      description:
        - What it would cost per month, RV(numbers[].monthly_price) divided by RV(numbers[].payment_interval_months), C(amount) as a float.
        - V(null) when Sinch gives no price that reads as a number.
      type: dict
      contains:
        amount:
          description: The cost per month.
          type: float
          sample: 2.0
        currency:
          description: The currency, as Sinch gives it.
          type: str
          sample: USD
regions:
  description: The regions where numbers can be rented (only those selling O(type) when it is set).
  returned: when O(regions=true)
  type: list
  elements: dict
  contains:
    region_code:
      description: ISO 3166-1 alpha-2 code, to use as O(region_code).
      type: str
      sample: US
    region_name:
      description: Its name.
      type: str
      sample: United States
    types:
      description: The types of number sold there.
      type: list
      elements: str
      sample: [LOCAL, TOLL_FREE]
"""

from ansible_collections.sinch.numbers.plugins.module_utils._active_number import available_numbers
from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    fail_from_error,
    module_options,
    numbers_api_client,
    numbers_api_module,
)
from ansible_collections.sinch.numbers.plugins.module_utils._options import number_pattern_argument_spec

SEARCH = ('region_code', 'type')


def main():
    module = numbers_api_module(
        dict(
            region_code=dict(type='str'),
            type=dict(type='str', choices=['MOBILE', 'LOCAL', 'TOLL_FREE']),
            capabilities=dict(type='list', elements='str'),
            **number_pattern_argument_spec(),
            size=dict(type='int'),
            regions=dict(type='bool', default=False),
        ),
        required_if=[('regions', False, SEARCH)],
        required_by=dict(region_code='type', capabilities=SEARCH, number_pattern=SEARCH, size=SEARCH,
                         search_pattern=SEARCH + ('number_pattern',)),
        supports_check_mode=True,
    )
    try:
        numbers, regions = available_numbers(numbers_api_client(module_options(module)), module.params)
    except SinchError as error:
        fail_from_error(module, error)
    result = dict(changed=False, numbers=numbers)
    if regions is not None:
        result['regions'] = regions
    module.exit_json(**result)


if __name__ == '__main__':
    main()
