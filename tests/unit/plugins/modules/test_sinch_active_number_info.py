# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.sinch.numbers.plugins.modules.sinch_active_number_info import main

BASE = 'https://numbers.example/v1/projects/proj-1'
CONNECTION = dict(project_id='proj-1', key_id='key-1', key_secret='very-secret', auth_method='basic',
                  numbers_api_url='https://numbers.example')
NOT_FOUND = {'error': {'code': 404, 'message': 'Number not found', 'status': 'NOT_FOUND', 'details': []}}


def number(phone, **fields):
    return dict({'phoneNumber': phone, 'regionCode': 'US', 'type': 'LOCAL', 'capability': ['SMS'],
                 'smsConfiguration': {'servicePlanId': 'plan-a', 'scheduledProvisioning': None}}, **fields)


def query(call):
    return parse_qs(urlsplit(call.url).query)


def test_every_page_with_the_filters(run_module, recorder):
    recorder.add(200, {'activeNumbers': [number('+12025550101'), number('+12025550102')], 'nextPageToken': 'p2', 'totalSize': 3})
    recorder.add(200, {'activeNumbers': [number('+12025550103')], 'nextPageToken': '', 'totalSize': 3})
    result = run_module(main, dict(CONNECTION, region_code='us', type='LOCAL', capability=['sms', 'Voice'],
                                   number_pattern='202', search_pattern='START'))
    assert [urlsplit(c.url).path for c in recorder.calls] == ['/v1/projects/proj-1/activeNumbers'] * 2
    first = {'regionCode': ['US'], 'type': ['LOCAL'], 'capability': ['SMS', 'VOICE'], 'numberPattern.pattern': ['+202'],
             'numberPattern.searchPattern': ['START'], 'pageSize': ['100']}
    assert query(recorder.calls[0]) == first and query(recorder.calls[1]) == dict(first, pageToken=['p2'])
    assert result['changed'] is False
    assert [n['e164'] for n in result['numbers']] == ['+12025550101', '+12025550102', '+12025550103']
    assert result['numbers'][0]['sms_configuration'] == {'service_plan_id': 'plan-a', 'scheduled_provisioning': None}


def test_no_filters_no_query_but_page_size(run_module, recorder):
    recorder.add(200, {'activeNumbers': [], 'totalSize': 0}).other_types_empty()
    result = run_module(main, CONNECTION)
    # Each type explicitly (a list without type may hold MOBILE numbers only, B.8), the first one first.
    assert query(recorder.calls[0]) == {'pageSize': ['100'], 'type': ['MOBILE']} and result['numbers'] == []
    assert sorted(query(c)['type'][0] for c in recorder.calls) == ['LOCAL', 'MOBILE', 'TOLL_FREE']


@pytest.mark.parametrize('given', ['+12025550101', '12025550101', 12025550101])
def test_one_number(run_module, recorder, given):
    recorder.add(200, number('+12025550101', displayName='HQ'))
    result = run_module(main, dict(CONNECTION, phone_number=given))
    assert [c.url for c in recorder.calls] == [BASE + '/activeNumbers/%2B12025550101']
    assert result['numbers'] == [dict(phone_number='+12025550101', e164='+12025550101', region_code='US', type='LOCAL',
                                      capability=['SMS'], display_name='HQ',
                                      sms_configuration={'service_plan_id': 'plan-a', 'scheduled_provisioning': None},
                                      sinch_api='numbers_api', capabilities=['sms'], monthly_cost=None)]


def test_one_number_not_active_is_an_empty_list(run_module, recorder):
    recorder.add(404, NOT_FOUND)
    result = run_module(main, dict(CONNECTION, phone_number='+12025550199'))
    assert result == dict(result, changed=False, numbers=[]) and 'failed' not in result


@pytest.mark.parametrize('args, message', [
    (dict(phone_number='not a number'), "phone_number: 'not a number' is not a phone number in E.164 form"),
    (dict(capability=['SMS', 'fax']), "capability: 'fax' is not a capability; use SMS or VOICE (any case)."),
    (dict(phone_number='+12025550101', region_code='US'), 'parameters are mutually exclusive: phone_number|region_code'),
    (dict(search_pattern='END'), "missing parameter(s) required by 'search_pattern': number_pattern"),
])
def test_bad_input_fails_before_any_request(run_module, recorder, args, message):
    result = run_module(main, dict(CONNECTION, **args))
    assert result['failed'] is True and message in result['msg'] and recorder.calls == []


def test_unauthorized_is_mapped(run_module, recorder):
    recorder.add(401, {'error': {'code': 401, 'message': 'Invalid credentials', 'status': 'UNAUTHENTICATED'}})
    result = run_module(main, CONNECTION)
    assert result['failed'] is True and len(recorder.calls) == 1
    assert result['msg'].startswith('Sinch refused to list active numbers (GET /v1/projects/proj-1/activeNumbers): '
                                    'Invalid credentials [UNAUTHENTICATED]. Check key_id and key_secret')
