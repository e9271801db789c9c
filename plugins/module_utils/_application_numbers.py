# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the numbers of many applications in one run — rent each group's shortfall once, then assign.

Only this collection may import this file; it is not a public API.

One run reads the organisation's numbers once, decides for every entry (application, capability, count, group)
which free numbers it takes, and adds up what is still missing per group and capability. Everything is checked
before the first write: the entries, the application keys, the groups (in the shop, selling the capability, with
enough numbers available) and the added monthly cost. Then each group's shortfall is reserved (one reservation per
group and capability), all reservations are checked out in one request, the numbers are read again and each
application that gains numbers gets one ``PUT`` of its complete set for the capability (the API overwrites).

Free numbers are taken lowest first, numbers with only the wanted capability before numbers that also have the other
one, so that an application wanting voice does not take a voice+sms number an sms application could use. Entries
with a ``group_id`` pick first, in the order given; entries without one then take what is left of any group.
"""

from __future__ import annotations

import contextlib

from ansible.module_utils.common.validation import check_type_int

from ansible_collections.sinch.numbers.plugins.module_utils._assignment import Plan, e164
from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchError,
    SinchInputError,
    SinchNotFound,
)
from ansible_collections.sinch.numbers.plugins.module_utils._legacy import CAPABILITIES
from ansible_collections.sinch.numbers.plugins.module_utils._outcome import Outcome
from ansible_collections.sinch.numbers.plugins.module_utils._legacy_state import (
    held_numbers,
    organisation_lock,
)
from ansible_collections.sinch.numbers.plugins.module_utils._rental import (
    LegacyRental,
    Need,
    purchase_plan,
    validate_ceiling,
)
from ansible_collections.sinch.numbers.plugins.module_utils._shop import group_record

ENTRY_KEYS = ('application_key', 'capability', 'count', 'group_id')
OPTION = 'applications'


def placeholder(group_id):
    """What check mode shows for a number it would rent."""
    return '(new number of group %s)' % group_id


class Entry:
    """One validated element of ``applications``; ``label`` names it in messages (``applications[3]``)."""

    def __init__(self, index, application_key, capability, count, group_id):
        self.index = index
        self.application_key = application_key
        self.capability = capability
        self.count = count
        self.group_id = group_id

    @property
    def label(self):
        return '%s[%d]' % (OPTION, self.index)


def _integer(value, where, required):
    if value is None:
        if required:
            raise SinchInputError('%s: missing; give a whole number.' % where)
        return None
    if isinstance(value, bool):
        raise SinchInputError('%s: must be a whole number, not %r.' % (where, value))
    try:
        return check_type_int(value)
    except (TypeError, ValueError):
        raise SinchInputError('%s: must be a whole number, not %r.' % (where, value)) from None


def parse_applications(values, max_monthly_cost=None):
    """Validate ``applications`` (and ``max_monthly_cost``) before any request; a list of :class:`Entry`.

    Every message names the entry and key, e.g. ``applications[3].capability``.
    """
    validate_ceiling(max_monthly_cost)
    entries = []
    seen = {}
    for index, value in enumerate(values or []):
        where = '%s[%d]' % (OPTION, index)
        if not isinstance(value, dict):
            raise SinchInputError('%s: must be a dictionary with application_key, capability, count and optionally '
                                  'group_id, not %r.' % (where, value))
        unknown = sorted(str(key) for key in value if key not in ENTRY_KEYS)
        if unknown:
            raise SinchInputError('%s: unknown key(s) %s; an entry has application_key, capability, count and '
                                  'optionally group_id.' % (where, ', '.join(unknown)))
        key = value.get('application_key')
        if not isinstance(key, str) or not key.strip():
            raise SinchInputError('%s.application_key: missing or empty; give the key of an application of the '
                                  'organisation.' % where)
        capability = value.get('capability')
        if capability not in CAPABILITIES:
            raise SinchInputError('%s.capability: must be one of %s, not %r.' % (where, ', '.join(CAPABILITIES), capability))
        count = _integer(value.get('count'), where + '.count', required=True)
        if count < 0:
            raise SinchInputError('%s.count: must be 0 or more, not %d.' % (where, count))
        group_id = _integer(value.get('group_id'), where + '.group_id', required=False)
        entry = Entry(index, key, capability, count, group_id)
        earlier = seen.get((key, capability))
        if earlier is not None:
            raise SinchInputError('%s: application %s and capability %s are already given by %s; give each application '
                                  'and capability once.' % (where, key, capability, earlier.label))
        seen[(key, capability)] = entry
        entries.append(entry)
    return entries


class EntryPlan:
    """One entry's numbers before, the free numbers it takes, and how many its group must still supply."""

    def __init__(self, entry, current, picked, missing):
        self.entry = entry
        self.current = current
        self.picked = picked
        self.missing = missing


def plan_entries(entries, records):
    """Decide which free numbers each entry takes (see the module docstring for the order); no request is sent.

    ``records`` are the organisation's numbers (records with ``number``, ``capabilities``, ``application_key``,
    ``group_id``). Returns one :class:`EntryPlan` per entry, in the order of ``entries``.
    """
    owner = {}
    capabilities = {}
    group = {}
    numbers_of = {}
    for record in records:
        number = record['number']
        owner[number] = record.get('application_key')
        capabilities[number] = set(record.get('capabilities') or [])
        group[number] = record.get('group_id')
        if owner[number]:
            numbers_of.setdefault(owner[number], set()).add(number)
    # Free numbers per capability, in the order they are taken; a voice+sms number is in both and taken once.
    pools = dict((capability, sorted((number for number in owner if not owner[number] and capability in capabilities[number]),
                                     key=lambda number: (len(capabilities[number]), number)))
                 for capability in CAPABILITIES)
    taken = set()
    plans = {}
    for entry in sorted(entries, key=lambda entry: (entry.group_id is None, entry.index)):
        mine = numbers_of.setdefault(entry.application_key, set())
        current = sorted(number for number in mine if entry.capability in capabilities[number])
        need = entry.count - len(current)
        picked = []
        for number in pools[entry.capability]:
            if need <= len(picked):
                break
            if number not in taken and (entry.group_id is None or group[number] == entry.group_id):
                picked.append(number)
        taken.update(picked)
        mine.update(picked)
        plans[entry.index] = EntryPlan(entry, current, picked, max(0, need - len(picked)))
    return [plans[entry.index] for entry in entries]


def shortfall(plans):
    """What must be rented: one :class:`_rental.Need` per group and capability, in order of first need.

    Raises :class:`SinchInputError` for an entry without ``group_id`` that free numbers cannot satisfy.
    """
    needs = {}
    for plan in plans:
        if not plan.missing:
            continue
        entry = plan.entry
        if entry.group_id is None:
            raise SinchInputError(
                '%s: application %s has %d %s number(s) and needs %d more, but only %d free %s number(s) are left for '
                'it. Give %s.group_id to rent the rest from a number group, or lower count.'
                % (entry.label, entry.application_key, len(plan.current), entry.capability,
                   len(plan.picked) + plan.missing, len(plan.picked), entry.capability, entry.label)
            )
        need = needs.get((entry.group_id, entry.capability))
        if need is None:
            need = needs[(entry.group_id, entry.capability)] = Need(
                entry.group_id, [entry.capability], 0, options=dict(
                    group_id=entry.label + '.group_id', capabilities=entry.label + '.capability'))
            need.entries = []
        need.quantity += plan.missing
        need.entries.append(entry.label)
        need.options['quantity'] = ['%s.count' % label for label in need.entries]
        need.detail = '%d %s' % (need.quantity, entry.capability)
    return list(needs.values())


class ApplicationNumbers:
    """Reconcile the numbers of many applications in one run (see the module docstring)."""

    def __init__(self, client, applications, max_monthly_cost=None):
        self.entries = parse_applications(applications, max_monthly_cost)
        self.client = client
        self.max_monthly_cost = max_monthly_cost
        self.warnings = []
        self.rented = []
        self.surplus = []  # new numbers beyond what the run bought (another run bought at the same time)
        self.assigned = []  # labels of the entries written so far

    def run(self, check_mode=False):
        """Read, decide, and (unless ``check_mode``) rent and assign; an :class:`Outcome`."""
        if not self.entries:
            return self._outcome([], {'amount': 0.0, 'currency_id': None}, [])
        with self._locks():
            records = held_numbers(self.client)
            self._check_application_keys(records)
            plans = plan_entries(self.entries, records)
            needs = shortfall(plans)
            groups = [group_record(raw) for raw in self.client.list_shop()] if needs else []
            purchase = purchase_plan(needs, groups, self.client.organisation_id, self.max_monthly_cost)
            if check_mode:
                return self._outcome(plans, purchase.monthly_cost, needs, pending=True)
            if needs:
                records = self._rent(purchase, records)
                plans = plan_entries(self.entries, records)
            self._assign(plans)
            short = [plan for plan in plans if plan.missing]
            outcome = self._outcome(plans, purchase.monthly_cost, needs)
            if short:
                error = SinchError(
                    'the checkout succeeded but %d of the new number(s) are not listed yet, so %s could not get all '
                    'their numbers' % (sum(plan.missing for plan in short), ', '.join(plan.entry.label for plan in short)),
                    operation='assign the rented numbers',
                    hint='Sinch may still be adding them. Check with sinch.numbers.sinch_number_info before re-running: '
                         'a re-run rents what it does not see')
                raise error.with_partial_result(dict(outcome.result, changed=True))
            return outcome

    @contextlib.contextmanager
    def _locks(self):
        """The locks of every group the run may rent from (as sinch_number_shop takes them), then the assignments'.

        Always in this order (groups ascending), so two runs never wait for each other in a circle.
        """
        with contextlib.ExitStack() as stack:
            for group_id in sorted(set(entry.group_id for entry in self.entries if entry.group_id is not None)):
                stack.enter_context(organisation_lock(self.client, 'shop', group_id))
            stack.enter_context(organisation_lock(self.client, 'assign'))
            yield

    def _check_application_keys(self, records):
        """Prove that every application key exists before any write.

        The organisation's numbers show the keys of applications that have numbers; only the other keys are read
        (``GET /v1/applications/key/{key}/numbers``, 404 for a key that is not an application of the organisation).
        """
        known = set(record.get('application_key') for record in records)
        for key in dict.fromkeys(entry.application_key for entry in self.entries):
            if key in known:
                continue
            try:
                self.client.list_application_numbers(key)
            except SinchNotFound as error:
                labels = [entry.label for entry in self.entries if entry.application_key == key]
                raise error.add_context('Check %s: it must be the key of an application of organisation %s. Nothing was '
                                        'written' % (' and '.join('%s.application_key' % label for label in labels),
                                                     self.client.organisation_id), replace_hint=True)

    def _rent(self, purchase, before):
        """Rent the plan (one reservation per group and capability, one checkout) and read the numbers again.

        Returns the numbers to plan the assignments with: without the surplus another run bought at the same time,
        which stays free.
        """
        rental = LegacyRental(self.client, lambda: held_numbers(self.client))
        self.warnings = rental.warnings
        try:
            result = rental.rent(purchase, before)
        except SinchError as error:
            raise error.add_context('Nothing was assigned') if error.uncertain else error
        self.rented = result.ours
        self.surplus = result.surplus
        return result.usable()

    def _assign(self, plans):
        """One PUT of the complete set per entry that gains numbers, in the order of the entries."""
        for plan in plans:
            if not plan.picked:
                continue
            entry = plan.entry
            try:
                self.client.set_application_numbers(entry.application_key, entry.capability, sorted(plan.current + plan.picked))
            except SinchError as error:
                told = 'Assigning stopped at %s' % entry.label
                if self.assigned:
                    told += ' (%s got their numbers before)' % ', '.join(self.assigned)
                if self.rented:
                    told += '; the %d number(s) this run rented stay rented' % len(self.rented)
                told += '. A re-run assigns the rest and rents only what is missing'
                raise error.add_context(told).with_partial_result(dict(rented=self.rented, changed=bool(self.rented)))
            self.assigned.append(entry.label)

    def _outcome(self, plans, monthly_cost, needs, pending=False):
        """The module's result; ``pending`` (check mode) shows numbers to rent as placeholders."""
        applications = []
        before = {}
        after = {}
        for plan in plans:
            entry = plan.entry
            change = Plan(plan.current, plan.current + plan.picked)
            placeholders = [placeholder(entry.group_id)] * plan.missing if pending else []
            numbers = e164(change.after) + placeholders
            added = e164(change.added) + placeholders
            applications.append(dict(application_key=entry.application_key, capability=entry.capability,
                                     numbers=numbers, added=added))
            before.setdefault(entry.application_key, {})[entry.capability] = e164(change.before)
            after.setdefault(entry.application_key, {})[entry.capability] = numbers
        result = dict(
            applications=applications,
            rented=self.rented,
            shortfall=[dict(group_id=need.group_id, capability=need.capabilities[0], quantity=need.quantity)
                       for need in needs],
            surplus=self.surplus,
            monthly_cost=monthly_cost,
        )
        # A run that rented is changed even when the re-read did not list the new numbers yet.
        changed = bool(self.rented) or bool(needs) or any(item['added'] for item in applications)
        diff = dict(before=before, after=after)
        return Outcome(changed, result, diff, self.warnings)
