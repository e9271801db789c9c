#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_application_numbers
short_description: Give many applications the Sinch phone numbers they need in one run, renting only the shortfall
version_added: 0.1.0
description:
  - Desired state of many applications at once - each entry of O(applications) has at least O(applications[].count)
    numbers with O(applications[].capability). What the organisation's free numbers cannot supply is rented from the
    entry's O(applications[].group_id), once per group for all entries that draw on it, then assigned.
  - Reads the organisation's numbers once (C(GET /v1/organisations/id/{id}/numbers)). Application keys that hold no
    number there are proved to exist with C(GET /v1/applications/key/{key}/numbers), one request per such key. When
    something must be rented, reads the shop once (C(GET .../numbers/shop)) and checks that each group exists, sells
    the capability and has enough numbers available, and that O(max_monthly_cost) is given and the added monthly cost
    stays within it.
    All of this happens before the first write, in check mode too.
  - Then reserves each group's shortfall (C(PUT .../numbers/shop), one reservation per group and capability), checks
    all reservations out in one request (C(POST .../numbers/shop)), reads the numbers again, and sends one C(PUT
    /v1/applications/key/{key}/numbers/{capability}) with the complete set to each application that gains numbers.
  - A run where every application already has its numbers reads once and writes nothing.
  - Free numbers are taken lowest first, numbers with only the wanted capability before numbers that also have the
    other one. Entries with O(applications[].group_id) pick first, in the order given; entries without it take what
    is left, from any group, and cannot rent.
  - Never removes numbers from an application (an application with more than O(applications[].count) keeps them)
    and never releases numbers. Use M(sinch.numbers.sinch_number_assign) for exact sets and removals.
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
  applications:
    description:
      - What each application needs. Each application and capability may appear once.
      - The entries are checked by the module itself, so that a message names the entry, for example
        C(applications[3].capability).
      - V([]) does nothing and sends no request.
    type: list
    elements: dict
    required: true
    suboptions:
      application_key:
        description:
          - The key of an application of the organisation.
        type: str
        required: true
      capability:
        description:
          - The capability the numbers are assigned for.
        type: str
        required: true
        choices: [voice, sms]
      count:
        description:
          - How many numbers with O(applications[].capability) the application must have at least, whatever their
            group. V(0) needs nothing.
        type: int
        required: true
      group_id:
        description:
          - The number group free numbers are taken from, and missing ones rented from (with exactly
            O(applications[].capability)).
          - When not set, free numbers of any group are taken, and a shortfall fails the task instead of renting.
        type: int
notes:
  - The API overwrites an application's numbers for a capability in one call, so an application that gains numbers
    gets one C(PUT) of its complete set (the numbers it had and the new ones).
  - A failure while assigning (after renting) returns RV(rented); a re-run assigns the rest without renting them
    again, because rented numbers that are not assigned are free numbers.
  - Runs on one controller (forks of a play, parallel jobs, two runs of the role) take turns under file locks for the
    groups in O(applications) and for the organisation's assignments, the same locks M(sinch.numbers.sinch_number_shop)
    and M(sinch.numbers.sinch_number_assign) take. So they never pick the same free number nor rent a shortfall twice.
seealso:
  - module: sinch.numbers.sinch_number_assign
  - module: sinch.numbers.sinch_number_shop
  - module: sinch.numbers.sinch_number_group_info
"""

EXAMPLES = r"""
- name: Two voice numbers of group 13 for the support line, one sms number for the alerts, at most 20 USD a month more
  sinch.numbers.sinch_application_numbers:
    username: ops@example.com
    password: "{{ vault_sinch_password }}"
    applications:
      - application_key: bb7b4e39-4227-4913-8c81-2db4abb54fb3
        capability: voice
        count: 2
        group_id: 13
      - application_key: 8e2d7c4b-1f3a-4b6e-9c5d-0a7f2e1b3c49
        capability: sms
        count: 1
        group_id: 75
    max_monthly_cost: 20
  register: provisioned

- name: Show what each application has
  ansible.builtin.debug:
    msg: "{{ item.application_key }} ({{ item.capability }}): {{ item.numbers | join(', ') }}"
  loop: "{{ provisioned.applications }}"

- name: What would be rented and assigned, without renting (the ceiling is checked in check mode too)
  sinch.numbers.sinch_application_numbers:
    applications: "{{ wanted_numbers }}"
    max_monthly_cost: 50
  check_mode: true
  register: plan
"""

RETURN = r"""
applications:
  description:
    - One item per entry of O(applications), in the same order.
    - In check mode, numbers that would be rented are shown as C((new number of group 13)).
  returned: success
  type: list
  elements: dict
  contains:
    application_key:
      description: The application.
      type: str
      sample: bb7b4e39-4227-4913-8c81-2db4abb54fb3
    capability:
      description: The capability.
      type: str
      sample: voice
    numbers:
      description: The application's numbers with the capability after the run (in check mode, would be), E.164, ascending.
      type: list
      elements: str
      sample: ["+14155550000", "+14155550100"]
    added:
      description: The numbers assigned by this run (in check mode, that would be), E.164.
      type: list
      elements: str
      sample: ["+14155550000"]
rented:
  description:
    - The numbers this run rented, in the form M(sinch.numbers.sinch_number_info) returns them (each with C(e164)).
    - Empty when nothing was missing, and in check mode. Also returned when assigning fails after renting.
  returned: success and failures after renting
  type: list
  elements: dict
  sample: [{"number": 14155550000, "e164": "+14155550000", "group_id": 13, "capabilities": ["voice"],
            "application_key": null, "country_id": "US", "city": "SAN FRANCISCO",
            "cost": {"amount": 2.0, "currency_id": "USD"}}]
surplus:
  description:
    - After renting, the new numbers no application takes because another run (another controller) rented from the
      same groups at the same time. No entry is given them and they are not released; a warning lists them.
  returned: success
  type: list
  elements: dict
shortfall:
  description: What the run rented (in check mode, would rent), per group and capability.
  returned: success
  type: list
  elements: dict
  contains:
    group_id:
      description: The number group.
      type: int
      sample: 13
    capability:
      description: The capability of the numbers rented.
      type: str
      sample: voice
    quantity:
      description: How many.
      type: int
      sample: 2
monthly_cost:
  description:
    - What the rented numbers (in check mode, the numbers that would be rented) add to the monthly bill.
  returned: success
  type: dict
  contains:
    amount:
      description: The amount; V(0) when nothing is rented.
      type: float
      sample: 4.0
    currency_id:
      description: The currency of the groups; V(null) when nothing is rented, or when groups of different currencies
        are (the amount then adds them up as they are).
      type: str
      sample: USD
"""

from ansible_collections.sinch.numbers.plugins.module_utils._application_numbers import ApplicationNumbers
from ansible_collections.sinch.numbers.plugins.module_utils._module import legacy_module, run_legacy
from ansible_collections.sinch.numbers.plugins.module_utils._rental import rental_argument_spec


def main():
    # No suboptions spec on purpose: the entries are validated by ApplicationNumbers, whose messages name
    # the entry (applications[3].capability), which Ansible's own check cannot. DOCUMENTATION has them.
    spec = dict(applications=dict(type='list', elements='dict', required=True), **rental_argument_spec())
    module = legacy_module(spec, supports_check_mode=True)
    applications, ceiling = module.params['applications'], module.params['max_monthly_cost']
    run_legacy(module, lambda client: ApplicationNumbers(client, applications, ceiling).run(check_mode=module.check_mode))


if __name__ == '__main__':
    main()
