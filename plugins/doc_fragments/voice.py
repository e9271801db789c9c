# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Connection options of the Voice API's configuration management; mirrors voice_argument_spec().
    DOCUMENTATION = r"""
options:
  application_key:
    description:
      - The key of the Voice application (Sinch dashboard, Voice, Apps). Keys are compared without regard to case.
      - If not set, the environment variable E(SINCH_APPLICATION_KEY) is used.
      - Required (as the option or the variable).
    type: str
  application_secret:
    description:
      - The secret of the Voice application, the Base64 text the dashboard shows.
      - If not set, the environment variable E(SINCH_APPLICATION_SECRET) is used.
      - Required (as the option or the variable). Never returned or logged.
    type: str
  voice_auth_method:
    description:
      - V(signed) signs every request with the secret (an C(Application) authorization header with a signature, and
        C(x-timestamp)), as Sinch's SDKs do and Sinch recommends for production; the secret itself is never sent.
      - V(basic) sends the key and the secret with every request (HTTP Basic), which Sinch documents for testing.
    type: str
    choices: [signed, basic]
    default: signed
  voice_api_url:
    description:
      - Base URL of the Voice API's configuration management (one global host).
      - If not set, the environment variable E(SINCH_VOICE_API_URL) is used.
    type: str
    default: https://callingapi.sinch.com
  validate_certs:
    description:
      - Whether to check TLS certificates. Turn off only for a test server.
      - CA bundles and proxies are taken from the environment the way C(requests) does.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each answer from Sinch.
    type: int
    default: 30
notes:
  - Uses the Voice API's configuration management (C(/v1/configuration/...) on C(callingapi.sinch.com)), which knows the
    numbers of the whole account and the callback URLs of each application.
  - Reading calls and updates are retried with exponential backoff on HTTP 429, 502, 503, 504 and connection errors,
    honouring C(Retry-After).
requirements:
  - requests
"""

    PLUGIN = r"""
options:
  application_key:
    env:
      - name: SINCH_APPLICATION_KEY
  application_secret:
    env:
      - name: SINCH_APPLICATION_SECRET
  voice_api_url:
    env:
      - name: SINCH_VOICE_API_URL
"""

    # Membership of modules of the Voice API.
    VOICE_GROUP = r"""
options: {}
attributes:
  action_group:
    description:
      - Use C(group/sinch.numbers.voice) in C(module_defaults) to set the Voice API connection options for this module,
        or C(group/sinch.numbers.sinch) for options every module has (O(timeout), O(validate_certs)).
    support: full
    membership:
      - sinch.numbers.sinch
      - sinch.numbers.voice
"""
