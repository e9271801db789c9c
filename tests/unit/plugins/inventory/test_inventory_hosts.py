# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The record-to-host rules of module_utils/_inventory.py, without Ansible's plugin machinery."""

from __future__ import annotations

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils._inventory import (
    account_fingerprint,
    active_host,
    hosts,
    legacy_host,
)
from ansible_collections.sinch.numbers.plugins.module_utils._options import OptionAdapter

APP = '5a3f3e9c-7d1b-4c52-9a8e-2f6b1c0d4e71'


@pytest.mark.parametrize('raw, groups', [
    ({'number': 14155550100, 'capabilities': ['voice'], 'countryId': 'US', 'applicationKey': APP},
     ['capability_voice', 'country_us', 'application_5a3f3e9c_7d1b_4c52_9a8e_2f6b1c0d4e71']),
    ({'number': 14155550104, 'capabilities': ['voice', 'sms'], 'countryId': 'US'},
     ['capability_voice', 'capability_sms', 'country_us', 'unassigned']),
    ({'number': 442055500100, 'capabilities': [], 'countryId': 'GB', 'applicationKey': ''},
     ['country_gb', 'unassigned']),
    ({'number': 442055500101}, ['unassigned']),
])
def test_legacy_groups(raw, groups):
    name, variables, found = legacy_host(raw)
    assert name == variables['e164'] == '+%d' % raw['number']
    assert variables['number'] == raw['number']
    assert found == groups


@pytest.mark.parametrize('voice, sms, groups', [
    ({'appId': APP}, {'servicePlanId': 'Plan1'},
     ['capability_sms', 'country_se', 'application_5a3f3e9c_7d1b_4c52_9a8e_2f6b1c0d4e71', 'sms_service_plan_plan1']),
    ({'appId': ''}, {'servicePlanId': 'plan1', 'campaignId': 'C1'}, ['capability_sms', 'country_se', 'sms_service_plan_plan1']),
    ({'type': 'FAX'}, {'servicePlanId': ''}, ['capability_sms', 'country_se', 'unassigned']),
    (None, None, ['capability_sms', 'country_se', 'unassigned']),
])
def test_active_groups(voice, sms, groups):
    raw = {'phoneNumber': '+46701740610', 'regionCode': 'SE', 'capability': ['SMS'],
           'voiceConfiguration': voice, 'smsConfiguration': sms}
    name, variables, found = active_host(raw)
    assert name == variables['e164'] == variables['phone_number'] == '+46701740610'
    assert found == groups


def test_active_variables_in_snake_case():
    raw = {'phoneNumber': '+12025550101', 'displayName': 'HQ', 'paymentIntervalMonths': 1,
           'smsConfiguration': {'servicePlanId': 'p', 'scheduledProvisioning': {'errorCodes': ['X'], 'status': 'FAILED'}}}
    _name, variables, _groups = active_host(raw)
    assert variables == {
        'phone_number': '+12025550101', 'e164': '+12025550101', 'display_name': 'HQ', 'payment_interval_months': 1,
        'sms_configuration': {'service_plan_id': 'p', 'scheduled_provisioning': {'error_codes': ['X'], 'status': 'FAILED'}},
        'sinch_api': 'numbers_api', 'capabilities': [], 'monthly_cost': None,
    }


def test_hosts_per_source():
    assert [name for name, _v, _g in hosts('portal', [{'number': 14155550100}, {'number': 14155550101}])] == [
        '+14155550100', '+14155550101']
    assert [name for name, _v, _g in hosts('numbers_api', [{'phoneNumber': '+12025550101'}])] == ['+12025550101']


def test_account_fingerprint_leaves_secrets_out_and_tells_accounts_apart():
    options = dict(username='ops@example.com', password='one', organisation_id='1', project_id='p', key_id='k', key_secret='s')
    same = account_fingerprint('portal', OptionAdapter.from_dict(options))
    assert same == account_fingerprint('portal', OptionAdapter.from_dict(dict(options, password='two', key_secret='t')))
    assert same != account_fingerprint('portal', OptionAdapter.from_dict(dict(options, organisation_id='2')))
    assert same != account_fingerprint('numbers_api', OptionAdapter.from_dict(options))
