# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.sinch.numbers.plugins.modules.sinch_available_number_info import main

CONNECTION = dict(project_id='proj-1', key_id='key-1', key_secret='very-secret', auth_method='basic',
                  numbers_api_url='https://numbers.example')
AVAILABLE = {'phoneNumber': '+12065550101', 'regionCode': 'US', 'type': 'LOCAL', 'capability': ['SMS', 'VOICE'],
             'setupPrice': {'currencyCode': 'USD', 'amount': '0.00'}, 'monthlyPrice': {'currencyCode': 'USD', 'amount': '2.00'},
             'paymentIntervalMonths': 1, 'supportingDocumentationRequired': False}
REGIONS = {'availableRegions': [{'regionCode': 'US', 'regionName': 'United States', 'types': ['LOCAL', 'TOLL_FREE']}]}


def request(call):
    parts = urlsplit(call.url)
    return call.method, parts.path, parse_qs(parts.query)


def test_search_with_every_filter(run_module, recorder):
    recorder.add(200, {'availableNumbers': [AVAILABLE]})
    result = run_module(main, dict(CONNECTION, region_code='us', type='LOCAL', capabilities=['sms', 'VOICE'], number_pattern='206',
                                   search_pattern='START', size=5))
    assert [request(c) for c in recorder.calls] == [('GET', '/v1/projects/proj-1/availableNumbers', {
        'regionCode': ['US'], 'type': ['LOCAL'], 'capabilities': ['SMS', 'VOICE'], 'numberPattern.pattern': ['+206'],
        'numberPattern.searchPattern': ['START'], 'size': ['5']})]
    assert result['changed'] is False and 'regions' not in result
    assert result['numbers'] == [dict(phone_number='+12065550101', e164='+12065550101', region_code='US', type='LOCAL',
                                      capability=['SMS', 'VOICE'], setup_price={'currency_code': 'USD', 'amount': '0.00'},
                                      monthly_price={'currency_code': 'USD', 'amount': '2.00'}, payment_interval_months=1,
                                      supporting_documentation_required=False, sinch_api='numbers_api',
                                      capabilities=['sms', 'voice'], monthly_cost={'amount': 2.0, 'currency': 'USD'})]


@pytest.mark.parametrize('args, expected', [
    (dict(), [('GET', '/v1/projects/proj-1/availableRegions', {})]),
    (dict(type='MOBILE'), [('GET', '/v1/projects/proj-1/availableRegions', {'types': ['MOBILE']})]),
    (dict(type='LOCAL', region_code='US'), [
        ('GET', '/v1/projects/proj-1/availableNumbers', {'regionCode': ['US'], 'type': ['LOCAL']}),
        ('GET', '/v1/projects/proj-1/availableRegions', {'types': ['LOCAL']})]),
])
def test_regions(run_module, recorder, args, expected):
    if 'region_code' in args:
        recorder.add(200, {'availableNumbers': [AVAILABLE]})
    recorder.add(200, REGIONS)
    result = run_module(main, dict(CONNECTION, regions=True, **args))
    assert [request(c) for c in recorder.calls] == expected
    assert result['regions'] == [{'region_code': 'US', 'region_name': 'United States', 'types': ['LOCAL', 'TOLL_FREE']}]
    assert len(result['numbers']) == (1 if 'region_code' in args else 0)


@pytest.mark.parametrize('args, message', [
    (dict(), 'regions is False but all of the following are missing: region_code, type'),
    (dict(region_code='US'), 'regions is False but all of the following are missing: type'),
    (dict(regions=True, region_code='US'), "missing parameter(s) required by 'region_code': type"),
    (dict(regions=True, size=3), "missing parameter(s) required by 'size': region_code, type"),
    (dict(region_code='US', type='LOCAL', size=0), 'size: 0 is not a number of results; give 1 or more.'),
    (dict(region_code='US', type='LOCAL', capabilities=['MMS']), "capabilities: 'MMS' is not a capability"),
])
def test_bad_input_fails_before_any_request(run_module, recorder, args, message):
    result = run_module(main, dict(CONNECTION, **args))
    assert result['failed'] is True and message in result['msg'] and recorder.calls == []


def test_missing_parameter_answer_is_mapped(run_module, recorder):
    recorder.add(400, {'error': {'code': 400, 'message': 'Missing required parameter: type', 'status': 'INVALID_ARGUMENT'}})
    result = run_module(main, dict(CONNECTION, region_code='US', type='LOCAL'))
    assert result['failed'] is True and result['error']['code'] == 'INVALID_ARGUMENT'
    assert 'Missing required parameter: type [INVALID_ARGUMENT]' in result['msg']
