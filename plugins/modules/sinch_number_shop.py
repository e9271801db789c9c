#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_number_shop
short_description: Hold at least a given number of Sinch phone numbers of one number group, renting only the shortfall
version_added: 0.1.0
description:
  - Desired state - the organisation holds at least O(quantity) numbers of number group O(group_id) that have every
    capability in O(capabilities). Numbers already held count; only the difference is rented, and never twice.
  - Counts the numbers held (C(GET /v1/organisations/id/{id}/numbers)). When some are missing, reads the shop
    (C(GET .../numbers/shop)) and checks, before any write, that the group exists, sells the capabilities, has enough
    numbers available, and that O(max_monthly_cost) is given and the added monthly cost stays within it. Then reserves
    the shortfall (C(PUT .../numbers/shop)), checks the reservation out (C(POST .../numbers/shop)), and lists the
    numbers again.
  - Never holds fewer numbers than before; it does not release numbers above O(quantity).
  - Uses the legacy Number Administration API.
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.legacy
  - sinch.numbers.attributes
  - sinch.numbers.attributes.ACTIONABLE
  - sinch.numbers.attributes.LEGACY_GROUP
  - sinch.numbers.rental
options:
  group_id:
    description:
      - The number group to hold numbers of (see M(sinch.numbers.sinch_number_group_info)).
    type: int
    required: true
  quantity:
    description:
      - How many numbers of the group, with O(capabilities), the organisation must hold at least.
      - V(0) is valid and never rents anything.
    type: int
    required: true
  capabilities:
    description:
      - What the numbers must be able to do. A held number counts when it has all of them; new numbers are rented
        with exactly these.
      - When not set, the capabilities the group sells (this reads the shop on every run).
    type: list
    elements: str
    choices: [voice, sms]
notes:
  - Runs on one controller that rent from the same group take turns under a file lock, so they never both buy the
    shortfall.
seealso:
  - module: sinch.numbers.sinch_number_group_info
  - module: sinch.numbers.sinch_number_assign
"""

EXAMPLES = r"""
- name: Hold at least 3 voice numbers of group 13, spending at most 10 USD a month more
  sinch.numbers.sinch_number_shop:
    username: ops@example.com
    password: "{{ vault_sinch_password }}"
    group_id: 13
    quantity: 3
    capabilities: [voice]
    max_monthly_cost: 10
  register: shop

- name: Show the new numbers
  ansible.builtin.debug:
    msg: "{{ shop.rented | map(attribute='e164') | list }} for {{ shop.monthly_cost.amount }} {{ shop.monthly_cost.currency_id }}/month"

- name: What would be rented, without renting (the ceiling is checked in check mode too)
  sinch.numbers.sinch_number_shop:
    group_id: 75
    quantity: 2
    max_monthly_cost: 5
  check_mode: true

- name: Rent without a ceiling, on purpose
  sinch.numbers.sinch_number_shop:
    group_id: 13
    quantity: 1
    max_monthly_cost: .inf
  register: plan
"""

RETURN = r"""
group_id:
  description: The group acted on.
  returned: success
  type: int
  sample: 13
capabilities:
  description: The capabilities counted and rented (O(capabilities), or what the group sells).
  returned: success
  type: list
  elements: str
  sample: [voice]
rented:
  description:
    - The numbers this run rented, in the form M(sinch.numbers.sinch_number_info) returns them (each with C(e164)).
    - Empty when nothing was missing, and in check mode.
  returned: success
  type: list
  elements: dict
  sample: [{"number": 14155550000, "e164": "+14155550000", "group_id": 13, "capabilities": ["voice"],
            "application_key": null, "country_id": "US", "city": "SAN FRANCISCO",
            "cost": {"amount": 2.0, "currency_id": "USD"}}]
numbers:
  description:
    - All numbers of the group with the capabilities that the organisation holds after the run (in check mode,
      those held now), ordered by number. Same form as RV(rented).
  returned: success
  type: list
  elements: dict
count:
  description: How many such numbers the organisation holds after the run (in check mode, would hold).
  returned: success
  type: int
  sample: 3
surplus:
  description:
    - Numbers of the group found above O(quantity) right after this run's purchase - another run (another controller)
      rented at the same time. They stay free (never released or assigned), and a warning names them. Same form as
      RV(rented), and part of RV(numbers).
  returned: success
  type: list
  elements: dict
would_rent:
  description: How many numbers a run outside check mode would rent.
  returned: check mode
  type: int
  sample: 2
monthly_cost:
  description:
    - What the rented numbers (in check mode, the numbers that would be rented) add to the monthly bill.
    - RV(monthly_cost.amount) is V(0) when nothing is missing.
  returned: success
  type: dict
  contains:
    amount:
      description: The amount.
      type: float
      sample: 4.0
    currency_id:
      description: The currency, as the shop gives it; V(null) when nothing was rented and none is known.
      type: str
      sample: USD
"""

from ansible_collections.sinch.numbers.plugins.module_utils._module import legacy_module, run_legacy
from ansible_collections.sinch.numbers.plugins.module_utils._rental import rental_argument_spec
from ansible_collections.sinch.numbers.plugins.module_utils._shop import Purchase


def main():
    module = legacy_module(
        dict(
            group_id=dict(type='int', required=True),
            quantity=dict(type='int', required=True),
            capabilities=dict(type='list', elements='str', choices=['voice', 'sms']),
            **rental_argument_spec()
        ),
        supports_check_mode=True,
    )
    params = module.params
    run_legacy(module, lambda client: Purchase(client, params['group_id'], params['quantity'], params['capabilities'],
                                               params['max_monthly_cost']).run(check_mode=module.check_mode))


if __name__ == '__main__':
    main()
