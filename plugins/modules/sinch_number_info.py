#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_number_info
short_description: List the phone numbers an organisation rents from Sinch, or those of one application
version_added: 0.1.0
description:
  - Lists the numbers rented by the organisation (C(GET /v1/organisations/id/{id}/numbers)), or, when
    O(application_key) is set, the numbers assigned to that application (C(GET /v1/applications/key/{key}/numbers)).
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
  application_key:
    description:
      - Only the numbers assigned to this application.
    type: str
  capability:
    description:
      - Only numbers with this capability.
    type: str
    choices: [voice, sms]
  country_id:
    description:
      - Only numbers of this country (ISO 3166-1 alpha-2 code, e.g. V(US); case does not matter).
    type: str
  group_id:
    description:
      - Only numbers rented from this number group.
    type: int
  assigned:
    description:
      - V(true) for numbers assigned to an application, V(false) for idle numbers. Unset for both.
    type: bool
"""

EXAMPLES = r"""
- name: All numbers of the organisation
  sinch.numbers.sinch_number_info:
    username: ops@example.com
    password: "{{ vault_sinch_password }}"
  register: held

- name: Idle voice numbers in the US (they cost money and serve nobody)
  sinch.numbers.sinch_number_info:
    capability: voice
    country_id: US
    assigned: false
  register: idle

- name: Numbers of one application
  sinch.numbers.sinch_number_info:
    application_key: bb7b4e39-4227-4913-8c81-2db4abb54fb3
  register: app_numbers

- name: Print them in E.164
  ansible.builtin.debug:
    msg: "{{ app_numbers.numbers | map(attribute='e164') | list }}"
"""

RETURN = r"""
organisation:
  description:
    - The organisation acted on, as C(GET /v1/organisations) returns it (in snake_case).
    - When O(organisation_id) names another organisation than the user's own, only its C(id).
  returned: success
  type: dict
  contains:
    id:
      description: The organisation's id.
      type: int
      sample: 8888123
  sample: {"id": 8888123, "name": "Acme", "website": "http://www.example.com", "phone": "+12055500000", "country_id": "US"}
numbers:
  description: The numbers that match, ordered by number.
  returned: success
  type: list
  elements: dict
  contains:
    number:
      description: The number in the API's form (an integer).
      type: int
      sample: 14150005551
    e164:
      description: The number in E.164 form.
      type: str
      sample: "+14150005551"
    group_id:
      description: The number group it was rented from.
      type: int
      sample: 13
    capabilities:
      description: What the number can do, in lower case (V(voice), V(sms)).
      type: list
      elements: str
      sample: [voice]
    application_key:
      description: The application it is assigned to, or V(null) when idle.
      type: str
      sample: bb7b4e39-4227-4913-8c81-2db4abb54fb3
    country_id:
      description: Country code.
      type: str
      sample: US
    country:
      description: Country name.
      type: str
      sample: US
    city:
      description: City.
      type: str
      sample: SAN FRANCISCO
    area_code:
      description: Area code.
      type: str
      sample: "415"
    expires:
      description: When the rental ends, if known.
      type: str
      sample: "2015-12-31T23:59:59+00:00"
    cost:
      description: Monthly cost, with C(amount) and C(currency_id).
      type: dict
      sample: {"amount": 2.0, "currency_id": "USD"}
    sinch_api:
      description: The API the number came from, V(portal) (the legacy Number Administration API); the same key in every number record of the collection.
      type: str
      sample: portal
    monthly_cost:
      description:
        - Monthly cost, the same as RV(numbers[].cost) with the key names both APIs share.
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

from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    fail_from_error,
    legacy_client,
    legacy_module,
    module_options,
)
from ansible_collections.sinch.numbers.plugins.module_utils._phone import legacy_number_record, snake


def matches(record, params):
    """Whether a number passes the filters given."""
    if params['capability'] and params['capability'] not in (record.get('capabilities') or []):
        return False
    if params['country_id'] and (record.get('country_id') or '').upper() != params['country_id'].upper():
        return False
    if params['group_id'] is not None and record.get('group_id') != params['group_id']:
        return False
    if params['assigned'] is not None and bool(record.get('application_key')) != params['assigned']:
        return False
    return True


def main():
    module = legacy_module(
        dict(
            application_key=dict(type='str', no_log=False),
            capability=dict(type='str', choices=['voice', 'sms']),
            country_id=dict(type='str'),
            group_id=dict(type='int'),
            assigned=dict(type='bool'),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        client = legacy_client(module_options(module))
        if params['application_key']:
            raw = client.list_application_numbers(params['application_key'])
        else:
            raw = client.list_numbers()
        numbers = [record for record in (legacy_number_record(item) for item in raw) if matches(record, params)]
        numbers.sort(key=lambda record: record['number'])
        organisation = snake(client.organisation())
    except SinchError as error:
        fail_from_error(module, error)
    module.exit_json(changed=False, organisation=organisation, numbers=numbers)


if __name__ == '__main__':
    main()
