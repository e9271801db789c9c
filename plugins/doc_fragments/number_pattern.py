# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The Numbers API's number pattern, shared by the modules that search or list numbers.
    DOCUMENTATION = r"""
options:
  number_pattern:
    description:
      - Only numbers containing these digits, where O(search_pattern) says.
      - The number is matched with its country code, so with O(search_pattern=START) give it first
        (V(+1206) or V(1206) for the US area code 206).
      - With O(search_pattern=START) Sinch wants the pattern with its V(+) (sent as C(%2B1206)); a pattern given
        without it gets it added, so V(1206) and V(+1206) are the same.
    type: str
  search_pattern:
    description:
      - Where O(number_pattern) must appear in the number. Unset lets Sinch decide.
    type: str
    choices: [START, CONTAINS, END]
"""
