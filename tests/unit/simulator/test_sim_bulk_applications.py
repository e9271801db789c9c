# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generated applications (``extra_applications``), for provisioning many applications at once."""

import pytest
import requests

from sim_client import ORG_ID, LegacyClient

from sinch_simulator import start_simulator

FIRST = "00000000-0000-4000-8000-000000000001"
THIRD = "00000000-0000-4000-8000-000000000003"


def test_reset_adds_applications_without_numbers(legacy, admin):
    admin("POST", "reset", {"extra_applications": 3})
    state = admin("GET", "state")
    generated = dict((key, app) for key, app in state["applications"].items() if key.startswith("00000000-0000-4000-8000-"))
    assert generated == {
        "00000000-0000-4000-8000-%012d" % index: {"name": "bulk-app-%04d" % index, "organisation": ORG_ID} for index in (1, 2, 3)
    }
    assert legacy.call("GET", "/v1/applications/key/%s/numbers" % THIRD).json() == []
    assigned = legacy.call("PUT", "/v1/applications/key/%s/numbers/voice" % THIRD, {"numbers": [14155550102]})
    assert assigned.status_code == 200 and [n["number"] for n in assigned.json()] == [14155550102]
    admin("POST", "reset")
    assert FIRST not in admin("GET", "state")["applications"], "a reset without the knob goes back to what the simulator started with"


@pytest.mark.parametrize("value", [-1, True, "3", 1.5])
def test_bad_extra_applications(simulator, admin, value):
    response = requests.post(simulator.url + "/_sim/reset", json={"extra_applications": value})
    assert response.status_code == 400 and response.json() == {"error": "extra_applications must be an integer >= 0"}


def test_started_with_applications_keeps_them_across_resets():
    with start_simulator(extra_applications=2) as handle:
        requests.post(handle.url + "/_sim/reset", json={}).raise_for_status()
        assert {FIRST, "00000000-0000-4000-8000-000000000002"} <= set(requests.get(handle.url + "/_sim/state").json()["applications"])
        client = LegacyClient(handle.url).start()
        assert client.call("GET", "/v1/applications/key/%s/numbers" % FIRST).json() == []
