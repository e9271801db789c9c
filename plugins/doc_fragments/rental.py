# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The money rules and the purchase behaviour of every module that rents on the legacy API (_rental.py).
    DOCUMENTATION = r"""
options:
  max_monthly_cost:
    description:
      - The most this run may add to the monthly bill (the numbers to rent times their group's monthly cost, in the
        groups' currency). Required whenever the run would rent; a run that rents nothing needs none.
      - A run that would rent without it fails before reserving anything, in check mode too, saying what it would
        rent and what that costs. V(.inf) in YAML rents without a ceiling on purpose; NaN and negative numbers are
        refused before any request.
      - A run whose rentals would cost more fails the same way, naming the cost per group.
    type: float
notes:
  - Money rules - nothing is rented without O(max_monthly_cost), and never above it. See the user guide, "Money rules".
  - A checkout that Sinch refuses (not enough credit, reservation expired, accounting not set up) fails the task and
    leaves nothing rented; a reservation expires by itself, the API cannot cancel one.
  - A checkout whose outcome is unknown (timeout, connection error, server error, an answer that cannot be read) is
    never sent again. The numbers are read again at once; when they are all there the task carries on with a warning,
    otherwise it fails saying the outcome is B(uncertain) (Sinch may still complete it) - check with
    M(sinch.numbers.sinch_number_info) a few minutes later before re-running.
  - C(changed) is true once a checkout succeeded, even when the numbers read right after do not list the new numbers
    yet (a warning says so).
  - Runs on one controller (forks of a play, parallel jobs) take turns under file locks next to the session cache.
    Nothing can lock across controllers (the API has no locks), so after a purchase the numbers are read again; new
    numbers beyond what this run bought (another run bought at the same time) are named in a warning and left free,
    neither released nor assigned. Never run two rental jobs at once (in AWX - no simultaneous runs of one job
    template, no job slicing; see the AWX guide).
"""
