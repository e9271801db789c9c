#!/usr/bin/env python
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run an inventory update and a job the way AWX runs them, then scan what they left for secrets.

    awx_job.py --tarball SINCH-NUMBERS.tar.gz --work DIR

Run it under ``tools/with_simulator.py``: the credential's fields are read from the ``SINCH_*``
variables that script sets (the simulator's URL and test credentials), then removed from this
process's environment, so the runs get credentials only the way AWX gives them.

What AWX does and this repeats, with ansible-runner (the engine AWX and AAP run jobs with):

- A private data dir per run: ``project/`` (tests/awx/project), the collection installed from the
  built artifact into ``requirements_collections/`` (as a project update installs
  ``collections/requirements.yml``), ``env/``, ``inventory/``, ``artifacts/<ident>/``.
- The credential type of ``docs/awx/`` rendered as AWX renders injectors: Jinja's immutable
  sandbox, a namespace of the credential's filled-in fields only (an empty field is undefined),
  ``env`` injectors into the run's environment (AWX refuses ``ANSIBLE_*`` and its reserved names),
  ``extra_vars`` injectors (jobs only) written to a 0400 file under ``env/`` with every string
  tagged ``!unsafe``, passed as ``-e @file``.
- The inventory update: ``ansible-inventory --list --export --output FILE -i <source> -vvv``; the
  job's inventory is the update's result, served by an inventory script as AWX serves it.
- The job: ``ansible-playbook -vvv`` through ansible-runner (events from its awx_display callback,
  fact cache as jsonfile in the artifacts), ``suppress_env_files`` as AWX sets it, ``HOME`` the
  private data dir (``/runner`` in an execution environment).

Then every file in the private data dir is searched for the secrets (the credential's, the session
secrets and tokens the runs were issued) with the secrets target's scan_secrets.py; the session
cache is checked for mode and content instead. Not searched: ``requirements_collections`` (the
collection as installed, whose tests hold the simulator's credentials), and ``artifacts/*/command``, where
ansible-runner records the environment it was given (the credential's, by design; AWX deletes the
private data dir after the job), moved aside after its mode is checked to be 0600.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INPUTS = os.path.join(ROOT, 'docs', 'awx', 'credential_type_inputs.yml')
INJECTORS = os.path.join(ROOT, 'docs', 'awx', 'credential_type_injectors.yml')
PROJECT = os.path.join(ROOT, 'tests', 'awx', 'project')
SCAN_SECRETS = os.path.join(ROOT, 'tests', 'integration', 'targets', 'secrets', 'scan_secrets.py')
SOURCE = 'inventory/sinch.sinch_numbers.yml'
PLAYBOOK = 'job.yml'
VERBOSITY = 3
# AWX refuses env injectors for these (awx.main.models.credential.CredentialType.ENV_BLOCKLIST),
# and for any name starting with ANSIBLE_.
ENV_BLOCKLIST = frozenset((
    'VIRTUAL_ENV', 'PATH', 'PYTHONPATH', 'JOB_ID', 'INVENTORY_ID', 'INVENTORY_SOURCE_ID', 'INVENTORY_UPDATE_ID',
    'AD_HOC_COMMAND_ID', 'REST_API_URL', 'REST_API_TOKEN', 'MAX_EVENT_RES', 'CALLBACK_QUEUE', 'CALLBACK_CONNECTION',
    'CACHE', 'JOB_CALLBACK_DEBUG', 'INVENTORY_HOSTVARS', 'AWX_HOST', 'PROJECT_REVISION', 'SUPERVISOR_CONFIG_PATH',
))
HIDDEN = '**********'


class AwxJobError(Exception):
    """The run did not go as AWX's would, or left a secret behind."""


def load_yaml(path):
    import yaml

    with open(path, encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def credential_inputs(inputs, environ):
    """The credential as a user fills it in for the simulator: each field whose SINCH_<ID> is set and not empty."""
    values = {}
    for field in inputs.get('fields', []):
        value = environ.get('SINCH_' + field['id'].upper(), '')
        if value:
            values[field['id']] = value
    return values


def secret_fields(inputs):
    return {field['id'] for field in inputs.get('fields', []) if field.get('secret')}


def render_injectors(inputs, injectors, credential, private_data_dir, job=True):
    """Render ``injectors`` for ``credential`` as AWX does; return (env, safe_env, extra args).

    ``safe_env`` is what AWX stores with the job (secret fields shown as asterisks). For a job,
    ``extra_vars`` injectors go to a 0400 file under ``env/`` (every string tagged ``!unsafe``),
    given as ``-e @file``; an inventory update gets no extra vars.
    """
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    sandbox = ImmutableSandboxedEnvironment()
    secrets = secret_fields(inputs)
    namespace = {}
    safe_namespace = {}
    for name, value in credential.items():
        if isinstance(value, bool):
            namespace[name] = safe_namespace[name] = value
            continue
        if name in secrets:
            safe_namespace[name] = HIDDEN
        elif value:
            safe_namespace[name] = value
        if value:
            namespace[name] = value
    for field in inputs.get('fields', []):
        if field.get('type') == 'boolean' and field['id'] not in credential:
            namespace[field['id']] = safe_namespace[field['id']] = False

    env = {}
    safe_env = {}
    for name, template in (injectors.get('env') or {}).items():
        if name.startswith('ANSIBLE_') or name in ENV_BLOCKLIST:
            raise AwxJobError('AWX does not inject %s: the credential type would be refused' % name)
        env[name] = sandbox.from_string(template).render(**namespace)
        safe_env[name] = sandbox.from_string(template).render(**safe_namespace)

    args = []
    extra_vars = _render_tree(sandbox, injectors.get('extra_vars') or {}, namespace)
    if job and extra_vars:
        path = write_unsafe_yaml(extra_vars, os.path.join(private_data_dir, 'env'))
        args += ['-e', '@' + path]
    return env, safe_env, args


def _render_tree(sandbox, node, namespace):
    if isinstance(node, dict):
        return {_render_tree(sandbox, key, namespace): _render_tree(sandbox, value, namespace)
                for key, value in node.items()}
    if isinstance(node, list):
        return [_render_tree(sandbox, item, namespace) for item in node]
    if isinstance(node, str):
        return sandbox.from_string(node).render(**namespace)
    return node


def write_unsafe_yaml(data, directory):
    """Write ``data`` as YAML with every string tagged ``!unsafe`` (AWX's safe_dump) to a new 0400 file."""
    import yaml

    class UnsafeDumper(yaml.SafeDumper):  # pylint: disable=too-many-ancestors
        pass

    UnsafeDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar('!unsafe', value))
    os.makedirs(directory, exist_ok=True)
    handle, path = tempfile.mkstemp(dir=directory)
    with os.fdopen(handle, 'w', encoding='utf-8') as out:
        out.write(yaml.dump(data, Dumper=UnsafeDumper, default_flow_style=False))
    os.chmod(path, stat.S_IRUSR)
    return path


def inventory_script(inventory, python):
    """The executable AWX gives a job as its inventory: it prints the inventory it holds."""
    return ('#!%s\n# The inventory of the job, from the inventory update (written by tools/awx_job.py).\n'
            'import json, sys\n'
            'INVENTORY = json.loads(%r)\n'
            'print(json.dumps(INVENTORY if "--list" in sys.argv else {}))\n' % (python, json.dumps(inventory)))


def prepare(work, tarball):
    """Make the private data dir: the project and the collection installed from the built artifact."""
    private = os.path.join(work, 'private_data_dir')
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(PROJECT, os.path.join(private, 'project'))
    for name in ('env', 'inventory', 'artifacts'):
        os.makedirs(os.path.join(private, name), exist_ok=True)
    collections = os.path.join(private, 'requirements_collections')
    subprocess.run(['ansible-galaxy', 'collection', 'install', '--offline', '--force', '-p', collections, tarball],
                   check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections))
    return private


def base_env(private, **ids):
    """What AWX sets for every run besides the credential (the names that matter here)."""
    env = {
        'HOME': private,
        'ANSIBLE_COLLECTIONS_PATH': os.path.join(private, 'requirements_collections'),
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'True',
        'ANSIBLE_HOST_KEY_CHECKING': 'False',
        'ANSIBLE_FORCE_COLOR': 'False',
        'ANSIBLE_NOCOLOR': 'True',
        'PYTHONUNBUFFERED': '1',
        'AWX_HOST': 'https://awx.example.com',
    }
    env.update((name, str(value)) for name, value in ids.items())
    return env


def run(private, ident, envvars, **kwargs):
    """One ansible-runner run, quiet; raises unless it succeeded. Returns its artifact folder."""
    import ansible_runner

    result = ansible_runner.run(private_data_dir=private, ident=ident, envvars=envvars, quiet=True,
                                suppress_env_files=True, verbosity=VERBOSITY, timeout=900, **kwargs)
    artifacts = os.path.join(private, 'artifacts', ident)
    if result.status != 'successful' or result.rc != 0:
        tail = ''
        stdout = os.path.join(artifacts, 'stdout')
        if os.path.exists(stdout):
            with open(stdout, encoding='utf-8', errors='replace') as handle:
                tail = ''.join(handle.readlines()[-60:])
        raise AwxJobError('%s: ansible-runner status %s, rc %s\n%s' % (ident, result.status, result.rc, tail))
    return artifacts, result


def inventory_update(private, credential_env):
    """ansible-inventory over the project's source, as an AWX inventory update; returns the inventory."""
    output = os.path.join(private, 'artifacts', 'inventory_update_output.json')
    envvars = base_env(private, INVENTORY_ID=1, INVENTORY_SOURCE_ID=1, INVENTORY_UPDATE_ID=1)
    envvars.update(credential_env)
    cmdline = '--list --export --output %s -i %s --playbook-dir %s' % (
        output, os.path.join(private, 'project', SOURCE), os.path.join(private, 'project'))
    run(private, 'inventory_update', envvars, binary='ansible-inventory', cmdline=cmdline)
    with open(output, encoding='utf-8') as handle:
        inventory = json.load(handle)
    hosts = inventory.get('_meta', {}).get('hostvars', {})
    if not hosts:
        raise AwxJobError('the inventory update found no hosts')
    return inventory


def job(private, credential_env, credential_args, inventory):
    """ansible-playbook through ansible-runner, as an AWX job; returns (artifacts, runner result)."""
    path = os.path.join(private, 'inventory', 'hosts')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(inventory_script(inventory, sys.executable))
    os.chmod(path, stat.S_IRWXU)
    # The job template's own extra vars: AWX writes them to env/extravars, which ansible-runner passes on.
    with open(os.path.join(private, 'env', 'extravars'), 'w', encoding='utf-8') as handle:
        json.dump({'report_dest': os.path.join(private, 'project', 'report')}, handle)
    envvars = base_env(private, JOB_ID=1, INVENTORY_ID=1, PROJECT_REVISION='0' * 40)
    envvars.update(credential_env)
    return run(private, 'job', envvars, playbook=PLAYBOOK, inventory=path, fact_cache_type='jsonfile',
               cmdline=' '.join(credential_args) or None)


def load_scanner():
    spec = importlib.util.spec_from_file_location('sinch_numbers_scan_secrets', SCAN_SECRETS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def set_aside_runner_commands(private, aside):
    """Move ansible-runner's ``command`` records (the environment given, secrets included) out of the scan."""
    os.makedirs(aside, exist_ok=True)
    moved = 0
    for path in glob.glob(os.path.join(private, 'artifacts', '*', 'command')):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode != 0o600:
            raise AwxJobError('%s has mode %o, not 0600' % (path, mode))
        shutil.move(path, os.path.join(aside, os.path.basename(os.path.dirname(path)) + '-command'))
        moved += 1
    return moved


def scan(private, work, credential, inputs):
    """Check the session cache and search the whole private data dir; return the number of problems."""
    scanner = load_scanner()
    cache = os.path.join(private, '.cache', 'sinch.numbers')
    issued = os.path.join(work, 'issued.jsonl')
    open(issued, 'w', encoding='utf-8').close()  # pylint: disable=consider-using-with
    problems = scanner.collect(cache, issued) if os.path.isdir(cache) else 0
    secrets = sorted(credential[name] for name in secret_fields(inputs) if credential.get(name))
    # Everything but the collection the "project update" installed (its tests and docs hold the simulator's
    # test credentials on purpose).
    roots = []
    for name in sorted(os.listdir(private)):
        path = os.path.join(private, name)
        if name == 'requirements_collections':
            continue
        if not os.path.isdir(path):
            raise AwxJobError('%s: a file at the top of the private data dir, which the scan does not expect' % path)
        roots.append(path)
    return problems + scanner.scan(issued, cache, credential.get('key_id', ''), secrets, roots)


def count_events(artifacts):
    events = {}
    for path in glob.glob(os.path.join(artifacts, 'job_events', '*.json')):
        with open(path, encoding='utf-8') as handle:
            name = json.load(handle).get('event', '?')
        events[name] = events.get(name, 0) + 1
    return events


def main(argv=None):
    """Command line entry point."""
    parser = argparse.ArgumentParser(usage=__doc__.splitlines()[2].strip())
    parser.add_argument('--tarball', required=True, help='the built collection artifact')
    parser.add_argument('--work', required=True, help='a folder of its own (wiped)')
    args = parser.parse_args(argv)

    inputs = load_yaml(INPUTS)
    injectors = load_yaml(INJECTORS)
    credential = credential_inputs(inputs, os.environ)
    if not {'password', 'key_secret'} <= set(credential):
        print('awx-job: run it under tools/with_simulator.py (no SINCH_PASSWORD / SINCH_KEY_SECRET)', file=sys.stderr)
        return 2
    # From here on, credentials reach the runs only through the injectors.
    for name in [name for name in os.environ if name.startswith('SINCH_')]:
        del os.environ[name]

    work = os.path.abspath(args.work)
    try:
        private = prepare(work, os.path.abspath(args.tarball))
        update_env, _safe, _args = render_injectors(inputs, injectors, credential, private, job=False)
        inventory = inventory_update(private, update_env)
        print('awx-job: inventory update: %d hosts, %d groups'
              % (len(inventory['_meta']['hostvars']), len([g for g in inventory if g != '_meta'])))
        job_env, safe_env, job_args = render_injectors(inputs, injectors, credential, private, job=True)
        leaked = sorted(name for name, value in safe_env.items()
                        if any(credential.get(s) and credential[s] in value for s in secret_fields(inputs)))
        if leaked:
            raise AwxJobError('the environment AWX would store with the job shows secrets: %s' % ', '.join(leaked))
        artifacts, result = job(private, job_env, job_args, inventory)
        events = count_events(artifacts)
        print('awx-job: job: %s, %d events (%s), %d tasks ok, %d changed' % (
            result.status, sum(events.values()), ', '.join('%s %d' % item for item in sorted(events.items())),
            sum((result.stats or {}).get('ok', {}).values()), sum((result.stats or {}).get('changed', {}).values())))
        if not glob.glob(os.path.join(artifacts, 'fact_cache', '*')):
            raise AwxJobError('the job left no fact cache in %s' % artifacts)
        moved = set_aside_runner_commands(private, os.path.join(work, 'runner-commands'))
        print('awx-job: set aside %d ansible-runner command records (the environment given, mode 0600)' % moved)
        problems = scan(private, work, credential, inputs)
    except (AwxJobError, subprocess.CalledProcessError) as error:
        print('awx-job: %s' % error, file=sys.stderr)
        return 1
    if problems:
        print('awx-job: %d secrets or problems found (see FAIL lines above)' % problems, file=sys.stderr)
        return 1
    print('awx-job: no secret in anything the inventory update and the job left in %s' % private)
    return 0


if __name__ == '__main__':
    sys.exit(main())
