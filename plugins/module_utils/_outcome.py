# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: what a state-changing run did, handed from the domain code to its module.

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations


class Outcome:
    """``changed``, the module ``result``, the ``diff`` (before/after) and ``warnings`` of one run.

    Every state-changing module ends through ``_module.exit_with_outcome``, which returns ``diff`` only in
    diff mode and emits the warnings.
    """

    def __init__(self, changed, result, diff, warnings=None):
        self.changed = changed
        self.result = result
        self.diff = diff
        self.warnings = list(warnings or [])
