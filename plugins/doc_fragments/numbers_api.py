# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Connection options of the Numbers API; mirrors numbers_api_argument_spec().
    DOCUMENTATION = r"""
options:
  project_id:
    description:
      - The Sinch project whose numbers are managed.
      - If not set, the environment variable E(SINCH_PROJECT_ID) is used.
      - Required (as the option or the variable).
    type: str
  key_id:
    description:
      - The access key id of the project.
      - If not set, the environment variable E(SINCH_KEY_ID) is used.
      - Required (as the option or the variable).
    type: str
  key_secret:
    description:
      - The access key secret.
      - If not set, the environment variable E(SINCH_KEY_SECRET) is used.
      - Required (as the option or the variable).
    type: str
  auth_method:
    description:
      - V(oauth2) exchanges the key for a bearer token (C(POST /oauth2/token)) once and reuses it until it
        expires, across tasks; V(basic) sends the key with every request.
      - If not set, the environment variable E(SINCH_AUTH_METHOD) is used.
    type: str
    choices: [oauth2, basic]
    default: oauth2
  numbers_api_url:
    description:
      - Base URL of the Numbers API.
      - If not set, the environment variable E(SINCH_NUMBERS_API_URL) is used.
    type: str
    default: https://numbers.api.sinch.com
  auth_url:
    description:
      - Base URL of the OAuth2 token service.
      - If not set, the environment variable E(SINCH_AUTH_URL) is used.
    type: str
    default: https://auth.sinch.com
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
  - OAuth2 tokens are cached for later tasks in C($XDG_CACHE_HOME/sinch.numbers), a directory only the user
    can read, until they expire; a token Sinch refuses is replaced once.
  - Reading calls and updates are retried with exponential backoff on HTTP 429, 502, 503, 504 and connection
    errors, honouring C(Retry-After). Rent and release are never retried blindly.
requirements:
  - requests
"""

    PLUGIN = r"""
options:
  project_id:
    env:
      - name: SINCH_PROJECT_ID
  key_id:
    env:
      - name: SINCH_KEY_ID
  key_secret:
    env:
      - name: SINCH_KEY_SECRET
  auth_method:
    env:
      - name: SINCH_AUTH_METHOD
  numbers_api_url:
    env:
      - name: SINCH_NUMBERS_API_URL
  auth_url:
    env:
      - name: SINCH_AUTH_URL
"""
