# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Voice API strategies (A.4.4 vectors) and the configuration client, at the HTTP boundary."""

from __future__ import annotations

import base64

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils._auth_voice import (
    VoiceBasicAuth,
    VoiceSignedAuth,
    voice_strategy,
)
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchAuthError, SinchBadAnswer, SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._http import check_application_key
from ansible_collections.sinch.numbers.plugins.module_utils._signing import BARE, SLASH
from ansible_collections.sinch.numbers.plugins.module_utils._options import OptionAdapter
from ansible_collections.sinch.numbers.plugins.module_utils._voice import VoiceClient, ensure_voice_app, voice_app_info

DOC_KEY, DOC_SECRET, DOC_STAMP = '5F5C418A0F914BBC8234A9BF5EDDAD97', 'JViE5vDor0Sw3WllZka15Q==', '2014-06-04T13:41:58Z'
KEY = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3'
OTHER = '5a3f3e9c-7d1b-4c52-9a8e-2f6b1c0d4e71'
SECRET = 'c3VwcG9ydC1saW5lLXNlY3JldA=='


def signed(key=DOC_KEY, secret=DOC_SECRET, stamp=DOC_STAMP):
    return VoiceSignedAuth(key, secret, clock=lambda: stamp)


@pytest.mark.parametrize('verb, resource, content_type, body, signature', [
    ('POST', '/v1/sms/+46700000000', 'application/json', b'{"message":"Hello world"}', 'qDXMwzfaxCRS849c/2R0hg0nphgdHciTo7OdM6MsdnM='),
    ('GET', '/v1/configuration/numbers', 'application/json', b'', 'j1iORaaJd6rtPW/NFosw/4SdJsaL6WOgBHa6L94qkgU='),
    ('GET', '/v1/configuration/numbers', None, b'', 'nv4D4mfjvUkXpb5ARWGce+WV+GvRitnhPP5qwbmMKLQ='),
    ('GET', 'v1/configuration/numbers', 'application/json', b'', 'HYpLuzPwnI42ffJNeLHoojGf0YguD3d8Xb/NI5XWfKo='),
    ('POST', '/v1/configuration/numbers', 'application/json',
     b'{"numbers":["+14151112223333"],"applicationkey":"11983f76-12c8-1111-9515-4785c7b67ca8","capability":"voice"}',
     'RkhB4a2QIbSOCxQM6pqOfU8nqfrcZA+oOMkpPCqTSMc='),
    ('DELETE', '/v1/configuration/numbers', 'application/json', b'{}', 'icQ7obK43FZsP8d/jcYQpd69aEqjEYFAn9UXrudPVoY='),
])
def test_signed_headers_match_the_documented_and_computed_vectors(verb, resource, content_type, body, signature):
    strategy = signed()
    if not resource.startswith('/'):
        strategy.form = BARE  # the slash-less row signs the form of the current DEV page (Conflicts 1)
    headers = strategy.headers(verb, '/' + resource.lstrip('/'), body, content_type)
    assert headers == {'Authorization': 'Application %s:%s' % (DOC_KEY, signature), 'x-timestamp': DOC_STAMP}


@pytest.mark.parametrize('verb, content_type, body, signature', [
    ('POST', 'application/json; charset=UTF-8', b'{"identity":{"type":"number","endpoint":"+33444555666"},"method":"sms"}',
     'QP3OzQZVzRZAEev6DBLvJkgpiqyZPuXYsc7oyjUV0K8='),
    ('GET', 'application/json', b'', 'nsrLDvP6KVD/dAxb3IfAncdwjPFJVWSrseEFOcZge+A='),
])
def test_signed_headers_match_the_sdk_vectors(verb, content_type, body, signature):
    strategy = signed('my-key-id', 'bXkta2V5LXNlY3JldA==', '2023-11-22T09:10:11.999Z')
    assert strategy.headers(verb, '/path/pathParamValue', body, content_type)['Authorization'] == 'Application my-key-id:' + signature


def test_basic_matches_the_computed_vector_with_the_secret_not_decoded():
    header = VoiceBasicAuth(DOC_KEY, DOC_SECRET).headers('GET', '/v1/configuration/numbers', b'', 'application/json')
    assert header == {'Authorization': 'Basic NUY1QzQxOEEwRjkxNEJCQzgyMzRBOUJGNUVEREFEOTc6SlZpRTV2RG9yMFN3M1dsbFprYTE1UT09'}


@pytest.mark.parametrize('key', ['', None, 'a/b', '../x', 'a b', 'ab\n', 'a\x00b', 'a?b', 'a#b', 'a%2Fb', 'a\\b'])
def test_unsafe_application_keys_are_refused_naming_the_option(key):
    with pytest.raises(SinchInputError, match='^application_key:'):
        check_application_key(key)


def test_secret_not_base64_is_refused_without_showing_it():
    with pytest.raises(SinchInputError) as caught:
        voice_strategy(KEY, 'not base64 at all!', 'signed')
    assert 'application_secret' in str(caught.value) and 'not base64 at all' not in str(caught.value)
    assert isinstance(voice_strategy(KEY, 'not base64 at all!', 'basic'), VoiceBasicAuth)


def client(transport, **options):
    values = dict(application_key=KEY, application_secret=SECRET, voice_api_url='https://voice.test')
    values.update(options)
    return VoiceClient(OptionAdapter.from_dict(values), transport)


LISTING = {'numbers': [
    {'number': '+14155550100', 'applicationkey': KEY, 'capability': 'voice'},
    {'number': '+14155550102', 'capability': 'voice'},
    {'number': '+14155550103', 'applicationkey': '8e2d7c4b-1f3a-4b6e-9c5d-0a7f2e1b3c49', 'capability': 'sms'},
    {'number': '+14155550104', 'applicationkey': OTHER, 'capability': 'voice'},
]}
URLS = {'url': {'primary': 'https://a.example.com', 'fallback': 'https://b.example.com'}}


def test_requests_are_signed_over_the_path_and_the_bytes_sent(recorder, transport):
    recorder.add(200, LISTING).add(200, URLS)
    info = voice_app_info(client(transport))
    request = recorder.calls[0]
    assert request.url == 'https://voice.test/v1/configuration/numbers'
    scheme, credentials = request.headers['Authorization'].split(' ')
    assert scheme == 'Application' and credentials.startswith(KEY + ':')
    expected = VoiceSignedAuth(KEY, SECRET, clock=lambda: request.headers['x-timestamp']).headers(
        'GET', '/v1/configuration/numbers', b'', request.headers.get('Content-Type'))
    assert request.headers['Authorization'] == expected['Authorization']
    assert recorder.calls[1].url == 'https://voice.test/v1/configuration/callbacks/applications/' + KEY
    assert info['numbers'][1] == {'number': '+14155550102', 'e164': '+14155550102', 'capability': 'voice', 'application_key': None}
    assert info['callback_urls'] == {'primary': 'https://a.example.com', 'fallback': 'https://b.example.com'}


def test_basic_sends_key_and_secret(recorder, transport):
    recorder.add(200, LISTING)
    client(transport, voice_auth_method='basic').list_numbers()
    assert recorder.calls[0].headers['Authorization'] == 'Basic ' + base64.b64encode(('%s:%s' % (KEY, SECRET)).encode()).decode()
    assert 'x-timestamp' not in recorder.calls[0].headers


@pytest.mark.parametrize('answer', [{'numbers': None}, [], {'numbers': [{'applicationkey': KEY}]}, b'<html>'])
def test_a_listing_of_the_wrong_shape_is_never_read_as_empty(recorder, transport, answer):
    recorder.add(200, answer)
    with pytest.raises(SinchBadAnswer):
        client(transport).list_numbers()


def test_a_refused_signature_says_what_to_check(recorder, transport):
    refused = {'errorCode': 40102, 'message': 'Invalid Signature'}
    recorder.add(401, refused).add(401, refused)
    with pytest.raises(SinchAuthError) as caught:
        client(transport).list_numbers()
    assert 'application_secret' in str(caught.value) and 'instance' not in str(caught.value)
    assert len(recorder.calls) == 2  # the second time signed without the leading slash


def test_a_refused_signature_is_tried_once_without_the_leading_slash():
    """Conflicts 1: the DEV page signs the resource without its slash; the [computed] vector of A.4.4 for that form."""
    strategy = signed()
    assert strategy.refresh(SinchAuthError('Invalid Signature', status=401, code=40102))
    headers = strategy.headers('GET', '/v1/configuration/numbers', b'', 'application/json')
    assert headers['Authorization'] == 'Application %s:HYpLuzPwnI42ffJNeLHoojGf0YguD3d8Xb/NI5XWfKo=' % DOC_KEY
    assert not strategy.refresh(SinchAuthError('Invalid Signature', status=401, code=40102))
    assert not signed().refresh(SinchAuthError('Invalid application key', status=401, code=40100))


def test_the_switch_happens_once_per_run_at_the_http_boundary(recorder, transport):
    recorder.add(401, {'errorCode': 40102, 'message': 'Invalid Signature'}).add(200, LISTING).add(200, URLS)
    voice = client(transport)
    voice.list_numbers()
    voice.get_callback_urls()

    def signed_over(request):
        path = request.path_url
        forms = {}
        for form, label in ((SLASH, 'slash'), (BARE, 'no slash')):
            stamp = request.headers['x-timestamp']
            strategy = VoiceSignedAuth(KEY, SECRET, clock=lambda: stamp)
            strategy.form = form
            header = strategy.headers('GET', path, b'', request.headers['Content-Type'])
            forms[header['Authorization']] = label
        return forms.get(request.headers['Authorization'])

    assert [signed_over(request) for request in recorder.calls] == ['slash', 'no slash', 'no slash']


def test_missing_credentials_name_options_and_variables(transport):
    with pytest.raises(SinchInputError, match='application_secret is required.*SINCH_APPLICATION_SECRET'):
        client(transport, application_secret=None)


def test_keys_compare_without_case_and_moving_a_number_is_refused_naming_its_application(recorder, transport):
    recorder.add(200, LISTING).add(200, URLS)
    with pytest.raises(SinchInputError, match='14155550104 is assigned to application %s; set allow_reassign' % OTHER):
        ensure_voice_app(client(transport, application_key=KEY.upper()), numbers=['+14155550100', '+14155550104'])
    assert [c.method for c in recorder.calls] == ['GET']


def test_exclusive_assigns_and_unassigns_with_the_listed_capability(recorder, transport):
    recorder.add(200, LISTING).add(200, URLS).add(200).add(200)
    outcome = ensure_voice_app(client(transport), numbers=['+1 415 555 0102'], exclusive=True)
    assert outcome.changed and outcome.result['added'] == ['+14155550102'] and outcome.result['removed'] == ['+14155550100']
    assert [(c.method, recorder.json_body(i)) for i, c in enumerate(recorder.calls) if c.method != 'GET'] == [
        ('POST', {'numbers': ['+14155550102'], 'applicationkey': KEY, 'capability': 'voice'}),
        ('DELETE', {'number': '+14155550100', 'applicationkey': KEY, 'applicationKey': KEY, 'capability': 'voice'}),
    ]


def test_changing_only_the_primary_url_sends_the_fallback_too(recorder, transport):
    recorder.add(200, LISTING).add(200, URLS).add(200)
    outcome = ensure_voice_app(client(transport), callback_urls={'primary': 'https://new.example.com', 'fallback': None})
    assert recorder.json_body(2) == {'url': {'primary': 'https://new.example.com', 'fallback': 'https://b.example.com'}}
    assert outcome.diff['before']['callback_urls']['primary'] == 'https://a.example.com'
    assert outcome.result['callback_urls'] == {'primary': 'https://new.example.com', 'fallback': 'https://b.example.com'}


def test_nothing_to_change_and_check_mode_write_nothing(recorder, transport):
    recorder.add(200, LISTING).add(200, URLS)
    outcome = ensure_voice_app(client(transport), numbers=['14155550100'], callback_urls={'primary': 'https://a.example.com'})
    assert not outcome.changed
    recorder.add(200, LISTING).add(200, URLS)
    outcome = ensure_voice_app(client(transport), numbers=['+14155550102'], callback_urls={'fallback': 'https://c.example.com'},
                               check_mode=True)
    assert outcome.changed and outcome.result['numbers'] == ['+14155550100', '+14155550102']
    assert [c.method for c in recorder.calls] == ['GET'] * 4


@pytest.mark.parametrize('kwargs, match', [
    (dict(numbers=['(415) 555-0102x']), '^numbers:'),
    (dict(numbers=['+19995550000']), 'not a number of the account'),
    (dict(numbers=[], state='absent', exclusive=True), '^exclusive:'),
    (dict(callback_urls={'primary': 'ftp://x'}), '^callback_urls.primary:'),
    (dict(exclusive=True), '^numbers: give the numbers that are the whole set'),
    (dict(state='absent'), '^numbers: give the numbers to un-assign'),
])
def test_bad_input_is_refused_before_any_write(recorder, transport, kwargs, match):
    recorder.add(200, LISTING).add(200, URLS)
    with pytest.raises(SinchInputError, match=match):
        ensure_voice_app(client(transport), **kwargs)
    assert all(c.method == 'GET' for c in recorder.calls)
