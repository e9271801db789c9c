#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_voice_app
short_description: Numbers and callback URLs of one Sinch Voice application
version_added: 0.2.0
description:
  - Desired state of the Voice application O(application_key) as the Voice API's configuration management sees it,
    the numbers assigned to it and its callback URLs.
  - With O(numbers) and O(state=present), each listed number is assigned to the application; with O(exclusive=true)
    the list is the whole set and the application's other numbers are un-assigned. With O(state=absent), each listed
    number is un-assigned from the application; numbers of another application, or of none, are left alone.
  - Reads the numbers of the account (C(GET /v1/configuration/numbers)) and the callback URLs (C(GET
    /v1/configuration/callbacks/applications/{key})) and checks every number before any write. Writes nothing when
    nothing changes.
  - Uses the Voice API's configuration management, authenticated as the application O(application_key).
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.voice
  - sinch.numbers.voice.VOICE_GROUP
  - sinch.numbers.attributes
  - sinch.numbers.attributes.ACTIONABLE
options:
  numbers:
    description:
      - The numbers, as V(+14150005550) (spaces, dashes, dots and parentheses allowed), V(14150005550) or an integer.
      - With O(state=present) each must be a number of the account. Left out, the numbers are not managed.
      - Required with O(state=absent) and with O(exclusive=true).
    type: list
    elements: raw
  state:
    description:
      - V(present) assigns O(numbers) to the application, V(absent) un-assigns them (they stay rented).
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), O(numbers) is the whole set; the application's other numbers are un-assigned.
        O(numbers=[]) un-assigns them all.
    type: bool
    default: false
  allow_reassign:
    description:
      - Move a listed number that is assigned to another application to this one. When V(false), such a number fails
        the task, naming the application it belongs to.
    type: bool
    default: false
  callback_urls:
    description:
      - The application's callback URLs. Only the URLs given are managed; the other one is left as it is.
    type: dict
    suboptions:
      primary:
        description: Where Sinch sends the application's call events.
        type: str
      fallback:
        description: Used when the primary URL times out or fails.
        type: str
notes:
  - A change of one callback URL sends both (the current value of the other), because Sinch does not document
    whether an update without V(fallback) clears it.
  - Numbers are assigned with the capability the account lists for them (V(voice) or V(sms)), one request per
    capability; each number un-assigned is one request.
  - O(application_key) names both the credentials and the application managed; an application manages itself.
  - An un-assignment names the application under both spellings Sinch's sources use (C(applicationkey) and
    C(applicationKey)). A request whose signature Sinch refuses is signed once more over the path without its leading
    slash, the form of Sinch's current documentation page.
seealso:
  - module: sinch.numbers.sinch_voice_app_info
  - module: sinch.numbers.sinch_active_number
"""

EXAMPLES = r"""
- name: The IVR application answers on these two numbers, and only these
  sinch.numbers.sinch_voice_app:
    application_key: 5a3f3e9c-7d1b-4c52-9a8e-2f6b1c0d4e71
    application_secret: "{{ vault_sinch_application_secret }}"
    numbers: ["+1 415 555 0102", "+14155550104"]
    exclusive: true

- name: Callback URLs of the application (module_defaults would carry the credentials)
  sinch.numbers.sinch_voice_app:
    callback_urls:
      primary: https://ivr.example.com/voice
      fallback: https://fallback.example.com/voice

- name: Move a number from another application (refused unless allowed)
  sinch.numbers.sinch_voice_app:
    numbers: [14155550100]
    allow_reassign: true

- name: Un-assign a number (it stays rented)
  sinch.numbers.sinch_voice_app:
    numbers: ["+14155550102"]
    state: absent
"""

RETURN = r"""
application_key:
  description: The application acted on.
  returned: success
  type: str
  sample: 5a3f3e9c-7d1b-4c52-9a8e-2f6b1c0d4e71
numbers:
  description: The application's numbers after the run (in check mode, would be), E.164, ascending.
  returned: success
  type: list
  elements: str
  sample: ["+14155550102", "+14155550104"]
added:
  description: The numbers assigned by this run (in check mode, that would be), E.164.
  returned: success
  type: list
  elements: str
  sample: ["+14155550102"]
removed:
  description: The numbers un-assigned by this run (in check mode, that would be), E.164.
  returned: success
  type: list
  elements: str
  sample: []
callback_urls:
  description: The application's callback URLs after the run (in check mode, would be); null when not configured.
  returned: success
  type: dict
  contains:
    primary:
      description: Primary callback URL.
      type: str
      sample: https://ivr.example.com/voice
    fallback:
      description: Fallback callback URL.
      type: str
      sample: https://fallback.example.com/voice
"""

from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    exit_with_outcome,
    fail_from_error,
    module_options,
    voice_client,
    voice_module,
)
from ansible_collections.sinch.numbers.plugins.module_utils._voice import ensure_voice_app


def main():
    module = voice_module(
        dict(
            numbers=dict(type='list', elements='raw'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            exclusive=dict(type='bool', default=False),
            allow_reassign=dict(type='bool', default=False),
            callback_urls=dict(type='dict', options=dict(primary=dict(type='str'), fallback=dict(type='str'))),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        outcome = ensure_voice_app(
            voice_client(module_options(module)), numbers=params['numbers'], state=params['state'],
            exclusive=params['exclusive'], allow_reassign=params['allow_reassign'], callback_urls=params['callback_urls'],
            check_mode=module.check_mode,
        )
    except SinchError as error:
        fail_from_error(module, error)
    exit_with_outcome(module, outcome)


if __name__ == '__main__':
    main()
