# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Connection options of the legacy Number Administration API; mirrors legacy_argument_spec().
    DOCUMENTATION = r"""
options:
  username:
    description:
      - The Sinch account to log in as, of the kind given by O(username_type).
      - Required unless O(instance_id) and O(instance_secret) give an existing session.
      - If not set, the environment variable E(SINCH_USERNAME) is used.
    type: str
  username_type:
    description:
      - What O(username) is.
      - If not set, the environment variable E(SINCH_USERNAME_TYPE) is used.
    type: str
    choices: [email, number, username]
    default: email
  password:
    description:
      - The account's password, used only to log in.
      - If not set, the environment variable E(SINCH_PASSWORD) is used.
    type: str
  instance_id:
    description:
      - The id of an existing signed session (an "instance"), used instead of logging in.
      - Must be given together with O(instance_secret).
      - If not set, the environment variable E(SINCH_INSTANCE_ID) is used.
    type: str
  instance_secret:
    description:
      - The base64 secret of the instance given in O(instance_id).
      - If not set, the environment variable E(SINCH_INSTANCE_SECRET) is used.
    type: str
  organisation_id:
    description:
      - The organisation to act on.
      - If not set, the environment variable E(SINCH_ORGANISATION_ID) is used, else the user's own organisation
        is looked up once (C(GET /v1/organisations)) and cached with the session.
    type: str
  user_api_url:
    description:
      - Base URL of the Sinch user API (log in).
      - If not set, the environment variable E(SINCH_USER_API_URL) is used.
    type: str
    default: https://userapi.sinch.com
  api_url:
    description:
      - Base URL of the Sinch API (instances, organisations).
      - If not set, the environment variable E(SINCH_API_URL) is used.
    type: str
    default: https://api.sinch.com
  portal_api_url:
    description:
      - Base URL of the Sinch portal API (numbers, shop, applications).
      - If not set, the environment variable E(SINCH_PORTAL_API_URL) is used.
    type: str
    default: https://portalapi.sinch.com
  validate_certs:
    description:
      - Whether to check TLS certificates. Turn off only for a test server.
      - CA bundles and proxies are taken from the environment the way C(requests) does
        (E(REQUESTS_CA_BUNDLE), E(HTTPS_PROXY), E(NO_PROXY)).
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each answer from Sinch.
    type: int
    default: 30
notes:
  - A session (log in, then a signed instance) is created once and cached for later tasks in
    C($XDG_CACHE_HOME/sinch.numbers) (default C(~/.cache/sinch.numbers)), a directory only the user can read,
    until Sinch's C(expiresIn). A session Sinch refuses is replaced once, transparently.
  - Reading calls are retried with exponential backoff on HTTP 429, 502, 503, 504, C(50300) and connection
    errors, honouring C(Retry-After). Purchases (reserve, check out) are never retried blindly.
requirements:
  - requests
"""

    # The same options for plugins, which read environment variables through env entries.
    PLUGIN = r"""
options:
  username:
    env:
      - name: SINCH_USERNAME
  username_type:
    env:
      - name: SINCH_USERNAME_TYPE
  password:
    env:
      - name: SINCH_PASSWORD
  instance_id:
    env:
      - name: SINCH_INSTANCE_ID
  instance_secret:
    env:
      - name: SINCH_INSTANCE_SECRET
  organisation_id:
    env:
      - name: SINCH_ORGANISATION_ID
  user_api_url:
    env:
      - name: SINCH_USER_API_URL
  api_url:
    env:
      - name: SINCH_API_URL
  portal_api_url:
    env:
      - name: SINCH_PORTAL_API_URL
"""
