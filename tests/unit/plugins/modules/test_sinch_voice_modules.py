# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Voice, callback secret and emergency address modules at the HTTP boundary: results, diff only in diff mode,
no secret in the output, failures before any request."""

from __future__ import annotations

import json

from ansible_collections.sinch.numbers.plugins.modules import (
    sinch_callback_configuration,
    sinch_emergency_address,
    sinch_voice_app,
    sinch_voice_app_info,
)

KEY = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3'
APP_SECRET = 'c3VwcG9ydC1saW5lLXNlY3JldA=='
VOICE = dict(application_key=KEY, application_secret=APP_SECRET, voice_api_url='https://voice.example')
NUMBERS = dict(project_id='p-1', key_id='k-1', key_secret='key-secret-value', auth_method='basic',
               numbers_api_url='https://numbers.example')
LISTING = {'numbers': [{'number': '+14155550100', 'applicationkey': KEY, 'capability': 'voice'},
                       {'number': '+14155550102', 'capability': 'voice'}]}
URLS = {'url': {'primary': 'https://a.example.com'}}
HMAC = 'Hmac-Secret-Value-0123456789abcdefghijklmn'


def test_voice_app_info(run_module, recorder):
    recorder.add(200, LISTING).add(200, URLS)
    result = run_module(sinch_voice_app_info.main, VOICE)
    assert result['changed'] is False
    assert result['numbers'][1] == {'number': '+14155550102', 'e164': '+14155550102', 'capability': 'voice', 'application_key': None}
    assert result['callback_urls'] == {'primary': 'https://a.example.com', 'fallback': None}
    assert APP_SECRET not in json.dumps(result)


def test_voice_app_diff_only_in_diff_mode(run_module, recorder):
    recorder.add(200, LISTING).add(200, URLS)
    result = run_module(sinch_voice_app.main, dict(VOICE, numbers=['+14155550102']), check_mode=True)
    assert result['changed'] is True and 'diff' not in result and result['added'] == ['+14155550102']
    recorder.add(200, LISTING).add(200, URLS).add(200)
    result = run_module(sinch_voice_app.main, dict(VOICE, numbers=['+14155550102']), diff=True)
    assert result['diff']['after']['numbers'] == ['+14155550100', '+14155550102']
    assert [c.method for c in recorder.calls] == ['GET', 'GET', 'GET', 'GET', 'POST']


def test_voice_app_bad_key_fails_before_any_request(run_module, recorder):
    result = run_module(sinch_voice_app.main, dict(VOICE, application_key='a/b', numbers=[]))
    assert result['failed'] is True and result['msg'].startswith('application_key:') and not recorder.calls


def test_callback_configuration_never_outputs_the_secret(run_module, recorder):
    recorder.add(200, {'projectId': 'p-1', 'hmacSecret': 'old'}).add(200, {'projectId': 'p-1', 'hmacSecret': HMAC})
    result = run_module(sinch_callback_configuration.main, dict(NUMBERS, hmac_secret=HMAC), diff=True)
    assert result['changed'] is True and result['hmac_secret'] == '(changed)'
    assert result['diff'] == {'before': {'hmac_secret': '(set)'}, 'after': {'hmac_secret': '(changed)'}}
    assert HMAC not in json.dumps(result) and 'old' not in json.dumps(result['diff'])


def test_emergency_near_match_fails_with_the_correction(run_module, recorder):
    address = dict(street_number='3500', street_info='Lenox Road NE', city='Atlanta', state='GA', postal_code='30326')
    recorder.add(200, {}).add(200, {'validationResult': 'NEAR_MATCH', 'validationMessage': 'Corrected',
                                    'correctedAddress': {'streetNumber': '3500', 'streetInfo': 'Lenox Rd NE'}})
    result = run_module(sinch_emergency_address.main, dict(NUMBERS, phone_number='+12025550106', display_name='HQ', address=address))
    assert result['failed'] is True and 'accept_suggestion=true' in result['msg']
    assert result['error']['details'][0]['corrected_address']['street_info'] == 'Lenox Rd NE'
    assert [c.method for c in recorder.calls] == ['GET', 'POST']


def test_emergency_present_needs_display_name_and_address(run_module, recorder):
    result = run_module(sinch_emergency_address.main, dict(NUMBERS, phone_number='+12025550106'))
    assert result['failed'] is True and 'display_name' in result['msg'] and not recorder.calls
