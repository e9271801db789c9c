# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Numbers API v1: auth, active numbers (paging, filters, PATCH, release) and renting."""

import pytest
import requests

from sim_client import KEY_ID, KEY_SECRET, OTHER_KEY, OTHER_PROJECT, PROJECT


def api_error(response):
    body = response.json()["error"]
    assert body["code"] == response.status_code and isinstance(body["details"], list)
    return response.status_code, body["status"]


def all_pages(numbers, **params):
    """Follow nextPageToken; return (phone numbers, number of pages, totalSize)."""
    found, pages, token = [], 0, None
    while True:
        response = numbers.get(numbers.base + "/activeNumbers", params=dict(params, **({"pageToken": token} if token else {})))
        assert response.status_code == 200, response.text
        body = response.json()
        found += [n["phoneNumber"] for n in body["activeNumbers"]]
        pages += 1
        token = body["nextPageToken"]
        if not token:
            return found, pages, body["totalSize"]


def test_oauth_token_and_bearer(simulator, numbers):
    response = requests.post(simulator.url + "/oauth2/token", data={"grant_type": "client_credentials"}, auth=(KEY_ID, KEY_SECRET))
    assert response.status_code == 200
    token = response.json()
    assert token["token_type"] == "bearer" and token["expires_in"] == 3600 and set(token) == {"access_token", "expires_in", "scope", "token_type"}
    headers = {"Authorization": "Bearer " + token["access_token"]}
    assert requests.get(numbers.base + "/activeNumbers", headers=headers).status_code == 200
    requests.post(simulator.url + "/_sim/sessions/expire")
    assert api_error(requests.get(numbers.base + "/activeNumbers", headers=headers)) == (401, "UNAUTHENTICATED")


@pytest.mark.parametrize(
    "data, auth, expected",
    [
        ({"grant_type": "client_credentials"}, (KEY_ID, "wrong"), (401, "invalid_client")),
        ({"grant_type": "password"}, (KEY_ID, KEY_SECRET), (400, "unsupported_grant_type")),
        ({}, (KEY_ID, KEY_SECRET), (400, "invalid_request")),
    ],
)
def test_oauth_token_errors(simulator, data, auth, expected):
    response = requests.post(simulator.url + "/oauth2/token", data=data, auth=auth)
    assert (response.status_code, response.json()["error"]) == expected


@pytest.mark.parametrize(
    "project, auth, expected",
    [
        (PROJECT, None, (401, "UNAUTHENTICATED")),
        (PROJECT, (KEY_ID, "wrong"), (401, "UNAUTHENTICATED")),
        (PROJECT, OTHER_KEY, (403, "PERMISSION_DENIED")),
        ("no-such-project", (KEY_ID, KEY_SECRET), (404, "NOT_FOUND")),
    ],
)
def test_auth_failures(simulator, project, auth, expected):
    response = requests.get("%s/v1/projects/%s/activeNumbers" % (simulator.url, project), auth=auth)
    assert api_error(response) == expected


def test_other_project_key_works_on_its_own_project(simulator):
    response = requests.get("%s/v1/projects/%s/activeNumbers" % (simulator.url, OTHER_PROJECT), auth=OTHER_KEY)
    assert [n["phoneNumber"] for n in response.json()["activeNumbers"]] == ["+12025550199"]


def test_paging_visits_every_number_once_in_order(numbers):
    found, pages, total = all_pages(numbers, pageSize=4)
    assert total == 25 and len(found) == 25 and pages == 7
    assert found == sorted(found)
    default = numbers.get(numbers.base + "/activeNumbers").json()
    assert len(default["activeNumbers"]) == 10 and default["totalSize"] == 25
    by_name = all_pages(numbers, pageSize=7, orderBy="displayName")[0]
    assert sorted(by_name) == sorted(found)
    assert by_name[0] == "+12025550106" and by_name[-1] == "+12025550104"  # unnamed first (by number), "Support" last


def test_paging_survives_a_release_between_pages(numbers):
    first = numbers.get(numbers.base + "/activeNumbers", params={"pageSize": 5}).json()
    assert numbers.post(numbers.base + "/activeNumbers/%2B12025550106:release").status_code == 200
    second = numbers.get(numbers.base + "/activeNumbers", params={"pageSize": 5, "pageToken": first["nextPageToken"]}).json()
    assert second["activeNumbers"][0]["phoneNumber"] == "+12025550107"


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"regionCode": "SE"}, 5),
        ({"regionCode": "US", "type": "TOLL_FREE"}, 2),
        ({"capability": ["SMS", "VOICE"]}, 10),
        ({"numberPattern.pattern": "+4477009001", "numberPattern.searchPattern": "START"}, 6),
        ({"numberPattern.pattern": " 4477009001", "numberPattern.searchPattern": "START"}, 6),
        ({"numberPattern.pattern": "4477009001", "numberPattern.searchPattern": "START"}, 0),
        ({"numberPattern.pattern": "0101", "numberPattern.searchPattern": "END"}, 3),
        ({"numberPattern.pattern": "55501"}, 14),
    ],
)
def test_active_filters(numbers, params, expected):
    assert len(all_pages(numbers, pageSize=100, **params)[0]) == expected


@pytest.mark.parametrize(
    "params",
    [{"type": "FIXED"}, {"capability": "MMS"}, {"pageSize": "-1"}, {"orderBy": "price"}, {"pageToken": "garbage"}, {"numberPattern.searchPattern": "MIDDLE"}],
)
def test_active_invalid_arguments(numbers, params):
    assert api_error(numbers.get(numbers.base + "/activeNumbers", params=params)) == (400, "INVALID_ARGUMENT")


def test_page_size_is_capped(numbers, admin):
    admin("PATCH", "state", {"settings": {"page_size_cap": 3}})
    assert len(numbers.get(numbers.base + "/activeNumbers", params={"pageSize": 50}).json()["activeNumbers"]) == 3


def test_get_active_number(numbers):
    number = numbers.get(numbers.base + "/activeNumbers/%2B12025550105").json()
    assert number["projectId"] == PROJECT and number["money"] == {"currencyCode": "USD", "amount": "2.00"}
    provisioning = number["smsConfiguration"]["scheduledProvisioning"]
    assert provisioning["status"] == "FAILED" and provisioning["errorCodes"] == ["CAMPAIGN_NOT_AVAILABLE"]
    assert api_error(numbers.get(numbers.base + "/activeNumbers/%2B12065550101")) == (404, "NOT_FOUND")
    assert api_error(numbers.get(numbers.base + "/activeNumbers/12025550105")) == (400, "INVALID_ARGUMENT")


def test_patch_changes_only_given_fields(numbers):
    url = numbers.base + "/activeNumbers/%2B12025550102"
    before = numbers.get(url).json()
    response = numbers.patch(url, json={"displayName": "Renamed", "smsConfiguration": {"campaignId": ""}})
    assert response.status_code == 200
    after = response.json()
    assert after["displayName"] == "Renamed" and after["smsConfiguration"]["campaignId"] == ""
    assert after["smsConfiguration"]["servicePlanId"] == before["smsConfiguration"]["servicePlanId"]
    assert {k: v for k, v in after.items() if k not in ("displayName", "smsConfiguration")} == {
        k: v for k, v in before.items() if k not in ("displayName", "smsConfiguration")
    }
    assert numbers.get(url).json() == after


def test_patch_sms_plan_clears_failed_provisioning(numbers):
    url = numbers.base + "/activeNumbers/%2B12025550105"
    assert numbers.patch(url, json={"smsConfiguration": {"servicePlanId": ""}}).status_code == 200
    after = numbers.patch(url, json={"smsConfiguration": {"servicePlanId": "2b7e4c1f9a8d4e6b8c0f1a2d3e4b5c6d"}}).json()
    assert after["smsConfiguration"]["servicePlanId"] == "2b7e4c1f9a8d4e6b8c0f1a2d3e4b5c6d"
    assert after["smsConfiguration"]["scheduledProvisioning"] is None


@pytest.mark.parametrize(
    "body",
    [{"foo": 1}, {"displayName": 5}, {"smsConfiguration": {"other": "x"}}, {"voiceConfiguration": {"type": "PSTN"}}, {"voiceConfiguration": {"appId": "x"}}],
)
def test_patch_rejects_bad_bodies(numbers, body):
    # +12025550102 is SMS-only, so a voice appId is rejected too
    response = numbers.patch(numbers.base + "/activeNumbers/%2B12025550102", json=body)
    assert api_error(response) == (400, "INVALID_ARGUMENT")


def test_rent_and_release(numbers):
    body = {"smsConfiguration": {"servicePlanId": "plan-1"}, "callbackUrl": "https://cb"}
    response = numbers.post(numbers.base + "/availableNumbers/%2B12065550101:rent", json=body)
    assert response.status_code == 200
    rented = response.json()
    assert rented["money"] == {"currencyCode": "USD", "amount": "2.00"} and rented["smsConfiguration"]["servicePlanId"] == "plan-1"
    assert rented["callbackUrl"] == "https://cb" and rented["nextChargeDate"].endswith("Z")
    assert numbers.get(numbers.base + "/activeNumbers/%2B12065550101").json() == rented
    assert api_error(numbers.get(numbers.base + "/availableNumbers/%2B12065550101")) == (404, "NOT_FOUND")
    assert api_error(numbers.post(numbers.base + "/availableNumbers/%2B12065550101:rent")) == (400, "FAILED_PRECONDITION")
    released = numbers.post(numbers.base + "/activeNumbers/%2B12065550101%3Arelease")
    assert released.json() == rented
    assert api_error(numbers.post(numbers.base + "/activeNumbers/%2B12065550101:release")) == (404, "NOT_FOUND")
    assert api_error(numbers.post(numbers.base + "/availableNumbers/%2B12065550101:rent")) == (404, "NOT_FOUND")  # released is gone


def test_rent_any(numbers):
    body = {"regionCode": "US", "type": "LOCAL", "capabilities": ["VOICE"], "numberPattern": {"pattern": "04", "searchPattern": "END"}}
    response = numbers.post(numbers.base + "/availableNumbers:rentAny", json=body)
    assert response.status_code == 200 and response.json()["phoneNumber"] == "+12065550104"
    assert api_error(numbers.post(numbers.base + "/availableNumbers:rentAny", json=body)) == (404, "NOT_FOUND")
    assert api_error(numbers.post(numbers.base + "/availableNumbers:rentAny", json={"type": "LOCAL"})) == (400, "INVALID_ARGUMENT")


def test_available_numbers(numbers):
    found = numbers.get(numbers.base + "/availableNumbers", params={"regionCode": "US", "type": "LOCAL", "capabilities": "SMS", "size": 2}).json()
    assert [n["phoneNumber"] for n in found["availableNumbers"]] == ["+12065550101", "+12065550102"]
    assert set(found["availableNumbers"][0]) == {
        "phoneNumber", "regionCode", "type", "capability", "setupPrice", "monthlyPrice", "paymentIntervalMonths", "supportingDocumentationRequired"
    }
    one = numbers.get(numbers.base + "/availableNumbers/%2B447700900201").json()
    assert one["supportingDocumentationRequired"] is True


@pytest.mark.parametrize("params, field", [({"type": "LOCAL"}, "regionCode"), ({"regionCode": "US"}, "type")])
def test_available_numbers_require_region_and_type(numbers, params, field):
    response = numbers.get(numbers.base + "/availableNumbers", params=params)
    assert api_error(response) == (400, "INVALID_ARGUMENT")
    assert response.json()["error"]["details"][0]["fieldViolations"][0]["field"] == field


def test_available_regions(numbers):
    regions = numbers.get(numbers.base + "/availableRegions").json()["availableRegions"]
    assert [r["regionCode"] for r in regions] == ["CA", "GB", "SE", "US"]
    local = numbers.get(numbers.base + "/availableRegions", params={"types": ["LOCAL"]}).json()["availableRegions"]
    assert [r["regionCode"] for r in local] == ["CA", "US"]


def test_unknown_numbers_route(numbers):
    assert api_error(numbers.get(numbers.base + "/somethingElse")) == (404, "NOT_FOUND")
