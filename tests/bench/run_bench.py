#!/usr/bin/env python
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make bench`: request counts and timings of the collection against the local simulator.

    tools/with_simulator.py -- python tests/bench/run_bench.py [--out docs/benchmarks.md]

Runs each scenario with real ``ansible-playbook``/``ansible-inventory`` processes against the simulator
whose URL ``with_simulator.py`` exports, reads the simulator's counters for the requests each scenario made,
and prints a markdown table (also written to ``--out`` with the machine it ran on). A figure, never a
pass/fail: the table says the target next to each measurement, and the run fails only if a scenario fails.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.dirname(os.path.abspath(__file__))
URL = os.environ.get('SINCH_SIMULATOR_URL', '')

# Runs a command and reports its wall time and the peak RSS of the largest process it started.
_MEASURE = textwrap.dedent('''
    import json, resource, subprocess, sys, time
    started = time.monotonic()
    done = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "w"), stderr=subprocess.STDOUT)
    wall = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"rc": done.returncode, "wall": wall, "peak_kb": peak}))
''')


def sim(method, path, body=None):
    """Call the simulator's admin API."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + '/_sim/' + path, data=data, method=method,
                                     headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=60) as answer:
        text = answer.read()
    return json.loads(text) if text else None


class Bench:
    """Scenario plumbing: a scratch directory, the environment, and measured runs."""

    def __init__(self, scratch):
        self.scratch = scratch
        self.rows = []
        self.env = dict(os.environ)
        self.env.setdefault('ANSIBLE_COLLECTIONS_PATH', os.path.join(ROOT, '.build', 'collections'))
        self.env['ANSIBLE_PYTHON_INTERPRETER'] = sys.executable
        self.env['ANSIBLE_LOCALHOST_WARNING'] = 'false'
        self.env['ANSIBLE_INVENTORY_UNPARSED_WARNING'] = 'false'

    def fresh_cache(self):
        """A new, empty session cache: the next run logs in like a new controller."""
        path = tempfile.mkdtemp(dir=self.scratch, prefix='cache-')
        self.env['XDG_CACHE_HOME'] = path
        return path

    def run(self, name, *command):
        """Run a command, return (seconds, peak MB); raise with its output when it fails."""
        log = os.path.join(self.scratch, name + '.log')
        result = subprocess.run([sys.executable, '-c', _MEASURE, log] + list(command), env=self.env,
                                capture_output=True, text=True, check=True)
        measured = json.loads(result.stdout)
        if measured['rc'] != 0:
            with open(log, encoding='utf-8') as handle:
                sys.stderr.write(handle.read()[-4000:])
            raise SystemExit('bench: scenario %s failed (exit %s), see above' % (name, measured['rc']))
        return measured['wall'], measured['peak_kb'] / 1024.0

    def playbook(self, name, text, *extra):
        path = os.path.join(self.scratch, name + '.yml')
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(textwrap.dedent(text))
        return self.run(name, 'ansible-playbook', '-i', 'localhost,', '-c', 'local', path, *extra)

    def add(self, scenario, requests, minimum, writes, seconds, peak, target, note=''):
        self.rows.append((scenario, requests, minimum, writes, seconds, peak, target, note))

    def table(self):
        lines = [
            '| scenario | requests | fewest possible | writes | wall time | peak RSS | target | notes |',
            '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
        ]
        for scenario, requests, minimum, writes, seconds, peak, target, note in self.rows:
            lines.append('| %s | %s | %s | %s | %s | %s | %s | %s |' % (
                scenario, _cell(requests), _cell(minimum), _cell(writes),
                '%.2f s' % seconds if seconds is not None else '',
                '%.0f MB' % peak if peak is not None else '', target, note))
        return '\n'.join(lines)


def _cell(value):
    return '' if value is None else str(value)


def counters():
    return sim('GET', 'counters')


def routes(snapshot, *names):
    return sum(snapshot['by_route'].get(name, 0) for name in names)


# Scenarios -----------------------------------------------------------------------------------

def ten_tasks(bench):
    """One play of 10 tasks from a new controller: one log-in, one instance, one organisation look-up."""
    sim('POST', 'reset', {})
    bench.fresh_cache()
    seconds, peak = bench.playbook('ten_tasks', '''
        - hosts: localhost
          gather_facts: false
          tasks:
            - name: Ten reads
              sinch.numbers.sinch_number_info:
                capability: "{{ item }}"
              loop: [voice, sms, voice, sms, voice, sms, voice, sms, voice, sms]
    ''')
    seen = counters()
    logins = routes(seen, 'login')
    bench.add('play of 10 tasks (new controller)', seen['total'], 13, seen['writes'], seconds, peak,
              'one log-in', '%d log-in(s), %d instance(s), %d organisation look-up(s)' % (
                  logins, routes(seen, 'create_instance'), routes(seen, 'get_organisations')))


def info_10k(bench):
    """sinch_number_info on an organisation with 10,000 more numbers (session already cached)."""
    sim('POST', 'reset', {'extra_numbers': 10000})
    bench.playbook('warm_session', '''
        - hosts: localhost
          gather_facts: false
          tasks:
            - sinch.numbers.sinch_number_info:
                application_key: bb7b4e39-4227-4913-8c81-2db4abb54fb3
    ''')
    sim('DELETE', 'log')
    seconds, peak = bench.playbook('info_10k', '''
        - hosts: localhost
          gather_facts: false
          tasks:
            - sinch.numbers.sinch_number_info:
              register: held
            - ansible.builtin.assert:
                that: held.numbers | length > 10000
    ''')
    seen = counters()
    bench.add('sinch_number_info, 10,007 numbers', seen['total'], 1, seen['writes'], seconds, peak, '',
              'whole ansible-playbook run, 2 tasks')


def inventory_10k(bench):
    """The inventory plugin on the same organisation: parse time and memory."""
    path = os.path.join(bench.scratch, 'bench.sinch_numbers.yml')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('plugin: sinch.numbers.sinch_numbers\nsource: portal\n')
    sim('DELETE', 'log')
    seconds, peak = bench.run('inventory_10k', 'ansible-inventory', '-i', path, '--graph')
    seen = counters()
    bench.add('inventory plugin, 10,007 numbers (`ansible-inventory --graph`)', seen['total'], 1, seen['writes'],
              seconds, peak, 'under 2 s, under 150 MB')


def inventory_100k_numbers_api(bench):
    """The inventory plugin on 100,000 numbers, Numbers API source beside the portal source (same count)."""
    sim('POST', 'reset', {'extra_numbers': 100000})
    figures = {}
    for source in ('portal', 'numbers_api'):
        path = os.path.join(bench.scratch, '%s.sinch_numbers.yml' % source)
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write('plugin: sinch.numbers.sinch_numbers\nsource: %s\n' % source)
        sim('DELETE', 'log')
        seconds, peak = bench.run('inventory_100k_' + source, 'ansible-inventory', '-i', path, '--graph')
        figures[source] = (counters(), seconds, peak)
    seen, seconds, peak = figures['numbers_api']
    portal_seconds, portal_peak = figures['portal'][1], figures['portal'][2]
    # Three type streams of 100-number pages (B.8: each type listed explicitly; 100 is the largest page).
    bench.add('inventory plugin, Numbers API source, 100,025 numbers (`ansible-inventory --graph`)', seen['total'],
              1003, seen['writes'], seconds, peak, 'within 1.5x the portal source (%.1f s, %.0f MB)'
              % (portal_seconds, portal_peak), '%.2fx the portal source\'s time, %.2fx its memory' % (
                  seconds / portal_seconds, peak / portal_peak))
    sim('POST', 'reset', {})


APPLICATIONS = 50


def _applications(bench):
    """50 applications that each want 2 voice numbers of group 13 (one free number is already held)."""
    keys = ['00000000-0000-4000-8000-%012d' % i for i in range(1, APPLICATIONS + 1)]
    apps = [dict(application_key=key, capability='voice', count=2, group_id=13) for key in keys]
    path = os.path.join(bench.scratch, 'apps.json')
    with open(path, 'w', encoding='utf-8') as handle:
        # The money rule: a run that rents states its ceiling (100 voice numbers at most, whatever the fixture's price).
        json.dump({'application_numbers_applications': apps, 'application_numbers_max_monthly_cost': 100000}, handle)
    return path


def _fresh_applications(latency):
    sim('POST', 'reset', {'extra_applications': APPLICATIONS})
    sim('PATCH', 'state', {'organisations': {'8888123': {'credit': 100000}}, 'groups': {'13': {'availability': 5000}}})
    _latency(latency)


def _latency(latency):
    """Every request answered ``latency`` seconds late (the simulator on loopback answers in about 1 ms)."""
    sim('DELETE', 'log')
    sim('DELETE', 'faults')
    if latency:
        sim('POST', 'faults', {'faults': [{'route': '*', 'action': 'delay', 'seconds': latency, 'times': 1000000}]})


def role_50(bench):
    """The application_numbers role for 50 applications against a plain requests script doing the same calls."""
    apps = _applications(bench)
    playbook = os.path.join(bench.scratch, 'role.yml')
    with open(playbook, 'w', encoding='utf-8') as handle:
        handle.write(textwrap.dedent('''
            - hosts: localhost
              gather_facts: false
              roles:
                - sinch.numbers.application_numbers
        '''))
    baseline = [sys.executable, os.path.join(BENCH, 'baseline_application_numbers.py'), '--url', URL,
                '--applications', os.path.join(bench.scratch, 'baseline-apps.json')]
    with open(apps, encoding='utf-8') as handle, open(baseline[-1], 'w', encoding='utf-8') as out:
        json.dump(json.load(handle)['application_numbers_applications'], out)

    def role(name, *extra):
        return bench.run(name, 'ansible-playbook', '-i', 'localhost,', '-c', 'local', playbook, '-e', '@' + apps, *extra)

    floor, dummy = bench.playbook('floor', '''
        - hosts: localhost
          gather_facts: false
          tasks:
            - ansible.builtin.ping:
    ''')
    bench.add('floor: `ansible-playbook` with one `ping` task', 0, 0, 0, floor, None, '', 'what any playbook costs here')
    for latency in (0, 0.02):
        label = ' (+%d ms per request)' % (latency * 1000) if latency else ''
        _fresh_applications(latency)
        bench.fresh_cache()
        first, peak = role('role_first')
        seen = counters()
        _fresh_applications(latency)
        base_first, dummy = bench.run('baseline_first', *baseline)
        base_seen = counters()
        # Fewest requests: log in, instance, organisation, numbers, 50 application checks (none holds a number
        # yet), shop, reserve, checkout, numbers again, 50 PUTs.
        bench.add('role, 50 applications, first run' + label, seen['total'], 108, seen['writes'], first,
                  peak, 'within 3x the script', 'script: %.2f s, %d requests; ratio %.1fx' % (
                      base_first, base_seen['total'], first / base_first))
        _latency(latency)
        rerun, peak = role('role_rerun')
        seen = counters()
        _latency(latency)
        base_rerun, dummy = bench.run('baseline_rerun', *(baseline + ['--organisation-id', '8888123']))
        base_seen = counters()
        bench.add('role, 50 applications, re-run' + label, seen['total'], 1, seen['writes'], rerun,
                  peak, 'zero writes, at most 50 + a few requests', 'script (logs in, organisation given): %.2f s, '
                  '%d requests; ratio %.1fx' % (base_rerun, base_seen['total'], rerun / base_rerun))
        _fresh_applications(latency)
        check, peak = role('role_check', '--check')
        seen = counters()
        bench.add('role, 50 applications, check mode' + label, seen['total'], 52, seen['writes'], check, peak,
                  'zero writes', 'session cached: numbers, 50 application checks, shop')
    _latency(0)


POOLS = 50


def _pool_fixture(bench):
    """The default fixture with 150 more US local numbers to rent (2.00 USD a month), so 50 pools can fill."""
    import yaml  # pylint: disable=import-outside-toplevel  # only this scenario reads a fixture

    with open(os.path.join(ROOT, 'tests', 'simulator', 'fixtures', 'default.yml'), encoding='utf-8') as handle:
        fixture = yaml.safe_load(handle)
    fixture['availableNumbers'] += [dict(
        phoneNumber='+1206600%04d' % index, regionCode='US', type='LOCAL', capability=['SMS', 'VOICE'],
        setupPrice={'currencyCode': 'USD', 'amount': '0.00'}, monthlyPrice={'currencyCode': 'USD', 'amount': '2.00'},
    ) for index in range(150)]
    path = os.path.join(bench.scratch, 'pools-fixture.json')  # JSON is YAML
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(fixture, handle)
    return path


def _against_script(bench, scenario, minimum, target, prepare, role, script, note):
    """Run the role, then the plain script, each after ``prepare()``; one row with both (``note`` % script figures)."""
    prepare()
    seconds, peak = role()
    seen = counters()
    prepare()
    script_seconds, dummy = bench.run('script', *script)
    script_seen = counters()
    bench.add(scenario, seen['total'], minimum, seen['writes'], seconds, peak, target,
              note % (script_seconds, script_seen['total'], seconds / script_seconds))


def project_numbers_50(bench):
    """The project_numbers role for 50 pools (2 US local SMS numbers each, on its own service plan, none held yet)
    against a plain requests script doing the same calls."""
    fixture = _pool_fixture(bench)
    pools = [dict(region_code='US', type='LOCAL', capabilities=['SMS'], count=2,
                  sms_service_plan_id='bench-plan-%04d' % index) for index in range(POOLS)]
    variables = os.path.join(bench.scratch, 'pools.json')
    with open(variables, 'w', encoding='utf-8') as handle:
        json.dump({'project_numbers_pools': pools, 'project_numbers_max_monthly_cost': 4.0 * POOLS}, handle)
    baseline = [sys.executable, os.path.join(BENCH, 'baseline_project_numbers.py'), '--url', URL,
                '--pools', os.path.join(bench.scratch, 'baseline-pools.json')]
    with open(baseline[-1], 'w', encoding='utf-8') as handle:
        json.dump(pools, handle)
    playbook = os.path.join(bench.scratch, 'pools.yml')
    with open(playbook, 'w', encoding='utf-8') as handle:
        handle.write(textwrap.dedent('''
            - hosts: localhost
              gather_facts: false
              roles:
                - sinch.numbers.project_numbers
        '''))

    def role(name, *extra):
        return bench.run(name, 'ansible-playbook', '-i', 'localhost,', '-c', 'local', playbook, '-e', '@' + variables,
                         *extra)

    def fresh(latency):
        sim('POST', 'reset', {'fixture': fixture})
        _latency(latency)

    for latency in (0, 0.02):
        label = ' (+%d ms per request)' % (latency * 1000) if latency else ''
        bench.fresh_cache()
        # Fewest requests: a token, one listing (12 US local numbers), one search, 100 rents.
        _against_script(bench, 'role project_numbers, 50 pools, first run' + label, 103, 'within 3x the script',
                        lambda: fresh(latency), lambda: role('pools_first'), baseline,
                        'script: %.2f s, %d requests; ratio %.1fx')
        # Fewest requests: the listing, now 112 US local numbers, in pages of 100 (token cached).
        _against_script(bench, 'role project_numbers, 50 pools, re-run' + label, 2, 'zero writes',
                        lambda: _latency(latency), lambda: role('pools_rerun'), baseline,
                        'script (fetches a token): %.2f s, %d requests; ratio %.1fx')
        fresh(latency)
        check, peak = role('pools_check', '--check')
        seen = counters()
        bench.add('role project_numbers, 50 pools, check mode' + label, seen['total'], 2, seen['writes'], check, peak,
                  'zero writes', 'token cached: the listing and one search')
    sim('POST', 'reset', {})
    _latency(0)


SCENARIOS = [ten_tasks, info_10k, inventory_10k, role_50, inventory_100k_numbers_api, project_numbers_50]


READING = textwrap.dedent('''\
    ## Reading the table

    - *requests* are what the simulator counted for the scenario; *fewest possible* is what the API needs for it.
    - The role reconciles every application in one module run (`sinch.numbers.sinch_application_numbers`): one task
      per application would pay Ansible's per-task cost (about 0.2 s to 0.5 s here) fifty times.
    - Its re-run makes one request and no write; its wall time is Ansible's own floor (the `ping` row), which a
      plain script does not pay. At loopback speed (about 1 ms per request) that floor dominates, so the ratio to
      the script is above 3x; with 20 ms per request, closer to a real API over the internet, the first run is
      within 3x.
    - `sinch_number_info` on 10,007 numbers spends most of its time in Ansible handling a 2.8 MB result, not in the
      module (which turns 10,000 records into its result in under 0.1 s).
''')


def machine():
    """What the figures were measured on."""
    import ansible  # pylint: disable=import-outside-toplevel  # the venv's, only to report its version

    cpu = platform.processor() or platform.machine()
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as handle:
            cpu = next((line.split(':', 1)[1].strip() for line in handle if line.startswith('model name')), cpu)
    except OSError:
        pass
    return '%s, %d CPUs, %s; Python %s, ansible-core %s; %s' % (
        cpu, os.cpu_count() or 0, platform.platform(terse=True), platform.python_version(),
        ansible.__version__, datetime.date.today().isoformat())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--out', default=os.path.join(ROOT, 'docs', 'benchmarks.md'))
    args = parser.parse_args()
    if not URL:
        raise SystemExit('bench: SINCH_SIMULATOR_URL is not set; run through tools/with_simulator.py')
    scratch = tempfile.mkdtemp(prefix='sinch-bench-')
    try:
        bench = Bench(scratch)
        for scenario in SCENARIOS:
            started = time.monotonic()
            scenario(bench)
            print('bench: %s done in %.1f s' % (scenario.__name__, time.monotonic() - started), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    table = bench.table()
    print(table)
    with open(args.out, 'w', encoding='utf-8') as handle:
        handle.write('# Benchmarks\n\nWritten by `make bench` (tests/bench/run_bench.py) against the local simulator.\n\n'
                     'Machine: %s.\n\n%s\n\n%s\n' % (machine(), table, READING))
    print('bench: written to %s' % os.path.relpath(args.out, ROOT))


if __name__ == '__main__':
    main()
