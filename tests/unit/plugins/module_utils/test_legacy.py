# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json
import os
import stat

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchAuthError,
    SinchError,
    SinchInputError,
    SinchPaymentRequired,
    SinchServerError,
)
from ansible_collections.sinch.numbers.plugins.module_utils._legacy import LegacyClient
from ansible_collections.sinch.numbers.plugins.module_utils._options import OptionAdapter
from ansible_collections.sinch.numbers.plugins.module_utils._session_cache import SessionCache
from ansible_collections.sinch.numbers.plugins.module_utils._signing import sign

SECRET = 'bRo76GRddEyetgJDTgkLHA=='
ORG = {'id': 8888123, 'name': 'Acme', 'countryId': 'US'}
OPTIONS = dict(username='ops@example.com', password='s3cret-password', username_type='email',
               user_api_url='https://user.example', api_url='https://api.example', portal_api_url='https://portal.example')
BUSY = {'errorCode': 50300, 'message': 'Service is temporarily unavailable, please try again later.'}


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def cache(tmp_path, clock):
    return SessionCache(str(tmp_path / 'cache' / 'sinch.numbers'), clock=clock)


def client(transport, cache=None, **overrides):
    options = dict(OPTIONS, **overrides)
    return LegacyClient(OptionAdapter.from_dict(options), transport, cache=cache)


def script_login(recorder, instance='inst-1', expires=172800):
    recorder.add(200, {'authorization': 'token:sig', 'user': {'id': 1}})
    recorder.add(200, {'id': instance, 'secret': SECRET, 'expiresIn': expires})


def assert_signed(request, instance='inst-1'):
    """Recompute the signature of a recorded request the way Sinch does."""
    scheme, value = request.headers['Authorization'].split(' ', 1)
    instance_id, signature = value.split(':', 1)
    path = request.path_url.split('?')[0]
    expected = sign(SECRET, request.method, request.body or b'', request.headers.get('Content-Type', ''),
                    request.headers['x-timestamp'], path)
    assert (scheme, instance_id, signature) == ('Instance', instance, expected)


def test_log_in_create_instance_and_sign(transport, recorder):
    script_login(recorder)
    recorder.add(200, ORG).add(200, [{'number': 14150005550}])
    api = client(transport)
    assert api.list_numbers() == [{'number': 14150005550}]

    login, instance, organisations, numbers = recorder.calls
    assert (login.method, login.url) == ('POST', 'https://user.example/v1/users/email/ops@example.com/authentication')
    assert login.headers['Authorization'] == 'Application 669762D5-2B10-44E0-8418-BC9EE4457555'
    assert 'x-timestamp' in login.headers
    assert json.loads(login.body) == {'password': 's3cret-password'}

    assert (instance.method, instance.url) == ('POST', 'https://api.example/v1/instance')
    assert instance.headers['Authorization'] == 'User token:sig'
    body = json.loads(instance.body)
    assert body['authorization'] == 'token:sig'
    assert set(body['version']) == {'os', 'platform'} and all(body['version'].values())

    assert (organisations.method, organisations.url) == ('GET', 'https://api.example/v1/organisations')
    assert_signed(organisations)
    assert (numbers.method, numbers.url) == ('GET', 'https://portal.example/v1/organisations/id/8888123/numbers')
    assert_signed(numbers)
    assert api.logins == 1


@pytest.mark.parametrize('username_type, username, path', [
    ('number', '+12055500000', '/v1/users/number/+12055500000/authentication'),
    ('username', 'ops team/1', '/v1/users/username/ops%20team%2F1/authentication'),
])
def test_identity_types(transport, recorder, username_type, username, path):
    script_login(recorder)
    client(transport, username_type=username_type, username=username).auth.login()
    assert recorder.calls[0].path_url == path


def test_signed_writes_carry_body_md5(transport, recorder):
    script_login(recorder)
    recorder.add(200, {'referenceId': 'ref-1'})
    api = client(transport, organisation_id='8888123')
    assert api.reserve(13, 2, ['voice']) == 'ref-1'
    reserve = recorder.calls[2]
    assert (reserve.method, reserve.path_url) == ('PUT', '/v1/organisations/id/8888123/numbers/shop')
    assert json.loads(reserve.body) == {'groupId': 13, 'quantity': 2, 'capabilities': ['voice']}
    assert reserve.headers['Content-Type'] == 'application/json'
    assert_signed(reserve)


def test_every_endpoint(transport, recorder):
    script_login(recorder)
    recorder.add(200, []).add(204).add(200, []).add(200, []).add(200, [{'number': 1}]).add(204)
    api = client(transport, organisation_id='42')
    api.list_shop()
    api.checkout(['ref-1'])
    api.list_numbers()
    api.list_application_numbers('app-key')
    api.set_application_numbers('app-key', 'sms', [14150005550, '14150005551'])
    api.remove_application_number('app-key', 14150005550)
    seen = [(call.method, call.path_url) for call in recorder.calls[2:]]
    assert seen == [
        ('GET', '/v1/organisations/id/42/numbers/shop'),
        ('POST', '/v1/organisations/id/42/numbers/shop'),
        ('GET', '/v1/organisations/id/42/numbers'),
        ('GET', '/v1/applications/key/app-key/numbers'),
        ('PUT', '/v1/applications/key/app-key/numbers/sms'),
        ('DELETE', '/v1/applications/key/app-key/numbers/14150005550'),
    ]
    assert recorder.json_body(3) == {'referenceIds': ['ref-1']}
    assert recorder.json_body(6) == {'numbers': [14150005550, 14150005551]}
    for call in recorder.calls[2:]:
        assert_signed(call)


def test_checkout_is_not_retried(transport, recorder, sleeps):
    script_login(recorder)
    recorder.add(503, BUSY)
    with pytest.raises(SinchServerError):
        client(transport, organisation_id='42').checkout(['ref-1'])
    assert len(recorder.calls) == 3 and sleeps == []


def test_reserve_is_not_retried(transport, recorder, sleeps):
    script_login(recorder)
    recorder.add(503, BUSY)
    with pytest.raises(SinchServerError):
        client(transport, organisation_id='42').reserve(13, 1, ['voice'])
    assert len(recorder.calls) == 3 and sleeps == []


def test_overwrite_put_is_retried(transport, recorder, sleeps):
    script_login(recorder)
    recorder.add(503, BUSY).add(200, [])
    client(transport).set_application_numbers('app-key', 'voice', [14150005550])
    assert len(recorder.calls) == 4 and len(sleeps) == 1


def test_checkout_failure_is_typed(transport, recorder):
    script_login(recorder)
    recorder.add(402, {'errorCode': 40200, 'message': 'Insufficient funds to complete the transaction.'})
    with pytest.raises(SinchPaymentRequired) as caught:
        client(transport, organisation_id='42').checkout(['ref-1'])
    assert str(caught.value).startswith(
        'Sinch refused to check out reservation ref-1 (POST /v1/organisations/id/42/numbers/shop): '
        'Insufficient funds to complete the transaction. [40200 NotEnoughCredit]')


def test_session_is_reused_across_runs(transport, recorder, cache, tmp_path):
    script_login(recorder)
    recorder.add(200, ORG).add(200, [])
    client(transport, cache=cache).list_numbers()
    recorder.add(200, [])
    second = client(transport, cache=cache)
    second.list_numbers()
    # The second run neither logs in nor looks up the organisation again.
    assert len(recorder.calls) == 5
    assert second.logins == 0
    assert_signed(recorder.calls[4])

    directory = tmp_path / 'cache' / 'sinch.numbers'
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    files = [f for f in os.listdir(directory) if f.endswith('.json')]
    assert len(files) == 1
    assert stat.S_IMODE(os.stat(directory / files[0]).st_mode) == 0o600
    content = (directory / files[0]).read_text()
    assert 's3cret-password' not in content and 'ops@example.com' not in content and 'token:sig' not in content
    assert set(json.loads(content)['data']) == {'id', 'secret', 'expires_at', 'organisation', 'password_check', 'resource_form'}


def test_expired_session_logs_in_again(transport, recorder, cache, clock):
    script_login(recorder, expires=3600)
    recorder.add(200, [])
    client(transport, cache=cache, organisation_id='42').list_numbers()
    clock.now += 3600 - 299  # inside the renewal margin
    script_login(recorder, instance='inst-2')
    recorder.add(200, [])
    api = client(transport, cache=cache, organisation_id='42')
    api.list_numbers()
    assert api.logins == 1
    assert_signed(recorder.calls[-1], instance='inst-2')


@pytest.mark.parametrize('code', [40100, 40102])
def test_refused_session_is_replaced_once(transport, recorder, cache, code):
    script_login(recorder)
    recorder.add(200, [])
    client(transport, cache=cache, organisation_id='42').list_numbers()
    recorder.add(401, {'errorCode': code, 'message': 'Invalid Signature'})
    script_login(recorder, instance='inst-2')
    recorder.add(204)
    api = client(transport, cache=cache, organisation_id='42')
    api.checkout(['ref-1'])
    assert api.logins == 1
    checkouts = [c for c in recorder.calls if c.method == 'POST' and c.path_url.endswith('/shop')]
    assert len(checkouts) == 2
    assert_signed(checkouts[1], instance='inst-2')
    # The new session is what the cache holds now.
    recorder.add(200, [])
    client(transport, cache=cache, organisation_id='42').list_numbers()
    assert_signed(recorder.calls[-1], instance='inst-2')


def test_session_refused_twice_fails(transport, recorder):
    script_login(recorder)
    recorder.add(401, {'errorCode': 40100, 'message': 'Invalid or expired instance'})
    script_login(recorder, instance='inst-2')
    recorder.add(401, {'errorCode': 40100, 'message': 'Invalid or expired instance'})
    with pytest.raises(SinchAuthError):
        client(transport, organisation_id='42').list_numbers()
    assert len(recorder.calls) == 6


def test_timestamp_refusal_is_not_a_session_problem(transport, recorder):
    script_login(recorder)
    recorder.add(401, {'errorCode': 40101, 'message': 'Timestamp header'})
    with pytest.raises(SinchAuthError) as caught:
        client(transport, organisation_id='42').list_numbers()
    assert len(recorder.calls) == 3
    assert "clock must be within 15 minutes" in str(caught.value)


def test_explicit_session_never_logs_in(transport, recorder, cache, tmp_path):
    recorder.add(200, [])
    api = client(transport, cache=cache, username=None, password=None, instance_id='given', instance_secret=SECRET,
                 organisation_id='42')
    api.list_numbers()
    assert len(recorder.calls) == 1
    assert_signed(recorder.calls[0], instance='given')
    recorder.add(401, {'errorCode': 40102, 'message': 'Invalid Signature'})
    with pytest.raises(SinchAuthError):
        api.list_numbers()
    assert len(recorder.calls) == 2
    assert not (tmp_path / 'cache' / 'sinch.numbers').exists() or not any(
        f.endswith('.json') for f in os.listdir(tmp_path / 'cache' / 'sinch.numbers'))


def test_wrong_password(transport, recorder):
    recorder.add(401, {'errorCode': 40100, 'message': 'Invalid identity or password'})
    with pytest.raises(SinchAuthError) as caught:
        client(transport).list_numbers()
    assert str(caught.value).startswith(
        'Sinch refused to log in as email ops@example.com (POST /v1/users/email/ops@example.com/authentication): '
        'Invalid identity or password [40100 Unauthorized]. Check username')
    assert 's3cret-password' not in str(caught.value)
    assert len(recorder.calls) == 1


@pytest.mark.parametrize('overrides, fragment', [
    (dict(password=None), 'password is required to log in as ops@example.com'),
    (dict(username=None), 'username is required'),
    (dict(instance_id='x', instance_secret=None), 'instance_id and instance_secret must be given together'),
    (dict(instance_id='x', instance_secret='not*base64'), 'instance_secret: is not an instance secret'),
    (dict(user_api_url='userapi.sinch.com'), 'user_api_url: give the base URL of the service, with http:// or https://'),
    (dict(api_url='https://'), 'api_url: give the base URL'),
    (dict(portal_api_url='https://portal example'), 'portal_api_url: give the base URL'),
])
def test_missing_credentials_fail_before_any_request(transport, recorder, overrides, fragment):
    with pytest.raises(SinchInputError) as caught:
        client(transport, **overrides)
    assert fragment in str(caught.value)
    assert 'not*base64' not in str(caught.value)
    assert recorder.calls == []


def test_organisation_list_needs_a_choice(transport, recorder):
    script_login(recorder)
    recorder.add(200, [{'id': 1}, {'id': 2}])
    with pytest.raises(SinchInputError) as caught:
        client(transport).list_numbers()
    assert 'choose one with organisation_id (one of: 1, 2)' in str(caught.value)


def test_given_organisation_needs_no_lookup(transport, recorder):
    script_login(recorder)
    api = client(transport, organisation_id='777')
    assert api.organisation() == {'id': 777}
    assert len(recorder.calls) == 2


def test_unusable_cache_is_skipped(transport, recorder, tmp_path):
    blocker = tmp_path / 'file'
    blocker.write_text('not a directory')
    cache = SessionCache(str(blocker / 'sinch.numbers'))
    script_login(recorder)
    recorder.add(200, [])
    client(transport, cache=cache, organisation_id='42').list_numbers()
    assert len(recorder.calls) == 3


def test_foreign_permissions_are_not_trusted(transport, recorder, cache, tmp_path):
    script_login(recorder)
    recorder.add(200, [])
    client(transport, cache=cache, organisation_id='42').list_numbers()
    directory = tmp_path / 'cache' / 'sinch.numbers'
    entry = [directory / f for f in os.listdir(directory) if f.endswith('.json')][0]
    os.chmod(entry, 0o644)
    script_login(recorder, instance='inst-2')
    recorder.add(200, [])
    assert client(transport, cache=cache, organisation_id='42').list_numbers() == []
    assert_signed(recorder.calls[-1], instance='inst-2')


@pytest.mark.parametrize('call, hint', [
    (lambda api: api.checkout(['ref-1']), 'The reservation expired or is unknown; nothing was rented.'),
    (lambda api: api.list_application_numbers('k'), 'Check application_key: it must be an application of the organisation.'),
    (lambda api: api.remove_application_number('k', 14150005550), 'Check application_key'),
])
def test_not_found_advice_fits_the_call(transport, recorder, call, hint):
    script_login(recorder)
    recorder.add(404, {'errorCode': 40400, 'message': 'Not found.'})
    with pytest.raises(SinchError) as caught:
        call(client(transport, organisation_id='42'))
    assert hint in str(caught.value)


def test_cached_session_needs_the_same_password(transport, recorder, cache):
    script_login(recorder)
    recorder.add(200, [])
    client(transport, cache=cache, organisation_id='42').list_numbers()
    # Another password does not ride on the cached session: it logs in, and Sinch refuses it.
    recorder.add(401, {'errorCode': 40100, 'message': 'Invalid identity or password'})
    with pytest.raises(SinchAuthError):
        client(transport, cache=cache, organisation_id='42', password='wrong-password').list_numbers()
    assert recorder.calls[-1].path_url.endswith('/authentication')
    # The right password still uses the cached session.
    recorder.add(200, [])
    api = client(transport, cache=cache, organisation_id='42')
    api.list_numbers()
    assert api.logins == 0
