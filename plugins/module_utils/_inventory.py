# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: Sinch numbers as inventory hosts (names, variables, default groups) for the inventory plugin.

Only this collection may import this file; it is not a public API.
Kept apart from the plugin so that the record-to-host rules can be tested without Ansible's plugin machinery.
"""

from __future__ import annotations

import json

from ansible_collections.sinch.numbers.plugins.module_utils._clients import legacy_client, numbers_api_client
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._phone import active_number_record, legacy_number_record
from ansible_collections.sinch.numbers.plugins.module_utils._session_cache import cache_key

SOURCES = ('portal', 'numbers_api')

# Options that decide which account (and so which numbers) a source reads; secrets are left out on purpose.
_ACCOUNT_OPTIONS = {
    'portal': ('username_type', 'username', 'instance_id', 'organisation_id', 'user_api_url', 'api_url', 'portal_api_url'),
    'numbers_api': ('project_id', 'key_id', 'numbers_api_url'),
}

UNASSIGNED = 'unassigned'


def fetch_records(source, options, warn=None):
    """The raw API records of every number of ``source``, as a list (one request, or every page).

    ``options`` is an :class:`OptionAdapter`; ``warn`` receives warnings (e.g. listed per region). Raises ``SinchError`` (``SinchInputError`` naming a missing
    option before any request is sent).
    """
    filters = numbers_api_filters(options.get('filters'), source)
    if source == 'portal':
        return list(legacy_client(options).list_numbers())
    return list(numbers_api_client(options).iter_active_numbers(
        region_code=filters.get('region_code'), number_type=filters.get('type'), capabilities=filters.get('capability'),
        warn=warn))


FILTERS = ('region_code', 'type', 'capability')
NUMBER_TYPES = ('MOBILE', 'LOCAL', 'TOLL_FREE')


def numbers_api_filters(value, source='numbers_api'):
    """The ``filters`` option checked (before any request): ``region_code``, ``type``, ``capability``, upper-cased.

    Sinch applies them (``GET .../activeNumbers``); the portal API has no such filters, so they are refused there.
    """
    if not value:
        return {}
    if not isinstance(value, dict):
        raise SinchInputError('filters: give a dictionary of region_code, type and capability, not %r.' % (value,))
    if source != 'numbers_api':
        raise SinchInputError('filters: only the numbers_api source can filter numbers; leave filters out with source %s.'
                              % source)
    unknown = sorted(set(value) - set(FILTERS))
    if unknown:
        raise SinchInputError('filters: unknown key(s) %s; the filters are %s.' % (', '.join(unknown), ', '.join(FILTERS)))
    result = {}
    if value.get('region_code'):
        result['region_code'] = str(value['region_code']).strip().upper()
    if value.get('type'):
        result['type'] = str(value['type']).strip().upper()
        if result['type'] not in NUMBER_TYPES:
            raise SinchInputError('filters.type: %r is not a number type; use MOBILE, LOCAL or TOLL_FREE.' % value['type'])
    capabilities = value.get('capability')
    if capabilities:
        capabilities = [capabilities] if isinstance(capabilities, str) else capabilities
        result['capability'] = [str(item).strip().upper() for item in capabilities]
        wrong = [item for item in capabilities if str(item).strip().upper() not in ('SMS', 'VOICE')]
        if wrong:
            raise SinchInputError('filters.capability: %r is not a capability; use SMS and/or VOICE (any case).' % wrong[0])
    return result


def account_fingerprint(source, options):
    """A hash of the options that select the account read, so that a cache entry of another account is not used."""
    filters = json.dumps(numbers_api_filters(options.get('filters'), source), sort_keys=True)
    return cache_key(source, *[options.get(name) for name in _ACCOUNT_OPTIONS[source]] + [filters])


def _group_part(value):
    """The part of a group name taken from an id or key: lower case, ``-`` as ``_``."""
    return str(value).lower().replace('-', '_')


def legacy_host(raw):
    """``(name, variables, groups)`` of a number rented through the legacy portal API.

    Groups: ``capability_<voice|sms>`` per capability, ``country_<countryId>``, and
    ``application_<key>`` or ``unassigned``.
    """
    variables = legacy_number_record(raw)
    groups = ['capability_' + _group_part(capability) for capability in variables.get('capabilities') or ()]
    if variables.get('country_id'):
        groups.append('country_' + _group_part(variables['country_id']))
    key = variables.get('application_key')
    groups.append('application_' + _group_part(key) if key else UNASSIGNED)
    return variables['e164'], variables, groups


def active_host(raw):
    """``(name, variables, groups)`` of an active number of the Numbers API.

    Groups: ``capability_<sms|voice>`` per capability, ``country_<regionCode>``, ``application_<voice appId>``,
    ``sms_service_plan_<servicePlanId>``, and ``unassigned`` when the number has neither.
    """
    variables = active_number_record(raw)
    groups = ['capability_' + _group_part(capability) for capability in variables.get('capability') or ()]
    if variables.get('region_code'):
        groups.append('country_' + _group_part(variables['region_code']))
    app_id = (variables.get('voice_configuration') or {}).get('app_id')
    plan_id = (variables.get('sms_configuration') or {}).get('service_plan_id')
    if app_id:
        groups.append('application_' + _group_part(app_id))
    if plan_id:
        groups.append('sms_service_plan_' + _group_part(plan_id))
    if not (app_id or plan_id):
        groups.append(UNASSIGNED)
    return variables['e164'], variables, groups


def hosts(source, records):
    """``(name, variables, groups)`` for each raw record of ``source``."""
    convert = legacy_host if source == 'portal' else active_host
    for raw in records:
        yield convert(raw)
