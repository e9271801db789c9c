# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Numbers API variants (POST /_sim/variants): type default, required region, two-step moves,
asynchronous provisioning, trial accounts, both capability names, voice types."""

import time

import pytest
import requests

PLAN_A = "957ae16ae12d4942b91b61eda5e4ed6b"
PLAN_B = "2b7e4c1f9a8d4e6b8c0f1a2d3e4b5c6d"


def error(response):
    body = response.json()["error"]
    return response.status_code, body["status"], [v["field"] for d in body["details"] for v in d.get("fieldViolations", [])]


def listed(numbers, **params):
    response = numbers.get(numbers.base + "/activeNumbers", params=dict(params, pageSize=100))
    assert response.status_code == 200, response.text
    return response.json()["activeNumbers"]


def test_variants_are_checked_and_reset(simulator, admin):
    assert admin("GET", "variants")["two_step_moves"] is True
    for bad in ({"nope": 1}, {"type_default": "LOCAL"}, {"provisioning_delay": -1}, {"provisioning_failures": -2},
                {"region_required": "yes"}, {"provisioning_error_codes": []}):
        assert requests.post(simulator.url + "/_sim/variants", json=bad).status_code == 400
    assert admin("POST", "variants", {"type_default": "MOBILE", "provisioning_delay": 2})["provisioning_delay"] == 2.0
    admin("POST", "reset", {})
    assert admin("GET", "variants")["type_default"] == "ALL"


def test_type_defaults_to_mobile_when_asked(numbers, admin):
    every = {n["type"] for n in listed(numbers)}
    assert every >= {"MOBILE", "LOCAL"}
    admin("POST", "variants", {"type_default": "MOBILE"})
    assert {n["type"] for n in listed(numbers)} == {"MOBILE"}
    assert {n["type"] for n in listed(numbers, type="LOCAL")} == {"LOCAL"}


def test_region_required_answers_400_naming_region_code(numbers, admin):
    admin("POST", "variants", {"region_required": True})
    assert error(numbers.get(numbers.base + "/activeNumbers")) == (400, "INVALID_ARGUMENT", ["regionCode"])
    assert {n["regionCode"] for n in listed(numbers, regionCode="US")} == {"US"}


def test_both_capability_names_are_accepted_on_active_numbers(numbers):
    singular = listed(numbers, capability="VOICE")
    assert singular and singular == listed(numbers, capabilities="VOICE")


def test_relinking_without_unlinking_is_refused(numbers, admin):
    url = numbers.base + "/activeNumbers/%2B12025550101"
    refused = numbers.patch(url, json={"smsConfiguration": {"servicePlanId": PLAN_B}})
    assert error(refused) == (400, "INVALID_ARGUMENT", ["smsConfiguration.servicePlanId"])
    assert numbers.patch(url, json={"smsConfiguration": {"servicePlanId": ""}}).json()["smsConfiguration"]["servicePlanId"] == ""
    assert numbers.patch(url, json={"smsConfiguration": {"servicePlanId": PLAN_B}}).json()["smsConfiguration"]["servicePlanId"] == PLAN_B
    admin("POST", "variants", {"two_step_moves": False})
    assert numbers.patch(url, json={"smsConfiguration": {"servicePlanId": PLAN_A}}).status_code == 200


def test_a_campaign_without_a_plan_is_refused(numbers):
    url = numbers.base + "/activeNumbers/%2B12025550106"
    assert error(numbers.patch(url, json={"smsConfiguration": {"servicePlanId": "", "campaignId": "C1"}}))[2] == [
        "smsConfiguration.servicePlanId"]


def test_provisioning_waits_then_applies(numbers, admin):
    admin("POST", "variants", {"provisioning_delay": 0.6})
    url = numbers.base + "/activeNumbers/%2B12025550106"
    after = numbers.patch(url, json={"smsConfiguration": {"servicePlanId": PLAN_A}, "displayName": "x"}).json()
    assert after["displayName"] == "x" and after["smsConfiguration"]["servicePlanId"] == ""
    scheduled = after["smsConfiguration"]["scheduledProvisioning"]
    assert scheduled["status"] == "WAITING" and scheduled["servicePlanId"] == PLAN_A and scheduled["errorCodes"] == []
    time.sleep(0.35)
    assert numbers.get(url).json()["smsConfiguration"]["scheduledProvisioning"]["status"] == "IN_PROGRESS"
    time.sleep(0.35)
    done = numbers.get(url).json()["smsConfiguration"]
    assert done["servicePlanId"] == PLAN_A and done["scheduledProvisioning"] is None


def test_provisioning_fails_with_error_codes(numbers, admin):
    admin("POST", "variants", {"provisioning_failures": 1, "provisioning_error_codes": ["CAMPAIGN_NOT_AVAILABLE"]})
    url = numbers.base + "/activeNumbers/%2B12025550106"
    failed = numbers.patch(url, json={"smsConfiguration": {"servicePlanId": PLAN_A}}).json()["smsConfiguration"]
    assert failed["servicePlanId"] == "" and failed["scheduledProvisioning"]["status"] == "FAILED"
    assert failed["scheduledProvisioning"]["errorCodes"] == ["CAMPAIGN_NOT_AVAILABLE"]
    again = numbers.patch(url, json={"smsConfiguration": {"servicePlanId": PLAN_A}}).json()["smsConfiguration"]
    assert again["servicePlanId"] == PLAN_A and again["scheduledProvisioning"] is None


def test_voice_types_and_null_ids(numbers, admin):
    url = numbers.base + "/activeNumbers/%2B12025550101"
    est = numbers.patch(url, json={"voiceConfiguration": {"type": "EST", "trunkId": "trunk-1"}}).json()["voiceConfiguration"]
    assert est["type"] == "EST" and est["trunkId"] == "trunk-1" and "appId" not in est and est["lastUpdatedTime"]
    admin("POST", "variants", {"provisioning_delay": 30})
    fax = numbers.patch(url, json={"voiceConfiguration": {"type": "FAX", "serviceId": "svc-1"}}).json()["voiceConfiguration"]
    assert fax["type"] == "EST" and fax["scheduledVoiceProvisioning"] == {
        "type": "FAX", "serviceId": "svc-1", "appId": "", "trunkId": "", "status": "WAITING",
        "lastUpdatedTime": fax["scheduledVoiceProvisioning"]["lastUpdatedTime"]}
    assert numbers.patch(url, json={"voiceConfiguration": {"type": "RTC", "appId": None}}).status_code == 200
    assert error(numbers.patch(url, json={"voiceConfiguration": {}}))[0] == 400


def test_trial_account_cannot_rent(numbers, admin):
    admin("POST", "variants", {"trial_account": True})
    phone = admin("GET", "state")["availableNumbers"][0]["phoneNumber"]
    response = numbers.post(numbers.base + "/availableNumbers/%s:rent" % phone.replace("+", "%2B"), json={})
    body = response.json()["error"]
    assert response.status_code == 403 and body["status"] == "PERMISSION_DENIED"
    assert body["message"] == "Trial account is not enabled to rent number"
    assert body["details"][0]["description"] == body["message"]


@pytest.mark.parametrize("pattern, matches", [("+1206", True), ("1206", False)])
def test_start_patterns_on_available_numbers_need_the_plus(numbers, pattern, matches):
    found = numbers.get(numbers.base + "/availableNumbers", params={
        "regionCode": "US", "type": "LOCAL", "numberPattern.pattern": pattern, "numberPattern.searchPattern": "START"}).json()
    assert bool(found["availableNumbers"]) is matches
