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
            '| scenario | requests | API minimum | writes | wall time | peak RSS | target | notes |',
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


SCENARIOS = [ten_tasks, info_10k, inventory_10k]


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
                     'Machine: %s.\n\n%s\n' % (machine(), table))
    print('bench: written to %s' % os.path.relpath(args.out, ROOT))


if __name__ == '__main__':
    main()
