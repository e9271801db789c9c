# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Application numbers: list, overwrite per capability, remove."""

import pytest

from sim_client import GLOBEX_APP, SALES_IVR, SMS_ALERTS, SUPPORT_LINE

UNKNOWN_APP = "00000000-1111-2222-3333-444444444444"


def app_path(key, suffix=""):
    return "/v1/applications/key/%s/numbers%s" % (key, suffix)


def assigned(legacy, key):
    response = legacy.call("GET", app_path(key))
    assert response.status_code == 200, response.text
    return [n["number"] for n in response.json()]


def error(response):
    return response.status_code, response.json()["errorCode"], response.json()["message"]


def test_list_application_numbers(legacy):
    numbers = legacy.call("GET", app_path(SUPPORT_LINE)).json()
    assert [n["number"] for n in numbers] == [14155550100, 14155550101]
    assert all(n["applicationKey"] == SUPPORT_LINE for n in numbers)


@pytest.mark.parametrize("key", [UNKNOWN_APP, GLOBEX_APP])
def test_unknown_or_foreign_application(legacy, key):
    message = "Application with the key %s wasn't found." % key
    assert error(legacy.call("GET", app_path(key))) == (404, 40400, message)
    assert error(legacy.call("PUT", app_path(key, "/voice"), {"numbers": []})) == (404, 40400, message)
    assert error(legacy.call("DELETE", app_path(key, "/14155550100"))) == (404, 40400, message)


def test_overwrite_replaces_only_numbers_of_that_capability_and_moves_numbers(legacy):
    # support-line has ...100 and ...101 (voice); sales-ivr has ...104 (voice+sms)
    response = legacy.call("PUT", app_path(SUPPORT_LINE, "/voice"), {"numbers": [14155550101, "14155550102", 14155550104]})
    assert response.status_code == 200
    assert [n["number"] for n in response.json()] == [14155550101, 14155550102, 14155550104]
    assert all(n["applicationKey"] == SUPPORT_LINE for n in response.json())
    assert assigned(legacy, SALES_IVR) == []  # ...104 moved away
    rented = {n["number"]: n for n in legacy.call("GET", "/v1/organisations/id/8888123/numbers").json()}
    assert "applicationKey" not in rented[14155550100]  # dropped from the list: unassigned
    # an sms overwrite leaves the voice-only numbers alone and takes ...104 away again
    response = legacy.call("PUT", app_path(SMS_ALERTS, "/sms"), {"numbers": [14155550104]})
    assert [n["number"] for n in response.json()] == [14155550104]
    assert assigned(legacy, SUPPORT_LINE) == [14155550101, 14155550102]


def test_overwrite_with_empty_list_clears_the_capability(legacy):
    assert legacy.call("PUT", app_path(SUPPORT_LINE, "/voice"), {"numbers": []}).json() == []


@pytest.mark.parametrize(
    "capability, body, expected",
    [
        ("fax", {"numbers": [14155550100]}, (400, 40001, "Invalid number type: fax.  Type must be one of: sms, voice.")),
        ("voice", {"numbers": [14155550102, 14155550199]}, (400, 40003, "The 'number' specified is not a valid number.")),  # Globex's
        ("voice", {"numbers": [14155550102, 19999999999]}, (400, 40003, "The 'number' specified is not a valid number.")),  # not rented
        ("voice", {"numbers": [14155550102, "+14155550100"]}, (400, 40003, "The 'number' specified is not a valid number.")),
        ("voice", {"numbers": [14155550102, 14155550103]}, (400, 40001, "The number 14155550103 does not have the 'voice' capability.")),
        ("voice", {}, (400, 40002, "Missing parameter: numbers")),
    ],
)
def test_overwrite_errors_change_nothing(legacy, capability, body, expected):
    assert error(legacy.call("PUT", app_path(SUPPORT_LINE, "/" + capability), body)) == expected
    assert assigned(legacy, SUPPORT_LINE) == [14155550100, 14155550101]  # the valid 102 was not applied


def test_remove_number_is_idempotent(legacy):
    for dummy in range(2):
        response = legacy.call("DELETE", app_path(SUPPORT_LINE, "/14155550100"))
        assert response.status_code == 204 and response.content == b""
    assert assigned(legacy, SUPPORT_LINE) == [14155550101]
    # a number of another application is left where it is
    assert legacy.call("DELETE", app_path(SUPPORT_LINE, "/14155550104")).status_code == 204
    assert assigned(legacy, SALES_IVR) == [14155550104]


def test_remove_invalid_number(legacy):
    assert error(legacy.call("DELETE", app_path(SUPPORT_LINE, "/not-a-number"))) == (400, 40003, "The 'number' specified is not a valid number.")
