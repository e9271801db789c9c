# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The unknown_role_variables filter, against the roles' own argument specs."""

from __future__ import annotations

import os

import pytest
import yaml

from ansible.errors import AnsibleFilterError

from ansible_collections.sinch.numbers.plugins.filter.unknown_role_variables import unknown_role_variables

ROLES = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'roles')


def options(role):
    with open(os.path.join(ROLES, role, 'meta', 'argument_specs.yml'), encoding='utf-8') as handle:
        return yaml.safe_load(handle)['argument_specs']['main']['options']


@pytest.mark.parametrize('role, given, also, expected', [
    ('application_numbers', ['application_numbers_applications', 'application_numbers_max_monthly_cost'], [], []),
    ('application_numbers', ['application_numbers_max_montly_cost'], [],
     ['application_numbers_max_montly_cost: not a variable of role sinch.numbers.application_numbers; did you mean '
      'application_numbers_max_monthly_cost?']),
    ('application_numbers', ['application_numbers_result'], ['application_numbers_result'], []),
    ('number_report', ['number_report_dest', 'number_report_dset'], [],
     ['number_report_dset: not a variable of role sinch.numbers.number_report; did you mean number_report_dest?']),
])
def test_messages(role, given, also, expected):
    assert unknown_role_variables(given, options(role), 'sinch.numbers.' + role, also=also) == expected


def test_no_close_match_lists_the_valid_names():
    [message] = unknown_role_variables(['colour'], options('application_numbers'), 'r')
    assert message.startswith('colour: not a variable of role r; valid: application_numbers_applications')


def test_options_must_be_a_dict():
    with pytest.raises(AnsibleFilterError):
        unknown_role_variables(['x'], ['x'], 'r')
