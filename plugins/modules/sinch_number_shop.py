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
    numbers available, and that the added monthly cost stays within O(max_monthly_cost). Then reserves the shortfall
    (C(PUT .../numbers/shop)), checks the reservation out (C(POST .../numbers/shop)), and lists the numbers again.
  - Never holds fewer numbers than before; it does not release numbers above O(quantity).
  - Uses the legacy Number Administration API.
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.legacy
  - sinch.numbers.attributes
  - sinch.numbers.attributes.ACTIONABLE
  - sinch.numbers.attributes.LEGACY_GROUP
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
  max_monthly_cost:
    description:
      - Refuse, before reserving anything, a purchase that would add more than this to the monthly bill
        (numbers to rent times the group's monthly cost, in the group's currency).
      - The message states the cost. Also checked in check mode.
    type: float
notes:
  - A checkout that Sinch refuses (not enough credit, reservation expired, accounting not set up) fails the task and
    leaves nothing rented; the reservation expires by itself, the API cannot cancel it.
  - A checkout whose answer is lost (timeout, connection error, server error) is never sent again. The numbers are
    read again at once; when they are there the task succeeds with a warning, otherwise it fails saying a re-run
    rents only what is missing.
  - Runs on one controller (forks of a play, parallel jobs) that rent from the same group take turns under a file
    lock next to the session cache, so they never both buy the shortfall. Nothing can lock across controllers,
    because the API has no locks; do not rent from the same group from two controllers at once.
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

- name: What would be rented, without renting
  sinch.numbers.sinch_number_shop:
    group_id: 75
    quantity: 2
  check_mode: true
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

from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    exit_with_outcome,
    fail_from_error,
    legacy_client,
    legacy_module,
    module_options,
)
from ansible_collections.sinch.numbers.plugins.module_utils._shop import Purchase


def main():
    module = legacy_module(
        dict(
            group_id=dict(type='int', required=True),
            quantity=dict(type='int', required=True),
            capabilities=dict(type='list', elements='str', choices=['voice', 'sms']),
            max_monthly_cost=dict(type='float'),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        purchase = Purchase(legacy_client(module_options(module)), params['group_id'], params['quantity'],
                            params['capabilities'], params['max_monthly_cost'])
        outcome = purchase.run(check_mode=module.check_mode)
    except SinchError as error:
        fail_from_error(module, error)
    exit_with_outcome(module, outcome)


if __name__ == '__main__':
    main()
