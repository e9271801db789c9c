#!/usr/bin/env python
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a command against a freshly started local Sinch simulator, then stop the simulator.

    with_simulator.py [--log FILE] [--config-out FILE] -- COMMAND [ARG...]

Starts ``python -m sinch_simulator --port 0 --url-file …`` (from ``tests/simulator``, or
``$SINCH_SIMULATOR_PATH``) with this script's interpreter, waits until ``GET <url>/_sim/health``
answers, and runs COMMAND with these variables set:

- ``SINCH_SIMULATOR_URL`` and every URL option's fallback (``SINCH_USER_API_URL``,
  ``SINCH_API_URL``, ``SINCH_PORTAL_API_URL``, ``SINCH_NUMBERS_API_URL``, ``SINCH_AUTH_URL``,
  ``SINCH_VOICE_API_URL``):
  the simulator's URL;
- ``SINCH_<NAME>`` for each ``sinch_<name>`` variable of
  ``tests/integration/integration_config.yml.template`` (credentials the simulator accepts), so
  the integration tests and the demo share one list of test credentials.

``--config-out`` also writes the rendered template (``@SINCH_SIMULATOR_URL@`` replaced) there.
The simulator's output goes to ``--log`` (default ``tests/output/simulator.log``). The simulator
is stopped however COMMAND ends; the exit status is COMMAND's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATE = os.path.join(ROOT, 'tests', 'integration', 'integration_config.yml.template')
PLACEHOLDER = '@SINCH_SIMULATOR_URL@'
URL_VARIABLES = ('SINCH_SIMULATOR_URL', 'SINCH_USER_API_URL', 'SINCH_API_URL', 'SINCH_PORTAL_API_URL',
                 'SINCH_NUMBERS_API_URL', 'SINCH_AUTH_URL', 'SINCH_VOICE_API_URL')


class SimulatorError(Exception):
    """The simulator did not start."""


def render_template(url, template=TEMPLATE):
    """Return the integration config template's text with the simulator URL filled in."""
    with open(template, encoding='utf-8') as handle:
        return handle.read().replace(PLACEHOLDER, url).replace('@CI@', os.environ.get('CI', ''))


def environment_for(url, rendered_config):
    """Return the SINCH_* variables for a simulator at ``url`` and the rendered config's vars."""
    import yaml  # from ansible-core's requirements; only needed once a simulator runs

    values = yaml.safe_load(rendered_config) or {}
    env = {name.upper(): str(value) for name, value in values.items()
           if name.startswith('sinch_') and isinstance(value, (str, int, float))}
    env.update((name, url) for name in URL_VARIABLES)
    return env


def _log_tail(log_path, lines=40):
    try:
        with open(log_path, encoding='utf-8', errors='replace') as handle:
            return ''.join(handle.readlines()[-lines:])
    except OSError:
        return ''


def wait_until_healthy(process, url_file, log_path, timeout):
    """Wait for the URL file and a 2xx from ``/_sim/health``; return the simulator's URL."""
    deadline = time.monotonic() + timeout
    url = None
    last_error = 'no URL yet'
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SimulatorError('the simulator exited with status %s before it was healthy:\n%s'
                                 % (process.returncode, _log_tail(log_path)))
        if url is None and os.path.exists(url_file):
            with open(url_file, encoding='utf-8') as handle:
                url = handle.read().strip() or None
        if url is not None:
            try:
                with urllib.request.urlopen(url + '/_sim/health', timeout=2) as response:
                    if 200 <= response.status < 300:
                        return url
                    last_error = 'health answered %s' % response.status
            except (urllib.error.URLError, OSError) as error:
                last_error = str(error)
        time.sleep(0.1)
    raise SimulatorError('the simulator was not healthy after %ss (%s):\n%s'
                         % (timeout, last_error, _log_tail(log_path)))


def stop(process, grace=10):
    """Stop the simulator and anything it started (it runs in its own process group)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def _terminate(signum, _frame):
    # Turn SIGTERM/SIGHUP into an exception so that the finally: below stops the simulator.
    raise SystemExit(128 + signum)


def main(argv=None):
    """Command line entry point."""
    parser = argparse.ArgumentParser(usage=__doc__.splitlines()[2].strip())
    parser.add_argument('--log', default=os.path.join(ROOT, 'tests', 'output', 'simulator.log'),
                        help='file for the simulator output (default: %(default)s)')
    parser.add_argument('--config-out', help='write the rendered integration config here')
    parser.add_argument('--timeout', type=float, default=30, help='seconds to wait for health (%(default)s)')
    parser.add_argument('command', nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    if not command:
        parser.error('no command given')

    simulator_path = os.environ.get('SINCH_SIMULATOR_PATH', os.path.join(ROOT, 'tests', 'simulator'))
    if not os.path.isdir(os.path.join(simulator_path, 'sinch_simulator')):
        print('with_simulator: no simulator package at %s/sinch_simulator' % simulator_path, file=sys.stderr)
        return 2

    previous = {signum: signal.signal(signum, _terminate) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return _run(args, command, simulator_path)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _run(args, command, simulator_path):
    """Start the simulator, run ``command`` against it, stop it; return the exit status."""
    os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
    workdir = tempfile.mkdtemp(prefix='sinch-simulator-')
    url_file = os.path.join(workdir, 'url')
    sim_env = dict(os.environ)
    sim_env['PYTHONPATH'] = os.pathsep.join(p for p in (simulator_path, os.environ.get('PYTHONPATH')) if p)
    sim_env['PYTHONUNBUFFERED'] = '1'

    with open(args.log, 'wb') as log:
        # Own session: a Ctrl-C in the terminal reaches COMMAND (so its cleanup can still talk to
        # the simulator) and the simulator is stopped by us afterwards.
        process = subprocess.Popen(
            [sys.executable, '-m', 'sinch_simulator', '--port', '0', '--url-file', url_file],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=sim_env,
            start_new_session=True)
    child = None
    try:
        started = time.monotonic()
        url = wait_until_healthy(process, url_file, args.log, args.timeout)
        rendered = render_template(url)
        if args.config_out:
            with open(args.config_out, 'w', encoding='utf-8') as handle:
                handle.write(rendered)
        env = dict(os.environ)
        env.update(environment_for(url, rendered))
        print('with_simulator: simulator at %s (healthy after %.1fs, log: %s)'
              % (url, time.monotonic() - started, os.path.relpath(args.log, ROOT)), flush=True)
        child = subprocess.Popen(command, env=env)
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:
                # COMMAND got the same Ctrl-C: let it clean up (against the simulator) and exit.
                continue
    except SimulatorError as error:
        print('with_simulator: %s' % error, file=sys.stderr)
        return 1
    finally:
        if child is not None and child.poll() is None:
            child.terminate()
            child.wait()
        stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
        print('with_simulator: simulator stopped', flush=True)


if __name__ == '__main__':
    sys.exit(main())
