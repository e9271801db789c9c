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
                      'application_key': None}


def test_active_record():
    record = active_number_record({'phoneNumber': '+12025550134', 'smsConfiguration': {
        'servicePlanId': 'p', 'scheduledProvisioning': {'status': 'FAILED', 'errorCodes': ['X']}}})
    assert record == {'phone_number': '+12025550134', 'e164': '+12025550134', 'sms_configuration': {
        'service_plan_id': 'p', 'scheduled_provisioning': {'status': 'FAILED', 'error_codes': ['X']}}}
