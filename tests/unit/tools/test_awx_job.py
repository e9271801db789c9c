# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""tools/awx_job.py: the credential type's injectors rendered as AWX renders them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
import yaml

FILLED = {
    'SINCH_USERNAME': 'ops@example.com', 'SINCH_PASSWORD': 'pw-1', 'SINCH_KEY_ID': 'key-1', 'SINCH_KEY_SECRET': 'ks-1',
    'SINCH_PROJECT_ID': 'proj-1', 'SINCH_USER_API_URL': 'http://sim', 'SINCH_INSTANCE_ID': '',
    'SINCH_SIMULATOR_URL': 'http://sim',
}


@pytest.fixture
def awx(tool):
    return tool('awx_job')


@pytest.fixture
def credential_type(awx):
    return awx.load_yaml(awx.INPUTS), awx.load_yaml(awx.INJECTORS)


def test_the_credential_holds_the_fields_given(awx, credential_type):
    credential = awx.credential_inputs(credential_type[0], FILLED)
    assert credential == {'username': 'ops@example.com', 'password': 'pw-1', 'key_id': 'key-1', 'key_secret': 'ks-1',
                          'project_id': 'proj-1', 'user_api_url': 'http://sim'}


def test_env_injectors_as_awx_renders_them(awx, credential_type, tmp_path):
    inputs, injectors = credential_type
    credential = awx.credential_inputs(inputs, FILLED)
    env, safe_env, args = awx.render_injectors(inputs, injectors, credential, str(tmp_path))
    assert env['SINCH_PASSWORD'] == 'pw-1' and env['SINCH_KEY_SECRET'] == 'ks-1'
    # An empty field is undefined: the injector's default applies, or it renders as an empty string.
    assert env['SINCH_USERNAME_TYPE'] == 'email' and env['SINCH_AUTH_METHOD'] == 'oauth2'
    assert env['SINCH_API_URL'] == 'https://api.sinch.com'
    assert env['SINCH_INSTANCE_SECRET'] == '' and env['SINCH_ORGANISATION_ID'] == ''
    assert set(env) == set(injectors['env'])
    # What AWX stores with the job hides the secrets.
    assert safe_env['SINCH_PASSWORD'] == safe_env['SINCH_KEY_SECRET'] == awx.HIDDEN
    assert safe_env['SINCH_USERNAME'] == 'ops@example.com'
    assert args == []


@pytest.mark.parametrize('name', ['ANSIBLE_CONFIG', 'PATH', 'JOB_ID'])
def test_names_awx_refuses_to_inject(awx, tmp_path, name):
    with pytest.raises(awx.AwxJobError, match=name):
        awx.render_injectors({'fields': []}, {'env': {name: 'x'}}, {}, str(tmp_path))


def test_extra_vars_go_to_a_private_file_marked_unsafe(awx, tmp_path):
    inputs = {'fields': [{'id': 'token', 'type': 'string', 'secret': True}, {'id': 'debug', 'type': 'boolean'}]}
    injectors = {'extra_vars': {'api': {'token': '{{ token }}', 'debug': '{{ debug }}'}}}
    _env, _safe, args = awx.render_injectors(inputs, injectors, {'token': 't0k{{en}}'}, str(tmp_path))
    assert args[0] == '-e' and args[1].startswith('@' + str(tmp_path / 'env'))
    path = args[1][1:]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o400
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    # Keys and values, as AWX's safe_dump writes them: Ansible never templates what a credential holds.
    assert text.splitlines() == ["!unsafe 'api':", "  !unsafe 'debug': !unsafe 'False'", "  !unsafe 'token': !unsafe 't0k{{en}}'"]
    # An inventory update gets no extra vars.
    assert awx.render_injectors(inputs, injectors, {'token': 't'}, str(tmp_path), job=False)[2] == []


def test_the_job_inventory_script(awx, tmp_path):
    inventory = {'_meta': {'hostvars': {'+1415': {'number': 1415}}}, 'all': {'children': ['ungrouped']}}
    script = tmp_path / 'hosts'
    script.write_text(awx.inventory_script(inventory, sys.executable))
    listed = subprocess.run([sys.executable, str(script), '--list'], capture_output=True, text=True, check=True)
    assert json.loads(listed.stdout) == inventory
    host = subprocess.run([sys.executable, str(script), '--host', '+1415'], capture_output=True, text=True, check=True)
    assert json.loads(host.stdout) == {}


def test_runner_command_records_are_set_aside_only_when_private(awx, tmp_path):
    private = tmp_path / 'pdd'
    record = private / 'artifacts' / 'job' / 'command'
    record.parent.mkdir(parents=True)
    record.write_text('{"env": {"SINCH_PASSWORD": "pw-1"}}')
    os.chmod(str(record), 0o644)
    with pytest.raises(awx.AwxJobError, match='not 0600'):
        awx.set_aside_runner_commands(str(private), str(tmp_path / 'aside'))
    os.chmod(str(record), 0o600)
    assert awx.set_aside_runner_commands(str(private), str(tmp_path / 'aside')) == 1
    assert not record.exists() and (tmp_path / 'aside' / 'job-command').exists()


def test_the_project_uses_no_credential_of_its_own(awx):
    for name in ('job.yml', os.path.join('inventory', 'sinch.sinch_numbers.yml')):
        with open(os.path.join(awx.PROJECT, name), encoding='utf-8') as handle:
            text = handle.read()
        for option in ('password', 'key_secret', 'instance_secret', 'username:', 'key_id'):
            assert option not in text, '%s in %s' % (option, name)
    assert yaml.safe_load(open(os.path.join(awx.PROJECT, awx.SOURCE), encoding='utf-8'))['plugin'] == 'sinch.numbers.sinch_numbers'
