# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared fixtures for the simulator tests: one simulator per session, reset before each test."""

import os
import sys

import pytest
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:  # importable whatever pytest import mode is used
    sys.path.insert(0, HERE)

from sim_client import KEY_ID, KEY_SECRET, PROJECT, SIMULATOR_DIR, LegacyClient  # noqa: E402 (imported after the sys.path change above)

if SIMULATOR_DIR not in sys.path:
    sys.path.insert(0, SIMULATOR_DIR)

from sinch_simulator import start_simulator  # noqa: E402 (imported after the sys.path change above)


@pytest.fixture(scope="session")
def simulator():
    handle = start_simulator()
    yield handle
    handle.stop()


@pytest.fixture(autouse=True)
def fresh_state(simulator):
    """Every test starts from the fixture, with no faults, counters or log."""
    response = requests.post(simulator.url + "/_sim/reset", json={})
    assert response.status_code == 200, response.text


@pytest.fixture
def admin(simulator):
    def call(method, path, body=None):
        response = requests.request(method, simulator.url + "/_sim/" + path, json=body)
        assert response.status_code == 200, response.text
        return response.json()

    return call


@pytest.fixture
def legacy(simulator):
    return LegacyClient(simulator.url).start()


@pytest.fixture
def numbers(simulator):
    """A requests session authenticated with the project's key; ``numbers.base`` is the project URL."""
    session = requests.Session()
    session.auth = (KEY_ID, KEY_SECRET)
    session.base = "%s/v1/projects/%s" % (simulator.url, PROJECT)
    yield session
    session.close()
