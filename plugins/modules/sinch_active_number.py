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
    (C(POST /v1/projects/{project}/availableNumbers/{phoneNumber}:rent)) with the configuration given, only
    under O(max_monthly_cost) (checked before the rent, in check mode too), then
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
  max_monthly_cost:
    description:
      - The most the task may add to the monthly bill by renting the number (its C(monthlyPrice), in the
        number's currency). Required when the number is not active in the project yet, so a task meant to
        configure a mistyped number never rents it; V(.inf) rents without a ceiling on purpose.
      - Checked before the rent and in check mode too; NaN and negative amounts are refused. The failure message
        gives the number, its monthly price, its payment interval and its setup price.
    type: float
  sms_service_plan_id:
    description:
      - The SMS service plan that handles the number's messages. V("") detaches the number from its plan (give
        O(sms_campaign_id="") too when it has a campaign).
      - Moving a number to another plan takes two requests, as Sinch requires (unlink with V(""), then link).
      - Sinch provisions a new plan asynchronously (see O(wait)).
    type: str
  sms_campaign_id:
    description:
      - The 10DLC campaign of a US local number. V("") clears it.
      - A campaign needs a service plan, so a campaign for a number without one (and without
        O(sms_service_plan_id)) is refused before any request.
      - Moving to another campaign takes two requests (unlink, then link), as for plans.
    type: str
  voice_type:
    description:
      - How Sinch routes calls to the number. V(RTC) to a Voice API application (O(voice_app_id)), V(EST) to an
        Elastic SIP trunk (O(voice_trunk_id)), V(FAX) to a Fax API service (O(voice_service_id)).
      - Optional when one of those ids is given (it implies its type); when given, the id of that type is
        required and the ids of the other types are refused, before any request. Switching type is a change
        the diff shows.
    type: str
    choices: [RTC, EST, FAX]
  voice_app_id:
    description:
      - The Voice API application that handles calls to the number (an C(RTC) voice configuration).
        V("") detaches it (sent as V(""), the form Sinch uses for an absent id).
      - A number set up for FAX or EST is switched to C(RTC) when an app id is given.
    type: str
  voice_trunk_id:
    description:
      - The Elastic SIP trunk that handles calls to the number (an C(EST) voice configuration).
    type: str
  voice_service_id:
    description:
      - The Fax API service that handles faxes to the number (a C(FAX) voice configuration).
    type: str
  wait:
    description:
      - Sinch applies SMS and voice configuration asynchronously; right after a rent or a change the number shows
        the old values plus C(scheduledProvisioning) / C(scheduledVoiceProvisioning) in C(WAITING) or
        C(IN_PROGRESS). A pending provisioning counts as the number's configuration, so a re-run does not send it
        again. RV(provisioning) reports it.
      - V(true) polls the number (backing off from 1 to 15 seconds) until no provisioning is pending, and fails
        when it ends C(FAILED), with Sinch's error codes and the values still in effect.
      - A C(FAILED) provisioning fails the task once. A run that asks for the failed value again sends it again
        (a new provisioning starts) and fails with the codes of the old one, unless it waits and the new one
        succeeds; the next run then sees the new provisioning, not the old failure. A failed value the task no
        longer asks for is only reported in RV(provisioning).
    type: bool
    default: false
  wait_timeout:
    description:
      - How many seconds O(wait=true) waits before failing the task (what was sent stands, and a re-run does not
        send it again).
    type: int
    default: 300
  callback_url:
    description:
      - Where Sinch sends events about the number (e.g. provisioning results). V("") clears it.
    type: str
notes:
  - A trial account cannot rent numbers; Sinch's answer (403 C(PERMISSION_DENIED)) is given as is.
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
    max_monthly_cost: 3.00
    display_name: Support line
    sms_service_plan_id: 957ae16ae12d4942b91b61eda5e4ed6b
    voice_app_id: bb7b4e39-4227-4913-8c81-2db4abb54fb3

- name: Move a number to another SMS service plan and wait until Sinch has provisioned it
  sinch.numbers.sinch_active_number:
    phone_number: 12025550102
    sms_service_plan_id: 2b7e4c1f9a8d4e6b8c0f1a2d3e4b5c6d
    wait: true

- name: Route a number's calls to an Elastic SIP trunk
  sinch.numbers.sinch_active_number:
    phone_number: "+12025550103"
    voice_type: EST
    voice_trunk_id: 0f6a1c2e-5b4d-4e7a-9c3b-8d2e1f0a6b5c

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
provisioning:
  description:
    - The provisioning Sinch has scheduled for the number's SMS (C(sms)) and voice (C(voice)) configuration,
      each V(null) when none is, else with C(status) (V(WAITING), V(IN_PROGRESS), V(FAILED)), C(target) (the
      values being provisioned), C(in_effect) (the values still in effect), C(error_codes) and
      C(last_updated_time).
  returned: success
  type: dict
  sample: {"sms": {"status": "WAITING", "target": {"service_plan_id": "957ae16ae12d4942b91b61eda5e4ed6b",
           "campaign_id": ""}, "in_effect": {"service_plan_id": "", "campaign_id": ""}, "error_codes": [],
           "last_updated_time": "2026-05-04T10:00:00.000Z"}, "voice": null}
msg:
  description: What was done, or would be done in check mode (with the price when renting).
  returned: success
  type: str
  sample: "+12065550101: rented (setup USD 0.00, then USD 2.00 every 1 month(s)) and updated display_name."
diff:
  description:
    - The number before and after, with C(state) (V(active), V(available) to rent, V(released), V(absent))
      and the managed fields (a pending provisioning counted as done).
  returned: in diff mode (C(--diff))
  type: dict
  sample:
    before: {phone_number: "+12025550112", state: active, display_name: "", sms_service_plan_id: "",
             sms_campaign_id: "", voice_type: RTC, voice_app_id: "", voice_trunk_id: "", voice_service_id: "",
             callback_url: ""}
    after: {phone_number: "+12025550112", state: released}
"""

from ansible_collections.sinch.numbers.plugins.module_utils._active_number import ActiveNumber
from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    exit_with_outcome,
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
            max_monthly_cost=dict(type='float'),
            display_name=dict(type='str'),
            sms_service_plan_id=dict(type='str'),
            sms_campaign_id=dict(type='str'),
            voice_type=dict(type='str', choices=['RTC', 'EST', 'FAX']),
            voice_app_id=dict(type='str'),
            voice_trunk_id=dict(type='str'),
            voice_service_id=dict(type='str'),
            callback_url=dict(type='str'),
            wait=dict(type='bool', default=False),
            wait_timeout=dict(type='int', default=300),
        ),
        supports_check_mode=True,
    )
    try:
        client = numbers_api_client(module_options(module))
        outcome = ActiveNumber(client, module.params, check_mode=module.check_mode).run()
    except SinchError as error:
        fail_from_error(module, error)
    exit_with_outcome(module, outcome)


if __name__ == '__main__':
    main()
