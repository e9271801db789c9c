# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchAuthError,
    SinchBadAnswer,
    SinchBadRequest,
    SinchError,
    SinchInputError,
    SinchNotFound,
    SinchServerError,
)
from ansible_collections.sinch.numbers.plugins.module_utils._numbers_api import NumbersApiClient
from ansible_collections.sinch.numbers.plugins.module_utils._options import OptionAdapter
from ansible_collections.sinch.numbers.plugins.module_utils._session_cache import SessionCache

OPTIONS = dict(project_id='proj-1', key_id='key-1', key_secret='very-secret', auth_method='oauth2',
               numbers_api_url='https://numbers.example', auth_url='https://auth.example')
BASIC = 'Basic ' + base64.b64encode(b'key-1:very-secret').decode()
TOKEN = {'access_token': 'tok-1', 'expires_in': 3599, 'scope': '', 'token_type': 'bearer'}
UNAUTHENTICATED = {'error': {'code': 401, 'message': 'Invalid token', 'status': 'UNAUTHENTICATED'}}


def client(transport, cache=None, **overrides):
    return NumbersApiClient(OptionAdapter.from_dict(dict(OPTIONS, **overrides)), transport, cache=cache)


def query(request):
    return parse_qs(urlsplit(request.url).query)


def test_basic_auth_on_every_request(transport, recorder):
    recorder.add(200, {'phoneNumber': '+12025550134'}).add(200, {'phoneNumber': '+12025550134'})
    api = client(transport, auth_method='basic')
    api.get_active_number('+12025550134')
    api.get_active_number(12025550134)
    assert [c.headers['Authorization'] for c in recorder.calls] == [BASIC, BASIC]
    assert recorder.calls[0].url == 'https://numbers.example/v1/projects/proj-1/activeNumbers/%2B12025550134'


def test_oauth2_token_fetched_once(transport, recorder):
    recorder.add(200, TOKEN).add(200, {}).add(200, {})
    api = client(transport)
    api.get_active_number('+12025550134')
    api.update_active_number('+12025550134', {'displayName': 'x'})
    token_call = recorder.calls[0]
    assert (token_call.method, token_call.url) == ('POST', 'https://auth.example/oauth2/token')
    assert token_call.headers['Authorization'] == BASIC
    assert token_call.headers['Content-Type'] == 'application/x-www-form-urlencoded'
    assert token_call.body == b'grant_type=client_credentials'
    assert [c.headers['Authorization'] for c in recorder.calls[1:]] == ['Bearer tok-1', 'Bearer tok-1']
    assert recorder.calls[2].method == 'PATCH' and recorder.json_body(2) == {'displayName': 'x'}
    assert api.tokens_fetched == 1


def test_oauth2_token_cached_across_runs(transport, recorder, tmp_path):
    cache = SessionCache(str(tmp_path / 'c'))
    recorder.add(200, TOKEN).add(200, {}).add(200, {})
    client(transport, cache=cache).get_active_number('+12025550134')
    client(transport, cache=cache).get_active_number('+12025550134')
    assert [c.url.split('/')[-1] for c in recorder.calls] == ['token', '%2B12025550134', '%2B12025550134']
    assert 'very-secret' not in ''.join(p.read_text() for p in (tmp_path / 'c').glob('*.json'))


def test_oauth2_refreshes_once_on_401(transport, recorder):
    recorder.add(200, TOKEN).add(401, UNAUTHENTICATED).add(200, dict(TOKEN, access_token='tok-2')).add(200, {})
    api = client(transport)
    api.release_number('+12025550134')
    assert [c.headers['Authorization'] for c in recorder.calls] == [BASIC, 'Bearer tok-1', BASIC, 'Bearer tok-2']
    assert api.tokens_fetched == 2


def test_oauth2_gives_up_after_one_refresh(transport, recorder):
    recorder.add(200, TOKEN).add(401, UNAUTHENTICATED).add(200, TOKEN).add(401, UNAUTHENTICATED)
    with pytest.raises(SinchAuthError) as caught:
        client(transport).get_active_number('+12025550134')
    assert '[UNAUTHENTICATED]' in str(caught.value) and 'key_secret' in str(caught.value)
    assert len(recorder.calls) == 4


def test_basic_401_is_not_retried(transport, recorder):
    recorder.add(401, UNAUTHENTICATED)
    with pytest.raises(SinchAuthError):
        client(transport, auth_method='basic').get_active_number('+12025550134')
    assert len(recorder.calls) == 1


def test_pager_follows_next_page_token(transport, recorder):
    recorder.add(200, {'activeNumbers': [{'phoneNumber': '+1'}, {'phoneNumber': '+2'}], 'nextPageToken': 'p2', 'totalSize': 5})
    recorder.add(200, {'activeNumbers': [{'phoneNumber': '+3'}, {'phoneNumber': '+4'}], 'nextPageToken': 'p3', 'totalSize': 5})
    recorder.add(200, {'activeNumbers': [{'phoneNumber': '+5'}], 'nextPageToken': '', 'totalSize': 5})
    api = client(transport, auth_method='basic')
    found = list(api.iter_active_numbers(region_code='US', number_type='LOCAL', capabilities=['SMS', 'VOICE'],
                                         pattern='415', search_pattern='START', page_size=2))
    assert [n['phoneNumber'] for n in found] == ['+1', '+2', '+3', '+4', '+5']
    assert [query(c).get('pageToken') for c in recorder.calls] == [None, ['p2'], ['p3']]
    # As Sinch's SDKs send it: singular capability, repeated; a START pattern with its "+" (%2B, B.10).
    assert query(recorder.calls[0]) == {'regionCode': ['US'], 'type': ['LOCAL'], 'capability': ['SMS', 'VOICE'],
                                        'numberPattern.pattern': ['+415'], 'numberPattern.searchPattern': ['START'],
                                        'pageSize': ['2']}
    assert 'numberPattern.pattern=%2B415' in recorder.calls[0].url and 'capability=SMS&capability=VOICE' in recorder.calls[0].url


def test_pager_stops_on_a_repeated_token(transport, recorder):
    recorder.add(200, {'activeNumbers': [{'phoneNumber': '+1'}], 'nextPageToken': 'same'})
    recorder.add(200, {'activeNumbers': [{'phoneNumber': '+2'}], 'nextPageToken': 'same'})
    assert len(list(client(transport, auth_method='basic').iter_active_numbers(number_type='MOBILE'))) == 2
    assert len(recorder.calls) == 2


def test_missing_number_is_none(transport, recorder):
    body = {'error': {'code': 404, 'message': 'Number not found', 'status': 'NOT_FOUND'}}
    recorder.add(404, body).add(404, body)
    api = client(transport, auth_method='basic')
    assert api.get_active_number('+12025550134') is None
    assert api.get_available_number('+12025550134') is None


def test_not_found_on_write_is_raised(transport, recorder):
    recorder.add(404, {'error': {'code': 404, 'message': 'Number not found', 'status': 'NOT_FOUND'}})
    with pytest.raises(SinchNotFound) as caught:
        client(transport, auth_method='basic').rent_number('+12025550134', {'callbackUrl': 'https://x'})
    assert str(caught.value).startswith(
        'Sinch refused to rent number +12025550134 (POST /v1/projects/proj-1/availableNumbers/%2B12025550134:rent): '
        'Number not found [NOT_FOUND]')


@pytest.mark.parametrize('call', [
    lambda api: api.rent_number('+12025550134'),
    lambda api: api.release_number('+12025550134'),
    lambda api: api.rent_any_number({'regionCode': 'US', 'type': 'LOCAL'}),
])
def test_purchases_are_not_retried(transport, recorder, sleeps, call):
    recorder.add(503, {'error': {'code': 503, 'message': 'busy', 'status': 'UNAVAILABLE'}})
    with pytest.raises(SinchServerError):
        call(client(transport, auth_method='basic'))
    assert len(recorder.calls) == 1 and sleeps == []


def test_available_numbers_and_regions(transport, recorder):
    recorder.add(200, {'availableNumbers': [{'phoneNumber': '+1'}]}).add(200, {'availableRegions': [{'regionCode': 'US'}]})
    api = client(transport, auth_method='basic')
    assert api.list_available_numbers('US', 'LOCAL', capabilities=['SMS'], size=5) == [{'phoneNumber': '+1'}]
    assert api.list_available_regions(['LOCAL', 'MOBILE']) == [{'regionCode': 'US'}]
    assert query(recorder.calls[0]) == {'regionCode': ['US'], 'type': ['LOCAL'], 'capabilities': ['SMS'], 'size': ['5']}
    assert query(recorder.calls[1]) == {'types': ['LOCAL', 'MOBILE']}


def test_bad_number_fails_before_any_request(transport, recorder):
    with pytest.raises(SinchInputError) as caught:
        client(transport).get_active_number('not-a-number')
    assert "phone_number: 'not-a-number' is not a phone number in E.164 form" in str(caught.value)
    assert recorder.calls == []


def test_missing_credentials(transport):
    with pytest.raises(SinchInputError) as caught:
        client(transport, key_id=None, key_secret='')
    assert str(caught.value) == 'key_id and key_secret are required for the Numbers API (options or SINCH_KEY_ID/SINCH_KEY_SECRET).'


def test_unknown_project_is_not_a_missing_number(transport, recorder):
    detail = {'type': 'ResourceInfo', 'resourceType': 'Project', 'resourceName': 'proj-1', 'owner': '', 'description': ''}
    recorder.add(404, {'error': {'code': 404, 'message': 'Project proj-1 not found.', 'status': 'NOT_FOUND', 'details': [detail]}})
    with pytest.raises(SinchNotFound) as caught:
        client(transport, auth_method='basic').get_active_number('+12025550134')
    assert 'Project proj-1 not found. [NOT_FOUND]' in str(caught.value)


@pytest.mark.parametrize('option, value', [('numbers_api_url', 'numbers.api.sinch.com'), ('auth_url', 'ftp://auth.example')])
def test_url_options_are_checked_before_any_request(transport, recorder, option, value):
    with pytest.raises(SinchInputError) as caught:
        client(transport, **{option: value})
    assert str(caught.value).startswith('%s: give the base URL of the service, with http:// or https://' % option)
    assert recorder.calls == []


# Listing without a type, and when Sinch requires regionCode (modern-apis.md B.8, B.12) ---------------------


def _page(*phones, token=''):
    return {'activeNumbers': [{'phoneNumber': p, 'displayName': p[-1]} for p in phones], 'nextPageToken': token,
            'totalSize': len(phones)}


def test_without_type_each_type_is_listed_and_merged_without_duplicates(transport, recorder):
    recorder.add(200, _page('+3', '+1', token='m2')).add(200, _page('+5'))
    recorder.stream('LOCAL', _page('+2', '+1')).stream('TOLL_FREE', _page('+4', token='t2'), _page('+6'))
    found = list(client(transport, auth_method='basic').iter_active_numbers())
    assert [n['phoneNumber'] for n in found] == ['+1', '+2', '+3', '+4', '+5', '+6']
    assert query(recorder.calls[0])['type'] == ['MOBILE'] and len(recorder.calls) == 5
    assert transport.requests_sent == 5


def test_each_stream_has_its_own_session_sharing_the_connection_pools(transport):
    api = client(transport, auth_method='basic')
    clone = api._on_own_connection()
    assert clone.transport is not transport and clone.transport.session is not transport.session
    assert clone.transport.session.adapters is transport.session.adapters
    assert clone.transport.session.verify == transport.session.verify and clone.project_id == api.project_id


def test_regions_are_listed_one_by_one_when_sinch_requires_region_code(transport, recorder):
    required = {'error': {'code': 400, 'message': 'regionCode is required.', 'status': 'INVALID_ARGUMENT',
                          'details': [{'type': 'BadRequest', 'fieldViolations': [
                              {'field': 'regionCode', 'description': 'regionCode is required.'}]}]}}
    recorder.add(400, required)
    recorder.add(200, {'availableRegions': [{'regionCode': 'US', 'regionName': 'United States', 'types': ['LOCAL']},
                                            {'regionCode': 'SE', 'regionName': 'Sweden', 'types': ['MOBILE']}]})
    recorder.add(200, _page('+467')).add(200, _page('+1999'))
    recorder.stream('LOCAL', _page('+1202'), _page()).stream('TOLL_FREE', _page(), _page('+1800'))
    warned = []
    found = list(client(transport, auth_method='basic').iter_active_numbers(warn=warned.append))
    assert sorted(n['phoneNumber'] for n in found) == ['+1202', '+1800', '+1999', '+467']
    assert urlsplit(recorder.calls[1].url).path.endswith('/availableRegions')
    assert sorted((query(c)['regionCode'][0], query(c)['type'][0]) for c in recorder.calls[2:]) == [
        ('SE', 'LOCAL'), ('SE', 'MOBILE'), ('SE', 'TOLL_FREE'), ('US', 'LOCAL'), ('US', 'MOBILE'), ('US', 'TOLL_FREE')]
    assert warned == ['Sinch requires regionCode to list active numbers, so they were listed per region of availableRegions '
                      '(SE, US): a number in a region where Sinch no longer rents numbers is missing.']


def test_another_bad_request_is_not_taken_for_a_missing_region(transport, recorder):
    recorder.add(400, {'error': {'code': 400, 'message': 'Invalid value', 'status': 'INVALID_ARGUMENT',
                                 'details': [{'type': 'BadRequest', 'fieldViolations': [{'field': 'pageSize'}]}]}})
    with pytest.raises(SinchBadRequest):
        list(client(transport, auth_method='basic').iter_active_numbers(number_type='LOCAL'))
    assert len(recorder.calls) == 1


@pytest.mark.parametrize('answer', [[], {'activeNumbers': {'+1': {}}}, {'activeNumbers': ['+1']}])
def test_a_page_of_another_shape_is_never_read_as_empty(transport, recorder, answer):
    recorder.add(200, answer)
    with pytest.raises(SinchBadAnswer):
        list(client(transport, auth_method='basic').iter_active_numbers(number_type='LOCAL'))


@pytest.mark.parametrize('pattern, sent', [('1206', '+1206'), ('+1206', '+1206'), (' 1206', '+1206')])
def test_start_patterns_get_their_plus(transport, recorder, pattern, sent):
    recorder.add(200, {'availableNumbers': []})
    client(transport, auth_method='basic').list_available_numbers('US', 'LOCAL', pattern=pattern, search_pattern='START')
    assert query(recorder.calls[0])['numberPattern.pattern'] == [sent] and '%2B1206' in recorder.calls[0].url


def test_other_patterns_are_sent_as_given(transport, recorder):
    recorder.add(200, {'availableNumbers': []})
    client(transport, auth_method='basic').list_available_numbers('US', 'LOCAL', pattern='1206', search_pattern='END',
                                                                  capabilities=['SMS', 'VOICE'])
    # Plural "capabilities" on availableNumbers, as every SDK sends it (B.9).
    assert query(recorder.calls[0])['numberPattern.pattern'] == ['1206']
    assert query(recorder.calls[0])['capabilities'] == ['SMS', 'VOICE']


def test_a_failing_stream_fails_the_listing(transport, recorder):
    recorder.add(200, _page('+1')).stream('LOCAL', _page('+2'))
    recorder.streams['TOLL_FREE'] = [(403, {'error': {'code': 403, 'message': 'no', 'status': 'PERMISSION_DENIED'}}, {})]
    with pytest.raises(SinchError, match='PERMISSION_DENIED'):
        list(client(transport, auth_method='basic').iter_active_numbers())
