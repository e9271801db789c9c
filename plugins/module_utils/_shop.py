# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the legacy number shop — its groups, and renting exactly the shortfall of one group.

Only this collection may import this file; it is not a public API.

Renting is two writes: a reservation (``PUT .../numbers/shop``) and its checkout (``POST``). Neither is
ever sent twice. A checkout Sinch refuses leaves nothing rented (the reservation expires by itself; the
API cannot cancel one). A checkout whose answer is lost may or may not have happened: the numbers are
read again at once to find out, never bought again blindly.
"""

from __future__ import annotations

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchConnectionError,
    SinchError,
    SinchInputError,
    SinchServerError,
)
from ansible_collections.sinch.numbers.plugins.module_utils._legacy import CAPABILITIES
from ansible_collections.sinch.numbers.plugins.module_utils._outcome import Outcome
from ansible_collections.sinch.numbers.plugins.module_utils._legacy_state import (
    e164_list,
    has_capabilities,
    held_numbers,
    organisation_lock,
)
from ansible_collections.sinch.numbers.plugins.module_utils._phone import snake

# What to tell the user when Sinch refuses a checkout, by legacy error code.
_CHECKOUT_REFUSED = {
    40200: 'Not enough credit: top up the account in the Sinch dashboard, then re-run the task',
    40400: 'The reservation expired before its checkout (a reservation holds numbers for a few minutes): re-run the task',
    42200: 'Accounting is not set up for the organisation: set it up in the Sinch dashboard, then re-run the task',
}


def group_record(raw):
    """A shop group in snake_case (``group_id``, ``country_id``, ``area_code``, ``cost.currency_id`` …)."""
    record = snake(raw)
    record['capabilities'] = list(record.get('capabilities') or [])
    return record


def find_groups(raw_groups, country_id=None, capability=None, area_code=None, city=None, min_availability=None):
    """The shop's groups that pass every filter given, as records ordered by ``group_id``.

    ``country_id`` and ``city`` compare case-insensitively; ``area_code`` exactly (its leading zero counts).
    """
    if min_availability is not None and min_availability < 0:
        raise SinchInputError('min_availability: must be 0 or more (the numbers a group has left), not %d.' % min_availability)
    found = []
    for record in (group_record(raw) for raw in raw_groups):
        if country_id and (record.get('country_id') or '').upper() != country_id.upper():
            continue
        if capability and capability not in record['capabilities']:
            continue
        if area_code is not None and str(record.get('area_code')) != str(area_code):
            continue
        if city and (record.get('city') or '').casefold() != city.casefold():
            continue
        if min_availability is not None and (record.get('availability') or 0) < min_availability:
            continue
        found.append(record)
    return sorted(found, key=lambda record: record.get('group_id') or 0)


def ordered_capabilities(capabilities):
    """Capabilities without duplicates, in the API's order (voice, sms)."""
    wanted = set(capabilities)
    return [capability for capability in CAPABILITIES if capability in wanted]


def group_label(group):
    """``number group 13 (US, SAN FRANCISCO)``, for messages."""
    return 'number group %s (%s, %s)' % (group.get('group_id'), group.get('country_id'), group.get('city'))


def money(amount):
    """An amount as messages show it (two decimals)."""
    return '%.2f' % amount


def validate_request(quantity, capabilities, max_monthly_cost):
    """Refuse unusable options before any request is sent."""
    if quantity < 0:
        raise SinchInputError('quantity: must be 0 or more (the number of numbers to hold), not %d.' % quantity)
    if capabilities is not None and not capabilities:
        raise SinchInputError('capabilities: give at least one of voice, sms, or leave it out for what the group sells.')
    if max_monthly_cost is not None and max_monthly_cost < 0:
        raise SinchInputError('max_monthly_cost: must be 0 or more, not %s.' % max_monthly_cost)


def shop_group(groups, group_id, organisation_id):
    """The group ``group_id`` from the shop's records, or an error that lists the groups on sale."""
    for group in groups:
        if group.get('group_id') == group_id:
            return group
    on_sale = ', '.join(str(group.get('group_id')) for group in groups) or 'none'
    raise SinchInputError(
        'group_id: number group %s is not in the shop of organisation %s (groups on sale: %s). '
        'Find one with sinch.numbers.sinch_number_group_info.' % (group_id, organisation_id, on_sale)
    )


def purchase_plan(group, capabilities, quantity, held, max_monthly_cost):
    """Check that ``group`` can supply the shortfall and that it is affordable; return the added monthly cost.

    ``held`` is how many matching numbers the organisation has. Raises :class:`SinchInputError` naming the
    option to change: the group does not sell the capabilities, has too few numbers, or costs too much.
    """
    shortfall = quantity - held
    missing = [capability for capability in capabilities if capability not in group['capabilities']]
    if missing:
        raise SinchInputError(
            'capabilities: %s sells %s numbers only, not %s. Choose capabilities among %s, or another group.'
            % (group_label(group), ' and '.join(group['capabilities']) or 'no', ' and '.join(missing),
               ', '.join(group['capabilities']) or 'none')
        )
    available = group.get('availability') or 0
    if available < shortfall:
        raise SinchInputError(
            'quantity: %s has %d number(s) available, but %d are missing (quantity %d, %d held). '
            'Lower quantity, or rent the rest from another group.' % (group_label(group), available, shortfall, quantity, held)
        )
    cost = group.get('cost') or {}
    price = float(cost.get('amount') or 0)
    added = round(shortfall * price, 6)
    monthly_cost = {'amount': added, 'currency_id': cost.get('currency_id')}
    if max_monthly_cost is not None and added > max_monthly_cost + 1e-9:
        raise SinchInputError(
            'max_monthly_cost: renting %d number(s) of %s would add %s %s a month (%d x %s), more than '
            'max_monthly_cost %s. Nothing was reserved. Raise max_monthly_cost, or lower quantity.'
            % (shortfall, group_label(group), money(added), monthly_cost['currency_id'] or '', shortfall,
               money(price), money(max_monthly_cost))
        )
    return monthly_cost


def _unused(references):
    """``reservation X was not checked out and expires by itself`` (or its plural)."""
    if len(references) == 1:
        return 'reservation %s was not checked out and expires by itself' % references[0]
    return 'reservations %s were not checked out and expire by themselves' % ', '.join(references)


def reserve(client, group_id, quantity, capabilities, reserved=()):
    """Reserve ``quantity`` numbers of a group (never resent); the reservation's reference.

    On failure the error's hint says that nothing was rented, and that the reservations ``reserved`` earlier in
    the same run are not checked out and expire by themselves.
    """
    try:
        return client.reserve(group_id, quantity, capabilities)
    except SinchError as error:
        if isinstance(error, (SinchConnectionError, SinchServerError)):
            told = ('Nothing was rented: a reservation made without an answer is never checked out and expires '
                    'by itself; re-run the task')
        else:
            told = 'Nothing was reserved or rented'
        if reserved:
            told += ' (%s)' % _unused(list(reserved))
        error.hint = '. '.join(part.rstrip('.') for part in (error.hint, told) if part)
        raise


def checkout(client, references):
    """Check the reservations ``references`` out in one request (never resent).

    A checkout Sinch refuses raises with a hint saying why and that nothing was rented. A lost answer
    (:class:`SinchConnectionError`, :class:`SinchServerError`) is raised unchanged: the caller must read the
    numbers again to learn whether the checkout happened.
    """
    try:
        client.checkout(references)
    except (SinchConnectionError, SinchServerError):
        raise
    except SinchError as error:
        reason = _CHECKOUT_REFUSED.get(error.code, error.hint or 'Sinch refused the checkout')
        if error.code == 40400:
            left = 'Nothing was rented'
        else:
            left = 'Nothing was rented: %s (the API cannot cancel a reservation)' % _unused(list(references))
        error.hint = '%s. %s' % (reason.rstrip('.'), left)
        raise


class Purchase:
    """Bring the organisation to at least ``quantity`` numbers of ``group_id`` with ``capabilities``.

    ``capabilities`` None means what the group sells (read from the shop).
    """

    def __init__(self, client, group_id, quantity, capabilities=None, max_monthly_cost=None):
        validate_request(quantity, capabilities, max_monthly_cost)
        self.client = client
        self.group_id = group_id
        self.quantity = quantity
        self.capabilities = ordered_capabilities(capabilities) if capabilities else None
        self.max_monthly_cost = max_monthly_cost
        self.warnings = []

    def _groups(self):
        return [group_record(raw) for raw in self.client.list_shop()]

    def _matching(self):
        return [record for record in held_numbers(self.client)
                if record.get('group_id') == self.group_id and has_capabilities(record, self.capabilities)]

    def run(self, check_mode=False):
        """Count, and rent what is missing unless ``check_mode``; an :class:`Outcome`."""
        with organisation_lock(self.client, 'shop', self.group_id):
            groups = None
            if self.capabilities is None:
                groups = self._groups()
                self.capabilities = list(shop_group(groups, self.group_id, self.client.organisation_id)['capabilities'])
            before = self._matching()
            shortfall = max(0, self.quantity - len(before))
            if not shortfall:
                currency = before[0].get('cost', {}).get('currency_id') if before else None
                return self._outcome(before, before, [], {'amount': 0.0, 'currency_id': currency})
            if groups is None:
                groups = self._groups()
            group = shop_group(groups, self.group_id, self.client.organisation_id)
            monthly_cost = purchase_plan(group, self.capabilities, self.quantity, len(before), self.max_monthly_cost)
            if check_mode:
                return self._outcome(before, None, [], monthly_cost, would_rent=shortfall)
            after = self._rent(shortfall, before)
            known = set(record['number'] for record in before)
            rented = [record for record in after if record['number'] not in known]
            if len(rented) < shortfall:
                self.warnings.append(
                    'The checkout succeeded but only %d of the %d new number(s) are listed yet; Sinch may still be adding '
                    'them. Check with sinch.numbers.sinch_number_info before re-running: a re-run rents what it does not see.'
                    % (len(rented), shortfall)
                )
            return self._outcome(before, after, rented, monthly_cost)

    def _rent(self, shortfall, before):
        """Reserve and check out ``shortfall`` numbers; the matching numbers afterwards."""
        reference = reserve(self.client, self.group_id, shortfall, self.capabilities)
        try:
            checkout(self.client, [reference])
        except (SinchConnectionError, SinchServerError) as error:
            return self._recover(error, reference, before)
        return self._matching()

    def _recover(self, error, reference, before):
        """The checkout's answer was lost: read the numbers again (never resend) and decide from what is there."""
        try:
            after = self._matching()
        except SinchError as reread:
            error.hint = ('Whether the numbers were rented is unknown: the checkout of reservation %s got no answer '
                          'and reading the numbers again failed too (%s). Do not buy by hand: re-run the task, it counts '
                          'the numbers again and rents only what is missing' % (reference, reread.message))
            raise error
        if len(after) >= self.quantity:
            self.warnings.append(
                'The answer to the checkout of reservation %s was lost (%s), but reading the numbers again shows '
                'they were rented; nothing was sent twice.' % (reference, error.message)
            )
            return after
        appeared = len(after) - len(before)
        if appeared <= 0:
            told = 'nothing was bought'
        else:
            told = 'only %d of the %d number(s) appeared' % (appeared, self.quantity - len(before))
        error.hint = ('The checkout of reservation %s was not resent; reading the numbers again at once shows %s '
                      '(%d of quantity %d held). A re-run counts again and rents only what is missing'
                      % (reference, told, len(after), self.quantity))
        raise error

    def _outcome(self, before, after, rented, monthly_cost, would_rent=None):
        """The module's result; ``after`` None means check mode (the new numbers are not known yet)."""
        pending = after is None
        if pending:
            after_numbers = e164_list(before) + ['(new number of group %s)' % self.group_id] * would_rent
            after_count = len(before) + would_rent
            numbers = before
        else:
            after_numbers = e164_list(after)
            after_count = len(after)
            numbers = after
        result = dict(
            group_id=self.group_id,
            capabilities=list(self.capabilities),
            rented=rented,
            numbers=numbers,
            count=after_count,
            monthly_cost=monthly_cost,
        )
        if pending:
            result['would_rent'] = would_rent
        diff = dict(
            before=dict(count=len(before), numbers=e164_list(before)),
            after=dict(count=after_count, numbers=after_numbers),
        )
        changed = pending or bool(rented) or after_count > len(before)
        return Outcome(changed, result, diff, self.warnings)
