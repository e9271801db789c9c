# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: phone number normalisation and the shape of returned records.

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

import functools
import math
import re

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchInputError

# E.164: up to 15 digits, country code first (never 0). Fewer than 8 digits is no dialable number.
_E164_DIGITS = re.compile(r'^[1-9][0-9]{7,14}$')
_SEPARATORS = re.compile(r'[\s().-]')


def to_e164(value, option='phone_number'):
    """``+14150005550`` from ``+14150005550``, ``14150005550``, ``"+1 415-000-5550"`` or the integer.

    Raises :class:`SinchInputError` naming ``option`` when the value is no E.164 number.
    """
    if isinstance(value, bool):
        raise SinchInputError('%s: %r is not a phone number; give it in E.164 form, e.g. +14150005550' % (option, value))
    text = str(value).strip() if value is not None else ''
    digits = _SEPARATORS.sub('', text)
    if digits.startswith('+'):
        digits = digits[1:]
    elif digits.startswith('00'):
        digits = digits[2:]
    if not _E164_DIGITS.match(digits):
        raise SinchInputError(
            '%s: %r is not a phone number in E.164 form; give the country code and number, '
            'e.g. +14150005550, 14150005550 or the integer 14150005550' % (option, value)
        )
    return '+' + digits


def to_legacy(value, option='numbers'):
    """The legacy API's form of a number: the integer 14150005550."""
    return int(to_e164(value, option)[1:])


@functools.lru_cache(maxsize=512)
def _snake_key(key):
    # The API uses a few dozen keys: convert each once (camel_dict_to_snake_dict's regexes per key made
    # 10,000 numbers take seconds), exactly as camel_dict_to_snake_dict would.
    return next(iter(camel_dict_to_snake_dict({key: None})))


def snake(record):
    """A record from the API in snake_case (nested dicts and lists included)."""
    if isinstance(record, list):
        return [snake(item) for item in record]
    if isinstance(record, dict):
        return dict((_snake_key(key), snake(value)) for key, value in record.items())
    return record


def _monthly_cost(amount, currency, interval_months=1):
    """``{amount: float, currency: str}`` per month, or None when the record has no price that reads as a number.

    The Numbers API gives ``money.amount`` as a string charged every ``paymentIntervalMonths`` (sinch-api
    modern-apis.md B.3); the legacy API a float ``cost.amount`` per month (Number Administration, ``Money``).
    """
    if isinstance(amount, bool):
        return None
    try:
        value = float(amount)
        months = 1 if interval_months is None else int(interval_months)
    except (TypeError, ValueError):
        return None
    if math.isnan(value) or math.isinf(value) or months < 1:  # no price, or an interval that is no interval
        return None
    return {'amount': round(value / months, 4), 'currency': currency or ''}


def _lower_list(values):
    return [str(value).lower() for value in values or ()]


def legacy_number_record(raw):
    """A legacy Number in snake_case, with ``e164``; ``number`` stays the API's integer.

    The keys both APIs share (PRODUCT.md "one shape for both APIs"): ``sinch_api`` (``portal``),
    ``capabilities`` (lower case) and ``monthly_cost``.
    """
    record = snake(raw)
    record['e164'] = to_e164(raw.get('number'), 'number')
    record.setdefault('application_key', None)
    record['sinch_api'] = 'portal'
    record['capabilities'] = _lower_list(raw.get('capabilities'))
    cost = raw.get('cost') or {}
    record['monthly_cost'] = _monthly_cost(cost.get('amount'), cost.get('currencyId'))
    return record


def active_number_record(raw):
    """A Numbers API number (active or available) in snake_case, with ``e164`` (equal to its ``phone_number``).

    Also the keys both APIs share: ``sinch_api`` (``numbers_api``), ``capabilities`` (the API's ``capability``
    in lower case) and ``monthly_cost`` (``money``, or an available number's ``monthlyPrice``, divided by
    ``paymentIntervalMonths``, 1 when absent).
    """
    record = snake(raw)
    record['e164'] = to_e164(raw.get('phoneNumber'), 'phone_number')
    record['sinch_api'] = 'numbers_api'
    record['capabilities'] = _lower_list(raw.get('capability'))
    money = raw.get('money') or raw.get('monthlyPrice') or {}
    record['monthly_cost'] = _monthly_cost(money.get('amount'), money.get('currencyCode'), raw.get('paymentIntervalMonths'))
    return record
