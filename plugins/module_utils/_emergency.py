# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the desired emergency address of one active voice number (``sinch_emergency_address``).

Only this collection may import this file; it is not a public API.

Facts: ``sinch-api/modern-apis.md`` B.2. The address is read first (``GET .../emergencyAddress``); when it already
is the one wanted nothing else is sent. Otherwise it is validated (``:validate``, which changes nothing) before it is
provisioned: an exact match is provisioned as given, a near match only with ``accept_suggestion`` (then Sinch's
corrected address is provisioned), no match never. Check mode reads and validates only. The GET answers the seven
address fields, not the display name, so a change of ``display_name`` alone cannot be seen and is not made.
"""

from __future__ import annotations

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchBadAnswer, SinchError, SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._outcome import Outcome
from ansible_collections.sinch.numbers.plugins.module_utils._phone import snake, to_e164

# snake_case option -> the API's field (B.2), in the API's order.
FIELDS = (
    ('street_number', 'streetNumber'),
    ('street_info', 'streetInfo'),
    ('location', 'location'),
    ('city', 'city'),
    ('state', 'state'),
    ('postal_code', 'postalCode'),
    ('postal_code_plus_four', 'postalCodePlusFour'),
)
REQUIRED = ('street_number', 'street_info', 'city', 'state', 'postal_code')


def api_address(address):
    """All seven API fields from the snake_case option, absent ones as ``""``."""
    return dict((api, str((address or {}).get(name) or '').strip()) for name, api in FIELDS)


def _full(answer):
    """All seven API fields of an EmergencyAddress answer (absent parts ``""``, as the SDK mock answers)."""
    return dict((api, str((answer or {}).get(api) or '').strip()) for dummy, api in FIELDS)


def _shown(address):
    return snake(address) if address else None


def _one_line(address):
    parts = [address.get(api) for dummy, api in FIELDS if address.get(api)]
    return ' '.join(parts)


def check_request(display_name, address, state):
    """Refuse what Sinch requires and is missing (B.2), naming the option, before any request."""
    if state == 'absent':
        return
    missing = [name for name in REQUIRED if not str((address or {}).get(name) or '').strip()]
    if not display_name or not str(display_name).strip():
        missing.insert(0, 'display_name')
    if missing:
        raise SinchInputError('%s: required to provision an emergency address (state=present); give %s.' % (
            ', '.join(name if name == 'display_name' else 'address.' + name for name in missing),
            'them' if len(missing) > 1 else 'it'))


def _validated(client, phone, display_name, wanted, accept_suggestion):
    """The address to provision after ``:validate``; :class:`SinchError` (nothing written) when it must not be."""
    answer = client.validate_emergency_address(phone, {'displayName': display_name, 'address': wanted})
    operation = 'validate the emergency address of %s (POST .../emergencyAddress:validate)' % phone
    if not isinstance(answer, dict) or not isinstance(answer.get('validationResult'), str):
        raise SinchBadAnswer('expected a ValidateAddressResponse with validationResult, got %.200r' % (answer,), operation=operation)
    result, message = answer['validationResult'], answer.get('validationMessage') or ''
    if result == 'EXACT_MATCH':
        return wanted
    if result == 'NEAR_MATCH':
        corrected = _full(answer.get('correctedAddress'))
        if accept_suggestion:
            return corrected
        raise SinchError('the address is a near match (%s); Sinch suggests: %s' % (message, _one_line(corrected)),
                         operation=operation, details=[{'corrected_address': snake(corrected)}]).add_context(
            'Nothing was provisioned. Set accept_suggestion=true to provision the suggested address, or give it as address')
    if result == 'NO_MATCH':
        candidates = [_full(candidate) for candidate in answer.get('candidateAddresses') or []]
        shown = '; '.join(_one_line(candidate) for candidate in candidates) or 'none'
        raise SinchError('the address does not match a valid address (%s); candidates: %s' % (message, shown),
                         operation=operation, details=[{'candidate_addresses': [snake(c) for c in candidates]}]).add_context(
            'Nothing was provisioned. Correct address (e.g. to one of the candidates) and run again')
    raise SinchError('Sinch could not validate the address (validationResult %s: %s)' % (result, message),
                     operation=operation).add_context('Nothing was provisioned')


def ensure_emergency_address(client, phone_number, display_name=None, address=None, state='present',
                             accept_suggestion=False, check_mode=False):
    """Read, validate and (unless ``check_mode``) provision or remove the emergency address; an :class:`Outcome`."""
    phone = to_e164(phone_number, 'phone_number')
    check_request(display_name, address, state)
    try:
        current = client.get_emergency_address(phone)
    except SinchError as error:
        if error.status == 400:
            error.add_context('Emergency addresses are for active numbers with the VOICE capability')
        raise
    current = _full(current) if current else None
    if state == 'absent':
        after = None
        if current is not None and not check_mode:
            client.deprovision_emergency_address(phone)
    else:
        wanted = api_address(address)
        after = wanted
        if current != wanted:
            after = _validated(client, phone, display_name.strip(), wanted, accept_suggestion)
            if after != current and not check_mode:
                client.provision_emergency_address(phone, {'displayName': display_name.strip(), 'address': after})
    changed = after != current
    result = dict(phone_number=phone, address=_shown(after))
    if state == 'present':
        result['display_name'] = display_name.strip()
    diff = dict(before=dict(address=_shown(current)), after=dict(address=_shown(after)))
    return Outcome(changed, result, diff)
