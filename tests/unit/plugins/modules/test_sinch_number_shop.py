# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""sinch_number_shop at the HTTP boundary: shortfall, validation and cost guard, the two writes, lost checkouts."""

from __future__ import annotations

import contextlib

import pytest
import requests

from ansible_collections.sinch.numbers.plugins.module_utils import _session_cache
from ansible_collections.sinch.numbers.plugins.modules import sinch_number_shop

CONNECTION = dict(instance_id='inst-1', instance_secret='bRo76GRddEyetgJDTgkLHA==', organisation_id='8888123',
                  portal_api_url='https://portal.example')
NUMBERS = 'https://portal.example/v1/organisations/id/8888123/numbers'
SHOP = NUMBERS + '/shop'


def group(group_id, capabilities, availability, amount=2.0, country='US', city='SAN FRANCISCO'):
    return {'groupId': group_id, 'country': country, 'countryId': country, 'city': city, 'type': 'Voice',
            'availability': availability, 'areaCode': '415', 'cost': {'amount': amount, 'currencyId': 'USD'},
            'capabilities': list(capabilities)}


def number(value, group_id=13, capabilities=('voice',), app=None):
    raw = {'number': value, 'groupId': group_id, 'capabilities': list(capabilities), 'countryId': 'US',
           'city': 'SAN FRANCISCO', 'country': 'US', 'areaCode': '415', 'cost': {'amount': 2.0, 'currencyId': 'USD'}}
    if app:
        raw['applicationKey'] = app
    return raw


GROUPS = [group(13, ['voice', 'sms'], 20), group(75, ['sms'], 5, city='New Orleans'),
          group(2, ['voice'], 2, country='GB', city='LONDON'), group(42, ['voice', 'sms'], 10, amount=25.0)]
# Group 13 holds three voice numbers (one of them voice+sms) and one sms-only number.
HELD = [number(14155550100), number(14155550101, app='app-1'), number(14155550103, capabilities=['sms']),
        number(14155550104, capabilities=['voice', 'sms']), number(15045550100, group_id=75, capabilities=['sms'])]
NEW = [number(14155550000), number(14155550001)]


def sinch_number_shop_records(raws):
    return [dict(e164='+%d' % raw['number']) for raw in raws]


def shop(run, check_mode=False, **args):
    return run(sinch_number_shop.main, dict(CONNECTION, **args), check_mode=check_mode, diff=True)


def warnings(result):
    # ansible-core 2.19 returns each warning as a summary dict, older versions as a string.
    return [item['event']['msg'] if isinstance(item, dict) else item for item in result.get('warnings', [])]


def calls(recorder):
    return [(request.method, request.url) for request in recorder.calls]


@pytest.mark.parametrize('args, held', [
    (dict(group_id=13, quantity=3, capabilities=['voice']), 3),
    (dict(group_id=13, quantity=0, capabilities=['voice']), 3),
    (dict(group_id=13, quantity=2, capabilities=['sms', 'sms']), 2),
    (dict(group_id=99, quantity=0, capabilities=['voice']), 0),
])
def test_nothing_missing_is_one_read(run_module, recorder, args, held):
    recorder.add(200, HELD)
    result = shop(run_module, **args)
    assert calls(recorder) == [('GET', NUMBERS)]
    assert result['changed'] is False and result['rented'] == [] and result['count'] == held
    assert result['monthly_cost']['amount'] == 0.0
    assert result['diff']['before'] == result['diff']['after']


def test_default_capabilities_come_from_the_shop(run_module, recorder):
    recorder.add(200, GROUPS).add(200, HELD)
    result = shop(run_module, group_id=13, quantity=1)
    assert calls(recorder) == [('GET', SHOP), ('GET', NUMBERS)]
    assert result['capabilities'] == ['voice', 'sms']
    assert [record['e164'] for record in result['numbers']] == ['+14155550104']
    assert result['changed'] is False


def test_rents_exactly_the_shortfall(run_module, recorder):
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'}).add(204).add(200, HELD + NEW)
    result = shop(run_module, group_id=13, quantity=5, capabilities=['voice'], max_monthly_cost=4)
    assert calls(recorder) == [('GET', NUMBERS), ('GET', SHOP), ('PUT', SHOP), ('POST', SHOP), ('GET', NUMBERS)]
    assert recorder.json_body(2) == {'groupId': 13, 'quantity': 2, 'capabilities': ['voice']}
    assert recorder.json_body(3) == {'referenceIds': ['ref-1']}
    assert result['changed'] is True
    assert [record['e164'] for record in result['rented']] == ['+14155550000', '+14155550001']
    assert result['count'] == 5 and len(result['numbers']) == 5
    assert result['monthly_cost'] == {'amount': 4.0, 'currency_id': 'USD'}
    assert (result['diff']['before']['count'], result['diff']['after']['count']) == (3, 5)
    assert 'would_rent' not in result


def test_check_mode_reads_only(run_module, recorder):
    recorder.add(200, HELD).add(200, GROUPS)
    result = shop(run_module, check_mode=True, group_id=13, quantity=5, capabilities=['voice'], max_monthly_cost=4)
    assert calls(recorder) == [('GET', NUMBERS), ('GET', SHOP)]
    assert result['changed'] is True and result['would_rent'] == 2 and result['rented'] == []
    assert result['monthly_cost'] == {'amount': 4.0, 'currency_id': 'USD'}
    assert result['diff']['after']['count'] == 5


@pytest.mark.parametrize('check_mode', [False, True])
@pytest.mark.parametrize('args, message', [
    (dict(group_id=99, quantity=1, capabilities=['voice']),
     'group_id: number group 99 is not in the shop of organisation 8888123 (groups on sale: 2, 13, 42, 75)'),
    (dict(group_id=75, quantity=2, capabilities=['voice']),
     'capabilities: number group 75 (US, New Orleans) sells sms numbers only, not voice'),
    (dict(group_id=2, quantity=3, capabilities=['voice']),
     'quantity: number group 2 (GB, LONDON) has 2 number(s) available, but 3 are missing (quantity 3, 0 held)'),
    (dict(group_id=42, quantity=2, capabilities=['voice'], max_monthly_cost=49.99),
     'max_monthly_cost: renting 2 number(s): 2 of number group 42 (US, SAN FRANCISCO) at 25.00 USD a month each would '
     'add 50.00 USD a month, more than max_monthly_cost 49.99. Nothing was reserved or rented.'),
    (dict(group_id=13, quantity=5, capabilities=['voice']),
     'max_monthly_cost: this run would rent 2 number(s): 2 of number group 13 (US, SAN FRANCISCO) at 2.00 USD a month '
     'each for 4.00 USD a month, and nothing is rented without a ceiling. Give max_monthly_cost (at least 4.00; .inf '
     'rents without a ceiling on purpose). Nothing was reserved or rented.'),
])
def test_refused_before_any_write(run_module, recorder, args, message, check_mode):
    recorder.add(200, HELD).add(200, GROUPS)
    result = shop(run_module, check_mode=check_mode, **args)
    assert result['failed'] is True and message in result['msg']
    assert calls(recorder) == [('GET', NUMBERS), ('GET', SHOP)]


def test_cost_within_the_limit_is_rented(run_module, recorder):
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'}).add(204)
    recorder.add(200, HELD + [number(4685550000, group_id=42)])
    result = shop(run_module, group_id=42, quantity=1, capabilities=['voice'], max_monthly_cost=25)
    assert result['changed'] is True and result['monthly_cost']['amount'] == 25.0


@pytest.mark.parametrize('args, message', [
    (dict(group_id=13, quantity=-1), 'quantity: must be 0 or more'),
    (dict(group_id=13, quantity=1, capabilities=[]), 'capabilities: give at least one of voice, sms'),
    (dict(group_id=13, quantity=1, max_monthly_cost=-1), 'max_monthly_cost: must be 0 or more'),
    (dict(group_id=13, quantity=1, max_monthly_cost=float('nan')), 'max_monthly_cost: NaN is no ceiling'),
    (dict(group_id=13, quantity=1, max_monthly_cost='nan'), 'max_monthly_cost: NaN is no ceiling'),
    (dict(group_id=13, quantity=1, capabilities=['fax']), 'value of capabilities must be one or more of: voice, sms'),
])
def test_bad_input_sends_nothing(run_module, recorder, args, message):
    result = shop(run_module, **args)
    assert result['failed'] is True and message in result['msg']
    assert recorder.calls == []


LEFT = 'Nothing was rented: reservation ref-1 was not checked out and expires by itself (the API cannot cancel a reservation).'


@pytest.mark.parametrize('code, reason', [
    (40200, 'Not enough credit: top up the account in the Sinch dashboard, then re-run the task. ' + LEFT),
    (42200, 'Accounting is not set up for the organisation: set it up in the Sinch dashboard, then re-run the task. ' + LEFT),
    (40400, 'The reservation expired before its checkout (a reservation holds numbers for a few minutes): re-run the task. '
            'Nothing was rented.'),
])
def test_refused_checkout_rents_nothing(run_module, recorder, code, reason):
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'})
    recorder.add(code // 100, {'errorCode': code, 'message': 'refused'})
    result = shop(run_module, group_id=13, quantity=4, capabilities=['voice'], max_monthly_cost=float('inf'))
    assert result['failed'] is True and result['error']['code'] == code
    assert result['msg'].endswith('refused [%d %s]. %s' % (code, result['error']['name'], reason))
    assert calls(recorder)[-1] == ('POST', SHOP) and len(recorder.calls) == 4


@pytest.mark.parametrize('lost, cause', [
    (requests.exceptions.ConnectionError('connection reset'), 'connection failed (connection reset)'),
    (requests.exceptions.ReadTimeout('read timed out'), 'no answer within 5 seconds'),
    ((502, b'Bad Gateway'), 'Bad Gateway'),
])
def test_lost_checkout_that_went_through(run_module, recorder, lost, cause):
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'})
    recorder.fail(lost) if isinstance(lost, Exception) else recorder.add(*lost)
    recorder.add(200, HELD + NEW)
    result = shop(run_module, group_id=13, quantity=5, capabilities=['voice'], max_monthly_cost=float('inf'))
    assert calls(recorder) == [('GET', NUMBERS), ('GET', SHOP), ('PUT', SHOP), ('POST', SHOP), ('GET', NUMBERS)]
    assert result['changed'] is True and len(result['rented']) == 2
    assert warnings(result) == ['The answer to the checkout of reservation ref-1 was lost (%s), but reading the numbers '
                                'again shows they were rented; nothing was sent twice.' % cause]


@pytest.mark.parametrize('after, told', [
    (HELD, 'lists none of the 2 number(s) yet'),
    (HELD + NEW[:1], 'lists only 1 of the 2 number(s) yet'),
])
@pytest.mark.parametrize('lost', [requests.exceptions.ConnectionError('connection reset'), (500, b'oops'),
                                  requests.exceptions.ReadTimeout('read timed out')])
def test_lost_checkout_that_did_not_is_uncertain(run_module, recorder, after, told, lost):
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'})
    recorder.fail(lost) if isinstance(lost, Exception) else recorder.add(*lost)
    recorder.add(200, after)
    result = shop(run_module, group_id=13, quantity=5, capabilities=['voice'], max_monthly_cost=float('inf'))
    assert result['failed'] is True and result['error']['uncertain'] is True
    assert 'The outcome of the checkout of reservation ref-1 is UNCERTAIN' in result['msg'] and told in result['msg']
    assert 'nothing was bought' not in result['msg']
    assert [record['e164'] for record in result['rented']] == [record['e164'] for record in
                                                               sinch_number_shop_records(after[len(HELD):])]
    assert [method for method, url in calls(recorder)].count('POST') == 1
    assert len(recorder.calls) == 5


def test_lost_checkout_and_unreadable_numbers(run_module, recorder):
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'})
    recorder.fail(requests.exceptions.ConnectionError('connection reset'))
    recorder.add(403, {'errorCode': 40300, 'message': 'not the owner'})
    result = shop(run_module, group_id=13, quantity=5, capabilities=['voice'], max_monthly_cost=float('inf'))
    assert result['failed'] is True and result['error']['uncertain'] is True
    assert 'The outcome of the checkout of reservation ref-1 is UNCERTAIN' in result['msg']
    assert [method for method, url in calls(recorder)].count('POST') == 1


@pytest.mark.parametrize('answer, told', [
    ((400, {'errorCode': 40003, 'message': 'Invalid number group: 13'}),
     'Check the group and the numbers given. Nothing was reserved or rented.'),
    (requests.exceptions.ConnectionError('connection reset'),
     'Nothing was rented: a reservation made without an answer is never checked out and expires by itself; re-run the task.'),
])
def test_failed_reservation_is_not_checked_out(run_module, recorder, answer, told):
    recorder.add(200, HELD).add(200, GROUPS)
    recorder.fail(answer) if isinstance(answer, Exception) else recorder.add(*answer)
    result = shop(run_module, group_id=13, quantity=5, capabilities=['voice'], max_monthly_cost=float('inf'))
    assert result['failed'] is True and result['msg'].endswith(told)
    assert calls(recorder)[-1] == ('PUT', SHOP)


def test_new_numbers_not_listed_yet(run_module, recorder):
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'}).add(204).add(200, HELD + NEW[:1])
    result = shop(run_module, group_id=13, quantity=5, capabilities=['voice'], max_monthly_cost=float('inf'))
    assert result['changed'] is True and len(result['rented']) == 1
    assert 'succeeded, but 1 of the 2 number(s) it rented are not listed yet' in warnings(result)[0]


def test_changed_when_the_reread_lists_nothing_yet(run_module, recorder):
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'}).add(204).add(200, HELD)
    result = shop(run_module, group_id=13, quantity=5, capabilities=['voice'], max_monthly_cost=4)
    assert result['changed'] is True and result['rented'] == [] and 'failed' not in result
    assert 'succeeded, but 2 of the 2 number(s) it rented are not listed yet' in warnings(result)[0]


def test_another_buyer_surplus_is_named_and_left_free(run_module, recorder):
    theirs = [number(14155550002), number(14155550003)]
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'}).add(204).add(200, HELD + NEW + theirs)
    result = shop(run_module, group_id=13, quantity=5, capabilities=['voice'], max_monthly_cost=4)
    assert len(recorder.calls) == 5, 'nothing released or assigned'
    assert result['changed'] is True and len(result['rented']) == 2 and result['count'] == 7
    assert [record['e164'] for record in result['surplus']] == ['+14155550002', '+14155550003']
    assert 'holds 2 new number(s) more than this run bought' in warnings(result)[0]
    assert '+14155550002, +14155550003' in warnings(result)[0]


@pytest.mark.parametrize('check_mode', [False, True])
def test_infinite_ceiling_rents_on_purpose(run_module, recorder, check_mode):
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'}).add(204).add(200, HELD + NEW)
    result = shop(run_module, check_mode=check_mode, group_id=42, quantity=2, capabilities=['voice'],
                  max_monthly_cost=float('inf'))
    assert result['changed'] is True and 'failed' not in result


def test_count_reserve_checkout_recount_under_one_lock(run_module, recorder, monkeypatch):
    held = []

    @contextlib.contextmanager
    def lock(cache, key):
        held.append(('enter', key, len(recorder.calls)))
        yield
        held.append(('exit', key, len(recorder.calls)))

    monkeypatch.setattr(_session_cache.SessionCache, 'lock', lock)
    recorder.add(200, HELD).add(200, GROUPS).add(200, {'referenceId': 'ref-1'}).add(204).add(200, HELD + NEW)
    shop(run_module, group_id=13, quantity=5, capabilities=['voice'], max_monthly_cost=float('inf'))
    assert [(event, calls_so_far) for event, key, calls_so_far in held] == [('enter', 0), ('exit', 5)]
    other = []
    monkeypatch.setattr(_session_cache.SessionCache, 'lock', lambda cache, key: other.append(key) or contextlib.nullcontext())
    recorder.add(200, HELD)
    shop(run_module, group_id=75, quantity=1, capabilities=['sms'])
    assert other and other[0] != held[0][1], 'each group has its own lock'
