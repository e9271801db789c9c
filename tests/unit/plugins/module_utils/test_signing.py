# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import datetime
import re

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils import _signing


@pytest.mark.parametrize('secret, verb, body, content_type, timestamp, resource, expected', [
    # The two vectors of shared/sinch-api/README.md (the second signs the path without its slash, as the pages did).
    ('JViE5vDor0Sw3WllZka15Q==', 'POST', b'{"message":"Hello world"}', 'application/json', '2014-06-04T13:41:58Z',
     '/v1/sms/+46700000000', 'qDXMwzfaxCRS849c/2R0hg0nphgdHciTo7OdM6MsdnM='),
    ('bRo76GRddEyetgJDTgkLHA==', 'GET', b'', 'application/json', '2015-06-20T11:43:10.944Z',
     'v1/organisations', 'bb9i9SGuw8mPspPF6WHzIZxw4yQxdOwGaDliMi+IhCU='),
])
def test_signature_vectors(secret, verb, body, content_type, timestamp, resource, expected):
    # The second vector was printed over the path without its leading slash: the BARE form (Conflicts 1).
    form = _signing.SLASH if resource.startswith('/') else _signing.BARE
    assert _signing.sign(secret, verb, body, content_type, timestamp, resource, form) == expected
    assert _signing.sign(secret, verb, body, content_type, timestamp, '/' + resource.lstrip('/'), form) == expected


def test_the_slash_form_is_the_default_and_the_only_place_forms_differ():
    args = ('bRo76GRddEyetgJDTgkLHA==', 'GET', b'', 'application/json', '2015-06-20T11:43:10.944Z')
    assert _signing.sign(*args, '/v1/organisations') == _signing.sign(*args, 'v1/organisations', _signing.SLASH)
    assert _signing.sign(*args, '/v1/organisations', _signing.BARE) == 'bb9i9SGuw8mPspPF6WHzIZxw4yQxdOwGaDliMi+IhCU='
    with pytest.raises(ValueError):
        _signing.resource_line('/v1/organisations', 'sideways')


def test_string_to_sign_layout():
    text = _signing.string_to_sign('post', b'{"message":"Hello world"}', 'application/json', '2014-06-04T13:41:58Z', '/v1/x')
    assert text == 'POST\njANzQ+rgAHyf1MWQFSwvYw==\napplication/json\nx-timestamp:2014-06-04T13:41:58Z\n/v1/x'


def test_empty_body_has_empty_md5():
    assert _signing.content_md5(b'') == ''
    assert _signing.string_to_sign('GET', b'', 'application/json', 'T', '/p').split('\n')[1] == ''


def test_timestamp_format():
    moment = datetime.datetime(2015, 6, 20, 11, 43, 10, 944512, tzinfo=datetime.timezone.utc)
    assert _signing.utc_timestamp(moment) == '2015-06-20T11:43:10.944Z'
    assert re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$', _signing.utc_timestamp())


def test_instance_headers_sign_the_leading_slash():
    headers = _signing.instance_headers('inst-1', 'bRo76GRddEyetgJDTgkLHA==', 'GET', '/v1/organisations', b'',
                                        'application/json', timestamp='2015-06-20T11:43:10.944Z')
    expected = _signing.sign('bRo76GRddEyetgJDTgkLHA==', 'GET', b'', 'application/json', '2015-06-20T11:43:10.944Z',
                             '/v1/organisations')
    assert headers == {'Authorization': 'Instance inst-1:' + expected, 'x-timestamp': '2015-06-20T11:43:10.944Z'}
    assert expected != 'bb9i9SGuw8mPspPF6WHzIZxw4yQxdOwGaDliMi+IhCU='


def test_application_and_user_schemes():
    assert _signing.application_headers('T')['Authorization'] == 'Application 669762D5-2B10-44E0-8418-BC9EE4457555'
    assert _signing.user_headers('tok:sig', 'T') == {'Authorization': 'User tok:sig', 'x-timestamp': 'T'}
