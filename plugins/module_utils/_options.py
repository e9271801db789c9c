# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the connection argument specs, and one way to read options from modules and plugins.

Only this collection may import this file; it is not a public API.
The specs mirror the doc fragments ``sinch.numbers.legacy`` and ``sinch.numbers.numbers_api``.
"""

from __future__ import annotations

from ansible.module_utils.common.parameters import env_fallback


def _env(*names):
    return (env_fallback, list(names))


def _transport_spec():
    return dict(
        validate_certs=dict(type='bool', default=True),
        timeout=dict(type='int', default=30),
    )


def legacy_argument_spec():
    """Connection options of the legacy Number Administration API (log in, or an existing instance)."""
    spec = dict(
        username=dict(type='str', fallback=_env('SINCH_USERNAME')),
        username_type=dict(type='str', choices=['email', 'number', 'username'], default='email',
                           fallback=_env('SINCH_USERNAME_TYPE')),
        password=dict(type='str', no_log=True, fallback=_env('SINCH_PASSWORD')),
        instance_id=dict(type='str', fallback=_env('SINCH_INSTANCE_ID')),
        instance_secret=dict(type='str', no_log=True, fallback=_env('SINCH_INSTANCE_SECRET')),
        organisation_id=dict(type='str', fallback=_env('SINCH_ORGANISATION_ID')),
        user_api_url=dict(type='str', default='https://userapi.sinch.com', fallback=_env('SINCH_USER_API_URL')),
        api_url=dict(type='str', default='https://api.sinch.com', fallback=_env('SINCH_API_URL')),
        portal_api_url=dict(type='str', default='https://portalapi.sinch.com', fallback=_env('SINCH_PORTAL_API_URL')),
    )
    spec.update(_transport_spec())
    return spec


# Module keyword arguments that go with legacy_argument_spec().
LEGACY_MODULE_KWARGS = dict(
    required_together=[('instance_id', 'instance_secret')],
    required_one_of=[('username', 'instance_id')],
)


def numbers_api_argument_spec():
    """Connection options of the Numbers API (project access key, Basic or OAuth2).

    ``project_id``, ``key_id`` and ``key_secret`` are needed but not ``required``: they may come from the
    environment, and the client names the missing ones with their variables, which Ansible's own check cannot.
    """
    spec = dict(
        project_id=dict(type='str', fallback=_env('SINCH_PROJECT_ID')),
        key_id=dict(type='str', fallback=_env('SINCH_KEY_ID')),
        key_secret=dict(type='str', no_log=True, fallback=_env('SINCH_KEY_SECRET')),
        auth_method=dict(type='str', choices=['oauth2', 'basic'], default='oauth2', fallback=_env('SINCH_AUTH_METHOD')),
        numbers_api_url=dict(type='str', default='https://numbers.api.sinch.com', fallback=_env('SINCH_NUMBERS_API_URL')),
        auth_url=dict(type='str', default='https://auth.sinch.com', fallback=_env('SINCH_AUTH_URL')),
    )
    spec.update(_transport_spec())
    return spec


def number_pattern_argument_spec():
    """The Numbers API's number pattern options; mirrors the doc fragment ``sinch.numbers.number_pattern``."""
    return dict(
        number_pattern=dict(type='str'),
        search_pattern=dict(type='str', choices=['START', 'CONTAINS', 'END']),
    )


def voice_argument_spec():
    """Connection options of the Voice API's configuration management; mirrors the doc fragment ``sinch.numbers.voice``.

    ``application_key`` and ``application_secret`` are needed but not ``required``, as for the Numbers API.
    """
    spec = dict(
        application_key=dict(type='str', no_log=False, fallback=_env('SINCH_APPLICATION_KEY')),
        application_secret=dict(type='str', no_log=True, fallback=_env('SINCH_APPLICATION_SECRET')),
        voice_auth_method=dict(type='str', choices=['signed', 'basic'], default='signed'),
        voice_api_url=dict(type='str', default='https://callingapi.sinch.com', fallback=_env('SINCH_VOICE_API_URL')),
    )
    spec.update(_transport_spec())
    return spec


class OptionAdapter:
    """Gives the clients their options whether they come from a module or a plugin.

    (After community.hashi_vault's ``HashiVaultOptionAdapter``.)
    """

    def __init__(self, getter):
        self._getter = getter

    @classmethod
    def from_module(cls, module):
        return cls(module.params.get)

    @classmethod
    def from_dict(cls, options):
        return cls(options.get)

    @classmethod
    def from_plugin(cls, plugin):
        return cls(plugin.get_option)

    def get(self, name):
        """The option's value (None when unset)."""
        return self._getter(name)
