# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the desired state of one application's numbers for one capability.

Only this collection may import this file; it is not a public API.

The legacy API can overwrite an application's numbers for a capability (``PUT .../numbers/{capability}``)
and remove one number from it (``DELETE .../numbers/{number}``); there is no "add one". So a change that
adds numbers is one PUT of the whole new set (which also drops the numbers an exclusive set leaves out),
and a change that only removes is one DELETE per number, never a PUT of an empty list, which Sinch's
pages do not describe. A number belongs to one application as a whole: removing it for one capability
removes it from the application.
"""

from __future__ import annotations

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchInputError, SinchNotFound
from ansible_collections.sinch.numbers.plugins.module_utils._outcome import Outcome
from ansible_collections.sinch.numbers.plugins.module_utils._legacy_state import (
    held_numbers,
    organisation_lock,
)
from ansible_collections.sinch.numbers.plugins.module_utils._phone import legacy_number_record, to_e164, to_legacy


def parse_numbers(values, option='numbers'):
    """The legacy (integer) form of each number, without duplicates, in the order given."""
    found = []
    for value in values:
        number = to_legacy(value, option)
        if number not in found:
            found.append(number)
    return found


def e164(numbers):
    """E.164 strings of legacy numbers, ascending."""
    return [to_e164(number, 'number') for number in sorted(numbers)]


def validate_request(count=None, state='present', exclusive=False):
    """Refuse option combinations that mean nothing, before any request is sent."""
    if state == 'absent' and count is not None:
        raise SinchInputError('count: works with state=present only; to unassign numbers, list them in numbers.')
    if state == 'absent' and exclusive:
        raise SinchInputError('exclusive: works with state=present only (the list is then the whole set).')
    if count is not None and count < 0:
        raise SinchInputError('count: must be 0 or more, not %d.' % count)


class Plan:
    """Before and after of the application's numbers for the capability, and the writes between them."""

    def __init__(self, current, target, warnings=None):
        self.before = sorted(current)
        self.after = sorted(target)
        self.added = sorted(set(target) - set(current))
        self.removed = sorted(set(current) - set(target))
        self.warnings = list(warnings or [])

    @property
    def changed(self):
        return bool(self.added or self.removed)


def plan_assignment(application_key, capability, app_records, org_records, numbers=None, count=None, group_id=None,
                    state='present', exclusive=False, allow_reassign=False):
    """Decide the application's numbers for ``capability``; raise :class:`SinchInputError` before any write.

    ``app_records`` are the application's numbers, ``org_records`` the organisation's (records with
    ``number``, ``capabilities``, ``application_key``, ``group_id``). ``numbers`` are legacy integers.
    """
    validate_request(count, state, exclusive)
    current = sorted(record['number'] for record in app_records
                     if capability in (record.get('capabilities') or [])
                     and record.get('application_key') in (None, application_key))
    rented = dict((record['number'], record) for record in org_records)

    if count is not None:
        return Plan(current, _by_count(application_key, capability, current, rented, count, group_id, exclusive))
    if state == 'absent':
        unknown = [number for number in numbers if number not in rented]
        warnings = ['numbers: %s not rented by the organisation; nothing to remove.' % ', '.join(e164(unknown))] if unknown else []
        return Plan(current, [number for number in current if number not in numbers], warnings)
    for number in numbers:
        _check_wanted(application_key, capability, rented.get(number), number, allow_reassign)
    target = set(numbers) if exclusive else set(numbers) | set(current)
    return Plan(current, target)


def _check_wanted(application_key, capability, record, number, allow_reassign):
    """A number may be assigned: rented by the organisation, with the capability, and free (or moving is allowed)."""
    if record is None:
        raise SinchInputError('numbers: %s is not rented by the organisation; rent it first (sinch.numbers.sinch_number_shop) '
                              'or remove it from numbers.' % to_e164(number, 'numbers'))
    if capability not in (record.get('capabilities') or []):
        raise SinchInputError('numbers: %s has no %s capability (it has: %s); remove it from numbers or use another capability.'
                              % (record['e164'], capability, ', '.join(record.get('capabilities') or []) or 'none'))
    owner = record.get('application_key')
    if owner and owner != application_key and not allow_reassign:
        raise SinchInputError('numbers: %s is assigned to application %s; set allow_reassign=true to move it to %s, '
                              'or remove it from numbers.' % (record['e164'], owner, application_key))


def _by_count(application_key, capability, current, rented, count, group_id, exclusive):
    """At least ``count`` numbers (exactly, when exclusive): free numbers added lowest first, surplus removed highest first."""
    if len(current) >= count:
        return current[:count] if exclusive else current
    pool = sorted(number for number, record in rented.items()
                  if not record.get('application_key') and capability in (record.get('capabilities') or [])
                  and (group_id is None or record.get('group_id') == group_id))
    missing = count - len(current)
    if len(pool) < missing:
        where = ' of group %s' % group_id if group_id is not None else ''
        raise SinchInputError(
            'count: application %s has %d %s number(s) and needs %d more, but the organisation has only %d free %s '
            'number(s)%s. Rent more (sinch.numbers.sinch_number_shop) or lower count.'
            % (application_key, len(current), capability, missing, len(pool), capability, where)
        )
    return current + pool[:missing]


def ensure_assignment(client, application_key, capability, numbers=None, count=None, group_id=None, state='present',
                      exclusive=False, allow_reassign=False, check_mode=False):
    """Read, plan and (unless ``check_mode``) write the application's numbers for ``capability``; an :class:`Outcome`.

    Runs under the organisation's lock, so forks picking free numbers never pick the same one.
    """
    validate_request(count, state, exclusive)
    wanted = parse_numbers(numbers) if numbers is not None else None
    with organisation_lock(client, 'assign'):
        try:
            app_records = [legacy_number_record(raw) for raw in client.list_application_numbers(application_key)]
        except SinchNotFound as error:
            raise error.add_context('Check application_key: it must be the key of an application of the organisation',
                                    replace_hint=True)
        org_records = held_numbers(client)
        plan = plan_assignment(application_key, capability, app_records, org_records, wanted, count, group_id, state,
                               exclusive, allow_reassign)
        if plan.changed and not check_mode:
            if plan.added:
                client.set_application_numbers(application_key, capability, plan.after)
            else:
                for number in plan.removed:
                    client.remove_application_number(application_key, number)
    result = dict(
        application_key=application_key,
        capability=capability,
        numbers=e164(plan.after),
        added=e164(plan.added),
        removed=e164(plan.removed),
    )
    diff = dict(before=dict(numbers=e164(plan.before)), after=dict(numbers=e164(plan.after)))
    return Outcome(plan.changed, result, diff, plan.warnings)
