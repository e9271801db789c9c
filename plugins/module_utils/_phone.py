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

try:
    import phonenumbers
except ImportError:  # pragma: no cover - reported by _module (missing_required_lib) before any number is read
    phonenumbers = None
    HAS_PHONENUMBERS = False
    import traceback
    PHONENUMBERS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_PHONENUMBERS = True
    PHONENUMBERS_IMPORT_ERROR = None

# The accepted written forms (PRODUCT.md, "Money rules"): "+" then the number with optional spaces, dashes, dots or
# parentheses; or digits only, read as international (the legacy API's form). Anything else is refused, not guessed.
_PLUS_FORM = re.compile(r'^\+[0-9][0-9 ().-]*$')
_DIGITS_ONLY = re.compile(r'^[0-9]+$')
# How a YAML float looks once Ansible made text of it (14150005550.0, 1.415e+10).
_FLOAT_TEXT = re.compile(r'^[+-]?[0-9]*\.[0-9]*(e[+-]?[0-9]+)?$|^[+-]?[0-9.]+e[+-]?[0-9]+$', re.IGNORECASE)
_EXAMPLES = 'e.g. +14150005550, "+1 (415) 000-5550", 14150005550 or the integer 14150005550'


def _refuse(option, value, why):
    return SinchInputError('%s: %r is not a phone number in E.164 form: %s. Give "+" and the country code, %s.'
                           % (option, value, why, _EXAMPLES))


def _written_form(value, option):
    """The text to parse, ``+`` first, or an error saying what is wrong with the form (no guessing)."""
    if value is None or isinstance(value, bool):
        raise _refuse(option, value, 'give a number')
    if isinstance(value, float):
        raise _refuse(option, value, 'a float loses digits and reads as another number; quote the number in YAML')
    if isinstance(value, int):
        if value <= 0:
            raise _refuse(option, value, 'a phone number is a positive whole number')
        return '+%d' % value
    if not isinstance(value, str):
        raise _refuse(option, value, 'give the number as text or an integer, not a %s' % type(value).__name__)
    text = value.strip()
    if _PLUS_FORM.match(text):
        return text
    if _DIGITS_ONLY.match(text):
        if text.startswith('0'):
            raise _refuse(option, value, 'digits only are read as international, and no country code begins with 0 '
                                         '(write +41... instead of 0041..., and add the country code to a national number)')
        return '+' + text
    if _FLOAT_TEXT.match(text):
        raise _refuse(option, value, 'it reads as a float (YAML made a number with a decimal point of it, which loses '
                                     'digits); quote the number in YAML')
    if any(char.isalpha() for char in text):
        raise _refuse(option, value, 'letters are not accepted')
    if not text:
        raise _refuse(option, value, 'it is empty')
    raise _refuse(option, value, 'without a leading "+" only digits are accepted, since a national form such as '
                                 '(415) 000-5550 has no country code')


def to_e164(value, option='phone_number'):
    """``+14150005550`` from ``+14150005550``, ``"+1 (415) 000-5550"``, ``14150005550`` or the integer.

    The number is parsed with the ``phonenumbers`` library (Google's libphonenumber metadata) and must be possible
    for its country (``phonenumbers.is_possible_number``, local-only lengths excluded). Any other form (``(415) 000-5550``, ``0041...``, a float
    such as ``14150005550.0``, letters) raises :class:`SinchInputError` naming ``option``, before any request.
    """
    text = _written_form(value, option)
    if phonenumbers is None:
        raise SinchInputError('%s: the Python library phonenumbers is required to read phone numbers; install it on '
                              'the controller (pip install phonenumbers).' % option)
    try:
        parsed = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException as error:
        if error.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            why = 'it does not begin with a country calling code'
        else:
            why = str(error).split(') ', 1)[-1].rstrip('.').lower() or 'it cannot be read'
        raise _refuse(option, value, why) from None
    # is_possible_number, minus numbers only dialable locally: without their area code they are no E.164 number.
    if phonenumbers.is_possible_number_with_reason(parsed) != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise _refuse(option, value, 'no number of country code +%d has that many digits (it cannot exist)'
                      % parsed.country_code)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


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
