# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The command line: start on a free port, announce the URL, stop cleanly on SIGTERM."""

import os
import signal
import subprocess
import sys

import pytest
import requests

from sim_client import SIMULATOR_DIR


@pytest.mark.parametrize("as_module", [True, False])
def test_port_zero_prints_url_and_stops_on_sigterm(tmp_path, as_module):
    url_file = tmp_path / "url"
    target = ["-m", "sinch_simulator"] if as_module else [os.path.join(SIMULATOR_DIR, "sinch_simulator")]
    env = dict(os.environ, PYTHONPATH=SIMULATOR_DIR) if as_module else dict(os.environ)
    process = subprocess.Popen([sys.executable, *target, "--port", "0", "--url-file", str(url_file)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("SINCH_SIMULATOR_URL=http://127.0.0.1:")
        url = line.split("=", 1)[1]
        assert url_file.read_text() == url
        assert requests.get(url + "/_sim/health").json() == {"ok": True}
    finally:
        process.send_signal(signal.SIGTERM)
        remaining_output = process.communicate(timeout=10)[0]
    assert process.returncode == 0 and remaining_output == ""
    assert not url_file.exists()


def test_bad_fixture_exits_with_an_error(tmp_path):
    fixture = tmp_path / "broken.yml"
    fixture.write_text("groups:\n  - {groupId: 1}\n")
    command = [sys.executable, "-m", "sinch_simulator", "--fixture", str(fixture)]
    result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=SIMULATOR_DIR), timeout=10, check=False)
    assert result.returncode == 2 and "group 1: missing 'capabilities'" in result.stderr and result.stdout == ""
