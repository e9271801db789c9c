# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Callback secret (B.1) and emergency address (B.2) logic, at the HTTP boundary."""

from __future__ import annotations

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils._callback_configuration import ensure_callback_secret
from ansible_collections.sinch.numbers.plugins.module_utils._emergency import ensure_emergency_address
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchBadAnswer, SinchError, SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._numbers_api import NumbersApiClient
from ansible_collections.sinch.numbers.plugins.module_utils._options import OptionAdapter

PROJECT = 'p-1'
SECRET = 'A' * 40
ADDRESS = dict(street_number='3500', street_info='Lenox Rd NE', city='Atlanta', state='GA', postal_code='30326')
API = {'streetNumber': '3500', 'streetInfo': 'Lenox Rd NE', 'location': '', 'city': 'Atlanta', 'state': 'GA',
       'postalCode': '30326', 'postalCodePlusFour': ''}


@pytest.fixture
def client(transport):
    options = dict(project_id=PROJECT, key_id='k', key_secret='s', auth_method='basic', numbers_api_url='https://n.test')
    return NumbersApiClient(OptionAdapter.from_dict(options), transport)


def test_same_secret_writes_nothing_and_shows_no_value(recorder, client):
    recorder.add(200, {'projectId': PROJECT, 'hmacSecret': SECRET})
    outcome = ensure_callback_secret(client, SECRET)
    assert not outcome.changed and len(recorder.calls) == 1
    assert SECRET not in repr((outcome.result, outcome.diff, outcome.warnings))


def test_new_secret_is_patched_and_marked_changed(recorder, client):
    recorder.add(200, {'projectId': PROJECT, 'hmacSecret': ''}).add(200, {'projectId': PROJECT, 'hmacSecret': SECRET})
    outcome = ensure_callback_secret(client, SECRET)
    assert outcome.changed and recorder.calls[1].method == 'PATCH' and recorder.json_body(1) == {'hmacSecret': SECRET}
    assert outcome.diff == {'before': {'hmac_secret': '(not set)'}, 'after': {'hmac_secret': '(changed)'}}
    assert SECRET not in repr((outcome.result, outcome.diff))


def test_check_mode_only_reads(recorder, client):
    recorder.add(200, {'projectId': PROJECT, 'hmacSecret': 'old'})
    assert ensure_callback_secret(client, SECRET, check_mode=True).changed and len(recorder.calls) == 1


def test_secret_rules(recorder, client):
    with pytest.raises(SinchInputError, match='^hmac_secret:'):
        ensure_callback_secret(client, '  ')
    assert not recorder.calls
    recorder.add(200, {'projectId': PROJECT, 'hmacSecret': 'x*y'})
    outcome = ensure_callback_secret(client, 'x*y')
    assert outcome.warnings and 'x*y' not in outcome.warnings[0]


def test_bad_answer_never_shows_the_body(recorder, client):
    recorder.add(200, {'projectId': PROJECT, 'hmacSecret': 5})
    with pytest.raises(SinchBadAnswer) as caught:
        ensure_callback_secret(client, SECRET)
    assert '5' not in caught.value.message


def emergency(client, **kwargs):
    args = dict(display_name='HQ', address=ADDRESS)
    args.update(kwargs)
    return ensure_emergency_address(client, '+1 202 555 0106', **args)


def test_equal_address_sends_nothing_more(recorder, client):
    recorder.add(200, API)
    assert not emergency(client).changed
    assert [c.url for c in recorder.calls] == ['https://n.test/v1/projects/p-1/activeNumbers/%2B12025550106/emergencyAddress']


def test_exact_match_is_validated_then_provisioned(recorder, client):
    recorder.add(404, {'error': {'code': 404, 'message': 'none', 'status': 'NOT_FOUND', 'details': [
        {'type': 'ResourceInfo', 'resourceType': 'EmergencyAddress', 'resourceName': '+12025550106'}]}})
    recorder.add(200, {'validationResult': 'EXACT_MATCH'}).add(200, API)
    outcome = emergency(client)
    assert outcome.changed and outcome.result['address']['street_info'] == 'Lenox Rd NE'
    assert [c.url.rsplit('/', 1)[1] for c in recorder.calls[1:]] == ['emergencyAddress:validate', 'emergencyAddress:provision']
    assert recorder.json_body(2) == {'displayName': 'HQ', 'address': API}


def test_near_match_needs_accept_suggestion(recorder, client):
    near = {'validationResult': 'NEAR_MATCH', 'validationMessage': 'Corrected', 'correctedAddress': dict(API, postalCodePlusFour='4228')}
    recorder.add(200, {}).add(200, near)
    with pytest.raises(SinchError, match='Lenox Rd NE Atlanta GA 30326 4228.*accept_suggestion=true'):
        emergency(client, address=dict(ADDRESS, street_info='Lenox Road NE'))
    recorder.add(200, {}).add(200, near).add(200, {})
    outcome = emergency(client, address=dict(ADDRESS, street_info='Lenox Road NE'), accept_suggestion=True)
    assert outcome.changed and recorder.json_body(-1)['address']['postalCodePlusFour'] == '4228'
    assert [c.method for c in recorder.calls] == ['GET', 'POST', 'GET', 'POST', 'POST']


def test_no_match_fails_with_candidates_and_writes_nothing(recorder, client):
    recorder.add(200, {}).add(200, {'validationResult': 'NO_MATCH', 'candidateAddresses': [API]})
    with pytest.raises(SinchError, match='candidates: 3500 Lenox Rd NE Atlanta GA 30326') as caught:
        emergency(client, check_mode=True)
    assert caught.value.details == [{'candidate_addresses': [dict(zip(
        ('street_number', 'street_info', 'location', 'city', 'state', 'postal_code', 'postal_code_plus_four'), API.values()))]}]


def test_missing_fields_are_refused_before_any_request(recorder, client):
    with pytest.raises(SinchInputError, match='^display_name, address.city: required'):
        emergency(client, display_name='', address=dict(ADDRESS, city=None))
    assert not recorder.calls


def test_absent_removes_only_an_existing_address(recorder, client):
    recorder.add(200, API).add(200)
    assert emergency(client, state='absent').changed and recorder.calls[-1].url.endswith(':deprovision')
    recorder.add(200, dict.fromkeys(API, ''))
    assert not emergency(client, state='absent').changed and len(recorder.calls) == 3


def test_a_number_that_is_not_active_is_an_error_not_an_empty_address(recorder, client):
    recorder.add(404, {'error': {'code': 404, 'message': 'no', 'status': 'NOT_FOUND', 'details': [
        {'type': 'ResourceInfo', 'resourceType': 'ActiveNumber', 'resourceName': '+12025550106'}]}})
    with pytest.raises(SinchError, match='phone_number must be an active number'):
        emergency(client, state='absent')
