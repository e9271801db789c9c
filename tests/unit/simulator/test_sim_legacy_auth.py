# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Legacy sessions over real HTTP: log in, instances, signed requests and their failures."""

import pytest

from sim_client import APP_KEY, EMAIL, ORG_ID, OTHER_ORG_ID, LegacyClient, sign, timestamp


def error(response):
    return response.status_code, response.json()["errorCode"]


def test_login_instance_and_organisation(simulator):
    client = LegacyClient(simulator.url)
    login = client.login()
    assert login.status_code == 200
    assert login.json()["user"]["identities"][0] == {"type": "email", "endpoint": EMAIL}
    assert login.json()["user"]["profile"]["name"]["full"] == "Olive Operator"
    instance = client.create_instance(login.json()["authorization"])
    assert instance.status_code == 200
    assert instance.json()["expiresIn"] == 172800
    client.instance_id, client.secret = instance.json()["id"], instance.json()["secret"]
    organisation = client.call("GET", "/v1/organisations")
    assert organisation.status_code == 200
    assert organisation.headers["Content-Length"] == str(len(organisation.content))
    assert organisation.json() == {"id": ORG_ID, "name": "Acme", "website": "http://www.example.com", "phone": "+12055500000", "countryId": "US"}


@pytest.mark.parametrize("identity_type, identity", [("number", "%2B12055500000"), ("username", "ops"), ("email", "OPS@example.com")])
def test_login_with_each_identity_type(simulator, identity_type, identity):
    assert LegacyClient(simulator.url).login(identity_type, identity).status_code == 200


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"password": "wrong"}, (401, 40100)),
        ({"identity": "nobody@example.com"}, (401, 40100)),
        ({"authorization": "Application 00000000-0000-0000-0000-000000000000"}, (401, 40100)),
        ({"authorization": None}, (401, 40100)),
        ({"authorization": "Instance abc:def"}, (403, 40301)),
        ({"stamp": "not a time"}, (401, 40101)),
        ({"identity_type": "phone"}, (400, 40001)),
        ({"password": ""}, (400, 40002)),
    ],
)
def test_login_failures(simulator, kwargs, expected):
    assert error(LegacyClient(simulator.url).login(**kwargs)) == expected


def test_instance_requires_version_and_matching_authorization(simulator):
    client = LegacyClient(simulator.url)
    authorization = client.login().json()["authorization"]
    assert error(client.create_instance(authorization, {"authorization": authorization})) == (400, 40002)
    other = client.login().json()["authorization"]
    assert error(client.create_instance(authorization, {"authorization": other, "version": {"os": "a", "platform": "b"}})) == (401, 40100)
    assert error(client.create_instance("bogus:token")) == (401, 40100)


def test_wrong_signature(legacy):
    response = legacy.call("GET", "/v1/organisations", signature="AAAA" + legacy.secret)
    assert error(response) == (401, 40102)
    assert response.json()["message"] == "Invalid Signature"


def test_signature_covers_body_content_type_and_path(legacy):
    path = "/v1/organisations/id/%d/numbers/shop" % ORG_ID
    good = legacy.call("PUT", path, {"groupId": 13, "quantity": 1, "capabilities": ["voice"]})
    assert good.status_code == 200
    stamp = timestamp()
    wrong_body = sign(legacy.secret, "PUT", b'{"groupId": 1}', "application/json", stamp, path)
    assert error(legacy.call("PUT", path, {"groupId": 13}, stamp=stamp, signature=wrong_body)) == (401, 40102)
    slashless = sign(legacy.secret, "GET", b"", "application/json", stamp, "v1/organisations")
    assert error(legacy.call("GET", "/v1/organisations", stamp=stamp, signature=slashless)) == (401, 40102)
    assert legacy.call("GET", "/v1/organisations", content_type=None).status_code == 200


@pytest.mark.parametrize("offset", [-20 * 60, 20 * 60])
def test_timestamp_outside_fifteen_minutes(legacy, offset):
    assert error(legacy.call("GET", "/v1/organisations", stamp=timestamp(offset))) == (401, 40101)


def test_timestamp_within_tolerance(legacy):
    assert legacy.call("GET", "/v1/organisations", stamp=timestamp(-14 * 60)).status_code == 200


@pytest.mark.parametrize("scheme", ["User", "Application", "Bearer"])
def test_wrong_scheme(legacy, scheme):
    response = legacy.call("GET", "/v1/organisations/id/%d/numbers" % ORG_ID, scheme=scheme)
    assert error(response) == (403, 40301)
    assert response.json()["message"] == "The authorization scheme 'instance' is required."


def test_check_order_scheme_before_timestamp_before_instance(legacy):
    assert error(legacy.call("GET", "/v1/organisations", scheme="User", stamp="bad")) == (403, 40301)
    legacy.instance_id = "00000000-0000-0000-0000-000000000000"
    assert error(legacy.call("GET", "/v1/organisations", stamp="bad")) == (401, 40101)
    assert error(legacy.call("GET", "/v1/organisations")) == (401, 40100)


def test_missing_authorization(simulator):
    response = LegacyClient(simulator.url).http.get(simulator.url + "/v1/organisations", headers={"x-timestamp": timestamp()})
    assert error(response) == (401, 40100)


def test_expired_instance_needs_a_new_login(legacy, admin):
    admin("POST", "sessions/expire")
    assert error(legacy.call("GET", "/v1/organisations")) == (401, 40100)
    legacy.start()
    assert legacy.call("GET", "/v1/organisations").status_code == 200


def test_foreign_organisation(legacy):
    for path in ("/numbers", "/numbers/shop"):
        response = legacy.call("GET", "/v1/organisations/id/%d%s" % (OTHER_ORG_ID, path))
        assert error(response) == (403, 40300)
        assert response.json()["message"] == "The current user is not the owner of the organisation: %d" % OTHER_ORG_ID


def test_unknown_route_is_a_legacy_404(legacy):
    assert error(legacy.call("GET", "/v1/nothing/here")) == (404, 40400)


def test_application_key_is_exact(simulator):
    assert error(LegacyClient(simulator.url).login(authorization="Application " + APP_KEY.lower())) == (401, 40100)
