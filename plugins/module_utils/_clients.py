# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the client factories, apart from Ansible's module machinery.

Only this collection may import this file; it is not a public API.

Modules (through ``_module``) and controller plugins (the inventory plugin, through ``_inventory``) build their
clients here from an option reader (anything with ``get(name)``, e.g. ``_options.OptionAdapter``); nothing here
imports ``AnsibleModule``.
"""

from __future__ import annotations

from ansible_collections.sinch.numbers.plugins.module_utils._http import Transport, check_timeout
from ansible_collections.sinch.numbers.plugins.module_utils._legacy import LegacyClient
from ansible_collections.sinch.numbers.plugins.module_utils._numbers_api import NumbersApiClient
from ansible_collections.sinch.numbers.plugins.module_utils._session_cache import SessionCache
from ansible_collections.sinch.numbers.plugins.module_utils._voice import VoiceClient

DEFAULT_TIMEOUT = 30


def transport(options):
    """The HTTP transport for one run, from the ``timeout`` and ``validate_certs`` options (checked first)."""
    timeout = options.get('timeout')
    return Transport(timeout=check_timeout(DEFAULT_TIMEOUT if timeout is None else timeout),
                     validate_certs=options.get('validate_certs') is not False)


def legacy_client(options, http=None):
    """A legacy client (sessions cached across tasks); ``http`` is the transport (made from the options by default)."""
    return LegacyClient(options, http or transport(options), cache=SessionCache())


def numbers_api_client(options, http=None):
    """A Numbers API client (OAuth2 tokens cached across tasks); ``http`` as for :func:`legacy_client`."""
    return NumbersApiClient(options, http or transport(options), cache=SessionCache())


def voice_client(options, http=None):
    """A Voice API configuration client (no session: every request is signed); ``http`` as for :func:`legacy_client`."""
    return VoiceClient(options, http or transport(options))
