# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Attributes every module of the collection has.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in C(check_mode) and return changed status prediction without modifying target.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in C(check_mode)), when in diff mode.
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second invocation indicates no change.
"""

    # Membership of modules of the legacy Number Administration API.
    LEGACY_GROUP = r"""
options: {}
attributes:
  action_group:
    description:
      - Use C(group/sinch.numbers.legacy) in C(module_defaults) to set the legacy connection options for this module,
        or C(group/sinch.numbers.sinch) for options every module has (O(timeout), O(validate_certs)).
    support: full
    membership:
      - sinch.numbers.sinch
      - sinch.numbers.legacy
"""

    # Membership of modules of the Numbers API.
    NUMBERS_API_GROUP = r"""
options: {}
attributes:
  action_group:
    description:
      - Use C(group/sinch.numbers.numbers_api) in C(module_defaults) to set the Numbers API connection options for
        this module, or C(group/sinch.numbers.sinch) for options every module has (O(timeout), O(validate_certs)).
    support: full
    membership:
      - sinch.numbers.sinch
      - sinch.numbers.numbers_api
"""

    # Modules that change state.
    ACTIONABLE = r"""
options: {}
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  idempotent:
    support: full
"""

    # Modules that only read.
    INFO_MODULE = r"""
options: {}
attributes:
  check_mode:
    support: full
    details:
      - This action does not modify state.
  diff_mode:
    support: N/A
    details:
      - This action does not modify state.
  idempotent:
    support: full
    details:
      - This action does not modify state.
"""
