#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_active_number_pool
short_description: Keep at least a count of configured Sinch numbers of a region and type, renting only the shortfall
version_added: 0.2.0
description:
  - Desired state of a pool of numbers in the project - at least O(count) active numbers of O(region_code) and
    O(type), with O(capabilities), optionally matching O(number_pattern), configured with O(sms_service_plan_id) (and
    O(sms_campaign_id)) and/or O(voice_app_id).
  - The pool's B(members) are the project's active numbers with that region, type, capabilities, pattern and
    configuration. A configuration Sinch is still provisioning (C(WAITING) or C(IN_PROGRESS)) counts as set. Numbers
    of the project without the configuration are neither counted nor changed.
  - Lists the project's active numbers once per region and type (C(GET .../activeNumbers)). When members are
    missing, searches once (C(GET .../availableNumbers) with C(size) the shortfall, the capabilities and the pattern),
    checks that enough numbers are offered and that their monthly cost stays within O(max_monthly_cost), then rents
    those specific numbers one by one (C(POST .../availableNumbers/{phoneNumber}:rent)) with the configuration in the
    rent request. All checks happen before the first write, in check mode too.
  - With O(release_surplus=true), members above O(count) are released (C(POST .../activeNumbers/{phoneNumber}:release)),
    the highest number first, keeping the lowest O(count). B(Releasing gives a number up for good.)
  - O(pools) takes many pools at once, for one run that lists each region and type once (the
    P(sinch.numbers.project_numbers#role) role uses it).
  - Uses the Numbers API.
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.numbers_api
  - sinch.numbers.attributes
  - sinch.numbers.attributes.ACTIONABLE
  - sinch.numbers.attributes.NUMBERS_API_GROUP
options:
  region_code:
    description:
      - The two-letter country code (ISO 3166-1 alpha-2) of the pool's numbers, e.g. V(US). Required unless O(pools)
        is given.
    type: str
  type:
    description:
      - The type of the pool's numbers. Required unless O(pools) is given.
    type: str
    choices: [MOBILE, LOCAL, TOLL_FREE]
  capabilities:
    description:
      - What every number of the pool can do, V(SMS) and/or V(VOICE) (lower case is accepted too). Required unless
        O(pools) is given.
      - O(sms_service_plan_id) needs V(SMS) here, O(voice_app_id) needs V(VOICE).
    type: list
    elements: str
  count:
    description:
      - How many members the pool has at least (V(0) or more). Required unless O(pools) is given.
    type: int
  number_pattern:
    description:
      - Only numbers containing these digits, where O(search_pattern) says; members must match it too.
      - With O(search_pattern=START) give the country code first (V(+1206) or V(1206) for US area code 206); the V(+)
        is sent as the API wants it.
    type: str
  search_pattern:
    description:
      - Where O(number_pattern) must appear in the number. Unset lets Sinch decide for the search, and members match
        when the digits appear anywhere.
    type: str
    choices: [START, CONTAINS, END]
  sms_service_plan_id:
    description:
      - The SMS service plan of the pool's numbers; rented numbers get it in the rent request.
      - At least one of O(sms_service_plan_id) and O(voice_app_id) is needed.
    type: str
  sms_campaign_id:
    description:
      - The 10DLC campaign of the pool's numbers (US local numbers); needs O(sms_service_plan_id).
    type: str
  voice_app_id:
    description:
      - The Voice API application (an C(RTC) voice configuration) of the pool's numbers. A number routed to FAX or EST
        is no member.
    type: str
  release_surplus:
    description:
      - Release the members above O(count), the highest number first. B(Releasing gives a number up for good.)
      - When false, members above O(count) are only reported (RV(pools[].surplus)) and kept.
      - With O(pools), give it inside each pool.
    type: bool
    default: false
  pools:
    description:
      - Many pools in one run, instead of the options above. Each element has the options of one pool; a message
        names the element, for example C(pools[3].count).
      - A number is a member of the first pool (in the order given) it matches, so pools never share a number.
      - V([]) does nothing and sends no request.
    type: list
    elements: dict
    suboptions:
      region_code:
        description: See O(region_code).
        type: str
        required: true
      type:
        description: See O(type).
        type: str
        required: true
        choices: [MOBILE, LOCAL, TOLL_FREE]
      capabilities:
        description: See O(capabilities).
        type: list
        elements: str
        required: true
      count:
        description: See O(count).
        type: int
        required: true
      number_pattern:
        description: See O(number_pattern).
        type: str
      search_pattern:
        description: See O(search_pattern).
        type: str
        choices: [START, CONTAINS, END]
      sms_service_plan_id:
        description: See O(sms_service_plan_id).
        type: str
      sms_campaign_id:
        description: See O(sms_campaign_id).
        type: str
      voice_app_id:
        description: See O(voice_app_id).
        type: str
      release_surplus:
        description: See O(release_surplus).
        type: bool
        default: false
  max_monthly_cost:
    description:
      - The most the numbers this run rents may add to the monthly bill, in the numbers' currency (all pools
        together). A number's monthly cost is its monthly price over its payment interval.
      - B(Nothing is rented without it) - a run that would rent fails, in check mode too, saying what it would rent
        and what it would cost. V(.inf) rents without a ceiling on purpose. NaN and negative amounts are refused.
    type: float
notes:
  - A rent is never sent twice, and a number is never rented in place of another in the same run. When the answer
    to a rent is lost (no answer, an HTTP 5xx, or an answer that is not the number), the module reads that number
    (C(GET .../activeNumbers/{phoneNumber})) - active in the project means it was rented (a warning says so);
    otherwise the task fails saying whether the outcome is uncertain. A re-run lists the numbers again first.
  - When Sinch offers fewer numbers than missing, the task fails before renting anything, naming the pool and the
    options to change.
  - Runs on different controllers at the same time may both rent a pool's shortfall; the API has no locks.
seealso:
  - module: sinch.numbers.sinch_available_number_info
    description: Find numbers to rent, with their prices.
  - module: sinch.numbers.sinch_active_number
    description: One number.
"""

EXAMPLES = r"""
- name: Keep 3 US local SMS numbers on service plan P, at most 10 USD a month more
  sinch.numbers.sinch_active_number_pool:
    project_id: "{{ sinch_project_id }}"
    key_id: "{{ sinch_key_id }}"
    key_secret: "{{ vault_sinch_key_secret }}"
    region_code: US
    type: LOCAL
    capabilities: [SMS]
    count: 3
    sms_service_plan_id: 957ae16ae12d4942b91b61eda5e4ed6b
    max_monthly_cost: 10
  register: alerts

- name: Show the pool
  ansible.builtin.debug:
    msg: "{{ alerts.numbers | map(attribute='e164') | join(', ') }}"

- name: What a smaller Seattle voice pool would rent and release, without doing it
  sinch.numbers.sinch_active_number_pool:
    region_code: US
    type: LOCAL
    capabilities: [voice]
    number_pattern: "+1206"
    search_pattern: START
    voice_app_id: bb7b4e39-4227-4913-8c81-2db4abb54fb3
    count: 1
    release_surplus: true
    max_monthly_cost: 5
  check_mode: true
  diff: true

- name: Two pools in one run
  sinch.numbers.sinch_active_number_pool:
    pools:
      - {region_code: US, type: LOCAL, capabilities: [SMS], count: 2, sms_service_plan_id: 957ae16ae12d4942b91b61eda5e4ed6b}
      - {region_code: GB, type: MOBILE, capabilities: [VOICE], count: 1, voice_app_id: 5a3f3e9c-7d1b-4c52-9a8e-2f6b1c0d4e71}
    max_monthly_cost: 8
"""

RETURN = r"""
numbers:
  description:
    - The members of every pool after the run (in check mode, as they would be), as
      M(sinch.numbers.sinch_active_number_info) returns numbers (snake_case, with C(e164)), lowest first per pool.
  returned: success
  type: list
  elements: dict
  sample: [{"phone_number": "+12065550101", "e164": "+12065550101", "region_code": "US", "type": "LOCAL",
            "capability": ["SMS"], "money": {"currency_code": "USD", "amount": "2.00"}}]
rented:
  description:
    - The numbers this run rented, in the same form; in check mode, the specific numbers it would rent.
    - Also returned when the task fails after renting.
  returned: success and failures after renting
  type: list
  elements: dict
  sample: []
released:
  description:
    - The numbers this run released (in check mode, would release), as they were; also returned on failure.
  returned: success and failures after renting
  type: list
  elements: dict
  sample: []
monthly_cost:
  description: What the rented numbers (in check mode, the numbers to rent) add to the monthly bill.
  returned: success
  type: dict
  contains:
    amount:
      description: The amount; V(0) when nothing is rented.
      type: float
      sample: 4.0
    currency:
      description: The currency; V(null) when nothing is rented (or the numbers have different currencies).
      type: str
      sample: USD
setup_cost:
  description: The one-time setup price of the rented numbers, like RV(monthly_cost).
  returned: success
  type: dict
  sample: {"amount": 0.0, "currency": "USD"}
pools:
  description: Per pool (one element without O(pools)), in the order given.
  returned: success
  type: list
  elements: dict
  contains:
    pool:
      description: What the pool is, in words.
      type: str
      sample: US LOCAL SMS numbers with sms_service_plan_id 957ae16ae12d4942b91b61eda5e4ed6b
    count:
      description: The count asked for.
      type: int
      sample: 3
    numbers:
      description: Its members after the run, E.164, lowest first.
      type: list
      elements: str
      sample: ["+12025550102", "+12065550101"]
    rented:
      description: Rented for it (in check mode, would be), E.164.
      type: list
      elements: str
      sample: ["+12065550101"]
    released:
      description: Released from it (in check mode, would be), E.164, highest first.
      type: list
      elements: str
      sample: []
    surplus:
      description: Members above O(count) kept because O(release_surplus) is false, E.164.
      type: list
      elements: str
      sample: []
"""

from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    exit_with_outcome,
    fail_from_error,
    module_options,
    numbers_api_client,
    numbers_api_module,
)
from ansible_collections.sinch.numbers.plugins.module_utils._pool import POOL_KEYS, reconcile

SINGLE = ('region_code', 'type', 'capabilities', 'count', 'number_pattern', 'search_pattern', 'sms_service_plan_id',
          'sms_campaign_id', 'voice_app_id')


def main():
    module = numbers_api_module(
        dict(
            region_code=dict(type='str'),
            type=dict(type='str', choices=['MOBILE', 'LOCAL', 'TOLL_FREE']),
            capabilities=dict(type='list', elements='str'),
            count=dict(type='int'),
            number_pattern=dict(type='str'),
            search_pattern=dict(type='str', choices=['START', 'CONTAINS', 'END']),
            sms_service_plan_id=dict(type='str'),
            sms_campaign_id=dict(type='str'),
            voice_app_id=dict(type='str'),
            release_surplus=dict(type='bool', default=False),
            # No suboptions spec on purpose: the pools are validated by _pool.parse_pools, whose messages name the
            # element (pools[3].count), which Ansible's own check cannot. DOCUMENTATION has them.
            pools=dict(type='list', elements='dict'),
            max_monthly_cost=dict(type='float'),
        ),
        supports_check_mode=True,
        mutually_exclusive=[('pools', option) for option in SINGLE],
        required_one_of=[('pools', 'region_code')],
    )
    params = module.params
    single = params['pools'] is None
    if not single and params['release_surplus']:
        module.fail_json(msg='release_surplus: with pools, give it inside each pool that may release numbers.')
    entries = [dict((key, params[key]) for key in POOL_KEYS)] if single else params['pools']
    try:
        outcome = reconcile(numbers_api_client(module_options(module)), entries, params['max_monthly_cost'],
                            check_mode=module.check_mode, single=single)
    except SinchError as error:
        fail_from_error(module, error)
    exit_with_outcome(module, outcome)


if __name__ == '__main__':
    main()
