# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""sinch_number_group_info: one signed GET of the shop, filters applied on the controller, snake_case records."""

from __future__ import annotations

import pytest

from ansible_collections.sinch.numbers.plugins.modules import sinch_number_group_info

CONNECTION = dict(instance_id='inst-1', instance_secret='bRo76GRddEyetgJDTgkLHA==', organisation_id='8888123',
                  portal_api_url='https://portal.example')
GROUPS = [
    {'groupId': 75, 'country': 'US', 'countryId': 'US', 'city': 'New Orleans', 'type': 'Sms', 'availability': 5,
     'areaCode': '504', 'cost': {'amount': 2.0, 'currencyId': 'USD'}, 'capabilities': ['sms']},
    {'groupId': 1, 'country': 'France', 'countryId': 'FR', 'city': 'PARIS', 'type': 'Voice', 'availability': 7,
     'areaCode': '01', 'cost': {'amount': 2.0, 'currencyId': 'USD'}, 'capabilities': ['voice']},
    {'groupId': 13, 'country': 'US', 'countryId': 'US', 'city': 'SAN FRANCISCO', 'type': 'Voice', 'availability': 20,
     'areaCode': '415', 'cost': {'amount': 2.0, 'currencyId': 'USD'}, 'capabilities': ['voice', 'sms']},
    {'groupId': 2, 'country': 'UK', 'countryId': 'GB', 'city': 'LONDON', 'type': 'Voice', 'availability': 2,
     'areaCode': '020', 'cost': {'amount': 2.0, 'currencyId': 'USD'}, 'capabilities': ['voice']},
]


@pytest.mark.parametrize('filters, ids', [
    ({}, [1, 2, 13, 75]),
    ({'country_id': 'us'}, [13, 75]),
    ({'capability': 'sms'}, [13, 75]),
    ({'capability': 'voice', 'country_id': 'US'}, [13]),
    ({'area_code': '01'}, [1]),
    ({'area_code': '1'}, []),
    ({'city': 'new orleans'}, [75]),
    ({'min_availability': 5}, [1, 13, 75]),
    ({'min_availability': 21}, []),
])
def test_filters(run_module, recorder, filters, ids):
    recorder.add(200, GROUPS)
    result = run_module(sinch_number_group_info.main, dict(CONNECTION, **filters), check_mode=True)
    assert result['changed'] is False
    assert [group['group_id'] for group in result['groups']] == ids
    [request] = recorder.calls
    assert (request.method, request.url) == ('GET', 'https://portal.example/v1/organisations/id/8888123/numbers/shop')
    assert request.headers['Authorization'].startswith('Instance inst-1:')


def test_records_are_snake_case(run_module, recorder):
    recorder.add(200, GROUPS)
    result = run_module(sinch_number_group_info.main, dict(CONNECTION, area_code='020'))
    assert result['groups'] == [{
        'group_id': 2, 'country': 'UK', 'country_id': 'GB', 'city': 'LONDON', 'type': 'Voice', 'availability': 2,
        'area_code': '020', 'cost': {'amount': 2.0, 'currency_id': 'USD'}, 'capabilities': ['voice'],
    }]


def test_refusal_is_reported(run_module, recorder):
    recorder.add(403, {'errorCode': 40300, 'message': 'The current user is not the owner of the organisation: 8888123'})
    result = run_module(sinch_number_group_info.main, CONNECTION)
    assert result['failed'] is True and result['error']['code'] == 40300
    assert 'Sinch refused to list the number shop (GET /v1/organisations/id/8888123/numbers/shop)' in result['msg']
