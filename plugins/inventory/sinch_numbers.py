# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: sinch_numbers
short_description: Sinch phone numbers as inventory hosts
version_added: 0.1.0
description:
  - One host per phone number, named in E.164 (C(+14150005550)), with the number's fields as host variables
    in snake_case and groups per capability, country and application.
  - O(source=portal) reads the numbers the organisation rents through the legacy Number Administration API
    (C(GET /v1/organisations/id/{id}/numbers)); O(source=numbers_api) reads the active numbers of a project
    through the Numbers API (C(GET /v1/projects/{project}/activeNumbers), every page).
  - Uses a YAML configuration file whose name ends with C(sinch_numbers.yml) or C(sinch_numbers.yaml).
  - The connection options are those of the modules, with the same E(SINCH_*) environment variables, so an AWX
    credential that sets them serves inventory sources and job templates alike. Only the options of the
    chosen O(source) are needed.
author:
  - sinch.numbers contributors (@sinch-numbers)
extends_documentation_fragment:
  - sinch.numbers.legacy
  - sinch.numbers.legacy.PLUGIN
  - sinch.numbers.numbers_api
  - sinch.numbers.numbers_api.PLUGIN
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks the file as a source for this plugin.
    type: str
    required: true
    choices: [sinch.numbers.sinch_numbers]
  source:
    description:
      - Where the numbers come from.
      - V(portal) lists the numbers the organisation rents, with the legacy API's connection options
        (O(username)/O(password) or O(instance_id)/O(instance_secret), O(organisation_id), the three URLs).
      - V(numbers_api) lists the active numbers of the project O(project_id), with the Numbers API's connection
        options (O(key_id), O(key_secret), O(auth_method), O(numbers_api_url), O(auth_url)).
    type: str
    choices: [portal, numbers_api]
    default: portal
  filters:
    description:
      - With O(source=numbers_api), only the active numbers that pass these filters, which Sinch applies
        (C(GET .../activeNumbers)). Keys are C(region_code) (ISO 3166-1 alpha-2, any case), C(type)
        (V(MOBILE), V(LOCAL), V(TOLL_FREE)) and C(capability) (a list of V(SMS) and/or V(VOICE), any case; a number
        must have all of them).
      - Without C(type), each type is listed explicitly, because Sinch's guide says a list without a type holds
        MOBILE numbers only.
      - An unknown key, or filters with O(source=portal), fail before any request.
    type: dict
    default: {}
notes:
  - "Host variables of both sources, one shape for both APIs: C(sinch_api) (V(portal) or V(numbers_api), the API the
    number came from), C(e164), C(capabilities) (lower case: V(voice), V(sms)) and C(monthly_cost) (C(amount), a
    float per month, and C(currency); null when Sinch gives no price)."
  - "Host variables with O(source=portal), besides: C(number) (the API's integer), C(group_id), C(application_key)
    (null for an idle number), C(country_id), C(country), C(city), C(area_code), C(expires), C(cost) (C(amount),
    C(currency_id))."
  - "Host variables with O(source=numbers_api), besides: C(phone_number), C(project_id), C(display_name),
    C(region_code), C(type) (V(MOBILE), V(LOCAL), V(TOLL_FREE)), C(capability) (V(SMS), V(VOICE)), C(money)
    (C(currency_code), C(amount) as a string, charged every C(payment_interval_months); C(monthly_cost) is it divided by
    that interval), C(payment_interval_months), C(next_charge_date), C(expire_at), C(sms_configuration)
    (C(service_plan_id), C(campaign_id), C(scheduled_provisioning)), C(voice_configuration) (C(type), C(app_id),
    C(last_updated_time), C(scheduled_voice_provisioning)), C(callback_url)."
  - The variables keep the API's names in snake_case, without a prefix; use O(compose) to add other names.
  - Every host also gets C(ansible_connection=local) and C(ansible_python_interpreter={{ ansible_playbook_python }}),
    because a number is no machine; tasks for it run on the controller, where the modules talk to Sinch, with the
    Python that runs C(ansible-playbook) (no interpreter discovery). Set either in O(compose) to change it; these
    host variables take precedence over C(group_vars).
  - "Groups with O(source=portal): C(capability_voice), C(capability_sms); C(country_<countryId>) (for example
    C(country_us)); C(application_<key>) with the application key's C(-) as C(_); C(unassigned) for numbers
    no application holds."
  - "Groups with O(source=numbers_api): C(capability_sms), C(capability_voice); C(country_<regionCode>);
    C(application_<voiceConfiguration.appId>); C(sms_service_plan_<smsConfiguration.servicePlanId>);
    C(unassigned) for numbers with neither."
  - The built-in group names are lower case and made safe the way O(keyed_groups) names are.
  - Values from Sinch are data, never templates. Connection options written in the file may be templates
    (for example a password from an extra variable); those from the environment are used as they are.
  - Every O(compose), O(groups) and O(keyed_groups) expression is evaluated for every number, which adds
    noticeably to the time an inventory of many thousands of numbers takes; the built-in groups cost next to nothing.
  - With O(cache=true) the API's answers are cached (not the hosts), so changing O(compose) or the groups takes
    effect without a request; a cache entry of another O(source) or account is not used.
"""

EXAMPLES = r"""
# portal.sinch_numbers.yml -- the numbers the organisation rents (legacy API). Credentials from the
# environment: SINCH_USERNAME, SINCH_PASSWORD (an AWX credential of the collection's type sets them).
plugin: sinch.numbers.sinch_numbers

---
# project.sinch_numbers.yml -- the active numbers of a project (Numbers API), key from the environment
# (SINCH_KEY_ID, SINCH_KEY_SECRET) and the project named here.
plugin: sinch.numbers.sinch_numbers
source: numbers_api
project_id: 0994c893-4d74-4455-8259-4f5c68d92f6f

---
# Groups by country and by number group, e.g. "numbers_us" and "shop_group_13", next to the built-in ones.
# The password is an extra variable, e.g. from "ansible-inventory -e @vault.yml --ask-vault-pass ...".
plugin: sinch.numbers.sinch_numbers
username: ops@example.com
password: "{{ vault_sinch_password }}"
keyed_groups:
  - key: country_id | lower
    prefix: numbers
  - key: group_id | string
    prefix: shop_group
groups:
  expensive: monthly_cost.amount > 10

---
# Variables of your own from the number's fields, and a group of numbers without a display name.
plugin: sinch.numbers.sinch_numbers
source: numbers_api
compose:
  voice_app: voice_configuration.app_id | default('', true)
  label: display_name | default(e164, true)
groups:
  unnamed: display_name == ''
keyed_groups:
  - key: type | lower
    prefix: type

---
# Cache the API's answers for an hour in JSON files; "ansible-inventory --flush-cache" reads Sinch again.
plugin: sinch.numbers.sinch_numbers
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/sinch_numbers_inventory
cache_timeout: 3600
"""

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchError
from ansible_collections.sinch.numbers.plugins.module_utils._http import HAS_REQUESTS
from ansible_collections.sinch.numbers.plugins.module_utils._phone import HAS_PHONENUMBERS
from ansible_collections.sinch.numbers.plugins.module_utils._inventory import (
    account_fingerprint,
    fetch_records,
    hosts,
)
from ansible_collections.sinch.numbers.plugins.module_utils._options import (
    OptionAdapter,
    legacy_argument_spec,
    numbers_api_argument_spec,
)
from ansible_collections.sinch.numbers.plugins.plugin_utils._unknown_names import unknown_names

try:
    # ansible-core 2.19+: a value is a template only when trusted as one; what Sinch sends never is.
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19: mark the values unsafe so that they are never templated
    from ansible.utils.unsafe_proxy import wrap_var as _as_data

    def trust_as_template(value):
        return value  # before 2.19 every plain string in a host variable is a template
else:
    def _as_data(value):
        return value

# The module layer (ansible.module_utils.basic, AnsibleModule) is not imported here: clients come from _clients.
_MISSING = ('Failed to import the required Python library (%s) on the controller\'s Python; '
            'install it, e.g. pip install %s')

# What every host gets unless the file's compose sets it: a number is no machine, so its tasks run on the
# controller, with the Python that runs ansible-playbook (which has requests). Interpreter discovery would
# look for a Python of its own, which may not be there or may lack requests.
_CONTROLLER_VARS = (
    ('ansible_connection', 'local'),
    ('ansible_python_interpreter', '{{ ansible_playbook_python }}'),
)

# Options that may be given as templates (e.g. a password from a vault variable or a lookup).
_CONNECTION_OPTIONS = tuple(sorted(set(legacy_argument_spec()) | set(numbers_api_argument_spec())))


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = 'sinch.numbers.sinch_numbers'

    def verify_file(self, path):
        """Only files named ``*sinch_numbers.yml`` or ``*sinch_numbers.yaml``."""
        return super().verify_file(path) and path.endswith(('sinch_numbers.yml', 'sinch_numbers.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        for library, present in (('requests', HAS_REQUESTS), ('phonenumbers', HAS_PHONENUMBERS)):
            if not present:
                raise AnsibleParserError(_MISSING % (library, library))
        config = self._read_config_data(path)
        self._refuse_unknown_keys(config)
        self._template_connection_options(config)
        source = self.get_option('source')
        try:
            records = self._records(path, source, cache)
        except SinchError as error:
            # The client's message says which call failed and what Sinch said; it never holds a secret.
            raise AnsibleParserError(str(error)) from None
        self._populate(source, records)

    def _refuse_unknown_keys(self, config):
        """A misspelt key (``projct_id``) would be ignored without a word: refuse it, naming the closest valid one."""
        messages = unknown_names(config, list(self._options) + ['plugin'], 'key of a %s inventory source' % self.NAME)
        if messages:
            raise AnsibleParserError(' '.join(messages))

    def _template_connection_options(self, config):
        """Render connection options the file gives as templates (with extra vars); values from the environment are data."""
        self.templar.available_variables = self._vars
        for name in _CONNECTION_OPTIONS:
            # Read from the file's own data: before ansible-core 2.19, get_option_and_origin() ignores the file
            # and reports the environment's value or the default.
            value = self.get_option(name)
            if name in (config or {}) and isinstance(value, str) and '{' in value:
                self.set_option(name, self.templar.template(value))

    def _records(self, path, source, cache):
        """The raw API records: from the inventory cache when enabled and fresh, else from Sinch (then cached)."""
        options = OptionAdapter.from_plugin(self)
        if not self.get_option('cache'):
            return fetch_records(source, options, warn=self.display.warning)
        key = self.get_cache_key(path)
        account = account_fingerprint(source, options)
        if cache:
            try:
                entry = self._cache[key]
            except KeyError:
                entry = None
            # The fingerprint covers the source too: an entry written for other settings of this file is stale.
            if isinstance(entry, dict) and entry.get('account') == account:
                return entry.get('records') or []
        records = fetch_records(source, options, warn=self.display.warning)
        self._cache[key] = dict(account=account, records=records)
        return records

    def _populate(self, source, records):
        inventory = self.inventory
        compose = self.get_option('compose')
        conditional_groups = self.get_option('groups')
        keyed_groups = self.get_option('keyed_groups')
        constructed = bool(compose or conditional_groups or keyed_groups)
        strict = self.get_option('strict')
        group_names = {}
        controller_vars = dict((key, trust_as_template(value)) for key, value in _CONTROLLER_VARS
                               if key not in (compose or {}))
        for name, variables, groups in hosts(source, records):
            variables = _as_data(variables)
            inventory.add_host(name)
            # Straight into the host's variables: set_variable() would inspect and tag every value of every host
            # (most of the time spent on 10,000 numbers), and these names and values need neither.
            host_vars = inventory.get_host(name).vars
            host_vars.update(variables)
            host_vars.update(controller_vars)
            for group in groups:
                safe = group_names.get(group)
                if safe is None:
                    safe = group_names[group] = inventory.add_group(self._sanitize_group_name(group))
                inventory.add_child(safe, name)
            if constructed:
                self._set_composite_vars(compose, variables, name, strict=strict)
                self._add_host_to_composed_groups(conditional_groups, variables, name, strict=strict)
                self._add_host_to_keyed_groups(keyed_groups, variables, name, strict=strict)
