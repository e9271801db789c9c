# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The number shop: list groups, reserve, check out, and rented number listing."""

import time

import pytest
import requests

from sim_client import ORG_ID

SHOP = "/v1/organisations/id/%d/numbers/shop" % ORG_ID
NUMBERS = "/v1/organisations/id/%d/numbers" % ORG_ID


def error(response):
    return response.status_code, response.json()["errorCode"], response.json()["message"]


def reserve(legacy, group_id=13, quantity=1, capabilities=("voice",)):
    response = legacy.call("PUT", SHOP, {"groupId": group_id, "quantity": quantity, "capabilities": list(capabilities)})
    assert response.status_code == 200, response.text
    return response.json()["referenceId"]


def groups(legacy):
    return {g["groupId"]: g for g in legacy.call("GET", SHOP).json()}


def test_shop_lists_groups_in_the_documented_shape(legacy):
    listed = groups(legacy)
    assert sorted(listed) == [1, 2, 13, 42, 75]
    assert listed[1] == {
        "groupId": 1,
        "country": "France",
        "countryId": "FR",
        "city": "PARIS",
        "type": "Voice",
        "availability": 7,
        "areaCode": "01",
        "cost": {"amount": 2.0, "currencyId": "USD"},
        "capabilities": ["voice"],
    }


@pytest.mark.parametrize(
    "body, expected",
    [
        ({"quantity": 1, "capabilities": ["voice"]}, (400, 40002, "No groupIds specified")),
        ({"groupId": [1, 2], "quantity": 1, "capabilities": ["voice"]}, (400, 40003, "Too many number groups specified.  Unable to complete request.")),
        ({"groupId": 999, "quantity": 1, "capabilities": ["voice"]}, (400, 40003, "Invalid number group: 999")),
        ({"groupId": 13, "quantity": 1, "capabilities": ["fax"]}, (400, 40001, "Invalid capability 'fax'")),
        ({"groupId": 1, "quantity": 1, "capabilities": ["sms"]}, (400, 40001, "Invalid capability 'sms' for number group 1")),
        ({"groupId": 13, "quantity": 0, "capabilities": ["voice"]}, (400, 40001, "Invalid quantity '0'. Quantity must be a whole number of at least 1.")),
        ({"groupId": 13, "capabilities": ["voice"]}, (400, 40002, "Missing parameter: quantity")),
        ({"groupId": 13, "quantity": 1}, (400, 40002, "No capabilities specified")),
        ({"groupId": 2, "quantity": 3, "capabilities": ["voice"]}, (400, 40003, "Not enough numbers available in group 2: 2 available")),
    ],
)
def test_reserve_errors(legacy, body, expected):
    assert error(legacy.call("PUT", SHOP, body)) == expected


def test_reservation_holds_availability_until_it_expires(legacy, admin):
    admin("PATCH", "state", {"settings": {"reservation_ttl": 0.3}})
    reference = reserve(legacy, 2, 2)
    assert groups(legacy)[2]["availability"] == 0
    assert error(legacy.call("PUT", SHOP, {"groupId": [2], "quantity": 1, "capabilities": ["voice"]}))[1] == 40003
    time.sleep(0.35)
    assert groups(legacy)[2]["availability"] == 2
    assert error(legacy.call("POST", SHOP, {"referenceIds": [reference]})) == (
        404,
        40400,
        "Unable to assign numbers to organization: reservation(s) not found or expired",
    )


def test_checkout_creates_numbers_and_deducts_credit(legacy, admin):
    references = [reserve(legacy, 13, 2, ["voice", "sms"]), reserve(legacy, 1, 1)]
    response = legacy.call("POST", SHOP, {"referenceIds": references})
    assert response.status_code == 204 and response.content == b""
    state = admin("GET", "state")
    assert state["organisations"][str(ORG_ID)]["credit"] == 94.0
    assert state["groups"]["13"]["availability"] == 18 and state["groups"]["1"]["availability"] == 6
    assert state["reservations"] == []
    rented = {n["number"]: n for n in legacy.call("GET", NUMBERS).json()}
    assert {14155550000, 14155550001, 33155500000} <= set(rented)
    created = rented[14155550000]
    assert created["capabilities"] == ["voice", "sms"] and "applicationKey" not in created
    assert (created["groupId"], created["city"], created["areaCode"], created["countryId"]) == (13, "SAN FRANCISCO", "415", "US")
    assert created["cost"] == {"amount": 2.0, "currencyId": "USD"} and created["expires"].endswith("+00:00")
    # the reservation is used up
    assert error(legacy.call("POST", SHOP, {"referenceIds": references}))[1] == 40400


def test_checkout_without_enough_credit(legacy):
    reference = reserve(legacy, 42, 5, ["voice"])  # 5 x 25.0 > 100.0
    assert error(legacy.call("POST", SHOP, {"referenceIds": [reference]})) == (402, 40200, "Insufficient funds to complete the transaction.")


def test_checkout_without_accounting(legacy, admin):
    reference = reserve(legacy)
    admin("PATCH", "state", {"organisations": {str(ORG_ID): {"accounting": False}}})
    assert error(legacy.call("POST", SHOP, {"referenceIds": [reference]})) == (422, 42200, "Accounting not set up for this organization.")


def test_checkout_unknown_reference(legacy):
    reference = reserve(legacy)
    response = legacy.call("POST", SHOP, {"referenceIds": [reference, "00000000-0000-0000-0000-000000000000"]})
    assert error(response)[:2] == (404, 40400)


def test_rented_numbers_use_the_documented_fields(legacy):
    rented = legacy.call("GET", NUMBERS).json()
    assert [n["number"] for n in rented] == [14155550100, 14155550101, 14155550102, 14155550103, 14155550104, 15045550100, 442055500100]
    assert set(rented[0]) == {"number", "groupId", "capabilities", "applicationKey", "countryId", "city", "country", "areaCode", "expires", "cost"}
    assert "applicationKey" not in rented[2]


def test_another_buyer_and_a_lagging_listing(legacy, admin):
    before = [n["number"] for n in legacy.call("GET", NUMBERS).json()]
    stock = admin("GET", "state")["groups"]["13"]["stock"]
    admin("POST", "shop", {"other_buyer": 2, "listing_lag": 1})
    reference = reserve(legacy)
    assert legacy.call("POST", SHOP, {"referenceIds": [reference]}).status_code == 204
    lagging = [n["number"] for n in legacy.call("GET", NUMBERS).json() if n["number"] not in before]
    after = [n for n in legacy.call("GET", NUMBERS).json() if n["number"] not in before]
    assert len(after) == 3 and {n["groupId"] for n in after} == {13}, "ours and the other buyer's two"
    assert len(lagging) == 2 and set(lagging) < set(n["number"] for n in after), "the first listing leaves ours out"
    assert admin("GET", "state")["groups"]["13"]["stock"] == stock - 3
    reference = reserve(legacy)
    assert legacy.call("POST", SHOP, {"referenceIds": [reference]}).status_code == 204
    assert len(legacy.call("GET", NUMBERS).json()) == len(before) + 4, "one-shot: the next checkout is plain"


@pytest.mark.parametrize("body", [{"other_buyer": -1}, {"listing_lag": True}, {"colour": 1}])
def test_shop_behaviour_is_validated(simulator, body):
    assert requests.post(simulator.url + "/_sim/shop", json=body).status_code == 400
