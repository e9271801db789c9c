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


@pytest.mark.parametrize('value', ['+14150005550', '14150005550', 14150005550, ' +1 (415) 000-5550 ', '0014150005550'])
def test_accepted_forms(value):
    assert to_e164(value) == '+14150005550'
    assert to_legacy(value) == 14150005550


@pytest.mark.parametrize('value', ['', None, True, 'abc', '+0123456789', '1234567', '+1234567890123456', 1.5, '+1415x0005550'])
def test_rejected_forms_name_the_option(value):
    with pytest.raises(SinchInputError) as caught:
        to_e164(value, 'numbers')
    assert str(caught.value).startswith('numbers: ')
    assert 'E.164' in str(caught.value)


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
