# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Voice API configuration endpoints of the simulator: signature checks (A.4.4 vectors), Basic, the numbers
and callback operations (modern-apis.md part A)."""

import base64
import json

import pytest
import requests

from sim_client import GLOBEX_APP, SALES_IVR, SUPPORT_LINE, sign, timestamp
from sinch_simulator.auth import compute_signature

SUPPORT_SECRET = "c3VwcG9ydC1saW5lLXNlY3JldA=="
DOC_KEY, DOC_SECRET, DOC_STAMP = "5F5C418A0F914BBC8234A9BF5EDDAD97", "JViE5vDor0Sw3WllZka15Q==", "2014-06-04T13:41:58Z"


# A.4.4 vectors: the simulator's verification computes exactly these ----------------------------------------


@pytest.mark.parametrize("verb, resource, content_type, body, expected", [
    ("POST", "/v1/sms/+46700000000", "application/json", b'{"message":"Hello world"}', "qDXMwzfaxCRS849c/2R0hg0nphgdHciTo7OdM6MsdnM="),
    ("GET", "/v1/configuration/numbers", "application/json", b"", "j1iORaaJd6rtPW/NFosw/4SdJsaL6WOgBHa6L94qkgU="),
    ("GET", "/v1/configuration/numbers", "", b"", "nv4D4mfjvUkXpb5ARWGce+WV+GvRitnhPP5qwbmMKLQ="),
    ("GET", "v1/configuration/numbers", "application/json", b"", "HYpLuzPwnI42ffJNeLHoojGf0YguD3d8Xb/NI5XWfKo="),
    ("POST", "/v1/configuration/numbers", "application/json",
     b'{"numbers":["+14151112223333"],"applicationkey":"11983f76-12c8-1111-9515-4785c7b67ca8","capability":"voice"}',
     "RkhB4a2QIbSOCxQM6pqOfU8nqfrcZA+oOMkpPCqTSMc="),
    ("DELETE", "/v1/configuration/numbers", "application/json", b"{}", "icQ7obK43FZsP8d/jcYQpd69aEqjEYFAn9UXrudPVoY="),
])
def test_documented_and_computed_vectors(verb, resource, content_type, body, expected):
    assert compute_signature(DOC_SECRET, verb, body, content_type, DOC_STAMP, resource) == expected


@pytest.mark.parametrize("verb, content_type, body, expected", [
    ("POST", "application/json; charset=UTF-8", b'{"identity":{"type":"number","endpoint":"+33444555666"},"method":"sms"}',
     "QP3OzQZVzRZAEev6DBLvJkgpiqyZPuXYsc7oyjUV0K8="),
    ("GET", "application/json", b"", "nsrLDvP6KVD/dAxb3IfAncdwjPFJVWSrseEFOcZge+A="),
])
def test_sdk_vectors(verb, content_type, body, expected):
    assert compute_signature("bXkta2V5LXNlY3JldA==", verb, body, content_type, "2023-11-22T09:10:11.999Z", "/path/pathParamValue") == expected


# HTTP ---------------------------------------------------------------------------------------------------------


def call(simulator, method, path, body=None, key=SUPPORT_LINE, secret=SUPPORT_SECRET, content_type="application/json",
         scheme="Application", stamp=None, signature=None, authorization=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
    stamp = stamp or timestamp()
    headers = {"x-timestamp": stamp}
    if content_type:
        headers["Content-Type"] = content_type
    if authorization is None:
        authorization = "%s %s:%s" % (scheme, key, signature or sign(secret, method, data, content_type or "", stamp, path))
    if authorization:
        headers["Authorization"] = authorization
    return requests.request(method, simulator.url + path, data=data, headers=headers)


def basic(key, secret):
    return "Basic " + base64.b64encode(("%s:%s" % (key, secret)).encode()).decode()


def numbers_of(simulator, **kwargs):
    answer = call(simulator, "GET", "/v1/configuration/numbers", **kwargs)
    assert answer.status_code == 200, answer.text
    return dict((n["number"], n) for n in answer.json()["numbers"])


def test_listing_shows_every_number_of_the_account_with_key_omitted_when_unassigned(simulator):
    numbers = numbers_of(simulator)
    assert numbers["+14155550100"] == {"number": "+14155550100", "capability": "voice", "applicationkey": SUPPORT_LINE}
    assert numbers["+14155550102"] == {"number": "+14155550102", "capability": "voice"}
    assert numbers["+14155550103"]["capability"] == "sms"
    assert numbers["+14155550104"]["applicationkey"] == SALES_IVR
    assert "+14155550199" not in numbers  # Globex's


@pytest.mark.parametrize("kwargs", [
    dict(content_type=None),  # JAVA/NET send no Content-Type on a GET: the empty line is signed
    dict(scheme="application"),  # the DEV page's spelling
    dict(scheme="APPLICATION"),
    dict(key=SUPPORT_LINE.upper()),  # keys in any case
    dict(stamp="2099-01-01T00:00:00+00:00".replace("2099-01-01T00:00:00", timestamp()[:19])),  # PY's isoformat form
    dict(content_type="application/json; charset=utf-8"),
])
def test_signed_variants_are_accepted(simulator, kwargs):
    assert numbers_of(simulator, **kwargs)


def test_basic_with_the_secret_not_decoded(simulator):
    assert numbers_of(simulator, authorization=basic(SUPPORT_LINE, SUPPORT_SECRET))
    answer = call(simulator, "GET", "/v1/configuration/numbers", authorization=basic(SUPPORT_LINE, "support-line-secret"))
    assert answer.status_code == 401


@pytest.mark.parametrize("kwargs, code", [
    (dict(authorization=""), 40100),
    (dict(scheme="Instance"), 40301),
    (dict(authorization="Bearer abc"), 40301),
    (dict(stamp="2014-06-04T13:41:58Z"), 40101),
    (dict(signature="qDXMwzfaxCRS849c/2R0hg0nphgdHciTo7OdM6MsdnM="), 40102),
    (dict(secret="Z2xvYmV4LXNlY3JldA=="), 40102),
    (dict(authorization="Application " + SUPPORT_LINE), 40100),  # "public": no signature
    (dict(key="8e2d7c4b-1f3a-4b6e-9c5d-0a7f2e1b3c49"), 40100),  # an application without a secret
    (dict(key="no-such-key"), 40100),
])
def test_refusals_have_the_voice_error_shape(simulator, kwargs, code):
    answer = call(simulator, "GET", "/v1/configuration/numbers", **kwargs)
    assert answer.status_code == code // 100
    assert answer.json()["errorCode"] == code and answer.json()["message"]


def test_signature_covers_the_content_type_as_received(simulator):
    stamp = timestamp()
    signature = sign(SUPPORT_SECRET, "GET", b"", "application/json", stamp, "/v1/configuration/numbers")
    answer = call(simulator, "GET", "/v1/configuration/numbers", content_type="text/plain", stamp=stamp, signature=signature)
    assert answer.json()["errorCode"] == 40102


def test_signature_covers_the_body_as_received(simulator):
    stamp = timestamp()
    body = json.dumps({"numbers": ["+14155550102"]}).encode()
    signature = sign(SUPPORT_SECRET, "POST", body, "application/json", stamp, "/v1/configuration/numbers")
    answer = call(simulator, "POST", "/v1/configuration/numbers", raw=body + b" ", stamp=stamp, signature=signature)
    assert answer.json()["errorCode"] == 40102
    assert "applicationkey" not in numbers_of(simulator)["+14155550102"]


def test_assign_moves_numbers_and_unassign_takes_either_key_spelling(simulator):
    answer = call(simulator, "POST", "/v1/configuration/numbers", {"numbers": ["+14155550102", "+14155550104"], "capability": "voice"})
    assert answer.status_code == 200 and answer.json() == {}
    numbers = numbers_of(simulator)
    assert numbers["+14155550102"]["applicationkey"] == SUPPORT_LINE and numbers["+14155550104"]["applicationkey"] == SUPPORT_LINE
    answer = call(simulator, "DELETE", "/v1/configuration/numbers/", {"number": "+14155550102", "applicationKey": SUPPORT_LINE})
    assert answer.status_code == 200
    answer = call(simulator, "DELETE", "/v1/configuration/numbers", {"number": "+14155550104", "applicationkey": SUPPORT_LINE.upper()})
    assert answer.status_code == 200
    numbers = numbers_of(simulator)
    assert "applicationkey" not in numbers["+14155550102"] and "applicationkey" not in numbers["+14155550104"]


def test_unassign_with_both_spellings(simulator):
    both = {"number": "+14155550100", "applicationkey": SUPPORT_LINE, "applicationKey": SUPPORT_LINE.upper()}
    assert call(simulator, "DELETE", "/v1/configuration/numbers", both).status_code == 200
    assert "applicationkey" not in numbers_of(simulator)["+14155550100"]
    differ = {"number": "+14155550101", "applicationkey": SUPPORT_LINE, "applicationKey": SALES_IVR}
    assert call(simulator, "DELETE", "/v1/configuration/numbers", differ).json()["errorCode"] == 40001


def test_unassign_of_a_number_of_another_application_leaves_it(simulator):
    call(simulator, "DELETE", "/v1/configuration/numbers", {"number": "+14155550104", "applicationkey": SUPPORT_LINE})
    assert numbers_of(simulator)["+14155550104"]["applicationkey"] == SALES_IVR


@pytest.mark.parametrize("body, code", [
    ({"numbers": ["+14155550199"]}, 40001),  # Globex's number
    ({"numbers": ["14155550102"]}, 40001),
    ({"numbers": []}, 40002),
    ({"numbers": ["+14155550103"], "capability": "voice"}, 40001),  # sms only
    ({"numbers": ["+14155550102"], "capability": "fax"}, 40001),
    ({"numbers": ["+14155550102"], "applicationkey": GLOBEX_APP}, 40003),
])
def test_assign_refusals_change_nothing(simulator, body, code):
    before = numbers_of(simulator)
    answer = call(simulator, "POST", "/v1/configuration/numbers", body)
    assert answer.json()["errorCode"] == code
    assert numbers_of(simulator) == before


def test_callbacks_get_and_update_keeping_an_omitted_fallback(simulator):
    path = "/v1/configuration/callbacks/applications/" + SUPPORT_LINE
    assert call(simulator, "GET", path).json() == {"url": {"primary": "https://support.example.com/voice", "fallback": "https://fallback.example.com/voice"}}
    assert call(simulator, "POST", path, {"url": {"primary": "https://new.example.com"}}).status_code == 200
    assert call(simulator, "GET", path).json()["url"] == {"primary": "https://new.example.com", "fallback": "https://fallback.example.com/voice"}
    sales = "/v1/configuration/callbacks/applications/" + SALES_IVR
    assert call(simulator, "GET", sales).json() == {"url": {}}
    assert call(simulator, "GET", "/v1/configuration/callbacks/applications/" + GLOBEX_APP).json()["errorCode"] == 40003


def test_counters_name_the_voice_routes(simulator, admin):
    numbers_of(simulator)
    call(simulator, "POST", "/v1/configuration/numbers", {"numbers": ["+14155550102"]})
    counters = admin("GET", "counters")
    assert counters["by_route"]["voice_list_numbers"] == 1 and counters["by_route"]["voice_assign_numbers"] == 1
    assert counters["writes"] == 1
