# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP-level behaviour: keep-alive framing, chunked and malformed bodies, internal errors."""

import json
from http.client import HTTPConnection
from urllib.parse import urlsplit

import pytest


@pytest.fixture
def connection(simulator):
    address = urlsplit(simulator.url)
    connection = HTTPConnection(address.hostname, address.port, timeout=5)
    yield connection
    connection.close()


def test_keep_alive_connection_is_reused(connection):
    sockets = set()
    for method, path in (("GET", "/_sim/health"), ("GET", "/v1/organisations"), ("DELETE", "/_sim/log"), ("GET", "/_sim/health")):
        connection.request(method, path)
        response = connection.getresponse()
        assert len(response.read()) == int(response.headers["Content-Length"])
        sockets.add(connection.sock)
    assert len(sockets) == 1 and None not in sockets


def test_chunked_request_body_is_read(connection):
    fault = b'{"faults": [{"route": "login", "action": "reset"}]}'
    connection.request("POST", "/_sim/faults", body=iter([fault[:10], fault[10:]]), encode_chunked=True)
    pending = json.loads(connection.getresponse().read())["faults"]
    assert [(f["route"], f["action"]) for f in pending] == [("login", "reset")]
    connection.request("DELETE", "/_sim/faults")  # same connection: the framing stayed in sync
    assert connection.getresponse().status == 200


def test_invalid_content_length_is_refused(connection):
    connection.putrequest("POST", "/v1/instance")
    connection.putheader("Content-Length", "lots")
    connection.endheaders()
    assert connection.getresponse().status == 400


def test_handler_crash_answers_500_in_the_api_format(simulator, legacy):
    simulator.simulator.world.organisations.clear()  # breaks GET /v1/organisations; the next reset repairs it
    response = legacy.call("GET", "/v1/organisations")
    assert (response.status_code, response.json()["errorCode"]) == (500, 50000)
