# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""sinch_active_number_pool at the HTTP boundary: the purchase plan, the money rule, lost answers, bad input."""

from __future__ import annotations

import copy
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from ansible_collections.sinch.numbers.plugins.modules.sinch_active_number_pool import main

CONNECTION = dict(project_id='proj-1', key_id='key-1', key_secret='very-secret', auth_method='basic',
                  numbers_api_url='https://numbers.example')
PREFIX = '/v1/projects/proj-1'
PLAN = 'plan-a'
APP = 'app-a'
POOL = dict(region_code='us', type='LOCAL', capabilities=['sms'], count=3, sms_service_plan_id=PLAN)


def active(number, capability=('SMS',), plan='', campaign='', app='', voice_type='RTC', scheduled=None, amount='2.00'):
    return {'phoneNumber': number, 'projectId': 'proj-1', 'regionCode': 'US', 'type': 'LOCAL',
            'capability': list(capability), 'money': {'currencyCode': 'USD', 'amount': amount},
            'paymentIntervalMonths': 1,
            'smsConfiguration': {'servicePlanId': plan, 'campaignId': campaign, 'scheduledProvisioning': scheduled},
            'voiceConfiguration': {'type': voice_type, 'appId': app, 'scheduledVoiceProvisioning': None}}


def available(number, monthly='2.00', months=1, setup='0.00', currency='USD', capability=('SMS', 'VOICE')):
    return {'phoneNumber': number, 'regionCode': 'US', 'type': 'LOCAL', 'capability': list(capability),
            'setupPrice': {'currencyCode': currency, 'amount': setup},
            'monthlyPrice': {'currencyCode': currency, 'amount': monthly}, 'paymentIntervalMonths': months}


def page(*numbers):
    return {'activeNumbers': list(numbers), 'nextPageToken': '', 'totalSize': len(numbers)}


def calls(recorder):
    """``(method, path, query)`` of every request sent."""
    found = []
    for call in recorder.calls:
        parts = urlsplit(call.url)
        found.append((call.method, parts.path[len(PREFIX):], parse_qs(parts.query)))
    return found


def routes(recorder):
    return [(method, path) for method, path, _query in calls(recorder)]


def warnings(result):
    return [w['event']['msg'] if isinstance(w, dict) else w for w in result.get('warnings', [])]


MEMBER = active('+12025550102', plan=PLAN)
PENDING = active('+12025550103', plan='', scheduled={'servicePlanId': PLAN, 'campaignId': '', 'status': 'WAITING'})
OTHER = active('+12025550104', plan='plan-b')
OFFERS = [available('+12065550101'), available('+12065550103', monthly='6.00', months=3, setup='1.50')]


def rented(offer, plan=PLAN):
    raw = active(offer['phoneNumber'], capability=offer['capability'], plan=plan, amount=offer['monthlyPrice']['amount'])
    raw['paymentIntervalMonths'] = offer['paymentIntervalMonths']
    return raw


def test_rents_the_shortfall_of_specific_numbers_with_the_configuration(run_module, recorder):
    recorder.add(200, page(MEMBER, OTHER)).add(200, {'availableNumbers': OFFERS})
    recorder.add(200, rented(OFFERS[0])).add(200, rented(OFFERS[1]))
    result = run_module(main, dict(CONNECTION, max_monthly_cost=4, **POOL), diff=True)
    assert not result.get('failed'), result['msg']
    sent = calls(recorder)
    assert routes(recorder) == [('GET', '/activeNumbers'), ('GET', '/availableNumbers'),
                                ('POST', '/availableNumbers/%2B12065550101:rent'),
                                ('POST', '/availableNumbers/%2B12065550103:rent')]
    # One listing for the region and type, without a capability filter; one search of exactly the shortfall.
    assert sent[0][2] == {'regionCode': ['US'], 'type': ['LOCAL'], 'pageSize': ['100']}
    assert sent[1][2] == {'regionCode': ['US'], 'type': ['LOCAL'], 'capabilities': ['SMS'], 'size': ['2']}
    assert recorder.json_body(2) == {'smsConfiguration': {'servicePlanId': PLAN}}
    assert result['changed'] is True
    # 2.00 a month, and 6.00 every 3 months: 2.00 a month.
    assert result['monthly_cost'] == {'amount': 4.0, 'currency': 'USD'}
    assert result['setup_cost'] == {'amount': 1.5, 'currency': 'USD'}
    assert [n['e164'] for n in result['rented']] == ['+12065550101', '+12065550103']
    assert [n['e164'] for n in result['numbers']] == ['+12025550102', '+12065550101', '+12065550103']
    assert result['diff']['before']['pool']['numbers'] == ['+12025550102']
    assert result['diff']['before']['pool']['monthly_cost'] == {'amount': 2.0, 'currency': 'USD'}
    assert result['diff']['after']['pool']['monthly_cost'] == {'amount': 6.0, 'currency': 'USD'}


def test_pending_provisioning_counts_and_nothing_is_written_when_full(run_module, recorder):
    recorder.add(200, page(MEMBER, PENDING, OTHER, active('+12025550105', plan=PLAN)))
    result = run_module(main, dict(CONNECTION, **POOL))
    assert routes(recorder) == [('GET', '/activeNumbers')]
    assert result['changed'] is False and result['rented'] == []
    assert result['pools'][0]['numbers'] == ['+12025550102', '+12025550103', '+12025550105']


def test_a_fax_routed_number_is_no_member_of_a_voice_app_pool(run_module, recorder):
    fax = active('+12025550111', capability=('VOICE',), app=APP, voice_type='FAX')
    rtc = active('+12025550108', capability=('VOICE',), app=APP)
    recorder.add(200, page(fax, rtc))
    result = run_module(main, dict(CONNECTION, region_code='US', type='LOCAL', capabilities=['VOICE'], count=1,
                                   voice_app_id=APP))
    assert result['pools'][0]['numbers'] == ['+12025550108'] and len(recorder.calls) == 1


def test_start_pattern_is_sent_with_its_plus_and_members_must_match(run_module, recorder):
    recorder.add(200, page(MEMBER)).add(200, {'availableNumbers': []})
    result = run_module(main, dict(CONNECTION, region_code='US', type='LOCAL', capabilities=['SMS'], count=1,
                                   sms_service_plan_id=PLAN, number_pattern='1206', search_pattern='START',
                                   max_monthly_cost=10))
    assert calls(recorder)[1][2]['numberPattern.pattern'] == ['+1206']
    assert calls(recorder)[1][2]['numberPattern.searchPattern'] == ['START']
    assert result['failed'] is True
    assert ('Not enough numbers available to rent: the pool lacks 1 of US LOCAL SMS numbers matching 1206 (START) '
            'with sms_service_plan_id plan-a but only 0 can be rented.') in result['msg']
    assert 'Lower count, drop or widen number_pattern/search_pattern' in result['msg']


def test_no_ceiling_fails_naming_what_would_be_rented_after_reads_only(run_module, recorder):
    recorder.add(200, page(MEMBER)).add(200, {'availableNumbers': OFFERS})
    result = run_module(main, dict(CONNECTION, **POOL))
    assert [method for method, _path in routes(recorder)] == ['GET', 'GET']
    assert result['failed'] is True
    assert result['msg'] == (
        'max_monthly_cost: this run would rent 2 number(s) (+12065550101, +12065550103 for the pool; setup 1.50 USD '
        'once) for 4.00 USD a month, and nothing is rented without a ceiling. Give max_monthly_cost (at least 4.00; '
        '.inf rents without a ceiling on purpose). Nothing was reserved or rented.')


def test_a_ceiling_below_the_cost_is_refused_in_check_mode_too(run_module, recorder):
    recorder.add(200, page(MEMBER)).add(200, {'availableNumbers': OFFERS})
    result = run_module(main, dict(CONNECTION, max_monthly_cost=3.99, **POOL), check_mode=True)
    assert result['failed'] is True and 'more than max_monthly_cost 3.99' in result['msg']
    assert len(recorder.calls) == 2


def test_different_currencies_need_an_infinite_ceiling(run_module, recorder):
    offers = [available('+12065550101'), available('+12065550102', currency='EUR')]
    recorder.add(200, page(MEMBER)).add(200, {'availableNumbers': offers})
    result = run_module(main, dict(CONNECTION, max_monthly_cost=100, **POOL))
    assert result['failed'] is True and 'priced in USD and EUR' in result['msg'] and len(recorder.calls) == 2


def test_a_price_that_is_no_amount_fails_without_renting(run_module, recorder):
    recorder.add(200, page(MEMBER)).add(200, {'availableNumbers': [available('+12065550101', monthly='free'),
                                                                   available('+12065550102')]})
    result = run_module(main, dict(CONNECTION, max_monthly_cost=100, **POOL))
    assert result['failed'] is True and 'monthly price of +12065550101 is not an amount' in result['msg']
    assert len(recorder.calls) == 2


def test_check_mode_returns_the_specific_numbers_and_cost_without_writing(run_module, recorder):
    recorder.add(200, page(MEMBER)).add(200, {'availableNumbers': OFFERS})
    result = run_module(main, dict(CONNECTION, max_monthly_cost=4, **POOL), check_mode=True, diff=True)
    assert [method for method, _path in routes(recorder)] == ['GET', 'GET']
    assert result['changed'] is True
    assert [n['e164'] for n in result['rented']] == ['+12065550101', '+12065550103']
    assert result['rented'][0]['sms_configuration']['service_plan_id'] == PLAN
    assert result['monthly_cost'] == {'amount': 4.0, 'currency': 'USD'}
    assert result['msg'].startswith('Check mode: would have rented 2 number(s) (4.00 USD a month, setup 1.50 USD)')
    assert result['diff']['after']['pool']['numbers'] == ['+12025550102', '+12065550101', '+12065550103']


def test_a_lost_rent_answer_is_resolved_by_reading_the_number(run_module, recorder):
    recorder.add(200, page(MEMBER, PENDING)).add(200, {'availableNumbers': OFFERS[:1]})
    recorder.fail(requests.exceptions.ConnectionError('connection reset'))
    recorder.add(200, rented(OFFERS[0]))
    result = run_module(main, dict(CONNECTION, max_monthly_cost=2, **POOL))
    assert routes(recorder) == [('GET', '/activeNumbers'), ('GET', '/availableNumbers'),
                                ('POST', '/availableNumbers/%2B12065550101:rent'),
                                ('GET', '/activeNumbers/%2B12065550101')]
    assert result['changed'] is True and [n['e164'] for n in result['rented']] == ['+12065550101']
    assert any('The answer to the rent of +12065550101 was lost' in text and 'it was rented' in text
               for text in warnings(result))


def test_a_lost_rent_of_a_number_not_active_stops_without_renting_another(run_module, recorder):
    not_found = {'error': {'code': 404, 'message': 'not found', 'status': 'NOT_FOUND', 'details': []}}
    recorder.add(200, page(MEMBER)).add(200, {'availableNumbers': OFFERS})
    recorder.add(200, rented(OFFERS[0]))
    recorder.add(503, {'error': {'code': 503, 'message': 'busy', 'status': 'UNAVAILABLE', 'details': []}})
    recorder.add(404, not_found)
    result = run_module(main, dict(CONNECTION, max_monthly_cost=4, **POOL))
    assert [r for r in routes(recorder) if r[0] == 'POST'] == [('POST', '/availableNumbers/%2B12065550101:rent'),
                                                               ('POST', '/availableNumbers/%2B12065550103:rent')]
    assert routes(recorder)[-1] == ('GET', '/activeNumbers/%2B12065550103')
    assert result['failed'] is True and result['error']['uncertain'] is False
    assert '+12065550103 is not active in project proj-1 when read right after, so it was not rented' in result['msg']
    assert 'Nothing was sent again or in its place. Before this, the run rented 1 and released 0' in result['msg']
    assert [n['e164'] for n in result['rented']] == ['+12065550101']


def test_a_timed_out_rent_not_yet_active_is_uncertain(run_module, recorder):
    recorder.add(200, page(MEMBER, PENDING)).add(200, {'availableNumbers': OFFERS[:1]})
    recorder.fail(requests.exceptions.ReadTimeout('slow'))
    recorder.add(404, {'error': {'code': 404, 'message': 'not found', 'status': 'NOT_FOUND', 'details': []}})
    result = run_module(main, dict(CONNECTION, max_monthly_cost=2, **POOL))
    assert result['failed'] is True and result['error']['uncertain'] is True
    assert 'Sinch may still complete a rent that timed out' in result['msg']
    assert len([r for r in routes(recorder) if r[0] == 'POST']) == 1


def test_surplus_is_kept_unless_release_surplus_then_highest_first(run_module, recorder):
    members = [active('+1202555010%d' % digit, plan=PLAN) for digit in (2, 3, 4, 5)]
    recorder.add(200, page(*members))
    kept = run_module(main, dict(CONNECTION, **dict(POOL, count=2)))
    assert kept['changed'] is False and kept['pools'][0]['surplus'] == ['+12025550104', '+12025550105']
    assert '2 number(s) above count kept' in kept['msg']
    recorder.calls.clear()
    recorder.add(200, page(*members)).add(200, members[3]).add(200, members[2])
    released = run_module(main, dict(CONNECTION, release_surplus=True, **dict(POOL, count=2)))
    assert routes(recorder)[1:] == [('POST', '/activeNumbers/%2B12025550105:release'),
                                    ('POST', '/activeNumbers/%2B12025550104:release')]
    assert released['changed'] is True and released['pools'][0]['numbers'] == ['+12025550102', '+12025550103']
    assert [n['e164'] for n in released['released']] == ['+12025550105', '+12025550104']


def test_many_pools_share_one_listing_and_one_search(run_module, recorder):
    offers = [available('+1206555010%d' % digit) for digit in range(1, 6)]
    recorder.add(200, page(MEMBER)).add(200, {'availableNumbers': offers})
    for offer in offers[:4]:
        recorder.add(200, rented(offer))
    pools = [dict(POOL, count=2), dict(POOL, count=3, sms_service_plan_id='plan-b')]
    result = run_module(main, dict(CONNECTION, pools=pools, max_monthly_cost=8))
    sent = calls(recorder)
    assert [(m, p) for m, p, _q in sent[:2]] == [('GET', '/activeNumbers'), ('GET', '/availableNumbers')]
    assert sent[1][2]['size'] == ['4'] and len(sent) == 6
    assert recorder.json_body(2) == {'smsConfiguration': {'servicePlanId': PLAN}}
    assert recorder.json_body(3) == {'smsConfiguration': {'servicePlanId': 'plan-b'}}
    assert [p['rented'] for p in result['pools']] == [
        ['+12065550101'], ['+12065550102', '+12065550103', '+12065550104']]


def test_a_number_counts_for_the_first_pool_it_matches(run_module, recorder):
    both = active('+12025550106', capability=('SMS', 'VOICE'), plan=PLAN)
    recorder.add(200, page(both))
    pools = [dict(POOL, count=1), dict(POOL, capabilities=['SMS', 'VOICE'], count=0)]
    result = run_module(main, dict(CONNECTION, pools=pools))
    assert [p['numbers'] for p in result['pools']] == [['+12025550106'], []]


@pytest.mark.parametrize('changes, message', [
    (dict(capabilities=['MMS']), "capabilities: 'MMS' is not a capability; use SMS or VOICE (any case)."),
    (dict(region_code='USA'), "region_code: give the two-letter ISO 3166-1 country code, e.g. US or GB, not 'USA'."),
    (dict(count=-1), 'count: must be 0 or more, not -1.'),
    (dict(sms_campaign_id='C1', sms_service_plan_id=None, voice_app_id=APP, capabilities=['VOICE']),
     'sms_campaign_id: a campaign needs its SMS service plan; give sms_service_plan_id too.'),
    (dict(sms_service_plan_id=None), 'give the configuration that makes a number a member'),
    (dict(voice_app_id=APP), 'voice_app_id: only numbers with the VOICE capability can have it; add VOICE to '
                             'capabilities.'),
    (dict(number_pattern='12x'), "number_pattern: give digits, with a leading + when search_pattern is START"),
    (dict(max_monthly_cost=float('nan')), 'max_monthly_cost: NaN is no ceiling'),
    (dict(max_monthly_cost=-1), 'max_monthly_cost: must be 0 or more'),
])
def test_bad_input_is_refused_before_any_request(run_module, recorder, changes, message):
    result = run_module(main, dict(CONNECTION, **dict(POOL, **changes)))
    assert result['failed'] is True and message in result['msg']
    assert recorder.calls == []


@pytest.mark.parametrize('pools, message', [
    ([dict(POOL, colour='red')], 'pools[0]: unknown key(s) colour'),
    ([POOL, dict(POOL, count='many')], "pools[1].count: must be a whole number, not 'many'."),
    ([POOL, {'region_code': 'US'}], "pools[1].type: must be one of MOBILE, LOCAL, TOLL_FREE, not None."),
    ([dict(POOL, release_surplus='maybe')], "pools[0].release_surplus: must be true or false, not 'maybe'."),
    ([dict(POOL, type='landline')], "pools[0].type: must be one of MOBILE, LOCAL, TOLL_FREE, not 'landline'."),
])
def test_bad_pools_are_refused_naming_the_element(run_module, recorder, pools, message):
    result = run_module(main, dict(CONNECTION, pools=copy.deepcopy(pools), max_monthly_cost=1))
    assert result['failed'] is True and message in result['msg']
    assert recorder.calls == []


def test_no_pools_send_nothing(run_module, recorder):
    result = run_module(main, dict(CONNECTION, pools=[]))
    assert result['changed'] is False and recorder.calls == []
