# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hostile answers (bad_body, trickle faults) and the legacy variants (signature form, organisations as an array)."""

import socket
import time

import pytest
import requests

from sim_client import ORG_ID, sign, timestamp

ORGANISATION = "/v1/organisations"
SHOP = "/v1/organisations/id/%d/numbers/shop" % ORG_ID


def add_fault(admin, **fault):
    admin("POST", "faults", {"faults": [fault]})


@pytest.mark.parametrize("body", ["<html>busy</html>", '[{"number": 1', "null", "", "{}"])
def test_bad_body_replaces_a_read_answer(legacy, admin, body):
    add_fault(admin, route="*", method="GET", action="bad_body", body=body)
    response = legacy.call("GET", ORGANISATION)
    assert (response.status_code, response.content) == (200, body.encode())
    assert legacy.call("GET", ORGANISATION).json()["id"] == ORG_ID  # used once


def test_bad_body_on_a_write_applies_the_write(legacy, admin):
    add_fault(admin, route="reserve", action="bad_body", body='{"reference": "x"}', status=201)
    response = legacy.call("PUT", SHOP, {"groupId": 13, "quantity": 1, "capabilities": ["voice"]})
    assert (response.status_code, response.json()) == (201, {"reference": "x"})
    assert len(admin("GET", "state")["reservations"]) == 1
    assert admin("GET", "log")[-1]["fault"] == "bad_body"


def test_trickle_sends_rate_bytes_a_second(simulator, admin):
    add_fault(admin, route="list_regions", action="trickle", rate=1)
    host, port = simulator.url.rsplit("/", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as conn:
        conn.sendall(b"GET /v1/projects/p/availableRegions HTTP/1.1\r\nHost: x\r\n\r\n")
        started = time.monotonic()
        received = b""
        while b"\r\n\r\n" not in received:
            received += conn.recv(1024)
        head, dummy, body = received.partition(b"\r\n\r\n")
        while len(body) < 3:
            body += conn.recv(1024)
        assert len(body) <= 3 + 1 and time.monotonic() - started >= 2


@pytest.mark.parametrize("fault", [
    {"action": "bad_body"}, {"action": "bad_body", "body": 1}, {"action": "bad_body", "body": "", "status": 500},
    {"action": "trickle"}, {"action": "trickle", "rate": 0}, {"action": "status", "status": 500, "body": "x"},
])
def test_invalid_hostile_faults_are_refused(simulator, fault):
    assert requests.post(simulator.url + "/_sim/faults", json={"faults": [fault]}).status_code == 400


def signed(legacy, resource):
    stamp = timestamp()
    return legacy.call("GET", ORGANISATION, stamp=stamp,
                       signature=sign(legacy.secret, "GET", b"", "application/json", stamp, resource))


@pytest.mark.parametrize("form, slash, bare", [(None, 200, 401), ("slash", 200, 401), ("bare", 401, 200), ("both", 200, 200)])
def test_signature_form_variant(legacy, admin, form, slash, bare):
    if form:
        assert admin("PUT", "legacy_variants", {"signature_form": form})["signature_form"] == form
    assert signed(legacy, "/v1/organisations").status_code == slash
    response = signed(legacy, "v1/organisations")
    assert response.status_code == bare
    if bare == 401:
        assert response.json()["errorCode"] == 40102


def test_organisations_as_an_array_until_reset(legacy, admin, simulator):
    admin("PUT", "legacy_variants", {"organisations": "array"})
    answer = legacy.call("GET", ORGANISATION).json()
    assert isinstance(answer, list) and answer[0]["id"] == ORG_ID
    requests.post(simulator.url + "/_sim/reset", json={})
    assert admin("GET", "legacy_variants") == {"signature_form": "slash", "organisations": "object"}


@pytest.mark.parametrize("body", [{"organisations": "table"}, {"signature_form": "/"}, {"nope": 1}])
def test_bad_variants_are_refused(simulator, body):
    assert requests.put(simulator.url + "/_sim/legacy_variants", json=body).status_code == 400
