# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The AWX credential type in docs/awx/ must inject exactly the SINCH_* variables the connection fragments name.

The doc fragments are the source of truth (they are what users read); the argument specs must agree with them,
and the credential type with both, so none of the three can drift. The injectors are rendered the way AWX
renders them (a Jinja2 sandbox, set fields only in the namespace) to check what a job really receives.
"""

from __future__ import annotations

import os
import re

import pytest
import yaml
from jinja2 import sandbox

from ansible_collections.sinch.numbers.plugins.doc_fragments import legacy, numbers_api, voice
from ansible_collections.sinch.numbers.plugins.module_utils import _options

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
AWX = os.path.join(ROOT, 'docs', 'awx')
FRAGMENTS = {'legacy': legacy.ModuleDocFragment, 'numbers_api': numbers_api.ModuleDocFragment, 'voice': voice.ModuleDocFragment}
SPECS = {'legacy': _options.legacy_argument_spec, 'numbers_api': _options.numbers_api_argument_spec,
         'voice': _options.voice_argument_spec}

# What AWX accepts (awx/main/fields.py: CredentialTypeInputField, CredentialTypeInjectorField).
FIELD_KEYS = {'id', 'label', 'type', 'format', 'choices', 'help_text', 'multiline', 'secret', 'ask_at_runtime', 'default'}
NAME = re.compile(r'^[a-zA-Z_]+[a-zA-Z0-9_]*$')
# The one template shape the injectors use: a field, optionally with the option's default.
TEMPLATE = re.compile(r"^\{\{ (?P<field>\w+)(?: \| default\('(?P<default>[^']*)'\))? \}\}$")


def _load(name):
    with open(os.path.join(AWX, name)) as handle:
        return yaml.safe_load(handle)


INPUTS = _load('credential_type_inputs.yml')
INJECTORS = _load('credential_type_injectors.yml')
FIELDS = {field['id']: field for field in INPUTS['fields']}


def _fragment_options(fragment):
    """The connection options a fragment documents: name -> (DOCUMENTATION entry, env names of its PLUGIN section)."""
    documented = yaml.safe_load(fragment.DOCUMENTATION)['options']
    plugin = yaml.safe_load(fragment.PLUGIN)['options']
    assert set(plugin) <= set(documented), 'PLUGIN adds env to an option DOCUMENTATION lacks'
    return {name: (doc, [entry['name'] for entry in plugin.get(name, {}).get('env', [])])
            for name, doc in documented.items()}


BY_API = {api: _fragment_options(fragment) for api, fragment in FRAGMENTS.items()}
# Options every API has (validate_certs, timeout) are documented alike; the last one wins here.
OPTIONS = {name: option for options in BY_API.values() for name, option in options.items()}
# The options a credential carries: those with an environment variable.
ENV_OPTIONS = {name: env for name, (_doc, env) in OPTIONS.items() if env}


def _described_env(doc):
    return sorted(set(re.findall(r'E\((SINCH_\w+)\)', ' '.join(doc['description']))))


def test_fragments_name_the_same_variable_in_description_and_plugin_env():
    for name, (doc, env) in OPTIONS.items():
        assert _described_env(doc) == sorted(env), name


def test_every_fragment_variable_is_injected_and_every_injected_variable_is_a_fragment_variable():
    named = sorted(var for env in ENV_OPTIONS.values() for var in env)
    assert named, 'the fragments name no SINCH_* variable'
    assert len(named) == len(set(named)), 'two options share a variable'
    assert sorted(INJECTORS['env']) == named


def test_each_variable_carries_the_field_of_its_option():
    for name, env in ENV_OPTIONS.items():
        for var in env:
            match = TEMPLATE.match(INJECTORS['env'][var])
            assert match, '%s: %r is not "{{ field }}" or "{{ field | default(\'...\') }}"' % (var, INJECTORS['env'][var])
            assert match.group('field') == name, var


def test_one_input_per_option_with_a_variable():
    assert sorted(FIELDS) == sorted(ENV_OPTIONS)
    assert len(FIELDS) == len(INPUTS['fields']), 'duplicate field ids'


@pytest.mark.parametrize('name', sorted(ENV_OPTIONS))
def test_input_matches_the_option(name):
    field = FIELDS[name]
    doc = OPTIONS[name][0]
    assert doc['type'] == 'str' and field['type'] == 'string'
    assert field.get('choices') == doc.get('choices')
    if 'choices' in doc:
        assert field['default'] == doc['default']
    else:
        assert 'default' not in field, 'an input default would be stored in every credential; let the option default'
    for var in ENV_OPTIONS[name]:
        assert var in field['help_text'], 'the help text names the variable'


@pytest.mark.parametrize('name', sorted(ENV_OPTIONS))
def test_injected_default_is_the_option_default(name):
    """AWX sets every listed variable, an unset field as ''; an option with a default must get that instead."""
    doc = OPTIONS[name][0]
    for var in ENV_OPTIONS[name]:
        match = TEMPLATE.match(INJECTORS['env'][var])
        assert match.group('default') == doc.get('default'), var


def test_secret_inputs_are_the_no_log_options():
    no_log = sorted(name for spec in SPECS.values() for name, option in spec().items() if option.get('no_log'))
    assert {'password', 'instance_secret', 'key_secret', 'application_secret'} <= set(no_log)
    assert sorted(name for name, field in FIELDS.items() if field.get('secret')) == no_log
    for name in no_log:
        assert FIELDS[name]['secret'] is True


def test_argument_specs_fall_back_to_the_fragment_variables():
    for api, spec in SPECS.items():
        spec = spec()
        assert sorted(spec) == sorted(BY_API[api]), api
        for name, option in spec.items():
            fallback = option.get('fallback')
            env = list(fallback[1]) if fallback else []
            assert env == BY_API[api][name][1], '%s %s' % (api, name)


def test_inputs_are_valid_for_awx():
    assert set(INPUTS) <= {'fields', 'required'}
    for field in INPUTS['fields']:
        assert set(field) <= FIELD_KEYS, field['id']
        assert {'id', 'label'} <= set(field)
        assert NAME.match(field['id']) and field['id'] != 'tower'
        assert field['type'] in ('string', 'boolean')
        if 'default' in field:
            assert isinstance(field['default'], str if field['type'] == 'string' else bool)
            assert field['default'] in field.get('choices', [field['default']])
        if 'choices' in field:
            assert len(field['choices']) == len(set(field['choices'])) >= 1
    assert set(INPUTS.get('required', [])) <= set(FIELDS)


def test_injectors_are_valid_for_awx():
    assert set(INJECTORS) == {'env'}
    for var, template in INJECTORS['env'].items():
        assert NAME.match(var) and not var.startswith('ANSIBLE_'), var
        assert isinstance(template, str) and template.isascii()


def _inject(inputs):
    """The environment AWX gives a job for a credential with these inputs (awx CredentialType.inject_credential)."""
    namespace = {name: value for name, value in inputs.items() if len(value)}
    env = sandbox.ImmutableSandboxedEnvironment()
    return {var: env.from_string(template).render(**namespace) for var, template in INJECTORS['env'].items()}


def test_a_legacy_only_credential():
    env = _inject({'username': 'ops@example.com', 'password': 's3cret'})
    assert env['SINCH_USERNAME'] == 'ops@example.com'
    assert env['SINCH_PASSWORD'] == 's3cret'
    assert env['SINCH_USERNAME_TYPE'] == 'email'
    assert env['SINCH_PORTAL_API_URL'] == 'https://portalapi.sinch.com'
    # Unset fields arrive empty, which the clients treat as unset; choices never arrive empty.
    assert env['SINCH_INSTANCE_ID'] == env['SINCH_KEY_SECRET'] == ''
    assert env['SINCH_AUTH_METHOD'] == 'oauth2'


def test_a_voice_only_credential():
    env = _inject({'application_key': 'bb7b4e39-4227-4913-8c81-2db4abb54fb3', 'application_secret': 'c2VjcmV0'})
    assert env['SINCH_APPLICATION_KEY'] == 'bb7b4e39-4227-4913-8c81-2db4abb54fb3'
    assert env['SINCH_APPLICATION_SECRET'] == 'c2VjcmV0'
    assert env['SINCH_VOICE_API_URL'] == 'https://callingapi.sinch.com'
    assert env['SINCH_KEY_SECRET'] == env['SINCH_PASSWORD'] == ''


def test_every_field_set():
    values = {name: 'value-of-%s' % name for name in FIELDS}
    values.update(username_type='number', auth_method='basic')
    env = _inject(values)
    for name, vars_ in ENV_OPTIONS.items():
        for var in vars_:
            assert env[var] == values[name]
