# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The inventory plugin, loaded by Ansible's plugin loader, with its HTTP answered by the recorder."""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader

from ansible_collections.sinch.numbers.plugins.module_utils import _clients

SECRET = 'bRo76GRddEyetgJDTgkLHA=='
APP = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3'
PLAN = '957ae16ae12d4942b91b61eda5e4ed6b'
PORTAL = dict(plugin='sinch.numbers.sinch_numbers', username='ops@example.com', password='s3cret-password',
              organisation_id='8888123', user_api_url='https://user.example', api_url='https://api.example',
              portal_api_url='https://portal.example')
NUMBERS_API = dict(plugin='sinch.numbers.sinch_numbers', source='numbers_api', project_id='proj-1', key_id='key-1',
                   key_secret='very-secret', auth_method='basic', numbers_api_url='https://numbers.example')
RENTED = [
    {'number': 14155550100, 'groupId': 13, 'capabilities': ['voice'], 'applicationKey': APP, 'countryId': 'US',
     'city': 'SAN FRANCISCO', 'country': 'US', 'areaCode': '415', 'expires': '2026-12-24T00:00:00Z',
     'cost': {'amount': 2.0, 'currencyId': 'USD'}},
    {'number': 15045550100, 'groupId': 75, 'capabilities': ['sms'], 'countryId': 'US', 'city': 'New Orleans',
     'country': 'US', 'areaCode': '504', 'expires': '2026-12-24T00:00:00Z', 'cost': {'amount': 2.0, 'currencyId': 'USD'}},
    {'number': 442055500100, 'groupId': 2, 'capabilities': ['voice', 'sms'], 'countryId': 'GB', 'city': 'LONDON',
     'country': 'UK', 'areaCode': '020', 'expires': '2026-12-24T00:00:00Z', 'cost': {'amount': 25.0, 'currencyId': 'USD'}},
]


def active(phone, region='US', capability=('SMS',), app_id='', plan_id='', **fields):
    return dict({
        'phoneNumber': phone, 'projectId': 'proj-1', 'displayName': '', 'regionCode': region, 'type': 'LOCAL',
        'capability': list(capability), 'money': {'currencyCode': 'USD', 'amount': '2.00'}, 'paymentIntervalMonths': 1,
        'nextChargeDate': '2026-12-24T00:00:00.000Z', 'expireAt': '2026-12-24T00:00:00.000Z',
        'smsConfiguration': {'servicePlanId': plan_id, 'campaignId': '', 'scheduledProvisioning': None},
        'voiceConfiguration': {'type': 'RTC', 'appId': app_id, 'lastUpdatedTime': None, 'scheduledVoiceProvisioning': None},
        'callbackUrl': '',
    }, **fields)


ACTIVE_PAGES = [
    {'activeNumbers': [active('+12025550101', capability=('SMS', 'VOICE'), app_id=APP, plan_id=PLAN, displayName='HQ'),
                       active('+12025550102', plan_id=PLAN)], 'nextPageToken': 'p2', 'totalSize': 3},
    {'activeNumbers': [active('+447700900101', region='GB', capability=('VOICE',), type='MOBILE')],
     'nextPageToken': '', 'totalSize': 3},
]


@pytest.fixture(autouse=True)
def sinch_http(transport, monkeypatch, tmp_path):
    """Every client the plugin builds uses the recording transport; sessions are cached under tmp_path."""
    for name in list(os.environ):
        if name.startswith('SINCH_'):
            monkeypatch.delenv(name)
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'xdg'))
    monkeypatch.setattr(_clients, 'transport', lambda options: transport)


@pytest.fixture
def parse(tmp_path):
    """Write ``config`` (leaving out None values) to an inventory file and parse it as ansible-inventory would.

    Returns the InventoryData. The plugin comes from Ansible's plugin loader, which needs the collection loader
    that ansible-test (or tools/run_units.py) installs.
    """

    def run(config, cache=True, name='test.sinch_numbers.yml'):
        path = tmp_path / name
        path.write_text(yaml.safe_dump(dict((key, value) for key, value in config.items() if value is not None)))
        inventory = InventoryData()
        plugin = inventory_loader.get('sinch.numbers.sinch_numbers')
        assert plugin.verify_file(str(path))
        plugin.parse(inventory, DataLoader(), str(path), cache=cache)
        if config.get('cache'):
            plugin.update_cache_if_changed()  # as the InventoryManager does after parse()
        return inventory

    return run


def script_login(recorder):
    recorder.add(200, {'authorization': 'token:sig', 'user': {'id': 1}})
    recorder.add(200, {'id': 'inst-1', 'secret': SECRET, 'expiresIn': 172800})


def members(inventory, group):
    return sorted(host.name for host in inventory.groups[group].get_hosts())


def host_vars(inventory, name):
    return inventory.get_host(name).vars


# Files and sources -------------------------------------------------------------------------

@pytest.mark.parametrize('name, wanted', [
    ('numbers.sinch_numbers.yml', True),
    ('sinch_numbers.yaml', True),
    ('numbers.yml', False),
    ('sinch_numbers.json', False),
])
def test_verify_file(tmp_path, name, wanted):
    path = tmp_path / name
    path.write_text('plugin: sinch.numbers.sinch_numbers\n')
    assert inventory_loader.get('sinch.numbers.sinch_numbers').verify_file(str(path)) is wanted


def test_portal_one_host_per_rented_number(parse, recorder):
    script_login(recorder)
    recorder.add(200, RENTED)
    inventory = parse(PORTAL)

    assert sorted(inventory.hosts) == ['+14155550100', '+15045550100', '+442055500100']
    login, instance, numbers = recorder.calls
    assert login.url == 'https://user.example/v1/users/email/ops@example.com/authentication'
    assert instance.url == 'https://api.example/v1/instance'
    assert (numbers.method, numbers.url) == ('GET', 'https://portal.example/v1/organisations/id/8888123/numbers')
    assert numbers.headers['Authorization'].startswith('Instance inst-1:')
    assert host_vars(inventory, '+14155550100') == dict(
        number=14155550100, e164='+14155550100', group_id=13, capabilities=['voice'], application_key=APP,
        country_id='US', city='SAN FRANCISCO', country='US', area_code='415', expires='2026-12-24T00:00:00Z',
        cost={'amount': 2.0, 'currency_id': 'USD'}, ansible_connection='local',
        ansible_python_interpreter='{{ ansible_playbook_python }}',
        sinch_api='portal', monthly_cost={'amount': 2.0, 'currency': 'USD'},
        inventory_file=None, inventory_dir=None,
    )
    assert host_vars(inventory, '+15045550100')['application_key'] is None


def test_portal_groups(parse, recorder):
    script_login(recorder)
    recorder.add(200, RENTED)
    inventory = parse(PORTAL)

    assert members(inventory, 'capability_voice') == ['+14155550100', '+442055500100']
    assert members(inventory, 'capability_sms') == ['+15045550100', '+442055500100']
    assert members(inventory, 'country_us') == ['+14155550100', '+15045550100']
    assert members(inventory, 'country_gb') == ['+442055500100']
    assert members(inventory, 'application_' + APP.replace('-', '_')) == ['+14155550100']
    assert members(inventory, 'unassigned') == ['+15045550100', '+442055500100']


def test_portal_looks_the_organisation_up_when_not_given(parse, recorder):
    script_login(recorder)
    recorder.add(200, {'id': 8888123, 'name': 'Acme'}).add(200, RENTED[:1])
    inventory = parse(dict(PORTAL, organisation_id=None))
    assert [urlsplit(c.url).path for c in recorder.calls[2:]] == [
        '/v1/organisations', '/v1/organisations/id/8888123/numbers']
    assert list(inventory.hosts) == ['+14155550100']


def test_numbers_api_every_page(parse, recorder):
    for page in ACTIVE_PAGES:
        recorder.add(200, page)
    recorder.other_types_empty()
    inventory = parse(NUMBERS_API)

    # Each type is listed explicitly (B.8: a list without type may hold MOBILE numbers only).
    queries = [parse_qs(urlsplit(c.url).query) for c in recorder.calls]
    assert [q for q in queries if q['type'] == ['MOBILE']] == [
        {'pageSize': ['100'], 'type': ['MOBILE']}, {'pageSize': ['100'], 'type': ['MOBILE'], 'pageToken': ['p2']}]
    assert sorted(q['type'][0] for q in queries) == ['LOCAL', 'MOBILE', 'MOBILE', 'TOLL_FREE']
    assert all(urlsplit(c.url).path == '/v1/projects/proj-1/activeNumbers' for c in recorder.calls)
    assert sorted(inventory.hosts) == ['+12025550101', '+12025550102', '+447700900101']
    hq = host_vars(inventory, '+12025550101')
    assert hq['phone_number'] == hq['e164'] == '+12025550101'
    assert hq['display_name'] == 'HQ' and hq['region_code'] == 'US' and hq['capability'] == ['SMS', 'VOICE']
    assert hq['money'] == {'currency_code': 'USD', 'amount': '2.00'}
    assert hq['voice_configuration']['app_id'] == APP and hq['sms_configuration']['service_plan_id'] == PLAN
    assert hq['next_charge_date'] == '2026-12-24T00:00:00.000Z' and hq['callback_url'] == ''


def test_numbers_api_groups(parse, recorder):
    for page in ACTIVE_PAGES:
        recorder.add(200, page)
    recorder.other_types_empty()
    inventory = parse(NUMBERS_API)

    assert members(inventory, 'capability_sms') == ['+12025550101', '+12025550102']
    assert members(inventory, 'capability_voice') == ['+12025550101', '+447700900101']
    assert members(inventory, 'country_us') == ['+12025550101', '+12025550102']
    assert members(inventory, 'country_gb') == ['+447700900101']
    assert members(inventory, 'application_' + APP.replace('-', '_')) == ['+12025550101']
    assert members(inventory, 'sms_service_plan_' + PLAN) == ['+12025550101', '+12025550102']
    assert members(inventory, 'unassigned') == ['+447700900101']


def test_numbers_api_does_not_need_the_portal_options(parse, recorder, monkeypatch):
    monkeypatch.setenv('SINCH_KEY_ID', 'key-1')
    monkeypatch.setenv('SINCH_KEY_SECRET', 'very-secret')
    recorder.add(200, {'activeNumbers': [], 'totalSize': 0}).other_types_empty()
    inventory = parse(dict(NUMBERS_API, key_id=None, key_secret=None))
    assert list(inventory.hosts) == []
    assert recorder.calls[0].headers['Authorization'].startswith('Basic ')


# Constructable --------------------------------------------------------------------------------

def test_compose_groups_and_keyed_groups(parse, recorder):
    for page in ACTIVE_PAGES:
        recorder.add(200, page)
    recorder.other_types_empty()
    inventory = parse(dict(
        NUMBERS_API,
        compose={'label': "display_name | default(e164, true)", 'price': 'money.amount | float',
                 'ansible_python_interpreter': "'/opt/python-from-compose'"},
        groups={'named': "display_name != ''"},
        keyed_groups=[{'key': 'type | lower', 'prefix': 'type'}, {'key': 'region_code', 'prefix': 'region'}],
    ))

    assert host_vars(inventory, '+12025550101')['label'] == 'HQ'
    assert host_vars(inventory, '+12025550102')['label'] == '+12025550102'
    assert float(host_vars(inventory, '+12025550102')['price']) == 2.0  # a string before ansible-core 2.19
    # compose's interpreter wins over the plugin's; the connection stays local
    assert host_vars(inventory, '+12025550102')['ansible_python_interpreter'] == '/opt/python-from-compose'
    assert host_vars(inventory, '+12025550102')['ansible_connection'] == 'local'
    assert members(inventory, 'named') == ['+12025550101']
    assert members(inventory, 'type_local') == ['+12025550101', '+12025550102']
    assert members(inventory, 'type_mobile') == ['+447700900101']
    assert members(inventory, 'region_GB') == ['+447700900101']
    assert members(inventory, 'unassigned') == ['+447700900101']


@pytest.mark.parametrize('constructed', [
    {'compose': {'broken': 'no_such_field.value'}},
    {'groups': {'broken': 'no_such_field.value == 1'}},
    {'keyed_groups': [{'key': 'no_such_field.value', 'prefix': 'broken'}]},
])
def test_strict(parse, recorder, constructed):
    script_login(recorder)
    recorder.add(200, RENTED)
    inventory = parse(dict(PORTAL, **constructed))
    assert len(inventory.hosts) == 3 and not any(name.startswith('broken') for name in inventory.groups)
    assert not any('broken' in host.vars for host in inventory.hosts.values())

    recorder.add(200, RENTED)
    with pytest.raises(AnsibleError, match='no_such_field'):
        parse(dict(PORTAL, strict=True, **constructed))


# Cache -------------------------------------------------------------------------------------

def cached(config, tmp_path):
    return dict(config, cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'cache'))


def test_cache_hit_makes_no_request(parse, recorder, tmp_path):
    script_login(recorder)
    recorder.add(200, RENTED)
    first = parse(cached(PORTAL, tmp_path))
    requests_sent = len(recorder.calls)

    second = parse(cached(dict(PORTAL, compose={'idle': 'application_key is none'}), tmp_path))
    assert len(recorder.calls) == requests_sent
    assert sorted(second.hosts) == sorted(first.hosts)
    assert members(second, 'unassigned') == members(first, 'unassigned')
    assert host_vars(second, '+15045550100')['idle'] is True

    cache_files = os.listdir(str(tmp_path / 'cache'))
    assert len(cache_files) == 1
    with open(str(tmp_path / 'cache' / cache_files[0])) as handle:
        entry = handle.read()  # the API's records, in the cache plugin's own format
    assert all(str(record['number']) in entry for record in RENTED)
    assert 's3cret-password' not in entry and 'token:sig' not in entry and SECRET not in entry


def test_flush_cache_reads_sinch_again(parse, recorder, tmp_path):
    script_login(recorder)
    recorder.add(200, RENTED)
    parse(cached(PORTAL, tmp_path))
    recorder.add(200, RENTED[:1])  # the session is reused from the session cache
    assert list(parse(cached(PORTAL, tmp_path), cache=False).hosts) == ['+14155550100']
    assert list(parse(cached(PORTAL, tmp_path)).hosts) == ['+14155550100']
    assert len(recorder.calls) == 4


@pytest.mark.parametrize('change', [
    dict(source='numbers_api', project_id='proj-1', key_id='key-1', key_secret='very-secret', auth_method='basic',
         numbers_api_url='https://numbers.example'),
    dict(organisation_id='7777000'),
])
def test_cache_of_another_source_or_account_is_not_used(parse, recorder, tmp_path, change):
    script_login(recorder)
    recorder.add(200, RENTED)
    parse(cached(PORTAL, tmp_path))
    recorder.add(200, ACTIVE_PAGES[1] if 'source' in change else [])
    if 'source' in change:
        recorder.other_types_empty()
    parse(cached(dict(PORTAL, **change), tmp_path))
    assert len(recorder.calls) == (6 if 'source' in change else 4)


# Credentials and errors --------------------------------------------------------------------

def test_credentials_from_the_environment(parse, recorder, monkeypatch):
    for name in ('username', 'password', 'organisation_id', 'user_api_url', 'api_url', 'portal_api_url'):
        monkeypatch.setenv('SINCH_' + name.upper(), PORTAL[name])
    script_login(recorder)
    recorder.add(200, RENTED)
    assert len(parse({'plugin': 'sinch.numbers.sinch_numbers'}).hosts) == 3
    assert recorder.json_body(0) == {'password': 's3cret-password'}


def test_templated_password(parse, recorder):
    script_login(recorder)
    recorder.add(200, [])
    parse(dict(PORTAL, password="{{ 's3cret-' ~ 'password' }}"))
    assert recorder.json_body(0) == {'password': 's3cret-password'}


def test_templates_only_from_the_file(parse, recorder, monkeypatch):
    monkeypatch.setenv('SINCH_PASSWORD', "{{ 'not' ~ 'templated' }}")
    script_login(recorder)
    recorder.add(200, [])
    parse(dict(PORTAL, password=None))
    assert recorder.json_body(0) == {'password': "{{ 'not' ~ 'templated' }}"}


def test_bad_password_is_a_clear_parser_error(parse, recorder):
    recorder.add(401, {'errorCode': 40100, 'message': 'Invalid identity or password'})
    with pytest.raises(AnsibleParserError) as caught:
        parse(PORTAL)
    message = str(caught.value)
    assert message.startswith('Sinch refused to log in as email ops@example.com')
    assert 'Invalid identity or password [40100 Unauthorized]' in message
    assert 's3cret-password' not in message and caught.value.__cause__ is None
    assert len(recorder.calls) == 1


def test_bad_key_is_a_clear_parser_error(parse, recorder):
    recorder.add(401, {'error': {'code': 401, 'message': 'Invalid credentials', 'status': 'UNAUTHENTICATED'}})
    with pytest.raises(AnsibleParserError, match='Sinch refused to list active numbers') as caught:
        parse(NUMBERS_API)
    assert 'very-secret' not in str(caught.value)


@pytest.mark.parametrize('config, missing', [
    (dict(PORTAL, password=None), 'password is required to log in as ops@example.com (option password or SINCH_PASSWORD)'),
    (dict(PORTAL, username=None), 'username is required to log in (option username or SINCH_USERNAME)'),
    (dict(NUMBERS_API, project_id=None), 'project_id is required for the Numbers API (options or SINCH_PROJECT_ID)'),
])
def test_missing_options_are_named_before_any_request(parse, recorder, config, missing):
    with pytest.raises(AnsibleParserError) as caught:
        parse(config)
    assert missing in str(caught.value)
    assert recorder.calls == []


# Documentation ------------------------------------------------------------------------------

def examples():
    from ansible_collections.sinch.numbers.plugins.inventory.sinch_numbers import EXAMPLES
    return list(yaml.safe_load_all(EXAMPLES))


@pytest.mark.parametrize('example', examples(), ids=lambda example: example.get('source', 'portal'))
def test_examples_work_strictly(parse, recorder, monkeypatch, tmp_path, example):
    """Every EXAMPLES document parses, with strict: true, against the recorded API (credentials from the environment)."""
    import ansible.plugins.inventory

    monkeypatch.setattr(ansible.plugins.inventory, 'load_extra_vars', lambda loader: {'vault_sinch_password': 's3cret-password'})
    for name in ('username', 'organisation_id', 'user_api_url', 'api_url', 'portal_api_url'):
        monkeypatch.setenv('SINCH_' + name.upper(), PORTAL[name])
    monkeypatch.setenv('SINCH_PASSWORD', 's3cret-password')
    for name in ('project_id', 'key_id', 'key_secret', 'auth_method', 'numbers_api_url'):
        monkeypatch.setenv('SINCH_' + name.upper(), NUMBERS_API[name])
    if example.get('cache_connection'):
        example['cache_connection'] = str(tmp_path / 'cache')
    if example.get('source') == 'numbers_api':
        for page in ACTIVE_PAGES:
            recorder.add(200, page)
        recorder.other_types_empty()
    else:
        script_login(recorder)
        recorder.add(200, RENTED)

    inventory = parse(dict(example, strict=True))
    assert len(inventory.hosts) == 3
    assert example.get('source') == 'numbers_api' or recorder.json_body(0) == {'password': 's3cret-password'}


# filters (Numbers API source) ----------------------------------------------------------------


def test_filters_are_sent_to_sinch(parse, recorder):
    recorder.add(200, ACTIVE_PAGES[1])
    parse(dict(NUMBERS_API, filters={'region_code': 'gb', 'type': 'mobile', 'capability': ['voice']}))
    assert [parse_qs(urlsplit(c.url).query) for c in recorder.calls] == [
        {'regionCode': ['GB'], 'type': ['MOBILE'], 'capability': ['VOICE'], 'pageSize': ['100']}]


@pytest.mark.parametrize('config, says', [
    (dict(NUMBERS_API, filters={'country': 'US'}), 'filters: unknown key(s) country; the filters are region_code, type, capability.'),
    (dict(NUMBERS_API, filters={'type': 'FIXED'}), "filters.type: 'FIXED' is not a number type"),
    (dict(NUMBERS_API, filters={'capability': ['fax']}), "filters.capability: 'fax' is not a capability"),
    (dict(PORTAL, filters={'type': 'LOCAL'}), 'filters: only the numbers_api source can filter numbers'),
])
def test_bad_filters_fail_before_any_request(parse, recorder, config, says):
    with pytest.raises(AnsibleParserError, match=re.escape(says)):
        parse(config)


@pytest.mark.parametrize('key, closest', [('projct_id', 'project_id'), ('keyed_group', 'keyed_groups'),
                                          ('organization_id', 'organisation_id')])
def test_unknown_key_is_refused_before_any_request(parse, recorder, key, closest):
    with pytest.raises(AnsibleParserError) as caught:
        parse({'plugin': 'sinch.numbers.sinch_numbers', 'source': 'numbers_api', key: 'x'})
    assert str(caught.value).startswith('%s: not a key of a sinch.numbers.sinch_numbers inventory source; did you mean '
                                        '%s?' % (key, closest))
    assert recorder.calls == []
