#!/usr/bin/env python
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the integration targets in parallel, each against a fresh simulator.

    run_integration.py --collection DIR --work DIR [--jobs N] [--label NAME] [ARG...]

Run with the Python of the venv whose ansible-core is to be tested: that venv's ``bin`` goes first
on ``PATH`` (ansible-test then finds its ``python3.X``) and is the interpreter of every task.

Each of ``--jobs`` workers has its own copy of the built collection (``DIR`` must end in
``ansible_collections/<namespace>/<name>``), because ansible-test reads one
``tests/integration/integration_config.yml`` per content root. Workers take targets from one
queue, longest first by the durations of the previous run (``<output>/integration-durations.json``),
and run each as ``ansible-test integration --local --python X.Y TARGET`` under
``tools/with_simulator.py``: a simulator, a ``HOME`` (hence session cache) and a config of its own
per target, so no target sees another's sessions, counters or faults, whatever the order.

ARGs that name targets select them (default: every target ``ansible-test integration
--list-targets`` lists); the others are passed to ansible-test (e.g. ``-v``). Each target's output
goes to ``<output>/integration-<label>/<target>.log``; a failing target's log is also printed.
Exit status 1 if any target failed.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WITH_SIMULATOR = os.path.join(ROOT, 'tools', 'with_simulator.py')
PYTHON_VERSION = '%d.%d' % sys.version_info[:2]


def core_version():
    """Return this interpreter's ansible-core version as ``major.minor`` (e.g. ``2.16``)."""
    from ansible.release import __version__

    return '.'.join(__version__.split('.')[:2])


def test_environment(home):
    """Return the environment for one target run with ``home`` as its HOME."""
    env = dict(os.environ)
    bin_dir = os.path.dirname(sys.executable)
    env['PATH'] = os.pathsep.join([bin_dir] + [p for p in env.get('PATH', '').split(os.pathsep) if p != bin_dir])
    # Interpreter discovery on our machines finds a pyenv shim for a Python that is not installed.
    env['ANSIBLE_PYTHON_INTERPRETER'] = sys.executable
    # ansible-test passes HOME (not XDG_CACHE_HOME) to the playbooks: the session cache stays in here.
    env['HOME'] = home
    env['XDG_CACHE_HOME'] = os.path.join(home, '.cache')
    return env


def list_targets(collection):
    """Return the targets ansible-test would run in ``collection``."""
    result = subprocess.run(['ansible-test', 'integration', '--list-targets'], cwd=collection,
                            env=test_environment(os.environ.get('HOME', '/')), capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError('ansible-test cannot list the targets:\n%s%s' % (result.stdout, result.stderr))
    return result.stdout.split()


def split_arguments(args, targets):
    """Split ARGs into (selected targets, options for ansible-test).

    A word that is not an option (``-…``) must name a target: a typo fails instead of running all.
    """
    unknown = [arg for arg in args if not arg.startswith('-') and arg not in targets]
    if unknown:
        raise ValueError('no such integration target: %s (targets: %s)' % (', '.join(unknown), ' '.join(targets)))
    selected = [arg for arg in args if arg in targets]
    passed = [arg for arg in args if arg not in targets]
    return selected or list(targets), passed


def order_longest_first(targets, durations):
    """Order ``targets`` by their last duration, longest first; unknown ones first, by name."""
    return sorted(targets, key=lambda name: (-durations.get(name, float('inf')), name))


def load_durations(path):
    try:
        with open(path, encoding='utf-8') as handle:
            data = json.load(handle)
        return {str(k): float(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def save_durations(path, durations):
    merged = load_durations(path)
    merged.update(durations)
    temp = path + '.tmp'
    with open(temp, 'w', encoding='utf-8') as handle:
        json.dump(dict(sorted(merged.items())), handle, indent=1)
        handle.write('\n')
    os.replace(temp, path)


def make_worker_copy(collection, work, index, output):
    """Copy the built collection for worker ``index``; its tests/output goes to its own folder."""
    parts = os.path.abspath(collection).split(os.sep)
    dest = os.path.join(work, 'worker%d' % index, *parts[-3:])
    if os.path.lexists(os.path.dirname(os.path.dirname(os.path.dirname(dest)))):
        shutil.rmtree(os.path.dirname(os.path.dirname(os.path.dirname(dest))))
    shutil.copytree(collection, dest, symlinks=True)
    tests_output = os.path.join(dest, 'tests', 'output')
    if os.path.lexists(tests_output):
        if os.path.islink(tests_output) or os.path.isfile(tests_output):
            os.unlink(tests_output)
        else:
            shutil.rmtree(tests_output)
    worker_output = os.path.join(output, 'worker%d' % index)
    os.makedirs(worker_output, exist_ok=True)
    os.symlink(worker_output, tests_output)
    return dest


class Runner:
    """Workers taking targets from a queue; results collected under a lock."""

    def __init__(self, copies, work, logs, ansible_test_args):
        self.copies = copies
        self.work = work
        self.logs = logs
        self.ansible_test_args = ansible_test_args
        self.todo = queue.Queue()
        self.lock = threading.Lock()
        self.results = {}
        self.durations = {}
        self.processes = set()
        self.stopping = False

    def run_target(self, index, target):
        collection = self.copies[index]
        home = os.path.join(self.work, 'worker%d' % index, 'home', target)
        shutil.rmtree(home, ignore_errors=True)
        os.makedirs(os.path.join(home, '.cache'))
        log_path = os.path.join(self.logs, target + '.log')
        command = [sys.executable, WITH_SIMULATOR,
                   '--log', os.path.join(self.logs, target + '.simulator.log'),
                   '--config-out', os.path.join(collection, 'tests', 'integration', 'integration_config.yml'),
                   '--', 'ansible-test', 'integration', '--local', '--python', PYTHON_VERSION]
        command += self.ansible_test_args + [target]
        started = time.monotonic()
        with open(log_path, 'wb') as log:
            with self.lock:
                if self.stopping:
                    return None, 0.0
                process = subprocess.Popen(command, cwd=collection, env=test_environment(home),
                                           stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
                self.processes.add(process)
            status = process.wait()
            with self.lock:
                self.processes.discard(process)
        return status, time.monotonic() - started

    def worker(self, index):
        while True:
            try:
                target = self.todo.get_nowait()
            except queue.Empty:
                return
            try:
                status, elapsed = self.run_target(index, target)
            except OSError as error:  # the target could not be started: it failed
                status, elapsed = 'not started: %s' % error, 0.0
            if status is None:
                return
            with self.lock:
                self.report(index, target, status, elapsed)

    def report(self, index, target, status, elapsed):
        """Note and print one target's result; a failing target's log is printed too."""
        self.results[target] = status
        self.durations[target] = round(elapsed, 1)
        log_path = os.path.join(self.logs, target + '.log')
        if status == 0:
            print('  PASS %-32s %6.1fs  (worker %d)' % (target, elapsed, index), flush=True)
            return
        print('  FAIL %-32s %6.1fs  (worker %d, exit %s): log %s' % (target, elapsed, index, status, log_path))
        try:
            with open(log_path, encoding='utf-8', errors='replace') as log:
                for line in log:
                    print('  | ' + line.rstrip('\n'))
        except OSError as error:
            print('  | (no log: %s)' % error)
        sys.stdout.flush()

    def run(self, targets):
        for target in targets:
            self.todo.put(target)
        threads = [threading.Thread(target=self.worker, args=(index,), daemon=True)
                   for index in range(len(self.copies))]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                while thread.is_alive():
                    thread.join(0.5)
        except KeyboardInterrupt:
            with self.lock:
                self.stopping = True
                for process in self.processes:
                    process.terminate()
            for thread in threads:
                thread.join()
            raise


def main(argv=None):
    """Command line entry point."""
    parser = argparse.ArgumentParser(usage=__doc__.splitlines()[2].strip())
    parser.add_argument('--collection', required=True, help='the built collection (…/ansible_collections/ns/name)')
    parser.add_argument('--work', required=True, help='folder for the workers\' copies and homes (wiped)')
    parser.add_argument('--output', default=os.path.join(ROOT, 'tests', 'output'), help='logs go under here')
    parser.add_argument('--label', default=core_version(), help='names the log folder (default: %(default)s)')
    parser.add_argument('--jobs', type=int, default=2, help='targets run at once (%(default)s)')
    args, rest = parser.parse_known_args(argv)
    rest = [arg for arg in rest if arg != '--']

    collection = os.path.abspath(args.collection)
    if not os.path.isdir(os.path.join(collection, 'tests', 'integration', 'targets')):
        print('integration: no tests/integration/targets: nothing to run')
        return 0
    try:
        available = list_targets(collection)
    except RuntimeError as error:
        print('integration: %s' % error, file=sys.stderr)
        return 1
    if not available:
        print('integration: no integration targets: nothing to run')
        return 0
    try:
        targets, ansible_test_args = split_arguments(rest, available)
    except ValueError as error:
        print('integration: %s' % error, file=sys.stderr)
        return 2
    durations_file = os.path.join(args.output, 'integration-durations.json')
    targets = order_longest_first(targets, load_durations(durations_file))
    jobs = max(1, min(args.jobs, len(targets)))

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    lock = open(os.path.join(work, '.lock'), 'w', encoding='utf-8')  # pylint: disable=consider-using-with
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print('integration: another run uses %s (and its logs): wait for it to end' % work, file=sys.stderr)
        return 1
    logs = os.path.join(args.output, 'integration-%s' % args.label)
    shutil.rmtree(logs, ignore_errors=True)
    os.makedirs(logs)
    copies = [make_worker_copy(collection, work, index, logs) for index in range(jobs)]
    print('integration %s: ansible-core in %s, Python %s: %d targets, %d at once, each against its own simulator;'
          ' logs in %s' % (args.label, sys.prefix, PYTHON_VERSION, len(targets), jobs, os.path.relpath(logs, ROOT)),
          flush=True)

    started = time.monotonic()
    runner = Runner(copies, work, logs, ansible_test_args)
    try:
        runner.run(targets)
    except KeyboardInterrupt:
        print('integration: interrupted', file=sys.stderr)
        return 130
    save_durations(durations_file, runner.durations)
    failed = sorted(name for name in targets if runner.results.get(name, 'not run') != 0)
    print('integration %s: %d targets passed, %d failed%s in %.0fs'
          % (args.label, len(targets) - len(failed), len(failed),
             (' (%s)' % ', '.join(failed)) if failed else '', time.monotonic() - started))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
