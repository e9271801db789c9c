# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Legacy Number Administration endpoints (userapi, api and portalapi hosts of 002).

Every handler takes ``(sim, request)``, runs with the simulator lock held, and either returns
a Response or raises LegacyError. Validation always completes before any state changes, so a
rejected request never leaves a partial change behind.
"""

import hmac
import json
import re
import uuid

from . import clock
from .auth import authenticate_application, authenticate_instance, authenticate_user, legacy_variant
from .protocol import LegacyError, Response
from .state import LEGACY_CAPABILITIES, RentedNumber, Reservation

IDENTITY_TYPES = ("email", "number", "username")
INVALID_NUMBER = "The 'number' specified is not a valid number."
_DIGITS = re.compile(r"^[0-9]{1,18}$")


def _json_body(request):
    """The request body as a JSON object; an empty body counts as ``{}``."""
    if not request.body.strip():
        return {}
    try:
        body = json.loads(request.body)
    except ValueError:
        raise LegacyError(40001, "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise LegacyError(40001, "The request body must be a JSON object.")
    return body


def _parse_number(value):
    """A number given as a JSON integer or a string of digits, as int; None when invalid."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and _DIGITS.match(value):
        return int(value)
    return None


def _owned_organisation(sim, request):
    """Authenticate, then insist the path's organisation is the user's own (else 40300)."""
    user = authenticate_instance(request, sim.world, sim.sessions)
    organisation_id = request.params["org"]
    if organisation_id != str(user.organisation_id):
        raise LegacyError(40300, "The current user is not the owner of the organisation: %s" % organisation_id)
    return sim.world.organisations[user.organisation_id]


def _owned_application(sim, user, key):
    """The application ``key`` of the user's organisation; others are reported as not found."""
    application = sim.world.applications.get(key)
    if application is None or application.organisation_id != user.organisation_id:
        raise LegacyError(40400, "Application with the key %s wasn't found." % key)
    return application


def not_found(sim, request):
    raise LegacyError(40400, "No resource matches %s %s" % (request.method, request.raw_path))


# --- session -------------------------------------------------------------------------------


def login(sim, request):
    authenticate_application(request, sim.world)
    identity_type, identity = request.params["type"], request.params["identity"]
    if identity_type not in IDENTITY_TYPES:
        raise LegacyError(40001, "Invalid identity type '%s'. Type must be one of: %s." % (identity_type, ", ".join(IDENTITY_TYPES)))
    password = _json_body(request).get("password")
    if not isinstance(password, str) or not password:
        raise LegacyError(40002, "Missing parameter: password")
    user = next((u for u in sim.world.users if u.has_identity(identity_type, identity)), None)
    # Same answer for an unknown identity and a wrong password: no account enumeration.
    if user is None or not hmac.compare_digest(user.password.encode(), password.encode()):
        raise LegacyError(40100, "Invalid identity or password")
    ttl = sim.world.settings["instance_ttl"]
    authorization = sim.sessions.new_authorization(user.id, {"type": identity_type, "endpoint": identity}, ttl)
    return Response(200, {"authorization": authorization, "user": user.to_json()})


def create_instance(sim, request):
    user, authorization = authenticate_user(request, sim.world, sim.sessions)
    body = _json_body(request)
    if not body.get("authorization"):
        raise LegacyError(40002, "Missing parameter: authorization")
    if not hmac.compare_digest(str(body["authorization"]).encode(), authorization.encode()):
        raise LegacyError(40100, "The authorization in the body does not match the Authorization header")
    version = body.get("version")
    if not isinstance(version, dict) or not all(isinstance(version.get(k), str) and version[k] for k in ("os", "platform")):
        raise LegacyError(40002, "Missing parameter: version (with os and platform)")
    ttl = sim.world.settings["instance_ttl"]
    instance_id, secret = sim.sessions.new_instance(user.id, ttl)
    return Response(200, {"id": instance_id, "secret": secret, "expiresIn": int(ttl)})


def get_organisations(sim, request):
    user = authenticate_instance(request, sim.world, sim.sessions)
    organisation = sim.world.organisations[user.organisation_id].to_json()
    if legacy_variant(sim.world, "organisations") == "array":
        return Response(200, [organisation])
    return Response(200, organisation)


# --- shop ----------------------------------------------------------------------------------


def list_shop(sim, request):
    _owned_organisation(sim, request)
    world = sim.world
    world.purge_expired_reservations()
    return Response(200, [world.groups[g].to_json(world.availability(world.groups[g])) for g in sorted(world.groups)])


def _reserved_group(world, value):
    """Resolve ``groupId``: one id (int, digit string or one-element list) of a shop group."""
    if value is None or value == "" or value == []:
        raise LegacyError(40002, "No groupIds specified")
    if isinstance(value, list):
        if len(value) > 1:
            raise LegacyError(40003, "Too many number groups specified.  Unable to complete request.")
        value = value[0]
    group_id = _parse_number(value)
    if group_id is None or group_id not in world.groups:
        raise LegacyError(40003, "Invalid number group: %s" % value)
    return world.groups[group_id]


def _reserved_capabilities(group, value):
    if not value:
        raise LegacyError(40002, "No capabilities specified")
    if not isinstance(value, list):
        raise LegacyError(40001, "Invalid capability '%s'" % value)
    for capability in value:
        if capability not in LEGACY_CAPABILITIES:
            raise LegacyError(40001, "Invalid capability '%s'" % capability)
        if capability not in group.capabilities:
            raise LegacyError(40001, "Invalid capability '%s' for number group %d" % (capability, group.group_id))
    return list(dict.fromkeys(value))


def _reserved_quantity(value):
    if value is None:
        raise LegacyError(40002, "Missing parameter: quantity")
    quantity = _parse_number(value)
    if quantity is None:
        raise LegacyError(40001, "Invalid quantity '%s'. Quantity must be a whole number of at least 1." % value)
    return quantity


def reserve(sim, request):
    organisation = _owned_organisation(sim, request)
    world = sim.world
    body = _json_body(request)
    group = _reserved_group(world, body.get("groupId"))
    capabilities = _reserved_capabilities(group, body.get("capabilities"))
    quantity = _reserved_quantity(body.get("quantity"))
    world.purge_expired_reservations()
    available = world.availability(group)
    if quantity > available:
        raise LegacyError(40003, "Not enough numbers available in group %d: %d available" % (group.group_id, available))
    reservation = Reservation(
        reference_id=str(uuid.uuid4()),
        organisation_id=organisation.id,
        group_id=group.group_id,
        quantity=quantity,
        capabilities=capabilities,
        expires_at=clock.monotonic() + world.settings["reservation_ttl"],
    )
    world.reservations[reservation.reference_id] = reservation
    return Response(200, {"referenceId": reservation.reference_id})


def checkout(sim, request):
    organisation = _owned_organisation(sim, request)
    world = sim.world
    reference_ids = _json_body(request).get("referenceIds")
    if not reference_ids:
        raise LegacyError(40002, "No referenceIds specified")
    if not isinstance(reference_ids, list) or not all(isinstance(r, str) for r in reference_ids):
        raise LegacyError(40001, "referenceIds must be a list of strings")
    world.purge_expired_reservations()
    reservations = [world.reservations.get(r) for r in dict.fromkeys(reference_ids)]
    if any(r is None or r.organisation_id != organisation.id for r in reservations):
        raise LegacyError(40400, "Unable to assign numbers to organization: reservation(s) not found or expired")
    if not organisation.accounting:
        raise LegacyError(42200, "Accounting not set up for this organization.")
    total = sum(r.quantity * world.groups[r.group_id].cost for r in reservations)
    if organisation.credit < total:
        raise LegacyError(40200, "Insufficient funds to complete the transaction.")
    expires = clock.legacy_iso(clock.in_days(30))
    rented = []
    for reservation in reservations:
        group = world.groups[reservation.group_id]
        for value in group.plan.shop_numbers(reservation.quantity, world.numbers):
            world.numbers[value] = RentedNumber(value, organisation.id, group, list(reservation.capabilities), expires, group.cost)
            rented.append(value)
        group.stock -= reservation.quantity
        del world.reservations[reservation.reference_id]
    organisation.credit = round(organisation.credit - total, 2)
    _shop_behaviour(world, organisation, reservations[0], expires, rented)
    return Response(204)


def _shop_behaviour(world, organisation, reservation, expires, rented):
    """The one-shot knobs of ``POST /_sim/shop`` (admin.py): another buyer, and a listing that lags behind."""
    behaviour = getattr(world, "shop_behaviour", {})
    other = behaviour.pop("other_buyer", 0)
    group = world.groups[reservation.group_id]
    for value in group.plan.shop_numbers(other, world.numbers) if other else []:
        world.numbers[value] = RentedNumber(value, organisation.id, group, list(reservation.capabilities), expires, group.cost)
        group.stock -= 1
    lag = behaviour.pop("listing_lag", 0)
    if lag:
        world.listing_lag = (set(rented), lag)


def list_numbers(sim, request):
    organisation = _owned_organisation(sim, request)
    hidden, lag = getattr(sim.world, "listing_lag", None) or (set(), 0)
    if lag:
        sim.world.listing_lag = (hidden, lag - 1) if lag > 1 else None
    return Response(200, [n.to_json() for n in sim.world.organisation_numbers(organisation.id) if n.number not in hidden])


# --- application numbers -------------------------------------------------------------------


def list_app_numbers(sim, request):
    user = authenticate_instance(request, sim.world, sim.sessions)
    application = _owned_application(sim, user, request.params["app"])
    return Response(200, [n.to_json() for n in sim.world.application_numbers(application.key)])


def set_app_numbers(sim, request):
    """Overwrite the application's numbers of one capability with the listed ones.

    Assigned numbers with that capability that are not listed lose their assignment; listed
    numbers are assigned to this application even when another application had them.
    """
    user = authenticate_instance(request, sim.world, sim.sessions)
    capability = request.params["capability"]
    if capability not in LEGACY_CAPABILITIES:
        raise LegacyError(40001, "Invalid number type: %s.  Type must be one of: sms, voice." % capability)
    application = _owned_application(sim, user, request.params["app"])
    listed = _json_body(request).get("numbers")
    if listed is None:
        raise LegacyError(40002, "Missing parameter: numbers")
    if not isinstance(listed, list):
        raise LegacyError(40003, INVALID_NUMBER)
    wanted = []
    for item in listed:
        rented = sim.world.numbers.get(_parse_number(item))
        if rented is None or rented.organisation_id != application.organisation_id:
            raise LegacyError(40003, INVALID_NUMBER)
        if capability not in rented.capabilities:
            raise LegacyError(40001, "The number %d does not have the '%s' capability." % (rented.number, capability))
        wanted.append(rented)
    keep = {rented.number for rented in wanted}
    for rented in sim.world.application_numbers(application.key):
        if capability in rented.capabilities and rented.number not in keep:
            rented.application_key = None
    for rented in wanted:
        rented.application_key = application.key
    return Response(200, [n.to_json() for n in sim.world.application_numbers(application.key)])


def remove_app_number(sim, request):
    """Unassign one number; idempotent (a number not assigned to the application is a 204 too)."""
    user = authenticate_instance(request, sim.world, sim.sessions)
    value = _parse_number(request.params["number"])
    if value is None:
        raise LegacyError(40003, INVALID_NUMBER)
    application = _owned_application(sim, user, request.params["app"])
    rented = sim.world.numbers.get(value)
    if rented is not None and rented.application_key == application.key:
        rented.application_key = None
    return Response(204)
