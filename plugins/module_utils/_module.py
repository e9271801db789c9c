# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: what every module does the same way — build itself, its client, and its failures.

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule, _load_params, missing_required_lib

from ansible_collections.sinch.numbers.plugins.module_utils import _clients
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchError, SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._http import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    check_application_key,
)
from ansible_collections.sinch.numbers.plugins.module_utils._options import (
    LEGACY_MODULE_KWARGS,
    OptionAdapter,
    legacy_argument_spec,
    numbers_api_argument_spec,
    voice_argument_spec,
)
from ansible_collections.sinch.numbers.plugins.module_utils._phone import HAS_PHONENUMBERS, PHONENUMBERS_IMPORT_ERROR


def _module(connection_spec, argument_spec, module_kwargs, kwargs):
    spec = connection_spec
    spec.update(argument_spec)
    for key, value in module_kwargs.items():
        kwargs[key] = list(value) + list(kwargs.get(key, []))
    module = AnsibleModule(argument_spec=spec, **kwargs)
    _refuse_containers_for_text(module, spec)
    _check_path_options(module, spec)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    if not HAS_PHONENUMBERS:
        module.fail_json(msg=missing_required_lib('phonenumbers'), exception=PHONENUMBERS_IMPORT_ERROR)
    return module


def _check_path_options(module, spec):
    """Fail before any request when an option that goes into a URL path could name another path."""
    for name in _PATH_OPTIONS:
        if name in spec and module.params.get(name) is not None:
            try:
                check_application_key(module.params[name], name)
            except SinchInputError as error:
                module.fail_json(msg=str(error))


# Options whose value becomes one segment of a request path.
_PATH_OPTIONS = ('application_key',)


def _refuse_containers_for_text(module, spec):
    """Fail, naming the option, when a dict or a list was given where text is expected.

    Ansible turns such a value into its Python text (``{'a': 1}`` as a user name) without a word; Sinch would then
    refuse it with a message that names no option, or a filter would quietly match nothing.
    """
    try:
        given = _load_params()
    except Exception:  # pylint: disable=broad-exception-caught
        # How Ansible hands the arguments over is its own affair; without them, its conversion stands.
        return
    for name, option in spec.items():
        value = given.get(name)
        if option.get('type', 'str') == 'str':
            values = [value]
        elif option.get('type') == 'list' and option.get('elements') == 'str' and isinstance(value, list):
            values = value
        else:
            continue
        for item in values:
            if isinstance(item, (dict, list)):
                # Never the value itself: the option may be a secret.
                module.fail_json(msg='%s: give %s, not a %s.' % (
                    name, 'a string' if item is value else 'a list of strings',
                    'list' if isinstance(item, list) else 'dictionary'))


def legacy_module(argument_spec, **kwargs):
    """An AnsibleModule with the legacy connection options added to ``argument_spec``."""
    return _module(legacy_argument_spec(), argument_spec, LEGACY_MODULE_KWARGS, kwargs)


def numbers_api_module(argument_spec, **kwargs):
    """An AnsibleModule with the Numbers API connection options added to ``argument_spec``."""
    return _module(numbers_api_argument_spec(), argument_spec, {}, kwargs)


def transport(options):
    """The HTTP transport for one run (see ``_clients.transport``); tests replace it here."""
    return _clients.transport(options)


def legacy_client(options):
    """A legacy client for a module; its -vvv notes (e.g. the signature form Sinch accepted) reach the module."""
    client = _clients.legacy_client(options, transport(options))
    client.auth.on_note = _verbose_notes(getattr(options, 'module', None))
    return client


def numbers_api_client(options):
    """A Numbers API client for a module (OAuth2 tokens cached across tasks)."""
    return _clients.numbers_api_client(options, transport(options))


def _verbose_notes(module):
    """Show a client's notes at -vvv only: a module has no other way to the controller's display than its result."""
    def note(text):
        if module is not None and getattr(module, '_verbosity', 0) >= 3:
            module.warn('(-vvv) ' + text)
    return note


class _ModuleOptions(OptionAdapter):
    """The module's options, and the module itself (for -vvv notes)."""

    def __init__(self, module):
        super().__init__(module.params.get)
        self.module = module


def voice_module(argument_spec, **kwargs):
    """An AnsibleModule with the Voice API connection options added to ``argument_spec``."""
    return _module(voice_argument_spec(), argument_spec, {}, kwargs)


def voice_client(options):
    """A Voice API configuration client for a module (no session: every request is signed)."""
    return _clients.voice_client(options, transport(options))


def module_options(module):
    """The module's options as the clients read them."""
    return _ModuleOptions(module)


def exit_with_outcome(module, outcome):
    """End a state-changing module with an ``Outcome``: its warnings, its diff when asked for, its result."""
    for warning in outcome.warnings:
        module.warn(warning)
    if module._diff:
        outcome.result['diff'] = outcome.diff
    module.exit_json(changed=outcome.changed, **outcome.result)


def run_legacy(module, work):
    """Run a state-changing legacy module: ``work(client)`` returns its ``Outcome``; a ``SinchError`` fails the task."""
    try:
        outcome = work(legacy_client(module_options(module)))
    except SinchError as error:
        fail_from_error(module, error)
    exit_with_outcome(module, outcome)


def fail_from_error(module, error, **result):
    """The one place a ``SinchError`` becomes ``fail_json``: the message says which call, what Sinch said, what to do.

    What the run did before failing (``error.partial_result``, e.g. numbers rented) is returned beside the error.
    """
    result = dict(error.partial_result or {}, **result)
    module.fail_json(msg=str(error), error=error.to_dict(), **result)


__all__ = [
    'SinchError',
    'exit_with_outcome',
    'fail_from_error',
    'legacy_client',
    'legacy_module',
    'module_options',
    'numbers_api_client',
    'numbers_api_module',
    'run_legacy',
    'voice_client',
    'voice_module',
]
