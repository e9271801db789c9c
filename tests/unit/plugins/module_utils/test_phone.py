# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._phone import (
    active_number_record,
    legacy_number_record,
    to_e164,
    to_legacy,
)


@pytest.mark.parametrize('value', [
    '+14150005550', '14150005550', 14150005550, ' +1 (415) 000-5550 ', '+1 415 000 5550', '+1-415-000-5550',
    '+1.415.000.5550', '+1(415)0005550',
])
def test_accepted_forms(value):
    assert to_e164(value) == '+14150005550'
    assert to_legacy(value) == 14150005550


@pytest.mark.parametrize('value, e164', [
    ('+44 20 7946 0958', '+442079460958'),
    ('4686550000', '+4686550000'),
    (33155500000, '+33155500000'),
    ('+39 06 1234 5678', '+390612345678'),  # Italy keeps its leading zero
])
def test_other_countries(value, e164):
    assert to_e164(value) == e164


@pytest.mark.parametrize('value, why', [
    ('(415) 000-5550', 'a national form such as (415) 000-5550 has no country code'),
    ('415-000-5550', 'has no country code'),
    ('0041446681800', 'no country code begins with 0'),
    ('0014150005550', 'no country code begins with 0'),
    (14150005550.0, 'a float loses digits'),
    (1.5, 'a float loses digits'),
    ('14150005550.0', 'it reads as a float'),
    ('1.415000555e+10', 'it reads as a float'),
    ('+1415x0005550', 'letters are not accepted'),
    ('abc', 'letters are not accepted'),
    ('+1 415 CALL NOW', 'letters are not accepted'),
    ('', 'it is empty'),
    (None, 'give a number'),
    (True, 'give a number'),
    (-14150005550, 'a positive whole number'),
    (['+14150005550'], 'not a list'),
    ('+0123456789', 'does not begin with a country calling code'),
    ('+999 1234 5678', 'does not begin with a country calling code'),
    ('+1 415 000 55', 'cannot exist'),
    ('+1 415 000 5550 1234 5', 'cannot exist'),
    ('1234567', 'cannot exist'),
    ('+44 20 7946', 'cannot exist'),  # dialable in London only
    ('++14150005550', 'has no country code'),
])
def test_refused_forms_name_the_option(value, why):
    with pytest.raises(SinchInputError) as caught:
        to_e164(value, 'numbers')
    message = str(caught.value)
    assert message.startswith('numbers: %r is not a phone number in E.164 form' % (value,)), message
    assert why in message, message


def test_legacy_record():
    record = legacy_number_record({'number': 14150005550, 'groupId': 13, 'countryId': 'US', 'areaCode': '415',
                                   'cost': {'amount': 2.0, 'currencyId': 'USD'}, 'capabilities': ['voice']})
    assert record == {'number': 14150005550, 'e164': '+14150005550', 'group_id': 13, 'country_id': 'US',
                      'area_code': '415', 'cost': {'amount': 2.0, 'currency_id': 'USD'}, 'capabilities': ['voice'],
                      'application_key': None, 'sinch_api': 'portal',
                      'monthly_cost': {'amount': 2.0, 'currency': 'USD'}}


def test_active_record():
    record = active_number_record({'phoneNumber': '+12025550134', 'smsConfiguration': {
        'servicePlanId': 'p', 'scheduledProvisioning': {'status': 'FAILED', 'errorCodes': ['X']}}})
    assert record == {'phone_number': '+12025550134', 'e164': '+12025550134', 'sms_configuration': {
        'service_plan_id': 'p', 'scheduled_provisioning': {'status': 'FAILED', 'error_codes': ['X']}},
        'sinch_api': 'numbers_api', 'capabilities': [], 'monthly_cost': None}


@pytest.mark.parametrize('raw, expected', [
    # money.amount is a string, charged every paymentIntervalMonths (1 when absent).
    ({'money': {'currencyCode': 'EUR', 'amount': '0.80'}}, {'amount': 0.8, 'currency': 'EUR'}),
    ({'money': {'currencyCode': 'USD', 'amount': '12.00'}, 'paymentIntervalMonths': 12}, {'amount': 1.0, 'currency': 'USD'}),
    ({'money': {'currencyCode': 'USD', 'amount': '10'}, 'paymentIntervalMonths': 3}, {'amount': 3.3333, 'currency': 'USD'}),
    ({'money': {'currencyCode': 'USD', 'amount': '2.00'}, 'paymentIntervalMonths': None}, {'amount': 2.0, 'currency': 'USD'}),
    # An available number: its monthlyPrice.
    ({'monthlyPrice': {'currencyCode': 'USD', 'amount': '2.50'}, 'setupPrice': {'currencyCode': 'USD', 'amount': '9'}},
     {'amount': 2.5, 'currency': 'USD'}),
    # No price that reads as a number: no monthly cost rather than a made-up one.
    ({'money': {'currencyCode': 'USD', 'amount': 'n/a'}}, None),
    ({'money': {'currencyCode': 'USD', 'amount': 'NaN'}}, None),
    ({'money': {'currencyCode': 'USD', 'amount': 'inf'}}, None),
    ({'money': {'currencyCode': 'USD', 'amount': '2.00'}, 'paymentIntervalMonths': 0}, None),
    ({}, None),
])
def test_active_record_monthly_cost(raw, expected):
    raw = dict(raw, phoneNumber='+12025550134', capability=['SMS', 'VOICE'])
    record = active_number_record(raw)
    assert record['monthly_cost'] == expected
    assert record['capabilities'] == ['sms', 'voice']
    assert record['capability'] == ['SMS', 'VOICE']
    assert record['sinch_api'] == 'numbers_api'


def test_legacy_record_shared_keys():
    record = legacy_number_record({'number': 14150005550, 'capabilities': ['VOICE', 'sms'],
                                   'cost': {'amount': 0, 'currencyId': 'SEK'}})
    assert record['sinch_api'] == 'portal'
    assert record['capabilities'] == ['voice', 'sms']
    assert record['monthly_cost'] == {'amount': 0.0, 'currency': 'SEK'}
    assert legacy_number_record({'number': 14150005550})['monthly_cost'] is None
