# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What every module shares: option checks Ansible's own argument spec does not make."""

from __future__ import annotations

import json

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._module import legacy_module, transport
from ansible_collections.sinch.numbers.plugins.module_utils._options import OptionAdapter


@pytest.mark.parametrize('timeout', [0, -5])
def test_timeout_below_one_second_is_refused(timeout):
    with pytest.raises(SinchInputError) as caught:
        transport(OptionAdapter.from_dict({'timeout': timeout}))
    assert str(caught.value).startswith('timeout: %s is no number of seconds' % timeout)


def test_timeout_defaults_to_30_seconds():
    assert transport(OptionAdapter.from_dict({})).timeout == 30


@pytest.mark.parametrize('args, message', [
    ({'username': {'a': 1}}, 'username: give a string, not a dictionary.'),
    ({'password': ['s3cret']}, 'password: give a string, not a list.'),
    ({'tags': ['ok', {'a': 1}]}, 'tags: give a list of strings, not a dictionary.'),
])
def test_dict_or_list_for_text_is_refused(capsys, patch_module_args, args, message):
    with patch_module_args(dict({'username': 'ops@example.com', 'password': 'pw'}, **args)):
        with pytest.raises(SystemExit):
            legacy_module(dict(tags=dict(type='list', elements='str')))
    result = json.loads(capsys.readouterr().out)
    assert result['failed'] is True and result['msg'] == message
    assert 's3cret' not in json.dumps(result)
