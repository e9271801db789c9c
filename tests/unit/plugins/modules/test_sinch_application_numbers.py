# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""sinch_application_numbers at the HTTP boundary: the requests of a first run and a re-run, the shortfall per group
summed over applications, validation and the cost guard before any write, check mode, and failures after renting."""

from __future__ import annotations

import contextlib

import pytest
import requests

from ansible_collections.sinch.numbers.plugins.module_utils import _session_cache
from ansible_collections.sinch.numbers.plugins.modules import sinch_application_numbers

CONNECTION = dict(instance_id='inst-1', instance_secret='bRo76GRddEyetgJDTgkLHA==', organisation_id='8888123',
                  portal_api_url='https://portal.example')
NUMBERS = 'https://portal.example/v1/organisations/id/8888123/numbers'
SHOP = NUMBERS + '/shop'
APPS = 'https://portal.example/v1/applications/key/'


def group(group_id, capabilities, availability, amount=2.0, country='US', city='SAN FRANCISCO', currency='USD'):
    return {'groupId': group_id, 'country': country, 'countryId': country, 'city': city, 'type': 'Voice',
            'availability': availability, 'areaCode': '415', 'cost': {'amount': amount, 'currencyId': currency},
            'capabilities': list(capabilities)}


def number(value, group_id=13, capabilities=('voice',), app=None):
    raw = {'number': value, 'groupId': group_id, 'capabilities': list(capabilities), 'countryId': 'US',
           'city': 'SAN FRANCISCO', 'country': 'US', 'areaCode': '415', 'cost': {'amount': 2.0, 'currencyId': 'USD'}}
    if app:
        raw['applicationKey'] = app
    return raw


GROUPS = [group(13, ['voice', 'sms'], 20), group(75, ['sms'], 5, city='New Orleans'),
          group(2, ['voice'], 2, country='GB', city='LONDON'), group(42, ['voice', 'sms'], 10, amount=25.0)]
# app-1 has two voice numbers of group 13; app-2 one voice+sms number; group 13 has one free voice and one free
# voice+sms number; group 75 one free sms number.
HELD = [number(14155550100, app='app-1'), number(14155550101, app='app-1'),
        number(14155550102), number(14155550103, capabilities=['voice', 'sms']),
        number(14155550104, capabilities=['voice', 'sms'], app='app-2'),
        number(15045550100, group_id=75, capabilities=['sms'])]


def entry(key, capability='voice', count=1, group_id=None):
    value = dict(application_key=key, capability=capability, count=count)
    if group_id is not None:
        value['group_id'] = group_id
    return value


def provision(run, applications, check_mode=False, **args):
    return run(sinch_application_numbers.main, dict(CONNECTION, applications=applications, **args),
               check_mode=check_mode, diff=True)


def calls(recorder):
    return [(request.method, request.url) for request in recorder.calls]


def writes(recorder):
    return [(request.method, request.url) for request in recorder.calls if request.method != 'GET']


def warnings(result):
    # ansible-core 2.19 returns each warning as a summary dict, older versions as a string.
    return [item['event']['msg'] if isinstance(item, dict) else item for item in result.get('warnings', [])]


def by_key(result):
    return dict(((item['application_key'], item['capability']), item) for item in result['applications'])


# --- the two runs of the benchmark -------------------------------------------------------------------------------

# Four applications: app-1 (voice 4 from 13), app-3 and app-4 (new: voice 2 and voice 1 from 13), app-5 (new: sms 2
# from 75). Group 13 has 2 free voice numbers, so 4 + 2 + 1 - 2 held by app-1 - 2 free = 3 are rented; group 75
# has 1 free sms number, so 1 is rented.
FIRST = [entry('app-1', count=4, group_id=13), entry('app-3', count=2, group_id=13), entry('app-4', count=1, group_id=13),
         entry('app-5', 'sms', count=2, group_id=75)]
NEW = [number(14155550000), number(14155550001), number(14155550002), number(15045550000, group_id=75, capabilities=['sms'])]


def test_first_run_rents_each_group_shortfall_once_and_puts_once_per_application(run_module, recorder):
    recorder.add(200, HELD)
    recorder.add(200, []).add(200, []).add(200, [])  # app-3, app-4, app-5 hold no number: prove they exist
    recorder.add(200, GROUPS).add(200, {'referenceId': 'ref-13'}).add(200, {'referenceId': 'ref-75'}).add(204)
    recorder.add(200, HELD + NEW)
    recorder.script.extend([(200, [], {})] * 4)
    result = provision(run_module, FIRST, max_monthly_cost=8)
    assert calls(recorder) == [
        ('GET', NUMBERS), ('GET', APPS + 'app-3/numbers'), ('GET', APPS + 'app-4/numbers'), ('GET', APPS + 'app-5/numbers'),
        ('GET', SHOP), ('PUT', SHOP), ('PUT', SHOP), ('POST', SHOP), ('GET', NUMBERS),
        ('PUT', APPS + 'app-1/numbers/voice'), ('PUT', APPS + 'app-3/numbers/voice'), ('PUT', APPS + 'app-4/numbers/voice'),
        ('PUT', APPS + 'app-5/numbers/sms'),
    ]
    assert recorder.json_body(5) == {'groupId': 13, 'quantity': 3, 'capabilities': ['voice']}
    assert recorder.json_body(6) == {'groupId': 75, 'quantity': 1, 'capabilities': ['sms']}
    assert recorder.json_body(7) == {'referenceIds': ['ref-13', 'ref-75']}
    # Lowest first, voice-only before voice+sms: app-1 gets the new 14155550000 and 14155550001 (both voice-only,
    # below 14155550102), app-3 gets 14155550002 and 14155550102, app-4 the voice+sms 14155550103.
    assert [recorder.json_body(index) for index in range(9, 13)] == [
        {'numbers': [14155550000, 14155550001, 14155550100, 14155550101]},
        {'numbers': [14155550002, 14155550102]},
        {'numbers': [14155550103]},
        {'numbers': [15045550000, 15045550100]},
    ]
    assert result['changed'] is True
    assert by_key(result)[('app-1', 'voice')] == dict(
        application_key='app-1', capability='voice', added=['+14155550000', '+14155550001'],
        numbers=['+14155550000', '+14155550001', '+14155550100', '+14155550101'])
    assert [record['e164'] for record in result['rented']] == ['+14155550000', '+14155550001', '+14155550002', '+15045550000']
    assert result['shortfall'] == [dict(group_id=13, capability='voice', quantity=3),
                                   dict(group_id=75, capability='sms', quantity=1)]
    assert result['monthly_cost'] == {'amount': 8.0, 'currency_id': 'USD'}
    assert result['diff']['before']['app-3'] == {'voice': []}
    assert result['diff']['after']['app-3'] == {'voice': ['+14155550002', '+14155550102']}


def test_rerun_is_one_read_and_no_write(run_module, recorder):
    done = [number(14155550000, app='app-1'), number(14155550001, app='app-1'), number(14155550100, app='app-1'),
            number(14155550101, app='app-1'), number(14155550002, app='app-3'), number(14155550102, app='app-3'),
            number(14155550103, capabilities=['voice', 'sms'], app='app-4'),
            number(15045550000, group_id=75, capabilities=['sms'], app='app-5'),
            number(15045550100, group_id=75, capabilities=['sms'], app='app-5')]
    recorder.add(200, done)
    result = provision(run_module, FIRST, max_monthly_cost=0)
    assert calls(recorder) == [('GET', NUMBERS)]
    assert result['changed'] is False
    assert result['rented'] == [] and result['shortfall'] == [] and result['monthly_cost']['amount'] == 0
    assert all(item['added'] == [] for item in result['applications'])
    assert result['diff']['before'] == result['diff']['after']


def test_a_key_without_numbers_is_read_once_per_run_even_when_nothing_changes(run_module, recorder):
    recorder.add(200, HELD).add(200, [])
    result = provision(run_module, [entry('app-1', count=2), entry('app-9', count=0), entry('app-9', 'sms', count=0)])
    assert calls(recorder) == [('GET', NUMBERS), ('GET', APPS + 'app-9/numbers')]
    assert result['changed'] is False


def test_empty_list_sends_nothing(run_module, recorder):
    result = provision(run_module, [])
    assert recorder.calls == [] and result['changed'] is False and result['applications'] == []


# --- picking ------------------------------------------------------------------------------------------------------


def test_free_numbers_are_used_before_renting_and_entries_with_a_group_pick_first(run_module, recorder):
    # The entry without a group comes first in the list, but the one with group 13 picks first: it takes the free
    # voice-only 14155550102, so the group-less entry gets the voice+sms 14155550103. Nothing is rented.
    recorder.add(200, HELD).add(200, []).add(200, []).add(200, []).add(200, [])
    result = provision(run_module, [entry('app-3'), entry('app-4', group_id=13)])
    assert writes(recorder) == [('PUT', APPS + 'app-3/numbers/voice'), ('PUT', APPS + 'app-4/numbers/voice')]
    assert recorder.json_body(3) == {'numbers': [14155550103]}
    assert recorder.json_body(4) == {'numbers': [14155550102]}
    assert result['shortfall'] == [] and result['rented'] == []


def test_one_voice_sms_number_serves_both_capabilities_of_an_application(run_module, recorder):
    # app-2's voice+sms number counts for both; app-6 wants both and gets the free voice+sms number only once it is
    # the only voice number left, whose sms side then counts too.
    held = [number(14155550103, capabilities=['voice', 'sms']), number(14155550104, capabilities=['voice', 'sms'], app='app-2')]
    recorder.add(200, held).add(200, []).add(200, [])
    result = provision(run_module, [entry('app-2', count=1), entry('app-2', 'sms', count=1),
                                    entry('app-6', count=1), entry('app-6', 'sms', count=1)])
    assert writes(recorder) == [('PUT', APPS + 'app-6/numbers/voice')]
    assert by_key(result)[('app-6', 'sms')]['numbers'] == ['+14155550103']
    assert by_key(result)[('app-6', 'sms')]['added'] == [] and by_key(result)[('app-2', 'sms')]['added'] == []


def test_surplus_numbers_are_kept(run_module, recorder):
    recorder.add(200, HELD)
    result = provision(run_module, [entry('app-1', count=1, group_id=2)])
    assert calls(recorder) == [('GET', NUMBERS)]
    assert by_key(result)[('app-1', 'voice')]['numbers'] == ['+14155550100', '+14155550101']


# --- check mode ---------------------------------------------------------------------------------------------------


def test_check_mode_reads_only_and_shows_the_numbers_to_rent(run_module, recorder):
    recorder.add(200, HELD).add(200, []).add(200, []).add(200, []).add(200, GROUPS)
    result = provision(run_module, FIRST, check_mode=True, max_monthly_cost=8)
    assert writes(recorder) == [] and calls(recorder)[-1] == ('GET', SHOP)
    assert result['changed'] is True and result['rented'] == []
    assert result['shortfall'] == [dict(group_id=13, capability='voice', quantity=3),
                                   dict(group_id=75, capability='sms', quantity=1)]
    assert result['monthly_cost'] == {'amount': 8.0, 'currency_id': 'USD'}
    # The free numbers go to the first entries (the new numbers are not known yet, so they cannot be compared).
    app1 = by_key(result)[('app-1', 'voice')]
    assert app1['added'] == ['+14155550102', '+14155550103']
    assert app1['numbers'] == ['+14155550100', '+14155550101', '+14155550102', '+14155550103']
    assert by_key(result)[('app-3', 'voice')]['added'] == ['(new number of group 13)'] * 2
    assert by_key(result)[('app-4', 'voice')]['added'] == ['(new number of group 13)']
    assert by_key(result)[('app-5', 'sms')]['added'] == ['+15045550100', '(new number of group 75)']
    assert result['diff']['after']['app-4'] == {'voice': ['(new number of group 13)']}


def test_check_mode_without_anything_to_rent_does_not_read_the_shop(run_module, recorder):
    recorder.add(200, HELD)
    result = provision(run_module, [entry('app-1', count=3, group_id=13)], check_mode=True)
    assert calls(recorder) == [('GET', NUMBERS)]
    assert result['changed'] is True and by_key(result)[('app-1', 'voice')]['added'] == ['+14155550102']


# --- refused before any write -------------------------------------------------------------------------------------


@pytest.mark.parametrize('applications, message', [
    ([entry('a'), dict(application_key='b', count=1)], "applications[1].capability: must be one of voice, sms, not None."),
    ([entry('a'), entry('b'), entry('c'), entry('d', 'fax')], "applications[3].capability: must be one of voice, sms, not 'fax'."),
    ([dict(capability='voice', count=1)], 'applications[0].application_key: missing or empty'),
    ([entry('')], 'applications[0].application_key: missing or empty'),
    ([dict(application_key='a', capability='voice')], 'applications[0].count: missing; give a whole number.'),
    ([entry('a', count=-1)], 'applications[0].count: must be 0 or more, not -1.'),
    ([entry('a', count='many')], "applications[0].count: must be a whole number, not 'many'."),
    ([entry('a', count=True)], 'applications[0].count: must be a whole number, not True.'),
    ([entry('a', group_id='thirteen')], "applications[0].group_id: must be a whole number, not 'thirteen'."),
    ([dict(entry('a'), groupid=13)], 'applications[0]: unknown key(s) groupid; an entry has application_key, capability'),
    ([entry('a'), entry('b', 'sms'), entry('a', count=2)],
     'applications[2]: application a and capability voice are already given by applications[0]'),
])
def test_bad_entries_send_nothing(run_module, recorder, applications, message):
    result = provision(run_module, applications)
    assert result['failed'] is True and message in result['msg'], result['msg']
    assert recorder.calls == []


def test_strings_that_are_numbers_are_accepted(run_module, recorder):
    recorder.add(200, HELD)
    result = provision(run_module, [dict(application_key='app-1', capability='voice', count='2', group_id='13')])
    assert result['changed'] is False and calls(recorder) == [('GET', NUMBERS)]


@pytest.mark.parametrize('ceiling, message', [(-1, 'max_monthly_cost: must be 0 or more'),
                                              (float('nan'), 'max_monthly_cost: NaN is no ceiling')])
def test_unusable_max_monthly_cost(run_module, recorder, ceiling, message):
    result = provision(run_module, [entry('a')], max_monthly_cost=ceiling)
    assert result['failed'] is True and message in result['msg'] and recorder.calls == []


def test_another_buyer_surplus_is_named_and_left_free(run_module, recorder):
    script_reads(recorder)
    recorder.add(200, {'referenceId': 'ref-13'}).add(200, {'referenceId': 'ref-75'}).add(204)
    recorder.add(200, HELD + [number(14155550000), number(14155550001), number(15045550000, group_id=75, capabilities=['sms'])])
    recorder.add(200, []).add(200, [])
    result = provision(run_module, TWO_GROUPS, max_monthly_cost=4)
    assert result['changed'] is True
    assert [record['e164'] for record in result['rented']] == ['+14155550000', '+15045550000']
    assert [record['e164'] for record in result['surplus']] == ['+14155550001']
    assert 'holds 1 new number(s) more than this run bought' in warnings(result)[0]
    assert '+14155550001' in warnings(result)[0]
    assert writes(recorder)[-2:] == [('PUT', APPS + 'app-1/numbers/voice'), ('PUT', APPS + 'app-2/numbers/sms')]
    assert 14155550001 not in recorder.json_body(len(recorder.calls) - 2)['numbers'], 'the surplus is not assigned'


@pytest.mark.parametrize('check_mode', [False, True])
def test_unknown_application_fails_before_any_write(run_module, recorder, check_mode):
    recorder.add(200, HELD).add(404, {'errorCode': 40400, 'message': "Application with the key nope wasn't found."})
    result = provision(run_module, [entry('app-1', count=3, group_id=13), entry('nope', count=1, group_id=13),
                                    entry('nope', 'sms', count=0)], check_mode=check_mode)
    assert result['failed'] is True and result['error']['code'] == 40400
    assert result['msg'].endswith("Application with the key nope wasn't found. [40400 ResourceNotFound]. Check "
                                  "applications[1].application_key and applications[2].application_key: it must be the key "
                                  "of an application of organisation 8888123. Nothing was written.")
    assert calls(recorder) == [('GET', NUMBERS), ('GET', APPS + 'nope/numbers')]


@pytest.mark.parametrize('check_mode', [False, True])
@pytest.mark.parametrize('applications, args, message', [
    ([entry('app-1', count=3), entry('app-3', count=2)], {},
     'applications[1]: application app-3 has 0 voice number(s) and needs 2 more, but only 1 free voice number(s) are '
     'left for it. Give applications[1].group_id to rent the rest'),
    ([entry('app-1', count=3, group_id=99)], {},
     'applications[0].group_id: number group 99 is not in the shop of organisation 8888123 (groups on sale: 2, 13, 42, 75)'),
    ([entry('app-1', count=3, group_id=75)], {},
     'applications[0].capability: number group 75 (US, New Orleans) sells sms numbers only, not voice'),
    ([entry('app-1', count=4, group_id=2), entry('app-2', count=2, group_id=2)], {},
     'applications[0].count, applications[1].count: number group 2 (GB, LONDON) has 2 number(s) available, but 3 are '
     'missing (3 voice). Lower applications[0].count or applications[1].count, or rent the rest from another group.'),
    ([entry('app-1', count=3, group_id=42), entry('app-2', 'sms', count=3, group_id=42)], {'max_monthly_cost': 74.99},
     'max_monthly_cost: renting 3 number(s): 3 of number group 42 (US, SAN FRANCISCO) at 25.00 USD a month each would '
     'add 75.00 USD a month, more than max_monthly_cost 74.99. Nothing was reserved or rented.'),
    ([entry('app-1', count=3, group_id=42), entry('app-2', 'sms', count=3, group_id=13)], {'max_monthly_cost': 26.99},
     'max_monthly_cost: renting 2 number(s): 1 of number group 42 (US, SAN FRANCISCO) at 25.00 USD a month each; 1 of '
     'number group 13 (US, SAN FRANCISCO) at 2.00 USD a month each would add 27.00 USD a month, more than '
     'max_monthly_cost 26.99.'),
    ([entry('app-1', count=3, group_id=42)], {},
     'max_monthly_cost: this run would rent 1 number(s): 1 of number group 42 (US, SAN FRANCISCO) at 25.00 USD a month '
     'each for 25.00 USD a month, and nothing is rented without a ceiling. Give max_monthly_cost (at least 25.00; .inf '
     'rents without a ceiling on purpose). Nothing was reserved or rented.'),
])
def test_refused_before_any_write(run_module, recorder, applications, args, message, check_mode):
    recorder.add(200, HELD).add(200, GROUPS)
    result = provision(run_module, applications, check_mode=check_mode, **args)
    assert result['failed'] is True and message in result['msg'], result['msg']
    assert writes(recorder) == []


def test_cost_guard_across_currencies(run_module, recorder):
    recorder.add(200, HELD).add(200, [group(13, ['voice'], 20), group(5, ['voice'], 20, currency='EUR')])
    result = provision(run_module, [entry('app-1', count=3, group_id=5), entry('app-2', count=4, group_id=13)],
                       max_monthly_cost=100)
    assert result['failed'] is True and 'priced in different currencies (EUR, USD)' in result['msg']
    assert writes(recorder) == []


# --- failures while renting and assigning -------------------------------------------------------------------------

# app-1 has 2 voice numbers and takes the 2 free ones of group 13; app-2 has 1 sms number (voice+sms) and takes the
# free one of group 75: one number is rented from each group.
TWO_GROUPS = [entry('app-1', count=5, group_id=13), entry('app-2', 'sms', count=3, group_id=75)]


def script_reads(recorder):
    recorder.add(200, HELD).add(200, GROUPS)


def test_refused_checkout_rents_nothing(run_module, recorder):
    script_reads(recorder)
    recorder.add(200, {'referenceId': 'ref-13'}).add(200, {'referenceId': 'ref-75'})
    recorder.add(402, {'errorCode': 40200, 'message': 'Insufficient funds to complete the transaction.'})
    result = provision(run_module, TWO_GROUPS, max_monthly_cost=float('inf'))
    assert result['failed'] is True and result['error']['code'] == 40200
    assert result['msg'].endswith('Not enough credit: top up the account in the Sinch dashboard, then re-run the task. '
                                  'Nothing was rented: reservations ref-13, ref-75 were not checked out and expire by '
                                  'themselves (the API cannot cancel a reservation).')
    assert writes(recorder) == [('PUT', SHOP), ('PUT', SHOP), ('POST', SHOP)]


def test_failed_second_reservation_is_not_checked_out(run_module, recorder):
    script_reads(recorder)
    recorder.add(200, {'referenceId': 'ref-13'}).add(400, {'errorCode': 40003, 'message': 'Invalid number group: 75'})
    result = provision(run_module, TWO_GROUPS, max_monthly_cost=float('inf'))
    assert result['failed'] is True
    assert result['msg'].endswith('Nothing was reserved or rented (reservation ref-13 was not checked out and expires '
                                  'by itself).')
    assert writes(recorder) == [('PUT', SHOP), ('PUT', SHOP)]


def test_lost_checkout_that_went_through_carries_on(run_module, recorder):
    script_reads(recorder)
    recorder.add(200, {'referenceId': 'ref-13'}).add(200, {'referenceId': 'ref-75'})
    recorder.fail(requests.exceptions.ConnectionError('connection reset'))
    recorder.add(200, HELD + [number(14155550000), number(15045550000, group_id=75, capabilities=['sms'])])
    recorder.add(200, []).add(200, [])
    result = provision(run_module, TWO_GROUPS, max_monthly_cost=float('inf'))
    assert result['changed'] is True and len(result['rented']) == 2
    assert warnings(result) == ['The answer to the checkout of reservations ref-13, ref-75 was lost (connection failed '
                                '(connection reset)), but reading the numbers again shows they were rented; nothing was '
                                'sent twice.']
    assert [method for method, url in calls(recorder)].count('POST') == 1
    assert writes(recorder)[-2:] == [('PUT', APPS + 'app-1/numbers/voice'), ('PUT', APPS + 'app-2/numbers/sms')]


def test_lost_checkout_that_did_not_go_through_assigns_nothing(run_module, recorder):
    script_reads(recorder)
    recorder.add(200, {'referenceId': 'ref-13'}).add(200, {'referenceId': 'ref-75'})
    recorder.add(502, b'Bad Gateway').add(200, HELD)
    result = provision(run_module, TWO_GROUPS, max_monthly_cost=float('inf'))
    assert result['failed'] is True and result['error']['uncertain'] is True and result['rented'] == []
    assert ('The outcome of the checkout of reservations ref-13, ref-75 is UNCERTAIN: it was not resent, and reading the '
            'numbers again at once lists none of the 2 number(s) yet. Sinch may still complete it.') in result['msg']
    assert result['msg'].endswith('Nothing was assigned.') and 'nothing was bought' not in result['msg']
    assert writes(recorder) == [('PUT', SHOP), ('PUT', SHOP), ('POST', SHOP)]


def test_failed_assignment_after_renting_returns_what_was_rented(run_module, recorder):
    script_reads(recorder)
    recorder.add(200, {'referenceId': 'ref-13'}).add(200, {'referenceId': 'ref-75'}).add(204)
    recorder.add(200, HELD + [number(14155550000), number(15045550000, group_id=75, capabilities=['sms'])])
    recorder.add(200, []).add(400, {'errorCode': 40003, 'message': "The 'number' specified is not a valid number."})
    result = provision(run_module, TWO_GROUPS, max_monthly_cost=float('inf'))
    assert result['failed'] is True
    assert [record['e164'] for record in result['rented']] == ['+14155550000', '+15045550000']
    assert result['msg'].endswith('Assigning stopped at applications[1] (applications[0] got their numbers before); the 2 '
                                  'number(s) this run rented stay rented. A re-run assigns the rest and rents only what '
                                  'is missing.')


def test_new_numbers_not_listed_yet(run_module, recorder):
    script_reads(recorder)
    recorder.add(200, {'referenceId': 'ref-13'}).add(200, {'referenceId': 'ref-75'}).add(204)
    recorder.add(200, HELD + [number(14155550000)])
    recorder.add(200, []).add(200, [])
    result = provision(run_module, TWO_GROUPS, max_monthly_cost=float('inf'))
    assert result['failed'] is True and len(result['rented']) == 1 and result['changed'] is True
    assert result['msg'].startswith('Could not assign the rented numbers: the checkout succeeded but 1 of the new number(s) '
                                    'are not listed yet, so applications[1] could not get all their numbers.')
    assert writes(recorder)[-2:] == [('PUT', APPS + 'app-1/numbers/voice'), ('PUT', APPS + 'app-2/numbers/sms')], \
        'what can be assigned is assigned'
    assert by_key(result)[('app-2', 'sms')]['numbers'] == ['+14155550104', '+15045550100']


# --- locks --------------------------------------------------------------------------------------------------------


def test_every_request_runs_under_the_group_locks_then_the_assignment_lock(run_module, recorder, monkeypatch):
    events = []

    @contextlib.contextmanager
    def lock(cache, key):
        events.append(('enter', key, len(recorder.calls)))
        yield
        events.append(('exit', key, len(recorder.calls)))

    monkeypatch.setattr(_session_cache.SessionCache, 'lock', lock)
    script_reads(recorder)
    recorder.add(200, {'referenceId': 'ref-13'}).add(200, {'referenceId': 'ref-75'}).add(204)
    recorder.add(200, HELD + [number(14155550000), number(15045550000, group_id=75, capabilities=['sms'])])
    recorder.add(200, []).add(200, [])
    provision(run_module, list(reversed(TWO_GROUPS)), max_monthly_cost=4)
    keys = [key for event, key, count in events if event == 'enter']
    scope = _session_cache.cache_key
    url = CONNECTION['portal_api_url']
    assert keys == [scope('lock', url, '8888123', 'shop', 13), scope('lock', url, '8888123', 'shop', 75),
                    scope('lock', url, '8888123', 'assign')], 'groups ascending, then the assignments'
    assert [count for event, key, count in events] == [0, 0, 0, 8, 8, 8]
