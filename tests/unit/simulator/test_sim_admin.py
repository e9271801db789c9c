# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The /_sim/ admin API: faults, counters, request log, reset and state knobs."""

import time

import pytest
import requests

from sim_client import KEY_SECRET, ORG_ID, LegacyClient

ORGANISATION = "/v1/organisations"
APP_NUMBER = "/v1/applications/key/bb7b4e39-4227-4913-8c81-2db4abb54fb3/numbers/14155550100"
LEAKY_SIGNATURE = "c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3QtbGVhaw=="


def add_fault(admin, **fault):
    admin("POST", "faults", {"faults": [fault]})


def test_health(admin):
    assert admin("GET", "health") == {"ok": True}


def test_status_fault_on_legacy_route_with_retry_after(legacy, admin):
    add_fault(admin, route="get_organisations", action="status", status=503, retry_after=2, times=2)
    for dummy in range(2):
        response = legacy.call("GET", ORGANISATION)
        assert response.status_code == 503 and response.headers["Retry-After"] == "2"
        assert response.json() == {"errorCode": 50300, "message": "Service is temporarily unavailable, please try again later."}
    assert legacy.call("GET", ORGANISATION).status_code == 200
    assert admin("GET", "faults") == {"faults": []}


def test_status_fault_on_numbers_route_and_method_filter(numbers, admin):
    add_fault(admin, route="*", method="PATCH", action="status", status=429, error_code=42900)
    url = numbers.base + "/activeNumbers/%2B12025550101"
    assert numbers.get(url).status_code == 200  # GET does not match the fault
    response = numbers.patch(url, json={"displayName": "x"})
    assert response.status_code == 429 and "Retry-After" not in response.headers
    assert response.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    assert numbers.get(url).json()["displayName"] == "HQ main line"  # not applied


def test_reset_fault_closes_the_connection_without_response(legacy, admin):
    add_fault(admin, route="remove_app_number", action="reset")
    with pytest.raises(requests.ConnectionError):
        legacy.call("DELETE", APP_NUMBER)
    assert [n["number"] for n in legacy.call("GET", APP_NUMBER.rsplit("/", 1)[0]).json()] == [14155550100, 14155550101]


def test_delay_fault(legacy, admin):
    add_fault(admin, route="get_organisations", action="delay", seconds=0.3)
    started = time.monotonic()
    assert legacy.call("GET", ORGANISATION).status_code == 200
    assert time.monotonic() - started >= 0.3


def test_drop_after_commit_applies_the_change(legacy, admin):
    add_fault(admin, route="remove_app_number", action="drop_after_commit")
    with pytest.raises(requests.ConnectionError):
        legacy.call("DELETE", APP_NUMBER)
    assert [n["number"] for n in legacy.call("GET", APP_NUMBER.rsplit("/", 1)[0]).json()] == [14155550101]
    log = admin("GET", "log")
    assert (log[-2]["route"], log[-2]["status"], log[-2]["fault"]) == ("remove_app_number", None, "drop_after_commit")


@pytest.mark.parametrize(
    "fault",
    [{"route": "nope", "action": "reset"}, {"action": "explode"}, {"action": "status"}, {"action": "delay", "seconds": -1}, {"action": "reset", "times": 0}],
)
def test_invalid_faults_are_rejected(simulator, fault):
    assert requests.post(simulator.url + "/_sim/faults", json={"faults": [fault]}).status_code == 400
    assert requests.get(simulator.url + "/_sim/faults").json() == {"faults": []}


def test_counters_and_log(simulator, legacy, numbers, admin):
    admin("DELETE", "log")
    legacy.call("GET", ORGANISATION)
    legacy.call("PUT", "/v1/organisations/id/%d/numbers/shop" % ORG_ID, {"groupId": 999})
    legacy.call("DELETE", APP_NUMBER, signature=LEAKY_SIGNATURE)  # failed auth: still a counted write
    numbers.get(numbers.base + "/activeNumbers", params={"pageSize": 2})
    requests.post(simulator.url + "/oauth2/token", data={"grant_type": "client_credentials"}, auth=(numbers.auth[0], KEY_SECRET))
    requests.get(simulator.url + "/v1/nowhere")
    LegacyClient(simulator.url).start()
    counters = admin("GET", "counters")
    assert counters["total"] == 8 and counters["writes"] == 2
    assert counters["by_route"] == {
        "get_organisations": 1, "reserve": 1, "remove_app_number": 1, "list_active": 1, "oauth_token": 1, "unknown": 1, "login": 1, "create_instance": 1
    }
    assert counters["by_status"] == {"200": 5, "400": 1, "401": 1, "404": 1}
    log = admin("GET", "log")
    assert [entry["seq"] for entry in log] == list(range(1, 9))
    assert log[1] == dict(log[1], method="PUT", route="reserve", status=400, error_code=40003, auth_scheme="Instance")
    assert log[3]["query"] == "pageSize=2" and log[3]["auth_scheme"] == "Basic"
    text = str(log)
    for secret in (LEAKY_SIGNATURE, legacy.secret, legacy.instance_id, KEY_SECRET, "password", "correct-horse"):
        assert secret not in text
    admin("DELETE", "log")
    assert admin("GET", "log") == [] and admin("GET", "counters")["total"] == 0


def test_admin_requests_are_not_counted(admin):
    admin("GET", "state")
    admin("GET", "health")
    assert admin("GET", "counters") == {"total": 0, "writes": 0, "by_route": {}, "by_status": {}}


def test_reset_keeps_sessions_unless_dropped(legacy, admin):
    admin("POST", "reset")
    assert legacy.call("GET", ORGANISATION).status_code == 200
    admin("POST", "reset", {"drop_sessions": True})
    assert legacy.call("GET", ORGANISATION).json()["errorCode"] == 40100


def test_reset_restores_state_and_clears_faults(legacy, admin):
    legacy.call("DELETE", APP_NUMBER)
    add_fault(admin, action="reset")
    admin("POST", "reset")
    assert admin("GET", "faults") == {"faults": []}
    assert any(n["number"] == 14155550100 and n["applicationKey"] for n in admin("GET", "state")["numbers"])


def test_patch_state_validates_everything_first(simulator, admin):
    bad = {"organisations": {str(ORG_ID): {"credit": 0}}, "groups": {"2": {"availability": -1}}}
    assert requests.patch(simulator.url + "/_sim/state", json=bad).status_code == 400
    assert admin("GET", "state")["organisations"][str(ORG_ID)]["credit"] == 100.0
    state = admin("PATCH", "state", {"organisations": {str(ORG_ID): {"credit": 0}}, "groups": {"2": {"availability": 0}}, "settings": {"token_ttl": 5}})
    assert state["organisations"][str(ORG_ID)]["credit"] == 0.0 and state["groups"]["2"]["availability"] == 0
    assert state["settings"]["token_ttl"] == 5


def test_extra_numbers_are_generated(admin):
    # How fast is measured by `make bench`, not here: a timed assertion flakes on a loaded machine.
    admin("POST", "reset", {"extra_numbers": 10000})
    state = admin("GET", "state")
    assert len(state["numbers"]) == 8 + 10000
    assert {14152000000, 14152009999} <= {n["number"] for n in state["numbers"]}
    assert len(state["projects"]["0994c893-4d74-4455-8259-4f5c68d92f6f"]["activeNumbers"]) == 25 + 10000
    admin("POST", "reset", {"extra_numbers": 0})


def test_unknown_admin_endpoint(simulator):
    assert requests.get(simulator.url + "/_sim/nothing").status_code == 404


def test_expire_one_instance_leaves_the_others(simulator, legacy, admin):
    other = LegacyClient(simulator.url).start()
    assert admin("POST", "sessions/expire", {"instance_id": legacy.instance_id}) == {"expired": {"instances": 1}}
    assert legacy.call("GET", ORGANISATION).json()["errorCode"] == 40100
    assert other.call("GET", ORGANISATION).status_code == 200
    assert admin("POST", "sessions/expire", {"instance_id": "no-such-instance"}) == {"expired": {"instances": 0}}
