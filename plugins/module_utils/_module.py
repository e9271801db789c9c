# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: what every module does the same way — build itself, its client, and its failures.

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchError
from ansible_collections.sinch.numbers.plugins.module_utils._http import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    Transport,
)
from ansible_collections.sinch.numbers.plugins.module_utils._legacy import LegacyClient
from ansible_collections.sinch.numbers.plugins.module_utils._numbers_api import NumbersApiClient
from ansible_collections.sinch.numbers.plugins.module_utils._options import (
    LEGACY_MODULE_KWARGS,
    OptionAdapter,
    legacy_argument_spec,
    numbers_api_argument_spec,
)
from ansible_collections.sinch.numbers.plugins.module_utils._session_cache import SessionCache


def _module(connection_spec, argument_spec, module_kwargs, kwargs):
    spec = connection_spec
    spec.update(argument_spec)
    for key, value in module_kwargs.items():
        kwargs[key] = list(value) + list(kwargs.get(key, []))
    module = AnsibleModule(argument_spec=spec, **kwargs)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    return module


def legacy_module(argument_spec, **kwargs):
    """An AnsibleModule with the legacy connection options added to ``argument_spec``."""
    return _module(legacy_argument_spec(), argument_spec, LEGACY_MODULE_KWARGS, kwargs)


def numbers_api_module(argument_spec, **kwargs):
    """An AnsibleModule with the Numbers API connection options added to ``argument_spec``."""
    return _module(numbers_api_argument_spec(), argument_spec, {}, kwargs)


def transport(options):
    """The HTTP transport for one run, from the ``timeout`` and ``validate_certs`` options."""
    return Transport(timeout=options.get('timeout') or 30, validate_certs=options.get('validate_certs') is not False)


def legacy_client(options):
    """A legacy client from an :class:`OptionAdapter` (sessions cached across tasks)."""
    return LegacyClient(options, transport(options), cache=SessionCache())


def numbers_api_client(options):
    """A Numbers API client from an :class:`OptionAdapter` (OAuth2 tokens cached across tasks)."""
    return NumbersApiClient(options, transport(options), cache=SessionCache())


def module_options(module):
    """The module's options as the clients read them."""
    return OptionAdapter.from_module(module)


def fail_from_error(module, error, **result):
    """The one place a ``SinchError`` becomes ``fail_json``: the message says which call, what Sinch said, what to do."""
    module.fail_json(msg=str(error), error=error.to_dict(), **result)


__all__ = [
    'SinchError',
    'fail_from_error',
    'legacy_client',
    'legacy_module',
    'module_options',
    'numbers_api_client',
    'numbers_api_module',
]
