# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""tools/with_simulator.py: start the simulator, run a command against it, always stop it."""

from __future__ import annotations

import json
import os
import sys
import textwrap

import pytest

# A minimal simulator with the real one's command line: --port, --url-file and /_sim/health.
FAKE_SIMULATOR = textwrap.dedent('''
    import argparse, os
    from http.server import BaseHTTPRequestHandler, HTTPServer
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int)
    parser.add_argument('--url-file')
    args = parser.parse_args()
    if os.environ.get('FAKE_SIMULATOR_CRASH'):
        raise SystemExit('cannot start')

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == '/_sim/health' else 404)
            self.end_headers()

    server = HTTPServer(('127.0.0.1', args.port), Handler)
    url = 'http://127.0.0.1:%d' % server.server_address[1]
    print('SINCH_SIMULATOR_URL=' + url, flush=True)
    with open(args.url_file, 'w') as handle:
        handle.write(url)
    server.serve_forever()
''')


@pytest.fixture
def fake_simulator(tmp_path, monkeypatch):
    package = tmp_path / 'simulator' / 'sinch_simulator'
    package.mkdir(parents=True)
    (package / '__init__.py').write_text('')
    (package / '__main__.py').write_text(FAKE_SIMULATOR)
    monkeypatch.setenv('SINCH_SIMULATOR_PATH', str(tmp_path / 'simulator'))
    return tmp_path


def test_environment_for_maps_every_url_and_scalar_var(tool):
    with_simulator = tool('with_simulator')
    rendered = with_simulator.render_template('http://127.0.0.1:1234')
    env = with_simulator.environment_for('http://127.0.0.1:1234', rendered)
    for name in ('SINCH_SIMULATOR_URL', 'SINCH_USER_API_URL', 'SINCH_API_URL', 'SINCH_PORTAL_API_URL',
                 'SINCH_NUMBERS_API_URL', 'SINCH_AUTH_URL', 'SINCH_VOICE_API_URL'):
        assert env[name] == 'http://127.0.0.1:1234'
    assert env['SINCH_USERNAME'] == 'ops@example.com'
    assert env['SINCH_PASSWORD'] == 'correct-horse-battery'
    for name in ('SINCH_PROJECT_ID', 'SINCH_KEY_ID', 'SINCH_KEY_SECRET', 'SINCH_APPLICATION_KEY', 'SINCH_APPLICATION_SECRET'):
        assert env[name]
    # Dicts for module_defaults are not environment variables.
    assert 'SINCH_LEGACY_CONNECTION' not in env
    assert '@SINCH_SIMULATOR_URL@' not in rendered


def test_runs_the_command_against_the_simulator_and_stops_it(tool, fake_simulator):
    with_simulator = tool('with_simulator')
    seen = fake_simulator / 'seen.json'
    config = fake_simulator / 'integration_config.yml'
    script = ('import json, os, sys, urllib.request;'
              'url = os.environ["SINCH_SIMULATOR_URL"];'
              'urllib.request.urlopen(url + "/_sim/health");'
              'json.dump({k: v for k, v in os.environ.items() if k.startswith("SINCH_")}, open(sys.argv[1], "w"));'
              'sys.exit(3)')
    status = with_simulator.main(['--log', str(fake_simulator / 'sim.log'), '--config-out', str(config),
                                  '--', sys.executable, '-c', script, str(seen)])
    assert status == 3  # the command's own status

    env = json.loads(seen.read_text())
    url = env['SINCH_SIMULATOR_URL']
    assert env['SINCH_AUTH_URL'] == url and env['SINCH_USERNAME'] == 'ops@example.com'
    assert 'sinch_simulator_url: "%s"' % url in config.read_text()
    assert 'SINCH_SIMULATOR_URL=' + url in (fake_simulator / 'sim.log').read_text()
    # Stopped: nothing answers on its port any more.
    with pytest.raises(OSError):
        import urllib.request
        urllib.request.urlopen(url + '/_sim/health', timeout=2)


def test_a_simulator_that_dies_fails_fast_with_its_log(tool, fake_simulator, monkeypatch, capsys):
    monkeypatch.setenv('FAKE_SIMULATOR_CRASH', '1')
    status = tool('with_simulator').main(['--log', str(fake_simulator / 'sim.log'), '--timeout', '20',
                                          '--', sys.executable, '-c', 'raise SystemExit(0)'])
    assert status == 1
    assert 'cannot start' in capsys.readouterr().err


def test_no_simulator_package(tool, tmp_path, monkeypatch):
    monkeypatch.setenv('SINCH_SIMULATOR_PATH', str(tmp_path))
    assert tool('with_simulator').main(['--', 'true']) == 2


def test_a_command_is_required(tool, fake_simulator):
    with pytest.raises(SystemExit):
        tool('with_simulator').main(['--log', os.devnull])
