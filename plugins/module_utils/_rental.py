# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the rental engine — the purchase plan, the money rules, and one recovery path per API.

Only this collection may import this file; it is not a public API.

- Nothing is rented without a ceiling the task states: ``max_monthly_cost`` (``.inf`` in YAML says "no ceiling"
  on purpose; NaN and negative numbers are refused). Checked before any reservation or rental, in check mode too.
- The message of a refusal says what the run would rent and what it would cost.
- :func:`purchase_plan` checks what a legacy run must rent (per group and capability) against the shop and the
  ceiling, before the first write; :class:`LegacyRental` reserves and checks it out, never sending either twice.
  A checkout whose answer was lost is resolved by reading the organisation's numbers, never by buying again
  (the ``sinch_number_shop`` and ``sinch_application_numbers`` modules both rent through it).
- On the Numbers API, :func:`numbers_purchase_plan` adds up what specific available numbers cost (``monthlyPrice.amount``
  is a string for ``paymentIntervalMonths`` months, B.3, B.9) under the same money rule, and :func:`rent_specific` /
  :func:`release_specific` send ``:rent`` / ``:release`` once: a lost or uncertain answer is resolved by
  :func:`recover_lost_answer`, which reads the number and decides, never resending (B.6, B.7). ``sinch_active_number``
  and ``sinch_active_number_pool`` both go through them.
- After a purchase the numbers are read again. More new numbers than were bought means another run (another
  controller: the file lock only serialises runs of one) bought at the same time: a warning names the surplus,
  which is left free (never released nor assigned by the run that notices it).
"""

from __future__ import annotations

import math

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchBadAnswer,
    SinchConnectionError,
    SinchError,
    SinchInputError,
    SinchServerError,
    SinchTimeout,
)

OPTION = 'max_monthly_cost'


def rental_argument_spec():
    """The options of every module that rents (documented by the ``sinch.numbers.rental`` doc fragment)."""
    return {OPTION: dict(type='float')}


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


# Purchase plan (legacy shop) ---------------------------------------------------------------------------------------


def group_label(group):
    """``number group 13 (US, SAN FRANCISCO)``, for messages."""
    return 'number group %s (%s, %s)' % (group.get('group_id'), group.get('country_id'), group.get('city'))


class Need:
    """``quantity`` numbers of number group ``group_id`` with ``capabilities``, asked for by a task.

    ``options`` names the task options behind it in messages: keys ``group_id``, ``capabilities``, ``quantity``
    (``sinch_number_shop``'s own names, or ``applications[3].group_id`` … for the bulk module; ``quantity`` may be a
    list when several options add up to the need). ``detail`` says in
    a few words how the quantity came about (``quantity 3, 1 held``).
    """

    def __init__(self, group_id, capabilities, quantity, options=None, detail=None):
        self.group_id = group_id
        self.capabilities = list(capabilities)
        self.quantity = quantity
        self.options = dict(dict(group_id='group_id', capabilities='capabilities', quantity='quantity'), **(options or {}))
        self.detail = detail
        self.group = None  # the shop record, once the plan found it


class PurchasePlan:
    """What a run rents: its ``needs`` (each with its shop ``group``), the added ``monthly_cost`` and ``what`` (words)."""

    def __init__(self, needs, monthly_cost, what):
        self.needs = needs
        self.monthly_cost = monthly_cost
        self.what = what

    @property
    def quantity(self):
        return sum(need.quantity for need in self.needs)

    def covers(self, record):
        """Whether a number record is of a kind this plan rents (its group, with a need's capabilities)."""
        return any(record.get('group_id') == need.group_id
                   and set(need.capabilities) <= set(record.get('capabilities') or []) for need in self.needs)


def find_group(groups, group_id, organisation_id, option='group_id'):
    """The shop record of ``group_id``, or an error naming ``option`` that lists the groups on sale."""
    for group in groups:
        if group.get('group_id') == group_id:
            return group
    on_sale = ', '.join(str(group.get('group_id')) for group in sorted(groups, key=lambda g: g.get('group_id') or 0))
    raise SinchInputError(
        '%s: number group %s is not in the shop of organisation %s (groups on sale: %s). '
        'Find one with sinch.numbers.sinch_number_group_info.' % (option, group_id, organisation_id, on_sale or 'none'))


def _names(option):
    return [option] if isinstance(option, str) else list(option)


def _check_supply(needs):
    """Each group sells the capabilities and has the numbers for all needs that draw on it."""
    per_group = {}
    for need in needs:
        missing = [capability for capability in need.capabilities if capability not in need.group['capabilities']]
        if missing:
            sold = need.group['capabilities']
            raise SinchInputError(
                '%s: %s sells %s numbers only, not %s. Choose capabilities among %s, or another group.'
                % (need.options['capabilities'], group_label(need.group), ' and '.join(sold) or 'no',
                   ' and '.join(missing), ', '.join(sold) or 'none'))
        per_group.setdefault(need.group_id, []).append(need)
    for group_needs in per_group.values():
        group = group_needs[0].group
        quantity = sum(need.quantity for need in group_needs)
        available = group.get('availability') or 0
        if available < quantity:
            options = list(dict.fromkeys(option for need in group_needs for option in _names(need.options['quantity'])))
            raise SinchInputError(
                '%s: %s has %d number(s) available, but %d are missing (%s). Lower %s, or rent the rest from another '
                'group.' % (', '.join(options), group_label(group), available, quantity,
                            '; '.join(need.detail or '%d %s' % (need.quantity, '+'.join(need.capabilities))
                                      for need in group_needs), ' or '.join(options)))
    return per_group


def purchase_plan(needs, groups, organisation_id, max_monthly_cost):
    """Check, before any write and in check mode too, that the shop can supply ``needs`` within the ceiling.

    ``groups`` are the shop's records (snake_case, ``group_id``, ``capabilities``, ``availability``, ``cost``).
    Raises :class:`SinchInputError` naming the option to change: a group not on sale, a capability it does not sell,
    too few numbers, no ceiling stated (the money rule) or a cost above it. Returns a :class:`PurchasePlan`.
    """
    needs = [need for need in needs if need.quantity > 0]
    for need in needs:
        need.group = find_group(groups, need.group_id, organisation_id, need.options['group_id'])
    per_group = _check_supply(needs)
    total = 0.0
    currencies = set()
    parts = []
    for group_id, group_needs in per_group.items():
        group = group_needs[0].group
        cost = group.get('cost') or {}
        price = float(cost.get('amount') or 0)
        quantity = sum(need.quantity for need in group_needs)
        currencies.add(cost.get('currency_id'))
        total += quantity * price
        parts.append('%d of %s at %s a month each' % (quantity, group_label(group), money_text(price, cost.get('currency_id'))))
    currency = next(iter(currencies)) if len(currencies) == 1 else None
    count = sum(need.quantity for need in needs)
    what = '%d number(s): %s' % (count, '; '.join(parts))
    plan = PurchasePlan(needs, {'amount': round(total, 6), 'currency_id': currency}, what)
    if not needs:
        return plan
    ceiling = validate_ceiling(max_monthly_cost)
    if len(currencies) > 1 and ceiling is not None and not math.isinf(ceiling):
        raise SinchInputError('%s: the groups to rent from are priced in different currencies (%s), so their costs cannot '
                              'be added up against one ceiling; rent from one currency per run (this run would rent %s). '
                              'Nothing was reserved or rented.'
                              % (OPTION, ', '.join(sorted(str(currency) for currency in currencies)), what))
    check_ceiling(max_monthly_cost, total, currency, what)
    return plan


# Renting on the legacy API: reserve, check out once, resolve a lost answer by reading ------------------------------

# What a refused checkout means, by legacy error code.
_CHECKOUT_REFUSED = {
    40200: 'Not enough credit: top up the account in the Sinch dashboard, then re-run the task',
    40400: 'The reservation expired before its checkout (a reservation holds numbers for a few minutes): re-run the task',
    42200: 'Accounting is not set up for the organisation: set it up in the Sinch dashboard, then re-run the task',
}


def _reservations(references):
    return ('reservation %s' if len(references) == 1 else 'reservations %s') % ', '.join(references)


def _unused(references):
    """``reservation X was not checked out and expires by itself`` (or its plural)."""
    verb = 'was not checked out and expires by itself' if len(references) == 1 else \
        'were not checked out and expire by themselves'
    return '%s %s' % (_reservations(references), verb)


def outcome_unknown(error):
    """Whether a failed write may still have been applied: no answer, a 5xx, or an answer not understood.

    The transport marks a write whose answer it could not read (``SinchBadAnswer``) as ``uncertain``.
    """
    return isinstance(error, (SinchConnectionError, SinchServerError)) or error.uncertain


def surplus_warning(numbers):
    """The warning for new numbers beyond what a run bought (another run bought at the same time)."""
    return ('After this purchase the organisation holds %d new number(s) more than this run bought: another run (on '
            'another controller, which the file lock cannot see) rented at the same time. The surplus is left free, '
            'neither released nor assigned: %s. Release what is not wanted, and never run rental jobs at the same time '
            '(see the AWX guide).' % (len(numbers), ', '.join(record['e164'] for record in numbers)))


class RentalResult:
    """What a purchase left: the numbers ``after`` (read again), the ``new`` ones split into ``ours`` and ``surplus``.

    ``ours`` are, per need, the lowest new numbers of its kind up to the quantity bought; ``surplus`` the new numbers
    beyond that (another run bought at the same time; which ones are whose cannot be told, so the highest are named).
    ``lagging`` is how many bought numbers the re-read does not list yet (the checkout succeeded; Sinch may still be
    adding them).
    """

    def __init__(self, plan, after, new):
        self.after = after
        claimed = set()
        self.ours = []
        new = sorted(new, key=lambda record: record['number'])
        for need in plan.needs:
            kind = PurchasePlan([need], None, None)
            mine = [record for record in new if record['number'] not in claimed and kind.covers(record)][:need.quantity]
            claimed.update(record['number'] for record in mine)
            self.ours.extend(mine)
        self.ours.sort(key=lambda record: record['number'])
        self.surplus = [record for record in new if record['number'] not in claimed]
        self.lagging = max(0, plan.quantity - len(self.ours))

    def usable(self):
        """The numbers after the purchase without the surplus (which this run leaves alone)."""
        surplus = set(record['number'] for record in self.surplus)
        return [record for record in self.after if record['number'] not in surplus]


class LegacyRental:
    """Rent a :class:`PurchasePlan` on the legacy API: one reservation per need, one checkout for all of them.

    The one recovery path of the legacy API: a checkout whose outcome is unknown is never resent; the numbers are read
    and the result says UNCERTAIN unless they are all there.

    ``read()`` returns the organisation's number records (read again after the checkout, and to resolve a checkout
    whose answer was lost). ``warnings`` collects what the module should tell.
    """

    def __init__(self, client, read):
        self.client = client
        self.read = read
        self.warnings = []

    def rent(self, plan, before):
        """Reserve, check out, read again; a :class:`RentalResult`. Raises with context when it cannot tell."""
        references = []
        for need in plan.needs:
            references.append(self._reserve(need, references))
        try:
            self.client.checkout(references)
        except SinchError as error:
            if not outcome_unknown(error):
                raise self._refused(error, references)
            return self._recover(error, plan, before, references)
        after = self.read()
        result = RentalResult(plan, after, self._new(plan, before, after))
        if result.lagging:
            self.warnings.append(
                'The checkout of %s succeeded, but %d of the %d number(s) it rented are not listed yet: Sinch may still '
                'be adding them. Check with sinch.numbers.sinch_number_info before re-running: a re-run rents what it '
                'does not see.' % (_reservations(references), result.lagging, plan.quantity))
        return self._checked(result)

    def _checked(self, result):
        if result.surplus:
            self.warnings.append(surplus_warning(result.surplus))
        return result

    def _reserve(self, need, reserved):
        """``PUT .../numbers/shop`` for one need (never resent); the reservation's reference."""
        try:
            return self.client.reserve(need.group_id, need.quantity, need.capabilities)
        except SinchError as error:
            if outcome_unknown(error):
                told = ('Nothing was rented: a reservation made without an answer is never checked out and expires by '
                        'itself; re-run the task')
            else:
                told = 'Nothing was reserved or rented'
            if reserved:
                told += ' (%s)' % _unused(reserved)
            raise error.add_context(told)

    @staticmethod
    def _refused(error, references):
        """A checkout Sinch refused: nothing was rented; say why and what happens to the reservations."""
        reason = _CHECKOUT_REFUSED.get(error.code)
        if error.code == 40400:
            left = 'Nothing was rented'
        else:
            left = 'Nothing was rented: %s (the API cannot cancel a reservation)' % _unused(references)
        return error.add_context('%s. %s' % (reason, left) if reason else left, replace_hint=reason is not None)

    @staticmethod
    def _new(plan, before, after):
        known = set(record['number'] for record in before)
        return [record for record in after if record['number'] not in known and plan.covers(record)]

    def _recover(self, error, plan, before, references):
        """The checkout's outcome is unknown: read the numbers (never resend) and decide from what is there."""
        error.uncertain = True
        try:
            after = self.read()
        except SinchError as reread:
            raise error.add_context(
                'The outcome of the checkout of %s is UNCERTAIN: its answer was lost and reading the numbers again '
                'failed too (%s). Sinch may still complete it. Nothing was sent twice; do not buy by hand or re-run at '
                'once: check with sinch.numbers.sinch_number_info in a few minutes first'
                % (_reservations(references), reread.message), replace_hint=True)
        new = self._new(plan, before, after)
        result = RentalResult(plan, after, new)
        if not result.lagging:
            self.warnings.append('The answer to the checkout of %s was lost (%s), but reading the numbers again shows '
                                 'they were rented; nothing was sent twice.' % (_reservations(references), error.message))
            return self._checked(result)
        seen = 'none of the %d number(s)' % plan.quantity if not new else \
            'only %d of the %d number(s)' % (len(new), plan.quantity)
        error.add_context(
            'The outcome of the checkout of %s is UNCERTAIN: it was not resent, and reading the numbers again at once '
            'lists %s yet. Sinch may still complete it. Do not buy by hand or re-run at once: check with '
            'sinch.numbers.sinch_number_info in a few minutes, then re-run (it counts again and rents only what is '
            'missing)' % (_reservations(references), seen), replace_hint=True)
        raise error.with_partial_result(dict(rented=new, changed=bool(new)))


# Renting on the Numbers API: the cost of specific numbers, one :rent or :release each, a lost answer resolved by reading

# What a lost answer looks like: no answer, a 5xx, or a 2xx that is not the documented shape.
LOST = (SinchConnectionError, SinchServerError, SinchBadAnswer)
PAST = {'rent': 'rented', 'release': 'released'}


def money_amount(money, what):
    """The float amount of a Money object (``{"currencyCode", "amount": "2.00"}``); the amount is a string (B.3)."""
    try:
        amount = float(str(money['amount']))
    except (TypeError, KeyError, ValueError):
        raise SinchBadAnswer('%s is not an amount of money: %r' % (what, money), operation='search available numbers') from None
    if math.isnan(amount) or amount < 0:
        raise SinchBadAnswer('%s is not an amount of money: %r' % (what, money), operation='search available numbers')
    return amount


def monthly_price(available):
    """``(monthly amount, setup amount, currency)`` of one available number: its price over its payment interval."""
    e164 = available.get('phoneNumber')
    months = available.get('paymentIntervalMonths') or 1
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise SinchBadAnswer('the payment interval of %s is not a number of months: %r' % (e164, months),
                             operation='search available numbers')
    monthly = money_amount(available.get('monthlyPrice'), 'the monthly price of %s' % e164) / months
    setup = money_amount(available.get('setupPrice') or {'amount': '0'}, 'the setup price of %s' % e164)
    return monthly, setup, (available.get('monthlyPrice') or {}).get('currencyCode')


def active_monthly_cost(raw):
    """What an active number costs a month (its ``money`` over ``paymentIntervalMonths``), 0.0 when Sinch gives none."""
    money = raw.get('money') or {}
    try:
        return float(str(money.get('amount'))) / (raw.get('paymentIntervalMonths') or 1)
    except (TypeError, ValueError):
        return 0.0


class NumbersPurchasePlan:
    """What a Numbers API run rents: ``picks`` (``(label, available number)`` pairs), monthly and setup cost, currency.

    ``label`` says in messages what a number is rented for (``pools[0]``), or is None for a single number.
    """

    def __init__(self, picks):
        self.picks = picks
        self.monthly = 0.0
        self.setup = 0.0
        currencies = []
        for _label, available in picks:
            monthly, setup, currency = monthly_price(available)
            self.monthly += monthly
            self.setup += setup
            if currency not in currencies:
                currencies.append(currency)
        self.currencies = currencies
        self.currency = currencies[0] if len(currencies) == 1 else None

    def describe(self):
        """``2 number(s) (+1206..., +1206... for pools[0]; setup 0.00 USD once)`` for messages."""
        groups = {}
        for label, available in self.picks:
            groups.setdefault(label, []).append(available['phoneNumber'])
        return '%d number(s) (%s; setup %s once)' % (
            len(self.picks), '; '.join(', '.join(numbers) + (' for %s' % label if label else '')
                                       for label, numbers in groups.items()),
            money_text(self.setup, self.currency))

    def money(self, amount):
        return {'amount': round(amount, 6), 'currency': self.currency}


def numbers_purchase_plan(picks, max_monthly_cost, what=None):
    """The plan for ``picks`` and its money rule: nothing without a ceiling, nothing above it (check mode too).

    ``what`` replaces the plan's own words in a refusal. Raises :class:`SinchInputError` naming ``max_monthly_cost``
    with what would be rented and its cost.
    """
    plan = NumbersPurchasePlan(picks)
    if not picks:
        return plan
    ceiling = validate_ceiling(max_monthly_cost)
    if len(plan.currencies) > 1 and ceiling is not None and not math.isinf(ceiling):
        raise SinchInputError('%s: the numbers to rent are priced in %s; one ceiling cannot cover several currencies. '
                              'Rent them in separate runs, or give .inf. Nothing was rented.'
                              % (OPTION, ' and '.join(str(c) for c in plan.currencies)))
    check_ceiling(max_monthly_cost, plan.monthly, plan.currency, what or plan.describe())
    return plan


def recover_lost_answer(client, e164, error, action, warn):
    """The one recovery path of the Numbers API: after a ``rent`` or ``release`` of ``e164`` whose answer was lost.

    Reads the number (never sends the write again) and decides. Returns the active number (rent) or None (release)
    when the write took effect, with a warning through ``warn``. Otherwise raises ``error`` with what is known:
    ``uncertain`` when reading failed too or the request timed out (Sinch may still complete it).
    """
    done = PAST[action]
    project = client.project_id
    try:
        now = client.get_active_number(e164)
    except SinchError as reread:
        error.uncertain = True
        raise error.add_context('Reading %s afterwards failed too (%s), so whether it was %s is unknown: check with '
                                'sinch.numbers.sinch_active_number_info before re-running'
                                % (e164, str(reread).rstrip('.'), done), replace_hint=True) from None
    if (now is not None) == (action == 'rent'):
        warn('The answer to the %s of %s was lost (%s), but reading the number shows it %s project %s: it was %s.'
             % (action, e164, str(error).rstrip('.'), 'is active in' if action == 'rent' else 'is no longer in',
                project, done))
        return now
    where = 'is not active in' if action == 'rent' else 'is still active in'
    state = '%s %s project %s when read right after' % (e164, where, project)
    if isinstance(error, SinchTimeout):
        # Sinch may still be handling a request that timed out: the number read now proves nothing yet.
        error.uncertain = True
        raise error.add_context('%s, but Sinch may still complete a %s that timed out: check with '
                                'sinch.numbers.sinch_active_number_info, or re-run the task, which reads the number '
                                'before acting again' % (state, action))
    raise error.add_context('%s, so it was not %s; re-running the task is safe' % (state, done), replace_hint=True)


def rent_specific(client, e164, body, warn):
    """Rent one specific available number with its configuration (``:rent``, B.7); the active number.

    A lost answer (no answer, 5xx, an answer not the documented shape) is resolved by :func:`recover_lost_answer`;
    the rent is never sent twice.
    """
    try:
        raw = client.rent_number(e164, body)
        if not isinstance(raw, dict) or raw.get('phoneNumber') != e164:
            raise SinchBadAnswer('the answer is not the rented number: %.100r' % (raw,),
                                 operation='rent number %s' % e164)
    except LOST as error:
        return recover_lost_answer(client, e164, error, 'rent', warn)
    return raw


def release_specific(client, e164, warn):
    """Release one active number (``:release``, B.6); a lost answer is resolved by :func:`recover_lost_answer`."""
    try:
        client.release_number(e164)
    except LOST as error:
        recover_lost_answer(client, e164, error, 'release', warn)
