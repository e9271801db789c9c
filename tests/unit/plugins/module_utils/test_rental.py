# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rental engine: plans and money rules without HTTP; the Numbers API's one recovery path at the HTTP boundary."""

from __future__ import annotations

import math

import pytest
import requests

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchBadAnswer,
    SinchConnectionError,
    SinchForbidden,
    SinchInputError,
    SinchPaymentRequired,
    SinchServerError,
    SinchTimeout,
)
from ansible_collections.sinch.numbers.plugins.module_utils._numbers_api import NumbersApiClient
from ansible_collections.sinch.numbers.plugins.module_utils._options import OptionAdapter
from ansible_collections.sinch.numbers.plugins.module_utils._rental import (
    LegacyRental,
    Need,
    PurchasePlan,
    RentalResult,
    check_ceiling,
    active_monthly_cost,
    monthly_price,
    numbers_purchase_plan,
    purchase_plan,
    release_specific,
    rent_specific,
    validate_ceiling,
)


def group(group_id, amount=2.0, currency='USD', availability=10, capabilities=('voice', 'sms')):
    return {'group_id': group_id, 'country_id': 'US', 'city': 'SAN FRANCISCO', 'availability': availability,
            'capabilities': list(capabilities), 'cost': {'amount': amount, 'currency_id': currency}}


def record(number, group_id=13, capabilities=('voice',)):
    return {'number': number, 'e164': '+%d' % number, 'group_id': group_id, 'capabilities': list(capabilities)}


@pytest.mark.parametrize('value, expected', [(None, None), (0, 0.0), ('12.5', 12.5), (float('inf'), float('inf'))])
def test_usable_ceilings(value, expected):
    assert validate_ceiling(value) == expected


@pytest.mark.parametrize('value, message', [
    (float('nan'), 'NaN is no ceiling'), ('nan', 'NaN is no ceiling'), (-1, 'must be 0 or more'),
    (True, 'not True'), ('cheap', 'not \'cheap\''),
])
def test_unusable_ceilings(value, message):
    with pytest.raises(SinchInputError) as caught:
        validate_ceiling(value)
    assert str(caught.value).startswith('max_monthly_cost: ') and message in str(caught.value)


@pytest.mark.parametrize('ceiling', [None, float('nan'), -1, 3.99])
def test_check_ceiling_refuses(ceiling):
    with pytest.raises(SinchInputError):
        check_ceiling(ceiling, 4.0, 'USD', '2 number(s)')


@pytest.mark.parametrize('ceiling', [4, 4.0, float('inf')])
def test_check_ceiling_allows(ceiling):
    assert check_ceiling(ceiling, 4.0, 'USD', '2 number(s)') == ceiling


def test_nothing_to_rent_needs_no_ceiling():
    plan = purchase_plan([Need(13, ['voice'], 0)], [group(13)], '1', None)
    assert plan.needs == [] and plan.quantity == 0 and plan.monthly_cost == {'amount': 0.0, 'currency_id': None}


def test_plan_adds_up_groups():
    plan = purchase_plan([Need(13, ['voice'], 2), Need(14, ['sms'], 1)], [group(13), group(14, amount=1.5)], '1', 5.5)
    assert plan.monthly_cost == {'amount': 5.5, 'currency_id': 'USD'} and plan.quantity == 3
    assert plan.what == ('3 number(s): 2 of number group 13 (US, SAN FRANCISCO) at 2.00 USD a month each; 1 of number '
                         'group 14 (US, SAN FRANCISCO) at 1.50 USD a month each')


@pytest.mark.parametrize('ceiling, refused', [(100, True), (None, True), (float('inf'), False)])
def test_mixed_currencies(ceiling, refused):
    needs = [Need(13, ['voice'], 1), Need(14, ['voice'], 1)]
    groups = [group(13), group(14, currency='EUR')]
    if refused:
        with pytest.raises(SinchInputError):
            purchase_plan(needs, groups, '1', ceiling)
    else:
        assert math.isclose(purchase_plan(needs, groups, '1', ceiling).monthly_cost['amount'], 4.0)


def test_result_splits_ours_from_the_surplus():
    plan = PurchasePlan([Need(13, ['voice'], 2), Need(13, ['sms'], 1)], None, None)
    new = [record(5), record(3), record(4, capabilities=('sms',)), record(6, capabilities=('sms',)), record(9, group_id=7)]
    result = RentalResult(plan, new, new)
    assert [r['number'] for r in result.ours] == [3, 4, 5]
    assert [r['number'] for r in result.surplus] == [6, 9] and result.lagging == 0
    assert [r['number'] for r in result.usable()] == [5, 3, 4]


def test_result_counts_what_is_not_listed_yet():
    plan = PurchasePlan([Need(13, ['voice'], 3)], None, None)
    result = RentalResult(plan, [record(1)], [record(1)])
    assert result.lagging == 2 and result.surplus == []


class FakeShop:
    """Stands in for the legacy client: the reservation's reference, and a checkout that fails with ``error``."""

    def __init__(self, error):
        self.error = error
        self.checkouts = 0

    def reserve(self, group_id, quantity, capabilities):
        return 'ref-1'

    def checkout(self, references):
        self.checkouts += 1
        raise self.error


def unreadable_answer():
    error = SinchBadAnswer('the answer is not JSON', status=200, operation='check out reservation ref-1')
    error.uncertain = True
    return error


@pytest.mark.parametrize('error, uncertain', [
    (unreadable_answer(), True),
    (SinchServerError('oops', status=500), True),
    (SinchTimeout('no answer within 30 seconds'), True),
    (SinchPaymentRequired('Insufficient funds', status=402, code=40200), False),
])
def test_a_checkout_whose_outcome_is_unknown_is_resolved_by_reading(error, uncertain):
    shop = FakeShop(error)
    reads = []
    rental = LegacyRental(shop, lambda: reads.append(1) or [record(1)])
    plan = purchase_plan([Need(13, ['voice'], 1)], [group(13)], '1', 2)
    with pytest.raises(type(error)) as caught:
        rental.rent(plan, [record(1)])
    assert shop.checkouts == 1, 'never sent twice'
    assert caught.value.uncertain is uncertain
    assert ('is UNCERTAIN' in str(caught.value)) is uncertain
    assert len(reads) == (1 if uncertain else 0)
    assert 'nothing was bought' not in str(caught.value)


# The Numbers API: the cost of specific numbers, and one recovery path for a lost :rent / :release answer ---------------

NUMBERS = OptionAdapter.from_dict(dict(project_id='proj-1', key_id='key-1', key_secret='s', auth_method='basic',
                                       numbers_api_url='https://numbers.example'))
E164 = '+12065550101'
NOT_FOUND = {'error': {'code': 404, 'message': 'ActiveNumber not found', 'status': 'NOT_FOUND', 'details': []}}
BUSY = {'error': {'code': 503, 'message': 'busy', 'status': 'UNAVAILABLE', 'details': []}}
DENIED = {'error': {'code': 403, 'message': 'denied', 'status': 'PERMISSION_DENIED', 'details': []}}
ACTIVE = {'phoneNumber': E164, 'projectId': 'proj-1', 'regionCode': 'US', 'type': 'LOCAL', 'capability': ['SMS']}


def offer(e164=E164, amount='2.00', months=1, currency='USD', setup='0.50'):
    return {'phoneNumber': e164, 'monthlyPrice': {'currencyCode': currency, 'amount': amount},
            'setupPrice': {'currencyCode': currency, 'amount': setup}, 'paymentIntervalMonths': months}


def test_the_monthly_figure_is_the_amount_string_over_the_payment_interval():
    assert monthly_price(offer(amount='6.00', months=3)) == (2.0, 0.5, 'USD')
    plan = numbers_purchase_plan([('pools[0]', offer()), ('pools[0]', offer('+12065550102', amount='1.00'))], 3)
    assert (plan.monthly, plan.setup, plan.currency) == (3.0, 1.0, 'USD')
    assert plan.describe() == '2 number(s) (+12065550101, +12065550102 for pools[0]; setup 1.00 USD once)'


def test_an_active_number_costs_its_money_over_its_interval():
    assert active_monthly_cost({'money': {'currencyCode': 'USD', 'amount': '6.00'}, 'paymentIntervalMonths': 3}) == 2.0
    assert active_monthly_cost({'money': None}) == 0.0


@pytest.mark.parametrize('price, problem', [({'amount': 'two'}, 'monthly price'), (None, 'monthly price'),
                                            ({'amount': 'NaN'}, 'monthly price')])
def test_a_price_that_is_no_amount_is_a_bad_answer(price, problem):
    with pytest.raises(SinchBadAnswer, match=problem):
        monthly_price(dict(offer(), monthlyPrice=price))


@pytest.mark.parametrize('ceiling, words', [(None, 'nothing is rented without a ceiling'), (2.99, 'more than max_monthly_cost'),
                                            (100, 'one ceiling cannot cover several currencies')])
def test_the_numbers_plan_keeps_the_money_rule(ceiling, words):
    picks = [(None, offer()), (None, offer('+12065550102', currency='EUR' if ceiling == 100 else 'USD'))]
    with pytest.raises(SinchInputError, match=words):
        numbers_purchase_plan(picks, ceiling)
    assert numbers_purchase_plan(picks, float('inf')).monthly == 4.0


def _posts(recorder):
    return [call.url for call in recorder.calls if call.method == 'POST']


@pytest.mark.parametrize('lost', [requests.exceptions.ConnectionError('reset by peer'), (503, BUSY),
                                  (200, dict(ACTIVE, phoneNumber='+19995550000')), (200, b'<html>')],
                         ids=['connection', '503', 'another-number', 'not-json'])
def test_a_lost_rent_answer_is_resolved_by_reading_the_number_never_by_renting_again(transport, recorder, lost):
    if isinstance(lost, Exception):
        recorder.fail(lost)
    else:
        recorder.add(*lost)
    recorder.add(200, ACTIVE)
    warned = []
    raw = rent_specific(NumbersApiClient(NUMBERS, transport), E164, {'smsConfiguration': {'servicePlanId': 'P'}},
                        warned.append)
    assert raw == ACTIVE and len(_posts(recorder)) == 1
    assert [call.method for call in recorder.calls] == ['POST', 'GET'] and recorder.calls[1].url.endswith('%2B12065550101')
    assert len(warned) == 1 and warned[0].startswith('The answer to the rent of %s was lost (' % E164)
    assert warned[0].endswith('but reading the number shows it is active in project proj-1: it was rented.')


def test_a_lost_rent_of_a_number_not_active_fails_saying_rerunning_is_safe(transport, recorder):
    recorder.add(503, BUSY).add(404, NOT_FOUND)
    with pytest.raises(SinchServerError) as caught:
        rent_specific(NumbersApiClient(NUMBERS, transport), E164, {}, [].append)
    assert caught.value.uncertain is False and len(_posts(recorder)) == 1
    assert str(caught.value).endswith('%s is not active in project proj-1 when read right after, so it was not rented; '
                                      're-running the task is safe.' % E164)


def test_a_timed_out_rent_not_yet_active_is_uncertain(transport, recorder):
    recorder.fail(requests.exceptions.ReadTimeout('slow')).add(404, NOT_FOUND)
    with pytest.raises(SinchTimeout) as caught:
        rent_specific(NumbersApiClient(NUMBERS, transport), E164, {}, [].append)
    assert caught.value.uncertain is True and len(_posts(recorder)) == 1 and 'safe' not in str(caught.value)
    assert 'when read right after, but Sinch may still complete a rent that timed out' in str(caught.value)


def test_a_lost_release_answer_is_resolved_by_reading(transport, recorder):
    warned = []
    recorder.fail(requests.exceptions.ConnectionError('reset')).add(404, NOT_FOUND)
    assert release_specific(NumbersApiClient(NUMBERS, transport), E164, warned.append) is None
    assert len(_posts(recorder)) == 1 and 'is no longer in project proj-1: it was released' in warned[0]
    recorder.add(503, BUSY).add(200, ACTIVE)
    with pytest.raises(SinchServerError) as caught:
        release_specific(NumbersApiClient(NUMBERS, transport), E164, warned.append)
    assert len(_posts(recorder)) == 2 and caught.value.uncertain is False
    assert 'is still active in project proj-1 when read right after, so it was not released' in str(caught.value)


def test_a_lost_answer_whose_number_cannot_be_read_is_uncertain(transport, recorder):
    recorder.fail(requests.exceptions.ConnectionError('reset')).add(403, DENIED)
    with pytest.raises(SinchConnectionError) as caught:
        release_specific(NumbersApiClient(NUMBERS, transport), E164, [].append)
    assert caught.value.uncertain is True and len(_posts(recorder)) == 1
    assert 'Reading %s afterwards failed too' % E164 in str(caught.value) and 'whether it was released is unknown' in str(
        caught.value)


def test_a_refused_rent_is_not_a_lost_answer(transport, recorder):
    recorder.add(403, DENIED)
    with pytest.raises(SinchForbidden):
        rent_specific(NumbersApiClient(NUMBERS, transport), E164, {}, [].append)
    assert [call.method for call in recorder.calls] == ['POST']
