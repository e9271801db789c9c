# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Callback configuration (B.1) and emergency addresses (B.2) of the simulated Numbers API."""

import pytest

ADDRESS = {"streetNumber": "3500", "streetInfo": "Lenox Rd NE", "city": "Atlanta", "state": "GA", "postalCode": "30326"}
EMPTY = dict.fromkeys(("streetNumber", "streetInfo", "location", "city", "state", "postalCode", "postalCodePlusFour"), "")


def test_callback_configuration_get_and_patch(numbers):
    url = numbers.base + "/callbackConfiguration"
    answer = numbers.get(url)
    assert answer.json() == {"projectId": numbers.base.rsplit("/", 1)[1], "hmacSecret": "0default-pass-word-*max-36characters"}
    assert numbers.patch(url, json={"hmacSecret": "new-secret"}).json()["hmacSecret"] == "new-secret"
    assert numbers.get(url).json()["hmacSecret"] == "new-secret"


@pytest.mark.parametrize("body", [{}, {"hmacSecret": ""}, {"hmacSecret": 5}])
def test_callback_configuration_refuses_an_empty_secret(numbers, body):
    answer = numbers.patch(numbers.base + "/callbackConfiguration", json=body)
    assert answer.status_code == 400 and answer.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_emergency_address_of_the_fixture(numbers):
    answer = numbers.get(numbers.base + "/activeNumbers/+12025550101/emergencyAddress")
    assert answer.json() == dict(EMPTY, location="", postalCodePlusFour="4228", **ADDRESS)
    missing = numbers.get(numbers.base + "/activeNumbers/%2B12025550106/emergencyAddress")
    assert missing.status_code == 404 and missing.json()["error"]["details"][0]["resourceType"] == "EmergencyAddress"


def test_emergency_address_needs_an_active_voice_number(numbers):
    assert numbers.get(numbers.base + "/activeNumbers/+12025550103/emergencyAddress").status_code == 400  # SMS only
    assert numbers.get(numbers.base + "/activeNumbers/+12065550101/emergencyAddress").status_code == 404  # not active


@pytest.mark.parametrize("street, result", [("Lenox Rd NE", "EXACT_MATCH"), ("Lenox Road NE", "NEAR_MATCH"), ("lenox road", "NO_MATCH")])
def test_validation_outcomes(numbers, street, result):
    body = {"displayName": "HQ", "address": dict(ADDRESS, streetInfo=street)}
    answer = numbers.post(numbers.base + "/activeNumbers/+12025550106/emergencyAddress:validate", json=body).json()
    assert answer["validationResult"] == result and answer["phoneNumber"] == "+12025550106"
    if result == "NEAR_MATCH":
        assert answer["correctedAddress"]["streetInfo"] == "Lenox Rd NE" and answer["candidateAddresses"] == []
    elif result == "NO_MATCH":
        assert answer["correctedAddress"] == EMPTY and answer["candidateAddresses"][0]["streetInfo"] == "Lenox Rd NE"
    else:
        assert answer["correctedAddress"] == EMPTY and answer["candidateAddresses"] == []


def test_provision_and_deprovision(numbers, admin):
    base = numbers.base + "/activeNumbers/+12025550106/emergencyAddress"
    answer = numbers.post(base + ":provision", json={"displayName": "Desk", "address": ADDRESS})
    assert answer.status_code == 200 and answer.json() == dict(EMPTY, **ADDRESS)
    assert numbers.get(base).json() == dict(EMPTY, **ADDRESS)
    assert numbers.post(base + ":deprovision").status_code == 200
    assert numbers.get(base).status_code == 404
    assert admin("GET", "counters")["by_route"]["provision_emergency_address"] == 1


@pytest.mark.parametrize("body", [
    {"address": ADDRESS},
    {"displayName": "x"},
    {"displayName": "x", "address": dict(ADDRESS, city="")},
    {"displayName": "x", "address": dict(ADDRESS, streetInfo="Lenox Road")},  # NO_MATCH
    {"displayName": "x", "address": dict(ADDRESS, country="US")},
])
def test_provision_refusals_store_nothing(numbers, body):
    base = numbers.base + "/activeNumbers/+12025550106/emergencyAddress"
    assert numbers.post(base + ":provision", json=body).status_code == 400
    assert numbers.get(base).status_code == 404
