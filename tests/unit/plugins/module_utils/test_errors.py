# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils import _errors as errors


@pytest.mark.parametrize('code, status, cls, name', [
    (40001, 400, errors.SinchBadRequest, 'ParameterValidation'),
    (40002, 400, errors.SinchBadRequest, 'MissingParameter'),
    (40003, 400, errors.SinchBadRequest, 'InvalidRequest'),
    (40100, 401, errors.SinchAuthError, 'Unauthorized'),
    (40101, 401, errors.SinchAuthError, 'InvalidTimestamp'),
    (40102, 401, errors.SinchAuthError, 'InvalidSignature'),
    (40200, 402, errors.SinchPaymentRequired, 'NotEnoughCredit'),
    (40300, 403, errors.SinchForbidden, 'ForbiddenRequest'),
    (40301, 403, errors.SinchForbidden, 'InvalidScheme'),
    (40400, 404, errors.SinchNotFound, 'ResourceNotFound'),
    (42200, 422, errors.SinchUnprocessable, 'ApplicationConfiguration'),
    (50000, 500, errors.SinchServerError, 'InternalServerError'),
    (50300, 503, errors.SinchServerError, 'TemporaryDown'),
])
def test_every_legacy_code_is_mapped(code, status, cls, name):
    body = json.dumps({'errorCode': code, 'message': 'what Sinch said'}).encode()
    # The HTTP status a proxy reports does not matter: the code's first three digits are the status.
    error = errors.error_from_response(599, body, operation='do a thing (GET /v1/x)')
    assert error.__class__ is cls
    assert (error.status, error.code, error.code_name) == (status, code, name)
    text = str(error)
    assert text.startswith('Sinch refused to do a thing (GET /v1/x): what Sinch said [%d %s]' % (code, name))
    assert errors.LEGACY_ERROR_CODES[code][1].rstrip('.') in text
    assert error.to_dict()['code'] == code
    assert error.retryable is (code == 50300)


def test_every_documented_code_has_a_hint():
    documented = {40001, 40002, 40003, 40100, 40101, 40102, 40200, 40300, 40301, 40400, 42200, 50000, 50300}
    assert documented <= set(errors.LEGACY_ERROR_CODES)


@pytest.mark.parametrize('status, cls, retryable', [
    (400, errors.SinchBadRequest, False),
    (401, errors.SinchAuthError, False),
    (403, errors.SinchForbidden, False),
    (404, errors.SinchNotFound, False),
    (409, errors.SinchConflict, False),
    (429, errors.SinchRateLimited, True),
    (500, errors.SinchServerError, False),
    (502, errors.SinchServerError, True),
    (503, errors.SinchServerError, True),
    (504, errors.SinchServerError, True),
])
def test_numbers_api_body(status, cls, retryable):
    body = json.dumps({'error': {'code': status, 'message': 'Nope', 'status': 'SOME_STATUS', 'details': [{'a': 1}]}})
    error = errors.error_from_response(status, body.encode(), headers={'Retry-After': '3'})
    assert error.__class__ is cls
    assert (error.status, error.code, error.message, error.details) == (status, 'SOME_STATUS', 'Nope', [{'a': 1}])
    assert error.retryable is retryable
    assert error.retry_after == 3.0


def test_body_that_is_not_json():
    error = errors.error_from_response(502, b'<html>Bad gateway</html>')
    assert isinstance(error, errors.SinchServerError)
    assert error.message == '<html>Bad gateway</html>'
    assert '[HTTP 502]' in str(error)


def test_empty_body():
    assert errors.error_from_response(500, b'').message == 'HTTP 500 with no explanation'


@pytest.mark.parametrize('value, seconds', [('2', 2.0), ('0.5', 0.5), ('-1', 0.0), ('Wed, 21 Oct 2015 07:28:00 GMT', None),
                                            (None, None)])
def test_retry_after(value, seconds):
    assert errors.parse_retry_after(value) == seconds


def test_oauth2_token_body():
    body = b'{"error": "invalid_client", "error_description": "Client authentication failed."}'
    error = errors.error_from_response(401, body, operation='get an OAuth2 token (POST /oauth2/token)')
    assert isinstance(error, errors.SinchAuthError)
    assert (error.code, error.message) == ('invalid_client', 'Client authentication failed.')
    assert str(error).startswith('Sinch refused to get an OAuth2 token (POST /oauth2/token): Client authentication failed. [invalid_client]')
