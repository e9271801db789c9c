# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers (controller side): refuse names nobody defined, naming the closest valid one.

Only this collection may import this file; it is not a public API. A misspelt role variable
(``application_numbers_max_montly_cost``) or inventory key (``projct_id``) would otherwise be ignored without
a word, and with it the setting it meant to give (a cost ceiling, a project).
"""

from __future__ import annotations

import difflib


def closest(name, known):
    """The valid name most like ``name`` (difflib), or None when none is close."""
    found = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_names(given, known, what):
    """One message per name in ``given`` that is not in ``known``, e.g.

    ``projct_id: not a key of the sinch.numbers.sinch_numbers inventory source; did you mean project_id?``.
    ``what`` names the thing the names belong to. An empty list when every name is known.
    """
    known = sorted(set(known))
    messages = []
    for name in sorted(set(str(name) for name in given)):
        if name in known:
            continue
        match = closest(name, known)
        advice = 'did you mean %s?' % match if match else 'valid: %s.' % ', '.join(known)
        messages.append('%s: not a %s; %s' % (name, what, advice))
    return messages
