# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the legacy number shop — its groups, and renting exactly the shortfall of one group.

Only this collection may import this file; it is not a public API.

The plan (what is missing, what it costs, the ceiling) and the renting itself (reserve, check out once, a lost
answer resolved by reading) are the rental engine's (``_rental.py``), shared with ``sinch_application_numbers``.
"""

from __future__ import annotations

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._legacy import CAPABILITIES
from ansible_collections.sinch.numbers.plugins.module_utils._outcome import Outcome
from ansible_collections.sinch.numbers.plugins.module_utils._legacy_state import (
    e164_list,
    has_capabilities,
    held_numbers,
    organisation_lock,
)
from ansible_collections.sinch.numbers.plugins.module_utils._phone import snake
from ansible_collections.sinch.numbers.plugins.module_utils._rental import (
    LegacyRental,
    Need,
    find_group,
    purchase_plan,
    validate_ceiling,
)


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


def validate_request(quantity, capabilities, max_monthly_cost):
    """Refuse unusable options before any request is sent."""
    if quantity < 0:
        raise SinchInputError('quantity: must be 0 or more (the number of numbers to hold), not %d.' % quantity)
    if capabilities is not None and not capabilities:
        raise SinchInputError('capabilities: give at least one of voice, sms, or leave it out for what the group sells.')
    validate_ceiling(max_monthly_cost)


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
                self.capabilities = list(find_group(groups, self.group_id, self.client.organisation_id)['capabilities'])
            before = self._matching()
            shortfall = max(0, self.quantity - len(before))
            if not shortfall:
                currency = before[0].get('cost', {}).get('currency_id') if before else None
                return self._outcome(before, before, [], {'amount': 0.0, 'currency_id': currency})
            if groups is None:
                groups = self._groups()
            need = Need(self.group_id, self.capabilities, shortfall,
                        detail='quantity %d, %d held' % (self.quantity, len(before)))
            plan = purchase_plan([need], groups, self.client.organisation_id, self.max_monthly_cost)
            if check_mode:
                return self._outcome(before, None, [], plan.monthly_cost, would_rent=shortfall)
            rental = LegacyRental(self.client, self._matching)
            self.warnings = rental.warnings
            rented = rental.rent(plan, before)
            return self._outcome(before, rented.after, rented.ours, plan.monthly_cost, surplus=rented.surplus, bought=True)

    def _outcome(self, before, after, rented, monthly_cost, would_rent=None, surplus=(), bought=False):
        """The module's result; ``after`` None means check mode (the new numbers are not known yet).

        ``bought``: a checkout succeeded, so ``changed`` is true even when the re-read does not list the new numbers yet.
        """
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
            surplus=list(surplus),
        )
        if pending:
            result['would_rent'] = would_rent
        diff = dict(
            before=dict(count=len(before), numbers=e164_list(before)),
            after=dict(count=after_count, numbers=after_numbers),
        )
        changed = pending or bought
        return Outcome(changed, result, diff, self.warnings)
