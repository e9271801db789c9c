# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest
import requests

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchConnectionError,
    SinchNotFound,
    SinchRateLimited,
    SinchServerError,
    SinchTimeout,
)
from ansible_collections.sinch.numbers.plugins.module_utils._http import RetryPolicy

URL = 'https://portalapi.example/v1/organisations/id/1/numbers'
BUSY = {'errorCode': 50300, 'message': 'Service is temporarily unavailable, please try again later.'}


@pytest.mark.parametrize('method', ['GET', 'PUT', 'DELETE'])
@pytest.mark.parametrize('status, body', [(503, BUSY), (429, {'error': {'code': 429}}), (502, None), (504, None)])
def test_idempotent_requests_retry_then_succeed(transport, recorder, sleeps, method, status, body):
    recorder.add(status, body).add(status, body).add(200, [1])
    assert transport.request(method, URL).json() == [1]
    assert len(recorder.calls) == 3
    # Full jitter with rand() == 1: 0.5 s, then 1 s.
    assert sleeps == [0.5, 1.0]


def test_retry_after_is_honoured(transport, recorder, sleeps):
    recorder.add(429, {'error': {'code': 429}}, {'Retry-After': '2'}).add(200, {})
    transport.request('GET', URL)
    assert sleeps == [2.0]


def test_connection_errors_are_retried_for_reads(transport, recorder, sleeps):
    recorder.fail(requests.exceptions.ConnectionError('reset by peer')).add(200, [])
    assert transport.request('GET', URL).json() == []
    assert len(recorder.calls) == 2 and len(sleeps) == 1


def test_retries_are_bounded_in_count(transport, recorder, sleeps):
    for dummy in range(5):
        recorder.add(503, BUSY)
    with pytest.raises(SinchServerError) as caught:
        transport.request('GET', URL, operation='list rented numbers (GET /v1/...)')
    assert len(recorder.calls) == 5
    assert len(sleeps) == 4
    assert caught.value.attempts == 5
    assert '(after 5 attempts)' in str(caught.value)
    assert 're-run the task later' in str(caught.value)


def test_retries_are_bounded_in_time(recorder, transport, sleeps):
    transport.retry = RetryPolicy(budget=3, sleep=sleeps.append, rand=lambda: 1.0)
    recorder.add(503, BUSY, {'Retry-After': '2'}).add(503, BUSY, {'Retry-After': '2'}).add(200, [])
    with pytest.raises(SinchServerError):
        transport.request('GET', URL)
    # The second wait would pass the 3 s budget: give up instead of sleeping.
    assert sleeps == [2.0]
    assert len(recorder.calls) == 2


def test_a_retry_after_beyond_the_budget_is_not_waited_for_and_says_so(transport, recorder, sleeps):
    recorder.add(503, BUSY, {'Retry-After': '120'})
    with pytest.raises(SinchServerError) as caught:
        transport.request('GET', URL, operation='list rented numbers (GET /v1/...)')
    assert sleeps == [] and len(recorder.calls) == 1
    assert str(caught.value).endswith(
        'Sinch is temporarily unavailable; re-run the task later. '
        'Sinch asked to retry after 120 seconds, which would pass the 30-second retry budget of a task.')


@pytest.mark.parametrize('answer', [(503, BUSY), (429, {'error': {}}), requests.exceptions.ConnectionError('reset')])
def test_non_idempotent_requests_are_never_retried(transport, recorder, sleeps, answer):
    if isinstance(answer, Exception):
        recorder.fail(answer)
    else:
        recorder.add(*answer)
    with pytest.raises((SinchServerError, SinchRateLimited, SinchConnectionError)):
        transport.request('POST', URL, body=b'{}')
    with pytest.raises((SinchServerError, SinchRateLimited, SinchConnectionError)):
        recorder.script.insert(0, answer if isinstance(answer, Exception) else (answer[0], answer[1], {}))
        transport.request('PUT', URL, body=b'{}', idempotent=False)
    assert len(recorder.calls) == 2
    assert sleeps == []


def test_client_errors_are_not_retried(transport, recorder, sleeps):
    recorder.add(404, {'errorCode': 40400, 'message': "Application with the key k wasn't found."})
    with pytest.raises(SinchNotFound):
        transport.request('GET', URL)
    assert len(recorder.calls) == 1 and sleeps == []


def test_timeout_names_the_option(transport, recorder):
    for dummy in range(5):
        recorder.fail(requests.exceptions.ReadTimeout('read timed out'))
    with pytest.raises(SinchTimeout) as caught:
        transport.request('GET', URL, operation='list rented numbers (GET /v1/...)')
    assert 'no answer within 5 seconds' in str(caught.value)
    assert 'timeout option' in str(caught.value)


def test_every_attempt_is_signed_afresh(transport, recorder):
    stamps = iter(['sig-1', 'sig-2'])
    recorder.add(503, BUSY).add(200, {})
    seen = []

    def authorize(method, path, body, content_type):
        seen.append((method, path, body, content_type))
        return {'Authorization': next(stamps)}

    transport.request('GET', URL + '?ignored=1', authorize=authorize)
    assert [call.headers['Authorization'] for call in recorder.calls] == ['sig-1', 'sig-2']
    assert seen[0] == ('GET', '/v1/organisations/id/1/numbers', b'', 'application/json')


def test_proxies_and_ca_bundle_come_from_the_environment(transport, recorder, monkeypatch):
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/etc/ssl/custom.pem')
    monkeypatch.setenv('HTTPS_PROXY', 'http://proxy.example:3128')
    captured = {}
    original = recorder.send

    def send(request, **kwargs):
        captured.update(kwargs)
        return original(request, **kwargs)

    recorder.send = send
    recorder.add(200, {})
    transport.request('GET', URL)
    assert captured['verify'] == '/etc/ssl/custom.pem'
    assert captured['proxies']['https'] == 'http://proxy.example:3128'
    assert captured['timeout'] == 5


@pytest.mark.parametrize('method, idempotent, doubt', [('GET', None, False), ('POST', True, False), ('POST', False, True)])
def test_lost_answer_advice(transport, recorder, method, idempotent, doubt):
    for dummy in range(5):
        recorder.fail(requests.exceptions.ConnectionError('reset by peer'))
    with pytest.raises(SinchConnectionError) as caught:
        transport.request(method, URL, idempotent=idempotent)
    assert 'Check the API URL options and the network' in str(caught.value)
    assert ('the write may still have been applied' in str(caught.value)) is doubt
