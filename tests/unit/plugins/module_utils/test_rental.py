# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rental engine's plan and money rules, without HTTP (the modules' tests cover the requests)."""

from __future__ import annotations

import math

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchBadAnswer,
    SinchInputError,
    SinchPaymentRequired,
    SinchServerError,
    SinchTimeout,
)
from ansible_collections.sinch.numbers.plugins.module_utils._rental import (
    LegacyRental,
    Need,
    PurchasePlan,
    RentalResult,
    check_ceiling,
    purchase_plan,
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
