# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Numbers API v1: the project's callback configuration (B.1) and emergency addresses of active numbers (B.2).

Facts: ``/work/shared/sinch-api/modern-apis.md`` B.1 and B.2; choices where they are silent are listed in the
README. Handlers take ``(sim, request)`` with the simulator lock held and raise ApiError. The fixture's
``callbackConfigurations`` and ``emergency`` sections fill ``world.hmac_secrets`` (project id -> secret),
``world.emergency_addresses`` (number -> address) and ``world.address_rules`` (validation outcomes).
"""

import copy

from .auth import authenticate_project
from .numbers_api import _active, _json_body, _phone
from .protocol import ApiError, invalid_argument, Response

ADDRESS_FIELDS = ("streetNumber", "streetInfo", "location", "city", "state", "postalCode", "postalCodePlusFour")
REQUIRED_ADDRESS_FIELDS = ("streetNumber", "streetInfo", "city", "state", "postalCode")
RESULTS = ("EXACT_MATCH", "NEAR_MATCH", "NO_MATCH")


def _full_address(address):
    """All seven fields, absent ones as ``""`` (as the SDK mock answers, B.2)."""
    return dict((name, str(address.get(name) or "")) for name in ADDRESS_FIELDS)


def load_fixture(world, data, error):
    """Read ``callbackConfigurations`` and ``emergency`` from the fixture; ``error`` is the fixture's error class."""
    world.hmac_secrets = {}
    for entry in data.get("callbackConfigurations") or []:
        project = str((entry or {}).get("project"))
        if project not in world.projects or not isinstance(entry.get("hmacSecret"), str):
            raise error("callbackConfigurations: each entry needs a known 'project' and an 'hmacSecret' string")
        world.hmac_secrets[project] = entry["hmacSecret"]
    emergency = data.get("emergency") or {}
    world.emergency_addresses = {}
    for entry in emergency.get("addresses") or []:
        phone = str((entry or {}).get("phoneNumber"))
        if not any(phone in p.active for p in world.projects.values()) or not isinstance(entry.get("address"), dict):
            raise error("emergency.addresses %s: needs an active phoneNumber and an address" % phone)
        world.emergency_addresses[phone] = {"displayName": str(entry.get("displayName", "")), "address": _full_address(entry["address"])}
    world.address_rules = []
    for rule in emergency.get("validation") or []:
        if not isinstance(rule, dict) or rule.get("result") not in RESULTS or not isinstance(rule.get("streetInfo"), str):
            raise error("emergency.validation: each rule needs 'streetInfo' and a 'result' among %s" % (RESULTS,))
        world.address_rules.append(copy.deepcopy(rule))


# --- callback configuration (B.1) ----------------------------------------------------------------


def get_callback_configuration(sim, request):
    """The secret in clear, as the SDK mock answers (B.1); ``""`` for a project that never set one (a choice)."""
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    return Response(200, {"projectId": project.id, "hmacSecret": sim.world.hmac_secrets.get(project.id, "")})


def update_callback_configuration(sim, request):
    """PATCH ``{"hmacSecret"}``. Only an empty or non-string secret is refused (Conflicts 8: no rule is certain)."""
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    secret = _json_body(request).get("hmacSecret")
    if not isinstance(secret, str) or not secret:
        raise invalid_argument("hmacSecret must be a non-empty string.", field="hmacSecret")
    sim.world.hmac_secrets[project.id] = secret
    return Response(200, {"projectId": project.id, "hmacSecret": secret})


# --- emergency address (B.2) ---------------------------------------------------------------------


def _voice_number(sim, request):
    """The active voice number of the path; 404 when not active, 400 FAILED_PRECONDITION without VOICE (Conflicts 13)."""
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    phone = _phone(request)
    number = _active(project, phone)
    if "VOICE" not in number["capability"]:
        raise ApiError(400, "Number %s has no VOICE capability: no emergency address." % phone, status="FAILED_PRECONDITION")
    return phone


def _address_request(request):
    """Validate an EmergencyAddressRequest (B.2: displayName and five address fields required)."""
    body = _json_body(request)
    if not isinstance(body.get("displayName"), str) or not body["displayName"]:
        raise invalid_argument("displayName is required.", field="displayName")
    address = body.get("address")
    if not isinstance(address, dict):
        raise invalid_argument("address is required.", field="address")
    for name, value in address.items():
        if name not in ADDRESS_FIELDS:
            raise invalid_argument("Unknown field address.%s." % name, field="address." + name)
        if value is not None and not isinstance(value, str):
            raise invalid_argument("address.%s must be a string." % name, field="address." + name)
    for name in REQUIRED_ADDRESS_FIELDS:
        if not address.get(name):
            raise invalid_argument("address.%s is required." % name, field="address." + name)
    return body["displayName"], _full_address(address)


def _validation(world, phone, display_name, address):
    """The ValidateAddressResponse: the first fixture rule whose streetInfo equals the address's (any case), else EXACT_MATCH."""
    empty = _full_address({})
    answer = {"phoneNumber": phone, "displayName": display_name, "validatedAddress": address,
              "validationResult": "EXACT_MATCH", "validationMessage": "", "correctedAddress": empty, "candidateAddresses": []}
    for rule in world.address_rules:
        if rule["streetInfo"].strip().lower() != address["streetInfo"].strip().lower():
            continue
        answer["validationResult"] = rule["result"]
        answer["validationMessage"] = rule.get("message", "")
        if rule["result"] == "NEAR_MATCH":
            answer["correctedAddress"] = _full_address(dict(address, **(rule.get("corrected") or {})))
        elif rule["result"] == "NO_MATCH":
            answer["candidateAddresses"] = [_full_address(c) for c in rule.get("candidates") or []]
        break
    return answer


def get_emergency_address(sim, request):
    """The address; 404 (``resourceType EmergencyAddress``) when none is provisioned (a choice: B.2 is silent)."""
    phone = _voice_number(sim, request)
    stored = sim.world.emergency_addresses.get(phone)
    if stored is None:
        raise ApiError(404, "Number %s has no emergency address." % phone, resource=("EmergencyAddress", phone))
    return Response(200, dict(stored["address"]))


def validate_emergency_address(sim, request):
    phone = _voice_number(sim, request)
    display_name, address = _address_request(request)
    return Response(200, _validation(sim.world, phone, display_name, address))


def provision_emergency_address(sim, request):
    """Store the address as given; one that validates as NO_MATCH is refused (400), a near match is taken as is."""
    phone = _voice_number(sim, request)
    display_name, address = _address_request(request)
    if _validation(sim.world, phone, display_name, address)["validationResult"] == "NO_MATCH":
        raise invalid_argument("The address could not be validated; validate it first.", field="address")
    sim.world.emergency_addresses[phone] = {"displayName": display_name, "address": address}
    return Response(200, dict(address))


def deprovision_emergency_address(sim, request):
    """Remove the address; ``{}`` whether or not one was there (B.2: no SDK reads the body)."""
    phone = _voice_number(sim, request)
    sim.world.emergency_addresses.pop(phone, None)
    return Response(200, {})
