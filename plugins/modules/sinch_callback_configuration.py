#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: sinch_callback_configuration
short_description: Set and rotate the callback HMAC secret of a Sinch project
version_added: 0.2.0
description:
  - Sinch signs every number event it sends to a number's callback URL with the project's HMAC secret
    (C(X-Sinch-Signature)). This module makes the secret O(hmac_secret).
  - Reads the current secret (C(GET /v1/projects/{project}/callbackConfiguration)) and sets it (C(PATCH)) only when
    it differs, so a re-run writes nothing.
  - The secret is never returned, shown in a diff, or logged; RV(hmac_secret) and the diff say only whether a secret
    is set and whether the run changes it.
  - Uses the Numbers API.
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.numbers_api
  - sinch.numbers.attributes
  - sinch.numbers.attributes.ACTIONABLE
  - sinch.numbers.attributes.NUMBERS_API_GROUP
options:
  hmac_secret:
    description:
      - The secret. An empty one is refused.
      - Sinch's Python SDK documents 32 to 64 characters of V(A-Z), V(a-z), V(0-9) and V(-); other Sinch sources state no
        rule. A secret outside that rule is sent with a warning, and Sinch decides.
    type: str
    required: true
notes:
  - This secret does not set where events go; the callback URL is set per number (O(sinch.numbers.sinch_active_number#module:callback_url)).
seealso:
  - module: sinch.numbers.sinch_active_number
"""

EXAMPLES = r"""
- name: The project's callback secret comes from the vault
  sinch.numbers.sinch_callback_configuration:
    project_id: "{{ sinch_project_id }}"
    key_id: "{{ sinch_key_id }}"
    key_secret: "{{ vault_sinch_key_secret }}"
    hmac_secret: "{{ vault_sinch_callback_secret }}"

- name: Rotate it (credentials from SINCH_* variables); show that it changed, never the value
  sinch.numbers.sinch_callback_configuration:
    hmac_secret: "{{ new_callback_secret }}"
  diff: true
"""

RETURN = r"""
project_id:
  description: The project.
  returned: success
  type: str
  sample: 0994c893-4d74-4455-8259-4f5c68d92f6f
hmac_secret:
  description: V((changed)) when the run sets a new secret (in check mode, would), V((set)) when it was already the one given. Never the secret.
  returned: success
  type: str
  sample: (set)
"""

from ansible_collections.sinch.numbers.plugins.module_utils._callback_configuration import ensure_callback_secret
from ansible_collections.sinch.numbers.plugins.module_utils._module import (
    SinchError,
    exit_with_outcome,
    fail_from_error,
    module_options,
    numbers_api_client,
    numbers_api_module,
)


def main():
    module = numbers_api_module(dict(hmac_secret=dict(type='str', required=True, no_log=True)), supports_check_mode=True)
    try:
        outcome = ensure_callback_secret(numbers_api_client(module_options(module)), module.params['hmac_secret'],
                                         check_mode=module.check_mode)
    except SinchError as error:
        fail_from_error(module, error)
    exit_with_outcome(module, outcome)


if __name__ == '__main__':
    main()
