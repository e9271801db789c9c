# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: what an organisation holds, read under a lock that serialises changes on this controller.

Only this collection may import this file; it is not a public API.

The legacy API has no locks and no conditional writes, so "count, then buy" and "pick a free number,
then assign it" race when two processes of one controller (forks of a play, parallel jobs) run them at
once. They take an exclusive ``flock`` in the session cache directory around read, decide, write and
re-read. Nothing can lock across controllers.
"""

from __future__ import annotations

import contextlib

from ansible_collections.sinch.numbers.plugins.module_utils._phone import legacy_number_record
from ansible_collections.sinch.numbers.plugins.module_utils._session_cache import SessionCache, cache_key


def held_numbers(client):
    """Every number the organisation rents (``GET .../numbers``) as records with ``e164``, ordered by number."""
    return sorted((legacy_number_record(raw) for raw in client.list_numbers()), key=lambda record: record['number'])


def has_capabilities(record, capabilities):
    """Whether a number record can do every one of ``capabilities``."""
    return set(capabilities) <= set(record.get('capabilities') or [])


def e164_list(records):
    """The E.164 forms of records, in their order."""
    return [record['e164'] for record in records]


@contextlib.contextmanager
def organisation_lock(client, *scope):
    """Hold an exclusive lock for the client's organisation (and ``scope``) on this controller.

    Processes of one controller that change the same thing (one group's holdings, one organisation's
    assignments) run one after the other. The lock file lives next to the cached sessions; when that
    directory cannot hold it, in a private fallback directory; when neither can, ``SinchLockError`` is raised
    before the block runs (so before any write): the lock never silently disappears.
    """
    cache = client.cache if client.cache is not None else SessionCache()
    key = cache_key('lock', client.portal_api_url, client.organisation_id, *scope)
    with cache.lock(key):
        yield
