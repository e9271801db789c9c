#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_voice_app_info
short_description: List the numbers of the Sinch account with their Voice applications, and an application's callback URLs
version_added: 0.2.0
description:
  - Lists every number of the account (C(GET /v1/configuration/numbers)) with its capability and the key of the
    Voice application it is assigned to, if any, and reads the callback URLs of the application O(application_key)
    (C(GET /v1/configuration/callbacks/applications/{key})).
  - Uses the Voice API's configuration management, authenticated as the application O(application_key).
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.voice
  - sinch.numbers.voice.VOICE_GROUP
  - sinch.numbers.attributes
  - sinch.numbers.attributes.INFO_MODULE
options: {}
seealso:
  - module: sinch.numbers.sinch_voice_app
"""

EXAMPLES = r"""
- name: The numbers of the account and the callback URLs of the IVR application
  sinch.numbers.sinch_voice_app_info:
    application_key: 5a3f3e9c-7d1b-4c52-9a8e-2f6b1c0d4e71
    application_secret: "{{ vault_sinch_application_secret }}"
  register: voice

- name: Numbers not assigned to any application
  ansible.builtin.debug:
    msg: "{{ voice.numbers | selectattr('application_key', 'none') | map(attribute='e164') | list }}"
"""

RETURN = r"""
application_key:
  description: The application that authenticated (and whose callback URLs are returned).
  returned: success
  type: str
  sample: 5a3f3e9c-7d1b-4c52-9a8e-2f6b1c0d4e71
numbers:
  description: Every number of the account, as the Voice API lists them.
  returned: success
  type: list
  elements: dict
  contains:
    number:
      description: The number as the API gives it.
      type: str
      sample: "+14155550104"
    e164:
      description: The number in E.164 form.
      type: str
      sample: "+14155550104"
    capability:
      description: V(voice) or V(sms).
      type: str
      sample: voice
    application_key:
      description: The key of the application the number is assigned to (lower case, as the API lists it); null when none.
      type: str
      sample: 5a3f3e9c-7d1b-4c52-9a8e-2f6b1c0d4e71
callback_urls:
  description: The application's callback URLs; null when not configured.
  returned: success
  type: dict
  contains:
    primary:
      description: Where Sinch sends the application's call events.
      type: str
      sample: https://ivr.example.com/voice
    fallback:
      description: Used when the primary URL times out or fails.
      type: str
      sample: https://fallback.example.com/voice
"""

from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    fail_from_error,
    module_options,
    voice_client,
    voice_module,
)
from ansible_collections.sinch.numbers.plugins.module_utils._voice import voice_app_info


def main():
    module = voice_module(dict(), supports_check_mode=True)
    try:
        result = voice_app_info(voice_client(module_options(module)))
    except SinchError as error:
        fail_from_error(module, error)
    module.exit_json(changed=False, **result)


if __name__ == '__main__':
    main()
