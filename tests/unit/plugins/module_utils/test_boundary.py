# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rules of the transport boundary: answers decoded and checked where they enter, validate_certs and timeout that
mean what they say, inputs naming paths or URLs checked before use."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests

from ansible_collections.sinch.numbers.plugins.module_utils import _clients
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchBadAnswer, SinchInputError, SinchTimeout
from ansible_collections.sinch.numbers.plugins.module_utils._http import (
    RetryPolicy,
    Shape,
    Transport,
    base_url,
    check_application_key,
)
from ansible_collections.sinch.numbers.plugins.module_utils._legacy import LegacyClient
from ansible_collections.sinch.numbers.plugins.module_utils._numbers_api import NumbersApiClient
from ansible_collections.sinch.numbers.plugins.module_utils._options import OptionAdapter

URL = 'https://portal.example/v1/organisations/id/42/numbers'
LEGACY = OptionAdapter.from_dict(dict(instance_id='inst-1', instance_secret='bRo76GRddEyetgJDTgkLHA==', organisation_id='42',
                                      portal_api_url='https://portal.example'))
NUMBERS = OptionAdapter.from_dict(dict(project_id='proj-1', key_id='key-1', key_secret='s', auth_method='basic',
                                       numbers_api_url='https://numbers.example'))

BAD_BODIES = [
    (b'<html><body>Service busy</body></html>', 'not JSON'),
    (b'[{"number": 14150005550, "groupId"', 'not JSON'),
    (b'null', 'expected a list, got null'),
    (b'', 'the answer is empty'),
    (b'{}', 'expected a list, got an object'),
    (b'[1, 2]', 'expected a list of objects, found a number in it'),
]


@pytest.mark.parametrize('body, problem', BAD_BODIES)
def test_a_read_never_reads_a_bad_answer_as_empty(transport, recorder, body, problem):
    recorder.add(200, body)
    with pytest.raises(SinchBadAnswer) as caught:
        LegacyClient(LEGACY, transport).list_numbers()
    message = str(caught.value)
    assert message.startswith('Could not list rented numbers (GET /v1/organisations/id/42/numbers): ')
    assert problem in message and 'nothing was written' in message
    assert caught.value.uncertain is False
    assert len(recorder.calls) == 1  # a 2xx is not retried


@pytest.mark.parametrize('body', [b'<html>', b'{"referenceId": "ref', b'null', b'[]', b'{"reference": "ref-1"}', b''])
def test_a_purchase_with_a_bad_answer_is_uncertain(transport, recorder, body):
    recorder.add(200, body)
    with pytest.raises(SinchBadAnswer) as caught:
        LegacyClient(LEGACY, transport).reserve(13, 2, ['voice'])
    assert caught.value.uncertain is True
    assert caught.value.to_dict()['uncertain'] is True
    assert 'reserve 2 number(s) of group 13 (PUT /v1/organisations/id/42/numbers/shop)' in str(caught.value)
    assert 'outcome is uncertain' in str(caught.value)
    assert len(recorder.calls) == 1


def test_a_reservation_without_reference_id_names_the_key(transport, recorder):
    recorder.add(200, {'reference': 'ref-1'})
    with pytest.raises(SinchBadAnswer) as caught:
        LegacyClient(LEGACY, transport).reserve(13, 2, ['voice'])
    assert 'the answer has no referenceId' in str(caught.value)


@pytest.mark.parametrize('body', [b'<html>', b'{"x": ', b'null'])
def test_a_checkout_with_a_bad_body_is_uncertain_but_an_empty_one_is_fine(transport, recorder, body):
    recorder.add(204, None)
    LegacyClient(LEGACY, transport).checkout(['ref-1'])
    recorder.add(200, body)
    if body == b'null':
        LegacyClient(LEGACY, transport).checkout(['ref-1'])  # JSON, and the call documents no body to read
        return
    with pytest.raises(SinchBadAnswer) as caught:
        LegacyClient(LEGACY, transport).checkout(['ref-1'])
    assert caught.value.uncertain is True


@pytest.mark.parametrize('body', [b'[]', b'null', b'"text"', b'<html>'])
def test_numbers_api_answers_are_objects(transport, recorder, body):
    recorder.add(200, body)
    with pytest.raises(SinchBadAnswer) as caught:
        NumbersApiClient(NUMBERS, transport).get_active_number('+14155550100')
    assert 'read active number +14155550100' in str(caught.value) and 'nothing was written' in str(caught.value)


def test_a_rent_with_a_bad_answer_is_uncertain(transport, recorder):
    recorder.add(200, b'[]')
    with pytest.raises(SinchBadAnswer) as caught:
        NumbersApiClient(NUMBERS, transport).rent_number('+14155550100')
    assert caught.value.uncertain is True and 'rent number +14155550100' in str(caught.value)


def test_an_idempotent_write_with_a_bad_answer_says_rerunning_is_safe(transport, recorder):
    recorder.add(200, b'<html>')
    with pytest.raises(SinchBadAnswer) as caught:
        NumbersApiClient(NUMBERS, transport).update_active_number('+14155550100', {'displayName': 'x'})
    assert caught.value.uncertain is False and 're-running the task is safe' in str(caught.value)


def test_shapes():
    assert Shape(dict, 'id').problem({'id': 'x'}) is None
    assert Shape(dict, 'id', 'secret').problem({'id': 'x', 'secret': ''}) == 'the answer has no secret'
    assert Shape((dict, list)).problem([]) is None
    assert Shape((dict, list)).problem('x') == 'expected an object or a list, got a string'
    assert Shape(None).problem(None) is None


class _VerifyRecorder(requests.adapters.BaseAdapter):
    def __init__(self):
        super().__init__()
        self.verify = []

    def send(self, request, **kwargs):
        self.verify.append(kwargs.get('verify'))
        response = requests.Response()
        response.status_code, response._content, response.request = 200, b'[]', request
        return response

    def close(self):
        pass


@pytest.mark.parametrize('variable', ['REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'])
def test_validate_certs_false_is_off_whatever_the_environment(monkeypatch, tmp_path, variable):
    bundle = tmp_path / 'ca.pem'
    bundle.write_text('not a certificate')
    for name in ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, str(bundle))
    adapter = _VerifyRecorder()
    session = requests.Session()
    session.mount('https://', adapter)
    Transport(validate_certs=False, session=session).request('GET', URL)
    Transport(validate_certs=True, session=session).request('GET', URL)
    assert adapter.verify == [False, str(bundle)]


@pytest.mark.parametrize('value', [100000000000000000000, 0, 0.5, -1, 3601, float('nan'), float('inf'), 'soon', True])
def test_timeout_out_of_bounds_is_refused_naming_the_option(value):
    with pytest.raises(SinchInputError) as caught:
        _clients.transport(OptionAdapter.from_dict({'timeout': value}))
    assert str(caught.value).startswith('timeout: ') and 'from 1 to 3600' in str(caught.value)


@pytest.mark.parametrize('value, seconds', [(None, 30), (1, 1), (3600, 3600), (2.5, 2.5)])
def test_timeout_within_bounds(value, seconds):
    assert _clients.transport(OptionAdapter.from_dict({'timeout': value})).timeout == seconds


@pytest.fixture
def trickling_server():
    """A server that answers 200 with a 40-byte JSON body, one byte every 0.5 s; yields its URL."""
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(4)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, dummy = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                body = b'[' + b' ' * 38 + b']'
                try:
                    conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' % len(body))
                    for byte in body:
                        if stop.is_set():
                            return
                        conn.sendall(bytes([byte]))
                        time.sleep(0.5)
                except OSError:
                    continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield 'http://127.0.0.1:%d/v1/organisations' % listener.getsockname()[1]
    stop.set()
    listener.close()


def test_timeout_bounds_the_whole_answer_not_each_read(trickling_server):
    transport = Transport(timeout=1, retry=RetryPolicy(attempts=2, sleep=lambda seconds: None))
    started = time.monotonic()
    with pytest.raises(SinchTimeout) as caught:
        transport.request('GET', trickling_server, operation='read the organisation (GET /v1/organisations)')
    elapsed = time.monotonic() - started
    # Two attempts of 1 s each (plus at most one read of 0.5 s each), far from the 20 s the body takes; the margin
    # is wide so that a loaded machine cannot fail it, while a per-read timeout (20 s) still would.
    assert elapsed < 10, elapsed
    assert caught.value.attempts == 2 and 'no answer within 1 seconds' in str(caught.value)


@pytest.mark.parametrize('value', [
    'https://user:pass@portal.example', 'https://token@portal.example', 'https://:pw@portal.example/',
])
def test_url_with_user_info_is_refused_without_showing_it(value):
    with pytest.raises(SinchInputError) as caught:
        base_url(value, 'portal_api_url', 'https://portalapi.sinch.com')
    message = str(caught.value)
    assert message.startswith('portal_api_url: give the URL without user name or password')
    assert 'pass' not in message.replace('password', '') and 'token' not in message


@pytest.mark.parametrize('value', ['ftp://portal.example', 'portal.example', 'https://', 'https://portal example',
                                   'https://portal.example:port'])
def test_url_without_scheme_or_host_is_refused(value):
    with pytest.raises(SinchInputError) as caught:
        base_url(value, 'api_url', 'https://api.sinch.com')
    assert str(caught.value).startswith('api_url: give the base URL of the service')


@pytest.mark.parametrize('value, reason', [
    ('..', 'it contains ".."'), ('.', 'it is "."'), ('a/b', 'it contains a slash'), ('a b', 'it contains whitespace'),
    ('', 'it is empty'), ('  ', 'it is empty'), ('a\x00b', 'it contains control characters'), ('x/../y', 'it contains ".."'),
    ('a\tb', 'it contains whitespace'), (None, 'give the key as a string'),
])
def test_application_keys_that_would_name_another_path_are_refused(transport, recorder, value, reason):
    with pytest.raises(SinchInputError) as caught:
        check_application_key(value)
    assert str(caught.value).startswith('application_key: %s; give the key of the application' % reason)
    with pytest.raises(SinchInputError):
        LegacyClient(LEGACY, transport).list_application_numbers(value)
    assert recorder.calls == []


def test_a_plain_application_key_passes():
    assert check_application_key('bb7b4e39-4227-4913-8c81-2db4abb54fb3') == 'bb7b4e39-4227-4913-8c81-2db4abb54fb3'


def test_a_damaged_answer_is_never_echoed(transport, recorder):
    recorder.add(200, b'{"id": "inst-1", "secret": "bRo76GRddEyetgJDTgkLHA==", "expiresIn": 17')
    with pytest.raises(SinchBadAnswer) as caught:
        transport.request('POST', 'https://api.example/v1/instance', idempotent=True, expect=Shape(dict, 'id', 'secret'),
                          operation='create an instance (POST /v1/instance)')
    assert 'bRo76' not in str(caught.value) and 'inst-1' not in str(caught.value)
    assert "the answer is not JSON (70 bytes, beginning '{')" in str(caught.value)
