# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sinch's official Python SDK (``sinch`` on PyPI) as referee: every Numbers API call it makes, against the simulator.

Run by ``make conformance`` through tools/with_simulator.py (a fresh simulator; its URL and the fixture's
project key in SINCH_* variables). A call the SDK cannot send, or an answer it cannot parse into its models,
fails the test: the simulator then speaks something Sinch's own client would not understand.
"""

from __future__ import annotations

import json
import os
import urllib.request

import pytest
import sinch

URL = os.environ.get('SINCH_SIMULATOR_URL', '')
if not URL:
    raise RuntimeError('SINCH_SIMULATOR_URL is not set: run through tools/with_simulator.py (make conformance)')
PLAN_A = '957ae16ae12d4942b91b61eda5e4ed6b'


def admin(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + '/_sim/' + path, data=data, method=method,
                                     headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=30) as answer:
        text = answer.read()
    return json.loads(text) if text else None


@pytest.fixture(autouse=True)
def fresh():
    admin('POST', 'reset', {})
    yield
    admin('POST', 'reset', {})


@pytest.fixture
def client():
    sdk = sinch.SinchClient(key_id=os.environ['SINCH_KEY_ID'], key_secret=os.environ['SINCH_KEY_SECRET'],
                            project_id=os.environ['SINCH_PROJECT_ID'])
    sdk.configuration.numbers_origin = URL
    sdk.configuration.auth_origin = URL
    return sdk


def truth():
    state = admin('GET', 'state')
    return state, state['projects'][os.environ['SINCH_PROJECT_ID']]['activeNumbers']


def log():
    return [entry for entry in admin('GET', 'log') if entry['route'] != 'oauth_token']


def test_list_active_without_filters_follows_every_page(client):
    _state, active = truth()
    admin('PATCH', 'state', {'settings': {'page_size_cap': 4}})
    found = [number.phone_number for number in client.numbers.list(page_size=4).iterator()]
    assert sorted(found) == sorted(number['phoneNumber'] for number in active)


def test_list_active_with_filters(client):
    _state, active = truth()
    found = list(client.numbers.list(region_code='US', number_type='LOCAL', capabilities=['SMS'],
                                     number_pattern='+1202', number_search_pattern='START', page_size=100).iterator())
    wanted = [n['phoneNumber'] for n in active if n['regionCode'] == 'US' and n['type'] == 'LOCAL'
              and 'SMS' in n['capability'] and n['phoneNumber'].startswith('+1202')]
    assert wanted and sorted(number.phone_number for number in found) == sorted(wanted)
    # PYPI sends the plural name on this endpoint (Conflicts 9); the simulator accepts it like the singular.
    assert 'capabilities=SMS' in log()[-1]['query']


def test_get_update_release(client):
    number = client.numbers.get('+12025550106')
    assert number.phone_number == '+12025550106' and number.money.amount is not None
    updated = client.numbers.update('+12025550106', display_name='SDK', sms_configuration={'service_plan_id': PLAN_A},
                                    voice_configuration={'type': 'RTC', 'app_id': 'app-sdk'})
    assert updated.display_name == 'SDK'
    assert updated.sms_configuration.service_plan_id == PLAN_A
    released = client.numbers.release('+12025550106')
    assert released.phone_number == '+12025550106'
    assert [entry['route'] for entry in log()] == ['get_active', 'patch_active', 'release_active']


def test_update_under_asynchronous_provisioning_parses(client):
    admin('POST', 'variants', {'provisioning_delay': 30})
    updated = client.numbers.update('+12025550106', sms_configuration={'service_plan_id': PLAN_A},
                                    voice_configuration={'type': 'EST', 'trunk_id': 'trunk-1'})
    assert updated.sms_configuration.service_plan_id == ''
    assert updated.sms_configuration.scheduled_provisioning.status == 'WAITING'
    assert updated.voice_configuration.scheduled_voice_provisioning.status == 'WAITING'


def test_failed_provisioning_parses(client):
    admin('POST', 'variants', {'provisioning_failures': 1, 'provisioning_error_codes': ['CAMPAIGN_NOT_AVAILABLE']})
    updated = client.numbers.update('+12025550106', sms_configuration={'service_plan_id': PLAN_A})
    assert updated.sms_configuration.scheduled_provisioning.status == 'FAILED'
    assert list(updated.sms_configuration.scheduled_provisioning.error_codes) == ['CAMPAIGN_NOT_AVAILABLE']


def test_search_and_check_available(client):
    state, _active = truth()
    offer = next(n for n in state['availableNumbers'] if n['regionCode'] == 'US' and n['type'] == 'LOCAL')
    found = list(client.numbers.search_for_available_numbers(region_code='US', number_type='LOCAL', capabilities=['SMS']).iterator())
    assert found and all(number.region_code == 'US' for number in found)
    one = client.numbers.check_availability(offer['phoneNumber'])
    assert one.phone_number == offer['phoneNumber'] and one.monthly_price.amount is not None


def test_rent_and_rent_any(client):
    state, _active = truth()
    offers = [n for n in state['availableNumbers'] if n['regionCode'] == 'US' and n['type'] == 'LOCAL'
              and 'SMS' in n['capability']]
    rented = client.numbers.rent(offers[0]['phoneNumber'], sms_configuration={'service_plan_id': PLAN_A})
    assert rented.phone_number == offers[0]['phoneNumber']
    any_number = client.numbers.rent_any(region_code='US', number_type='LOCAL', capabilities=['SMS'])
    assert any_number.phone_number and any_number.region_code == 'US'
    assert [entry['route'] for entry in log()] == ['rent', 'rent_any']


def test_regions(client):
    regions = list(client.numbers.regions.list(types=['LOCAL']).iterator())
    assert regions and all('LOCAL' in region.types for region in regions)


def test_list_under_the_older_variants_parses(client):
    admin('POST', 'variants', {'type_default': 'MOBILE'})
    assert {n.type for n in client.numbers.list(page_size=100).iterator()} == {'MOBILE'}
    admin('POST', 'variants', {'region_required': True})
    with pytest.raises(Exception) as refused:
        list(client.numbers.list(page_size=100).iterator())
    assert 'regionCode' in str(refused.value)


def test_callback_configuration_get_and_update(client):
    """``callbackConfiguration`` (B.1), which the SDK calls event destinations: read the secret, rotate it, read it back."""
    project = os.environ['SINCH_PROJECT_ID']
    before = client.numbers.event_destinations.get()
    assert before.project_id == project and before.hmac_secret == '0default-pass-word-*max-36characters'
    # A secret within the SDK's own documented rule (PYPI: 32-64 characters of A-Z a-z 0-9 -), Conflicts 8.
    rotated = 'c0nformance-secret-0123456789-abcdef'
    after = client.numbers.event_destinations.update(hmac_secret=rotated)
    assert after.project_id == project and after.hmac_secret == rotated
    assert client.numbers.event_destinations.get().hmac_secret == rotated
    assert [entry['route'] for entry in log()][-3:] == ['get_callback_configuration', 'update_callback_configuration',
                                                        'get_callback_configuration']
