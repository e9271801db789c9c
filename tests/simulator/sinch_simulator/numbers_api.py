# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Numbers API v1 endpoints and the OAuth2 token endpoint.

Handlers take ``(sim, request)`` with the simulator lock held and raise ApiError (or
OAuthError) on failure. Changes are validated completely before they are applied.
"""

import base64
import binascii
import bisect
import json
import re
from urllib.parse import parse_qs

from . import clock
from .auth import authenticate_project, key_for_basic
from .protocol import ApiError, OAuthError, Response, invalid_argument
from .state import API_CAPABILITIES, API_NUMBER_TYPES, E164_RE, VOICE_TYPES, new_active_number

SEARCH_PATTERNS = ("START", "CONTAINS", "END")
ORDER_BY = ("phoneNumber", "displayName")
DEFAULT_PAGE_SIZE = 10
DEFAULT_AVAILABLE_SIZE = 100
MAX_AVAILABLE_SIZE = 1000
PATCH_FIELDS = ("displayName", "smsConfiguration", "voiceConfiguration", "callbackUrl")
RENT_FIELDS = ("smsConfiguration", "voiceConfiguration", "callbackUrl")
RENT_ANY_FIELDS = RENT_FIELDS + ("regionCode", "type", "numberPattern", "capabilities")
_DIGITS = re.compile(r"^[0-9]+$")


def not_found(sim, request):
    raise ApiError(404, "No resource matches %s %s" % (request.method, request.raw_path))


# --- request parsing -----------------------------------------------------------------------


def _json_body(request):
    """The request body as a JSON object; an empty body counts as ``{}``."""
    if not request.body.strip():
        return {}
    try:
        body = json.loads(request.body)
    except ValueError:
        raise invalid_argument("The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise invalid_argument("The request body must be a JSON object.")
    return body


def _query(request, name):
    """First value of a query parameter; blank counts as absent."""
    values = request.query.get(name)
    return values[0] if values and values[0] != "" else None


def _enum(value, allowed, field):
    if value is not None and value not in allowed:
        raise invalid_argument("Invalid value '%s' for %s; expected one of %s." % (value, field, ", ".join(allowed)), field=field)
    return value


def _enums(values, allowed, field):
    return [_enum(v, allowed, field) for v in values or [] if v != ""]


def _required(value, field):
    if value is None or value == "":
        raise invalid_argument("Missing required parameter: %s" % field, field=field)
    return value


def _size(value, default, maximum, field):
    """A page size: default when absent or 0, capped at ``maximum`` (never an error)."""
    if value is None:
        return default
    if not _DIGITS.match(value):
        raise invalid_argument("%s must be a non-negative integer." % field, field=field)
    return min(int(value) or default, maximum)


def _pattern(pattern, search_pattern, field):
    """Validate a number pattern; return (digits or None, search pattern)."""
    search_pattern = _enum(search_pattern, SEARCH_PATTERNS, field + ".searchPattern") or "CONTAINS"
    if pattern is None or pattern == "":
        return None, search_pattern
    digits = str(pattern).lstrip("+")
    if not _DIGITS.match(digits):
        raise invalid_argument("%s.pattern must contain digits only." % field, field=field + ".pattern")
    return digits, search_pattern


def _phone(request):
    phone = request.params["phone"]
    if not E164_RE.match(phone):
        raise invalid_argument("Invalid phone number '%s': expected E.164, e.g. +12025550134." % phone, field="phoneNumber")
    return phone


def _matcher(region, number_type, capabilities, pattern, search_pattern):
    """A predicate selecting the numbers that pass the given filters (None: no filter).

    Built once per request because listing pages through thousands of numbers.
    """
    wanted = frozenset(capabilities)
    pattern_test = {"START": str.startswith, "END": str.endswith, "CONTAINS": lambda digits, part: part in digits}[search_pattern]

    def matches(number):
        return (
            (region is None or number["regionCode"] == region)
            and (number_type is None or number["type"] == number_type)
            and wanted.issubset(number["capability"])
            and (pattern is None or pattern_test(number["phoneNumber"][1:], pattern))
        )

    return matches


# --- configuration changes (PATCH, rent, rentAny) --------------------------------------------


def _string(value, field):
    if not isinstance(value, str):
        raise invalid_argument("%s must be a string." % field, field=field)
    return value


def _sub_object(body, name, allowed):
    value = body[name]
    if not isinstance(value, dict):
        raise invalid_argument("%s must be an object." % name, field=name)
    for key in value:
        if key not in allowed:
            raise invalid_argument("Unknown field '%s.%s'." % (name, key), field="%s.%s" % (name, key))
    return {key: _string(item, "%s.%s" % (name, key)) for key, item in value.items()}


def _changes(body, allowed, capability):
    """Validate the configuration part of a request body against a number's capabilities.

    Returns the changes as ``{field: value}`` (sub-objects as dicts of strings). Unknown fields
    are rejected, and a non-empty SMS (voice) setting on a number without SMS (VOICE) is too.
    """
    for name in body:
        if name not in allowed:
            raise invalid_argument("Unknown field '%s'." % name, field=name)
    changes = {}
    for name in ("displayName", "callbackUrl"):
        if name in body:
            changes[name] = _string(body[name], name)
    if "smsConfiguration" in body:
        changes["smsConfiguration"] = _sub_object(body, "smsConfiguration", ("servicePlanId", "campaignId"))
    if "voiceConfiguration" in body:
        changes["voiceConfiguration"] = voice = _sub_object(body, "voiceConfiguration", ("type", "appId"))
        if voice.get("type"):
            _enum(voice["type"], VOICE_TYPES, "voiceConfiguration.type")
    for name, needed in (("smsConfiguration", "SMS"), ("voiceConfiguration", "VOICE")):
        if any(changes.get(name, {}).values()) and needed not in capability:
            raise invalid_argument("The number has no %s capability, so %s cannot be set." % (needed, name), field=name)
    return changes


def _apply(number, changes):
    """Apply validated changes; only the fields present change.

    Provisioning is instant in the simulator: a changed SMS configuration is in effect at once
    and any pending or failed ``scheduledProvisioning`` is cleared.
    """
    for name in ("displayName", "callbackUrl"):
        if name in changes:
            number[name] = changes[name]
    if changes.get("smsConfiguration"):
        number["smsConfiguration"].update(changes["smsConfiguration"], scheduledProvisioning=None)
    if changes.get("voiceConfiguration"):
        number["voiceConfiguration"].update(changes["voiceConfiguration"], lastUpdatedTime=clock.api_iso(clock.utcnow()), scheduledVoiceProvisioning=None)


# --- OAuth2 --------------------------------------------------------------------------------


def oauth_token(sim, request):
    """Client credentials grant with HTTP Basic ``key_id:key_secret`` (RFC 6749 section 4.4)."""
    key_id = key_for_basic(request, sim.world)
    if key_id is None:
        raise OAuthError(401, "invalid_client", "Client authentication failed.")
    form = parse_qs(request.body.decode("utf-8", "replace"))
    grant_type = form.get("grant_type", [""])[0]
    if not grant_type:
        raise OAuthError(400, "invalid_request", "Missing grant_type.")
    if grant_type != "client_credentials":
        raise OAuthError(400, "unsupported_grant_type", "Only client_credentials is supported.")
    ttl = sim.world.settings["token_ttl"]
    token = sim.sessions.new_access_token(key_id, ttl)
    return Response(200, {"access_token": token, "expires_in": int(ttl), "scope": "", "token_type": "bearer"})


# --- active numbers ------------------------------------------------------------------------


def _encode_token(order_by, key):
    return base64.urlsafe_b64encode(json.dumps([order_by] + list(key)).encode()).decode().rstrip("=")


def _decode_token(token, order_by):
    """The sort key after which the next page starts. Tokens are keyset cursors, so paging
    stays consistent when numbers are released or rented between page requests."""
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError):
        decoded = None
    if not isinstance(decoded, list) or len(decoded) != 3 or decoded[0] != order_by or not all(isinstance(k, str) for k in decoded[1:]):
        raise invalid_argument("Invalid pageToken.", field="pageToken")
    return tuple(decoded[1:])


def list_active(sim, request):
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    region = _query(request, "regionCode")
    number_type = _enum(_query(request, "type"), API_NUMBER_TYPES, "type")
    capabilities = _enums(request.query.get("capability"), API_CAPABILITIES, "capability")
    pattern, search_pattern = _pattern(_query(request, "numberPattern.pattern"), _query(request, "numberPattern.searchPattern"), "numberPattern")
    page_size = _size(_query(request, "pageSize"), DEFAULT_PAGE_SIZE, sim.world.settings["page_size_cap"], "pageSize")
    order_by = _enum(_query(request, "orderBy"), ORDER_BY, "orderBy") or "phoneNumber"
    token = _query(request, "pageToken")

    def sort_key(number):
        return (number[order_by], number["phoneNumber"])

    numbers = sorted(filter(_matcher(region, number_type, capabilities, pattern, search_pattern), project.active.values()), key=sort_key)
    start = bisect.bisect_right(numbers, _decode_token(token, order_by), key=sort_key) if token else 0
    page = numbers[start:start + page_size]
    next_token = _encode_token(order_by, sort_key(page[-1])) if start + page_size < len(numbers) else ""
    return Response(200, {"activeNumbers": page, "nextPageToken": next_token, "totalSize": len(numbers)})


def _active(project, phone):
    number = project.active.get(phone)
    if number is None:
        raise ApiError(404, "Number %s is not an active number of project %s." % (phone, project.id), resource=("ActiveNumber", phone))
    return number


def get_active(sim, request):
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    return Response(200, _active(project, _phone(request)))


def patch_active(sim, request):
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    number = _active(project, _phone(request))
    _apply(number, _changes(_json_body(request), PATCH_FIELDS, number["capability"]))
    return Response(200, number)


def release_active(sim, request):
    """Release a number: it leaves the project for good (it does not return to the inventory)."""
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    phone = _phone(request)
    _active(project, phone)
    return Response(200, project.active.pop(phone))


# --- available numbers ---------------------------------------------------------------------


def _rent(sim, project, available, body, allowed):
    changes = _changes(body, allowed, available["capability"])
    source = dict(available, money=available["monthlyPrice"])
    number = new_active_number(project.id, source)
    _apply(number, changes)
    del sim.world.available[available["phoneNumber"]]
    project.active[number["phoneNumber"]] = number
    return Response(200, number)


def list_available(sim, request):
    authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    region = _required(_query(request, "regionCode"), "regionCode")
    number_type = _enum(_required(_query(request, "type"), "type"), API_NUMBER_TYPES, "type")
    capabilities = _enums(request.query.get("capabilities"), API_CAPABILITIES, "capabilities")
    pattern, search_pattern = _pattern(_query(request, "numberPattern.pattern"), _query(request, "numberPattern.searchPattern"), "numberPattern")
    size = _size(_query(request, "size"), DEFAULT_AVAILABLE_SIZE, MAX_AVAILABLE_SIZE, "size")
    inventory = sim.world.available
    matches = _matcher(region, number_type, capabilities, pattern, search_pattern)
    found = [inventory[p] for p in sorted(inventory) if matches(inventory[p])]
    return Response(200, {"availableNumbers": found[:size]})


def _available(sim, phone):
    number = sim.world.available.get(phone)
    if number is None:
        raise ApiError(404, "Number %s is not available." % phone, resource=("AvailableNumber", phone))
    return number


def get_available(sim, request):
    authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    return Response(200, _available(sim, _phone(request)))


def rent(sim, request):
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    phone = _phone(request)
    body = _json_body(request)
    if phone in project.active:
        raise ApiError(400, "Number %s is already active in project %s." % (phone, project.id), status="FAILED_PRECONDITION")
    return _rent(sim, project, _available(sim, phone), body, RENT_FIELDS)


def rent_any(sim, request):
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    body = _json_body(request)
    region = _string(_required(body.get("regionCode"), "regionCode"), "regionCode")
    number_type = _enum(_required(body.get("type"), "type"), API_NUMBER_TYPES, "type")
    number_pattern = body.get("numberPattern") or {}
    if not isinstance(number_pattern, dict):
        raise invalid_argument("numberPattern must be an object.", field="numberPattern")
    pattern, search_pattern = _pattern(number_pattern.get("pattern"), number_pattern.get("searchPattern"), "numberPattern")
    wanted = body.get("capabilities") or []
    if not isinstance(wanted, list):
        raise invalid_argument("capabilities must be a list.", field="capabilities")
    capabilities = _enums(wanted, API_CAPABILITIES, "capabilities")
    inventory = sim.world.available
    matches = _matcher(region, number_type, capabilities, pattern, search_pattern)
    for phone in sorted(inventory):
        if matches(inventory[phone]):
            return _rent(sim, project, inventory[phone], body, RENT_ANY_FIELDS)
    raise ApiError(404, "No numbers found matching the requested criteria.")


def list_regions(sim, request):
    authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    types = set(_enums(request.query.get("types"), API_NUMBER_TYPES, "types"))
    regions = [r for r in sim.world.regions if not types or types & set(r["types"])]
    return Response(200, {"availableRegions": regions})
