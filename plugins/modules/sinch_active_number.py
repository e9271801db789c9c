#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_active_number
short_description: Rent, configure or release one phone number of a Sinch project
version_added: 0.1.0
description:
  - Desired state of one number in the project.
  - With O(state=present), a number that is not active in the project yet is rented
    (C(POST /v1/projects/{project}/availableNumbers/{phoneNumber}:rent)) with the configuration given, then
    its fields are brought to the values given (C(PATCH /v1/projects/{project}/activeNumbers/{phoneNumber})),
    sending only what differs. Options left out are left alone; an empty string clears a field.
  - With O(state=absent), an active number is released (C(POST .../activeNumbers/{phoneNumber}:release)).
    B(Releasing gives the number up for good) - it leaves the project at once, cannot be taken back, and may be
    rented by someone else. Run with C(--check --diff) first.
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
      - The number, in E.164 form (V(+14150005550)), without the V(+) (V(14150005550)) or as an integer.
    type: raw
    required: true
  state:
    description:
      - V(present) rents the number if it is not active in the project, and sets the fields given.
        Renting costs money (see RV(number.money)); a number that is neither active in the project nor available
        to rent fails the task.
      - V(absent) releases the number if it is active in the project, B(giving it up for good); the other options
        are ignored.
    type: str
    choices: [present, absent]
    default: present
  display_name:
    description:
      - The number's name in the project. V("") clears it.
    type: str
  sms_service_plan_id:
    description:
      - The SMS service plan that handles the number's messages. V("") detaches the number from its plan.
      - Sinch provisions a new plan asynchronously; while it is in progress it counts as set (no second request),
        and when it fails the task warns with Sinch's error codes.
    type: str
  sms_campaign_id:
    description:
      - The 10DLC campaign of a US local number. V("") clears it.
    type: str
  voice_app_id:
    description:
      - The Voice API application that handles calls to the number (an C(RTC) voice configuration).
        V("") detaches it.
      - A number set up for FAX or EST is switched to C(RTC) when an app id is given.
    type: str
  callback_url:
    description:
      - Where Sinch sends events about the number (e.g. provisioning results). V("") clears it.
    type: str
notes:
  - Renting and releasing are never retried. When their answer is lost (no answer, or an HTTP 5xx), the module
    reads the number again and reports what really happened; a failure then says whether re-running is safe.
  - The display name is not part of Sinch's rent request, so renting with O(display_name) sends a PATCH right after.
seealso:
  - module: sinch.numbers.sinch_available_number_info
    description: Find numbers to rent, with their prices.
  - module: sinch.numbers.sinch_active_number_info
    description: List the project's numbers.
"""

EXAMPLES = r"""
- name: Rent +12065550101 for the support line (or make sure it is set up so)
  sinch.numbers.sinch_active_number:
    project_id: "{{ sinch_project_id }}"
    key_id: "{{ sinch_key_id }}"
    key_secret: "{{ vault_sinch_key_secret }}"
    phone_number: "+12065550101"
    display_name: Support line
    sms_service_plan_id: 957ae16ae12d4942b91b61eda5e4ed6b
    voice_app_id: bb7b4e39-4227-4913-8c81-2db4abb54fb3

- name: Move a number to another SMS service plan (its campaign and other fields stay as they are)
  sinch.numbers.sinch_active_number:
    phone_number: 12025550102
    sms_service_plan_id: 2b7e4c1f9a8d4e6b8c0f1a2d3e4b5c6d

- name: Stop sending events for a number
  sinch.numbers.sinch_active_number:
    phone_number: "+12025550110"
    callback_url: ""

# Releasing gives a number up for good. See what would go first:
#   ansible-playbook release.yml --check --diff
- name: Release a number the project no longer needs (irreversible)
  sinch.numbers.sinch_active_number:
    phone_number: "+12025550112"
    state: absent
"""

RETURN = r"""
number:
  description:
    - The number after the task, as Sinch returns it in snake_case with RV(number.e164); in check mode, as it
      would be.
    - For O(state=absent), the number as it was before it was released; V(null) when it was not active.
    - See M(sinch.numbers.sinch_active_number_info) for all its fields.
  returned: success
  type: dict
  contains:
    phone_number:
      description: The number in E.164 form, as Sinch gives it.
      type: str
      sample: "+12065550101"
    e164:
      description: The number in E.164 form (the same as RV(number.phone_number)).
      type: str
      sample: "+12065550101"
    display_name:
      description: Its name in the project.
      type: str
      sample: Support line
    money:
      description: What it costs every C(payment_interval_months), with C(currency_code) and C(amount) (a string).
      type: dict
      sample: {"currency_code": "USD", "amount": "2.00"}
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
      description: Where Sinch sends events about the number.
      type: str
      sample: ""
msg:
  description: What was done, or would be done in check mode (with the price when renting).
  returned: success
  type: str
  sample: "+12065550101: rented (setup USD 0.00, then USD 2.00 every 1 month(s)) and updated display_name."
diff:
  description:
    - The number before and after, with C(state) (V(active), V(available) to rent, V(released), V(absent))
      and the managed fields. Also shown with C(--diff).
  returned: success
  type: dict
  sample:
    before: {phone_number: "+12025550112", state: active, display_name: "", sms_service_plan_id: "",
             sms_campaign_id: "", voice_app_id: "", callback_url: ""}
    after: {phone_number: "+12025550112", state: released}
"""

from ansible_collections.sinch.numbers.plugins.module_utils._active_number import ActiveNumber
from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    fail_from_error,
    module_options,
    numbers_api_client,
    numbers_api_module,
)


def main():
    module = numbers_api_module(
        dict(
            phone_number=dict(type='raw', required=True),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            display_name=dict(type='str'),
            sms_service_plan_id=dict(type='str'),
            sms_campaign_id=dict(type='str'),
            voice_app_id=dict(type='str'),
            callback_url=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    try:
        client = numbers_api_client(module_options(module))
        result = ActiveNumber(client, module.params, check_mode=module.check_mode, warn=module.warn).run()
    except SinchError as error:
        fail_from_error(module, error)
    module.exit_json(changed=result['changed'], number=result['number'], msg=result['msg'], diff=result['diff'])


if __name__ == '__main__':
    main()
