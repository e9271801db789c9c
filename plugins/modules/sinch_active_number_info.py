#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_active_number_info
short_description: List the active phone numbers of a Sinch project, or read one
version_added: 0.1.0
description:
  - Lists the numbers rented by the project (C(GET /v1/projects/{project}/activeNumbers)), every page of them,
    narrowed by the filters given; Sinch applies the filters.
  - With O(phone_number), reads that one number (C(GET /v1/projects/{project}/activeNumbers/{phoneNumber})).
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
  phone_number:
    description:
      - Read only this number, given as V(+) and the number with optional spaces, dashes, dots or parentheses
        (V(+14150005550)), digits only (V(14150005550)) or an integer. A national form, a leading V(00), a float or
        letters are refused before any request.
      - RV(numbers) then holds this number, or nothing when it is not active in the project (not a failure).
      - Cannot be combined with the filters.
    type: raw
  region_code:
    description:
      - Only numbers of this region (ISO 3166-1 alpha-2 code, e.g. V(US); case does not matter).
    type: str
  type:
    description:
      - Only numbers of this type.
      - Without it, each type is listed explicitly (three page streams read at once, merged), because Sinch's guide
        says a list without a type holds MOBILE numbers only.
    type: str
    choices: [MOBILE, LOCAL, TOLL_FREE]
  capability:
    description:
      - Only numbers with these capabilities, V(SMS) and/or V(VOICE) (lower case is accepted too).
    type: list
    elements: str
notes:
  - Pages are followed to the end; a project with many numbers costs one request per 100 numbers.
  - When Sinch answers that C(regionCode) is required (older generations of the API did), the numbers are listed
    per region Sinch offers (C(GET .../availableRegions)), with a warning, because a number of a region no longer
    offered would be missing; give O(region_code) to avoid that.
"""

EXAMPLES = r"""
- name: Every active number of the project
  sinch.numbers.sinch_active_number_info:
    project_id: "{{ sinch_project_id }}"
    key_id: "{{ sinch_key_id }}"
    key_secret: "{{ vault_sinch_key_secret }}"
  register: active

- name: US local numbers that can send SMS
  sinch.numbers.sinch_active_number_info:
    region_code: US
    type: LOCAL
    capability: [SMS]
  register: us_sms

- name: Numbers starting with +1202
  sinch.numbers.sinch_active_number_info:
    number_pattern: "1202"
    search_pattern: START
  register: dc

- name: One number
  sinch.numbers.sinch_active_number_info:
    phone_number: "+12025550101"
  register: one

- name: Fail when it is not in the project
  ansible.builtin.assert:
    that: one.numbers | length == 1
    fail_msg: "+12025550101 is not active in the project"
"""

RETURN = r"""
numbers:
  description:
    - The active numbers that match, in Sinch's order, as Sinch returns them in snake_case, each with RV(numbers[].e164).
  returned: success
  type: list
  elements: dict
  contains:
    phone_number:
      description: The number in E.164 form, as Sinch gives it.
      type: str
      sample: "+12025550101"
    e164:
      description: The number in E.164 form (the same as RV(numbers[].phone_number)).
      type: str
      sample: "+12025550101"
    project_id:
      description: The project that rents it.
      type: str
      sample: 0994c893-4d74-4455-8259-4f5c68d92f6f
    display_name:
      description: Its name in the project.
      type: str
      sample: HQ main line
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
    money:
      description: What it costs every RV(numbers[].payment_interval_months), with C(currency_code) and C(amount) (a string).
      type: dict
      sample: {"currency_code": "USD", "amount": "2.00"}
    payment_interval_months:
      description: Months between charges.
      type: int
      sample: 1
    next_charge_date:
      description: When it is charged next.
      type: str
      sample: "2026-01-01T00:00:00.000Z"
    expire_at:
      description: When the rental ends unless it is charged again.
      type: str
      sample: "2026-01-01T00:00:00.000Z"
    sms_configuration:
      description:
        - C(service_plan_id), C(campaign_id), and C(scheduled_provisioning) (a change in progress or failed, with
          C(status) and C(error_codes)).
      type: dict
      sample: {"service_plan_id": "957ae16ae12d4942b91b61eda5e4ed6b", "campaign_id": "", "scheduled_provisioning": null}
    voice_configuration:
      description: C(type) (V(RTC), V(EST), V(FAX)), C(app_id), C(last_updated_time), C(scheduled_voice_provisioning).
      type: dict
      sample: {"type": "RTC", "app_id": "bb7b4e39-4227-4913-8c81-2db4abb54fb3", "last_updated_time": null,
               "scheduled_voice_provisioning": null}
    callback_url:
      description: Where Sinch sends provisioning events for the number.
      type: str
      sample: https://hooks.example.com/sinch/numbers
    sinch_api:
      description: The API the number came from, V(numbers_api) (the Numbers API); the same key in every number record of the collection.
      type: str
      sample: numbers_api
    monthly_cost:
      description:
        - What it costs per month, RV(numbers[].money) divided by RV(numbers[].payment_interval_months), C(amount) as a float.
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
"""

from ansible_collections.sinch.numbers.plugins.module_utils._active_number import active_numbers
from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    fail_from_error,
    module_options,
    numbers_api_client,
    numbers_api_module,
)
from ansible_collections.sinch.numbers.plugins.module_utils._options import number_pattern_argument_spec

FILTERS = ('region_code', 'type', 'capability', 'number_pattern', 'search_pattern')


def main():
    module = numbers_api_module(
        dict(
            phone_number=dict(type='raw'),
            region_code=dict(type='str'),
            type=dict(type='str', choices=['MOBILE', 'LOCAL', 'TOLL_FREE']),
            capability=dict(type='list', elements='str'),
            **number_pattern_argument_spec(),
        ),
        mutually_exclusive=[('phone_number', name) for name in FILTERS],
        required_by=dict(search_pattern='number_pattern'),
        supports_check_mode=True,
    )
    try:
        numbers = active_numbers(numbers_api_client(module_options(module)), module.params, warn=module.warn)
    except SinchError as error:
        fail_from_error(module, error)
    module.exit_json(changed=False, numbers=numbers)


if __name__ == '__main__':
    main()
