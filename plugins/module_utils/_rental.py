# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the money rules every module and role that can rent follows.

Only this collection may import this file; it is not a public API.

- Nothing is rented without a ceiling the task states: ``max_monthly_cost`` (``.inf`` in YAML says "no ceiling"
  on purpose; NaN and negative numbers are refused). Checked before any reservation or rental, in check mode too.
- The message of a refusal says what the run would rent and what it would cost.
"""

from __future__ import annotations

import math

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchInputError

OPTION = 'max_monthly_cost'


def validate_ceiling(value, option=OPTION):
    """Refuse an unusable ceiling (NaN, negative, not a number) before any request; None (not given) is allowed here.

    Whether a ceiling is *required* is decided by :func:`check_ceiling`, once the run knows it would rent.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise SinchInputError('%s: give an amount of money a month (a number), not %r.' % (option, value))
    try:
        amount = float(value)
    except (TypeError, ValueError):
        raise SinchInputError('%s: give an amount of money a month (a number, or .inf for no ceiling), not %r.'
                              % (option, value)) from None
    if math.isnan(amount):
        raise SinchInputError('%s: NaN is no ceiling (every comparison with it is false); give an amount, or .inf to '
                              'rent without a ceiling on purpose.' % option)
    if amount < 0:
        raise SinchInputError('%s: must be 0 or more (an amount a month), not %s.' % (option, value))
    return amount


def money_text(amount, currency=None):
    """``12.50 USD`` for messages."""
    return ('%.2f %s' % (amount, currency or '')).strip()


def check_ceiling(max_monthly_cost, amount, currency, what, option=OPTION):
    """Allow a rental costing ``amount`` (``currency``) a month only under the stated ceiling.

    ``what`` says what would be rented (``"3 number(s) of number group 13 (US, SAN FRANCISCO)"``). Raises
    :class:`SinchInputError` when no ceiling was given (the rule: none without one) or the cost is above it.
    Call it before the first write, and in check mode too.
    """
    ceiling = validate_ceiling(max_monthly_cost, option)
    cost = money_text(amount, currency)
    if ceiling is None:
        raise SinchInputError(
            '%s: this run would rent %s for %s a month, and nothing is rented without a ceiling. Give %s (at least %s; '
            '.inf rents without a ceiling on purpose). Nothing was reserved or rented.'
            % (option, what, cost, option, '%.2f' % amount))
    if amount > ceiling + 1e-9:
        raise SinchInputError(
            '%s: renting %s would add %s a month, more than %s %s. Nothing was reserved or rented. Raise %s, or rent '
            'less.' % (option, what, cost, option, '%.2f' % ceiling if not math.isinf(ceiling) else ceiling, option))
    return ceiling
