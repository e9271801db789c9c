# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: pools of active numbers (``sinch_active_number_pool``, the ``project_numbers`` role).

Only this collection may import this file; it is not a public API.

A pool is a region, a type, capabilities, optionally a number pattern, and a configuration (an SMS service plan,
with or without a campaign, and/or a Voice application). Its members are the project's active numbers of that
region and type that have at least those capabilities, match the pattern and carry that configuration; a
provisioning still ``WAITING`` or ``IN_PROGRESS`` counts as its target (``modern-apis.md`` B.4, B.5), as in
``sinch_active_number``. A number is a member of the first pool it matches only, so pools never share one.

One run, for every pool at once, in this order:

1. Every pool and the ceiling are checked; no request is sent before.
2. The active numbers are listed once per region and type (B.8; no capability filter, so pools of the same region
   and type share the listing).
3. Each search with a shortfall (region, type, capabilities, pattern) asks once for available numbers (B.9), with
   ``size`` the pools' shortfall plus the numbers earlier searches of that region and type already picked (a search
   may answer them again).
4. ``_rental.numbers_purchase_plan`` adds up what the picked numbers cost: ``monthlyPrice.amount`` is a
   string (B.3, B.9) for ``paymentIntervalMonths`` months. Too few numbers fail; the money rule (``_rental.check_ceiling``)
   applies. All of this before the first write, in check mode too.
5. ``_rental.rent_specific`` rents each number with ``:rent`` and the pool's configuration in the body (B.7). A lost
   answer is resolved by reading that number (``_rental.recover_lost_answer``; SKILLS: re-read state before
   retrying a billable call, B.7), never by renting another in its place.
6. With ``release_surplus``, members above ``count`` are released (B.6 ``:release``), the highest number first;
   the lowest ``count`` numbers are kept.
"""

from __future__ import annotations

import re

from ansible.module_utils.common.validation import check_type_bool, check_type_int, check_type_list

from ansible_collections.sinch.numbers.plugins.module_utils._active_number import (
    RTC,
    _rented,
    capabilities as checked_capabilities,
    configuration,
    failure_text,
    rent_body,
)
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchBadAnswer, SinchError, SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._outcome import Outcome
from ansible_collections.sinch.numbers.plugins.module_utils._phone import active_number_record
from ansible_collections.sinch.numbers.plugins.module_utils._rental import (
    active_monthly_cost,
    money_text,
    numbers_purchase_plan,
    release_specific,
    rent_specific,
    validate_ceiling,
)

TYPES = ('MOBILE', 'LOCAL', 'TOLL_FREE')
SEARCH_PATTERNS = ('START', 'CONTAINS', 'END')
CONFIGURATION = ('sms_service_plan_id', 'sms_campaign_id', 'voice_app_id')
POOL_KEYS = ('region_code', 'type', 'capabilities', 'count', 'number_pattern', 'search_pattern') + CONFIGURATION + (
    'release_surplus',)
OPTION = 'pools'
_REGION = re.compile(r'^[A-Z]{2}$')
_PATTERN = re.compile(r'^\+?[0-9]+$')


# Input -------------------------------------------------------------------------------------


class Pool:
    """One validated pool; ``label`` names it in messages (``pools[3]``, or ``''`` for the module's own options)."""

    def __init__(self, label, values):
        self.label = label
        self.region_code = values['region_code']
        self.type = values['type']
        self.capabilities = values['capabilities']
        self.count = values['count']
        self.number_pattern = values['number_pattern']
        self.search_pattern = values['search_pattern']
        self.configuration = dict((option, values[option]) for option in CONFIGURATION if values[option] is not None)
        self.release_surplus = values['release_surplus']

    def where(self, key=None):
        """The option a message names: ``pools[3].count``, or ``count`` for the module's own options."""
        return '.'.join(part for part in (self.label, key) if part)

    @property
    def name(self):
        """``US LOCAL SMS numbers with sms_service_plan_id P`` (messages and the diff)."""
        pattern = ' matching %s (%s)' % (self.number_pattern, self.search_pattern or 'CONTAINS') if self.number_pattern else ''
        wanted = ', '.join('%s %s' % item for item in sorted(self.configuration.items()))
        return '%s %s %s numbers%s with %s' % (self.region_code, self.type, '+'.join(self.capabilities), pattern, wanted)

    @property
    def search_key(self):
        return (self.region_code, self.type, tuple(self.capabilities), self.number_pattern, self.search_pattern)

    def api_pattern(self):
        """The pattern as the API wants it: with ``START`` it includes the ``+`` (B.10)."""
        if self.number_pattern and self.search_pattern == 'START' and not self.number_pattern.startswith('+'):
            return '+' + self.number_pattern
        return self.number_pattern

    def matches(self, raw):
        """Whether active number ``raw`` is a member: region, type, capabilities, pattern and configuration."""
        if raw.get('regionCode') != self.region_code or raw.get('type') != self.type:
            return False
        if not set(self.capabilities) <= set(raw.get('capability') or []):
            return False
        if self.number_pattern and not _pattern_matches(raw['phoneNumber'], self.number_pattern, self.search_pattern):
            return False
        current = configuration(raw)
        if any(current[option] != value for option, value in self.configuration.items()):
            return False
        # An app id is an RTC setting: a number routed to FAX or EST is no member of a pool for that app.
        return not self.configuration.get('voice_app_id') or current['voice_type'] in (RTC, '')

    def offers(self, available):
        """Whether available number ``available`` fits the pool (an answer that ignored a filter is not trusted)."""
        return (available.get('regionCode') in (None, self.region_code) and available.get('type') in (None, self.type)
                and set(self.capabilities) <= set(available.get('capability') or [])
                and (not self.number_pattern
                     or _pattern_matches(available['phoneNumber'], self.number_pattern, self.search_pattern)))


def _pattern_matches(phone_number, pattern, search_pattern):
    digits, wanted = phone_number.lstrip('+'), pattern.lstrip('+')
    if search_pattern == 'START':
        return digits.startswith(wanted)
    if search_pattern == 'END':
        return digits.endswith(wanted)
    # Unset: Sinch decides; any match it can make (start, end) is also a CONTAINS match.
    return wanted in digits


def _convert(value, where, check, what):
    if isinstance(value, bool) and check is not check_type_bool:
        raise SinchInputError('%s: must be %s, not %r.' % (where, what, value))
    try:
        return check(value)
    except (TypeError, ValueError):
        raise SinchInputError('%s: must be %s, not %r.' % (where, what, value)) from None


def _text(value, where):
    """A non-empty id or pattern, or None when not given; a dict, list or ``''`` is refused."""
    if value is None:
        return None
    if isinstance(value, (dict, list, bool)) or not str(value).strip():
        raise SinchInputError('%s: give a non-empty string (or leave it out), not %r.' % (where, value))
    return str(value).strip()


def parse_pool(values, label=''):
    """Validate one pool (a dict with the keys of :data:`POOL_KEYS`) before any request; a :class:`Pool`."""
    def where(key):
        return '.'.join(part for part in (label, key) if part)

    if not isinstance(values, dict):
        raise SinchInputError('%s: must be a dictionary with region_code, type, capabilities, count and a '
                              'configuration, not %r.' % (label or OPTION, values))
    unknown = sorted(str(key) for key in values if key not in POOL_KEYS)
    if unknown:
        raise SinchInputError('%s: unknown key(s) %s; a pool has %s.' % (label or OPTION, ', '.join(unknown),
                                                                         ', '.join(POOL_KEYS)))
    checked = dict((key, values.get(key)) for key in POOL_KEYS)
    region = _text(checked['region_code'], where('region_code'))
    if region is None or not _REGION.match(region.upper()):
        raise SinchInputError('%s: give the two-letter ISO 3166-1 country code, e.g. US or GB, not %r.'
                              % (where('region_code'), checked['region_code']))
    checked['region_code'] = region.upper()
    number_type = _text(checked['type'], where('type'))
    if number_type is None or number_type.upper() not in TYPES:
        raise SinchInputError('%s: must be one of %s, not %r.' % (where('type'), ', '.join(TYPES), checked['type']))
    checked['type'] = number_type.upper()
    if checked['capabilities'] is None:
        raise SinchInputError('%s: missing; give SMS and/or VOICE.' % where('capabilities'))
    names = _convert(checked['capabilities'], where('capabilities'), check_type_list, 'a list of SMS and/or VOICE')
    checked['capabilities'] = checked_capabilities(names, where('capabilities'))
    if not checked['capabilities']:
        raise SinchInputError('%s: give SMS and/or VOICE.' % where('capabilities'))
    if checked['count'] is None:
        raise SinchInputError('%s: missing; give how many numbers the pool holds at least.' % where('count'))
    checked['count'] = _convert(checked['count'], where('count'), check_type_int, 'a whole number')
    if checked['count'] < 0:
        raise SinchInputError('%s: must be 0 or more, not %d.' % (where('count'), checked['count']))
    checked['number_pattern'] = _text(checked['number_pattern'], where('number_pattern'))
    if checked['number_pattern'] is not None and not _PATTERN.match(checked['number_pattern']):
        raise SinchInputError('%s: give digits, with a leading + when search_pattern is START (+1206), not %r.'
                              % (where('number_pattern'), checked['number_pattern']))
    search_pattern = _text(checked['search_pattern'], where('search_pattern'))
    if search_pattern is not None and search_pattern.upper() not in SEARCH_PATTERNS:
        raise SinchInputError('%s: must be one of %s, not %r.' % (where('search_pattern'), ', '.join(SEARCH_PATTERNS),
                                                                  search_pattern))
    if search_pattern is not None and checked['number_pattern'] is None:
        raise SinchInputError('%s: needs number_pattern (the digits to look for).' % where('search_pattern'))
    checked['search_pattern'] = search_pattern.upper() if search_pattern else None
    for option in CONFIGURATION:
        checked[option] = _text(checked[option], where(option))
    _check_configuration(checked, where)
    release = checked['release_surplus']
    checked['release_surplus'] = False if release is None else _convert(release, where('release_surplus'),
                                                                        check_type_bool, 'true or false')
    return Pool(label, checked)


def _check_configuration(checked, where):
    if not any(checked[option] for option in CONFIGURATION):
        raise SinchInputError('%sgive the configuration that makes a number a member: sms_service_plan_id (with '
                              'sms_campaign_id for US 10DLC) and/or voice_app_id.' % (where(None) + ': ' if where(None) else ''))
    if checked['sms_campaign_id'] and not checked['sms_service_plan_id']:
        raise SinchInputError('%s: a campaign needs its SMS service plan; give sms_service_plan_id too.'
                              % where('sms_campaign_id'))
    for option, needed in (('sms_service_plan_id', 'SMS'), ('voice_app_id', 'VOICE')):
        if checked[option] and needed not in checked['capabilities']:
            raise SinchInputError('%s: only numbers with the %s capability can have it; add %s to %s.'
                                  % (where(option), needed, needed, where('capabilities')))


def parse_pools(values, max_monthly_cost=None):
    """Validate ``pools`` (and the ceiling, when given) before any request; a list of :class:`Pool`."""
    validate_ceiling(max_monthly_cost)
    if not isinstance(values, list):
        raise SinchInputError('%s: give a list of pools (dictionaries), not %r.' % (OPTION, values))
    return [parse_pool(value, '%s[%d]' % (OPTION, index)) for index, value in enumerate(values)]


# The run --------------------------------------------------------------------------------------


class PoolState:
    """What one pool holds and needs: ``members`` (active numbers, lowest first), ``picked`` (available numbers)."""

    def __init__(self, pool, members):
        self.pool = pool
        self.members = members
        self.missing = max(0, pool.count - len(members))
        self.surplus = members[pool.count:]
        self.picked = []
        self.rented = []
        self.released = []


class PoolRun:
    """All pools in one run; ``run()`` returns an :class:`Outcome` or raises a ``SinchError``."""

    def __init__(self, client, pools, max_monthly_cost, check_mode=False, single=False):
        self.client = client
        self.pools = pools
        self.max_monthly_cost = max_monthly_cost
        self.check_mode = check_mode
        self.single = single
        self.warnings = []
        self.active = set()

    def warn(self, text):
        self.warnings.append(text)

    def run(self):
        states = self._members(self._listing())
        self._search(states)
        plan = numbers_purchase_plan([(state.pool.where() or 'the pool', available)
                                      for state in states for available in state.picked], self.max_monthly_cost)
        for state in states:
            for raw in state.members:
                self.warnings.extend('%s: %s. Fix the cause in Sinch; sinch.numbers.sinch_active_number provisions it '
                                     'again.' % (raw.get('phoneNumber'), text) for text in failure_text(raw))
            for available in state.picked:
                if available.get('supportingDocumentationRequired'):
                    self.warn('%s needs supporting documentation before Sinch completes the rental: provide it in '
                              'the Sinch dashboard.' % available['phoneNumber'])
        if self.check_mode:
            self._predict(states)
        else:
            self._write(states)
        return self._outcome(states, plan)

    # reads -----------------------------------------------------------------------------------

    def _listing(self):
        """The project's active numbers per (region, type) of the pools: one listing each (B.8)."""
        listing = {}
        for key in dict.fromkeys((pool.region_code, pool.type) for pool in self.pools):
            numbers = []
            for raw in self.client.iter_active_numbers(region_code=key[0], number_type=key[1]):
                if not isinstance(raw, dict) or not isinstance(raw.get('phoneNumber'), str):
                    raise SinchBadAnswer('an active number is not an object with a phoneNumber: %.100r' % (raw,),
                                         operation='list active numbers')
                numbers.append(raw)
            listing[key] = numbers
        return listing

    def _members(self, listing):
        claimed = set()
        states = []
        for pool in self.pools:
            members = sorted((raw for raw in listing[(pool.region_code, pool.type)]
                              if raw['phoneNumber'] not in claimed and pool.matches(raw)),
                             key=lambda raw: raw['phoneNumber'])
            claimed.update(raw['phoneNumber'] for raw in members)
            states.append(PoolState(pool, members))
        self.active = set(raw['phoneNumber'] for numbers in listing.values() for raw in numbers)
        return states

    def _search(self, states):
        """One search per (region, type, capabilities, pattern) with a shortfall; fail before any write when short."""
        searches = {}
        for state in states:
            if state.missing:
                searches.setdefault(state.pool.search_key, []).append(state)
        picked = set()
        short = []
        for wanting in searches.values():
            pool = wanting[0].pool
            same_kind = sum(1 for number in picked if number[0] == (pool.region_code, pool.type))
            found = self.client.list_available_numbers(
                pool.region_code, pool.type, capabilities=pool.capabilities, pattern=pool.api_pattern(),
                search_pattern=pool.search_pattern, size=sum(state.missing for state in wanting) + same_kind)
            if not isinstance(found, list):
                raise SinchBadAnswer('availableNumbers is not a list: %.100r' % (found,), operation='search available numbers')
            offers = [available for available in found if isinstance(available, dict)
                      and isinstance(available.get('phoneNumber'), str) and pool.offers(available)
                      and ((pool.region_code, pool.type), available['phoneNumber']) not in picked
                      and available['phoneNumber'] not in self.active]
            for state in wanting:
                state.picked, offers = offers[:state.missing], offers[state.missing:]
                picked.update(((pool.region_code, pool.type), available['phoneNumber']) for available in state.picked)
                if len(state.picked) < state.missing:
                    short.append(state)
        if short:
            raise SinchInputError(
                'Not enough numbers available to rent: %s. Lower count, drop or widen number_pattern/search_pattern, '
                'or ask for other capabilities, type or region_code. Nothing was rented.' % '; '.join(
                    '%s lacks %d of %s but only %d can be rented' % (
                        state.pool.where() or 'the pool', state.missing, state.pool.name, len(state.picked))
                    for state in short))

    # writes ----------------------------------------------------------------------------------

    def _write(self, states):
        try:
            for state in states:
                body = rent_body(state.pool.configuration)
                for available in state.picked:
                    state.rented.append(rent_specific(self.client, available['phoneNumber'], body, self.warn))
            for state in states:
                if state.pool.release_surplus:
                    for raw in reversed(state.surplus):
                        release_specific(self.client, raw['phoneNumber'], self.warn)
                        state.released.append(raw)
        except SinchError as error:
            rented = [active_number_record(raw) for state in states for raw in state.rented]
            released = [active_number_record(raw) for state in states for raw in state.released]
            if not error.uncertain:
                error.add_context('Nothing was sent again or in its place. Before this, the run rented %d and released '
                                  '%d number(s) (see rented, released); re-running reads the numbers again first'
                                  % (len(rented), len(released)))
            raise error.with_partial_result(dict(rented=rented, released=released))

    def _predict(self, states):
        for state in states:
            state.rented = [_rented(available, self.client.project_id, state.pool.configuration)
                            for available in state.picked]
            if state.pool.release_surplus:
                state.released = list(reversed(state.surplus))
        if any(state.released for state in states):
            self.warn('Check mode: %s would be released. Releasing gives a number up for good: it cannot be taken '
                      'back.' % ', '.join(raw['phoneNumber'] for state in states for raw in state.released))

    # the result ------------------------------------------------------------------------------

    def _outcome(self, states, plan):
        pools, view_before, view_after, numbers = [], [], [], []
        for state in states:
            gone = set(raw['phoneNumber'] for raw in state.released)
            after = sorted([raw for raw in state.members if raw['phoneNumber'] not in gone] + state.rented,
                           key=lambda raw: raw['phoneNumber'])
            numbers.extend(after)
            kept = [] if state.pool.release_surplus else [raw['phoneNumber'] for raw in state.surplus]
            pools.append(dict(
                pool=state.pool.name, count=state.pool.count,
                numbers=[raw['phoneNumber'] for raw in after],
                rented=[raw['phoneNumber'] for raw in state.rented],
                released=[raw['phoneNumber'] for raw in state.released],
                surplus=kept,
            ))
            view_before.append(_view(state.pool, state.members))
            view_after.append(_view(state.pool, after))
        rented = [raw for state in states for raw in state.rented]
        released = [raw for state in states for raw in state.released]
        changed = bool(rented or released)
        result = dict(
            numbers=[active_number_record(raw) for raw in numbers],
            rented=[active_number_record(raw) for raw in rented],
            released=[active_number_record(raw) for raw in released],
            monthly_cost=plan.money(plan.monthly),
            setup_cost=plan.money(plan.setup),
            pools=pools,
            msg=self._message(rented, released, plan, pools),
        )
        key = 'pool' if self.single else 'pools'
        diff = dict(before={key: view_before[0] if self.single else view_before},
                    after={key: view_after[0] if self.single else view_after})
        return Outcome(changed, result, diff, self.warnings)

    def _message(self, rented, released, plan, pools):
        done = []
        if rented:
            done.append('rented %d number(s) (%s a month, setup %s)' % (
                len(rented), money_text(plan.monthly, plan.currency), money_text(plan.setup, plan.currency)))
        if released:
            done.append('released %d number(s)' % len(released))
        surplus = sum(len(pool['surplus']) for pool in pools)
        kept = ' %d number(s) above count kept (release_surplus is false).' % surplus if surplus else ''
        if not done:
            return 'Every pool has its numbers; nothing rented or released.' + kept
        text = ' and '.join(done)
        text = 'Check mode: would have ' + text if self.check_mode else text[0].upper() + text[1:]
        return text + '.' + kept


def _view(pool, numbers):
    """A pool as the diff shows it: its numbers and what they cost a month."""
    currencies = sorted(set(str((raw.get('money') or {}).get('currencyCode')) for raw in numbers))
    return dict(pool=pool.name, numbers=[raw['phoneNumber'] for raw in numbers],
                monthly_cost=dict(amount=round(sum(active_monthly_cost(raw) for raw in numbers), 6),
                                  currency=currencies[0] if len(currencies) == 1 else None))


def reconcile(client, entries, max_monthly_cost, check_mode=False, single=False):
    """Validate ``entries`` (pools as dicts) and bring the project to them: an :class:`Outcome`."""
    if single:
        validate_ceiling(max_monthly_cost)
        pools = [parse_pool(entries[0])]
    else:
        pools = parse_pools(entries, max_monthly_cost)
    if not pools:
        return Outcome(False, dict(numbers=[], rented=[], released=[], monthly_cost=dict(amount=0.0, currency=None),
                                   setup_cost=dict(amount=0.0, currency=None), pools=[], msg='No pools given.'),
                       dict(before={OPTION: []}, after={OPTION: []}))
    return PoolRun(client, pools, max_monthly_cost, check_mode=check_mode, single=single).run()


__all__ = ['POOL_KEYS', 'PoolRun', 'parse_pool', 'parse_pools', 'reconcile']
