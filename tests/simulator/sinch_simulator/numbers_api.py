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
from .state import API_CAPABILITIES, API_NUMBER_TYPES, E164_RE, NUMBERS_API_VARIANTS, VOICE_TYPES, new_active_number

SEARCH_PATTERNS = ("START", "CONTAINS", "END")
ORDER_BY = ("phoneNumber", "displayName")
DEFAULT_PAGE_SIZE = 10
DEFAULT_AVAILABLE_SIZE = 100
MAX_AVAILABLE_SIZE = 1000
PATCH_FIELDS = ("displayName", "smsConfiguration", "voiceConfiguration", "callbackUrl")
RENT_FIELDS = ("smsConfiguration", "voiceConfiguration", "callbackUrl")
RENT_ANY_FIELDS = RENT_FIELDS + ("regionCode", "type", "numberPattern", "capabilities")
_DIGITS = re.compile(r"^[0-9]+$")
VOICE_ID_KEYS = {"RTC": "appId", "EST": "trunkId", "FAX": "serviceId"}
LIST_INDEXES_KEPT = 16


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
    """Validate a number pattern; return (pattern or None, search pattern). A leading "+" is kept.

    B.10: NODE sends query values unencoded, so its "+" arrives as a space; a leading space counts as "+".
    """
    search_pattern = _enum(search_pattern, SEARCH_PATTERNS, field + ".searchPattern") or "CONTAINS"
    if pattern is None or pattern == "":
        return None, search_pattern
    pattern = str(pattern)
    if pattern.startswith(" "):
        pattern = "+" + pattern[1:]
    if not _DIGITS.match(pattern[1:] if pattern.startswith("+") else pattern):
        raise invalid_argument("%s.pattern must contain digits only." % field, field=field + ".pattern")
    return pattern, search_pattern


def _phone(request):
    phone = request.params["phone"]
    if not E164_RE.match(phone):
        raise invalid_argument("Invalid phone number '%s': expected E.164, e.g. +12025550134." % phone, field="phoneNumber")
    return phone


def _pattern_test(pattern, search_pattern, start_needs_plus):
    """A test of a phone number ("+1206...") against a pattern; None when there is no pattern.

    B.10: with START the pattern is the number's beginning *with* its "+" (``%2B1206``); read literally, "1206"
    never starts "+1206...", so with ``start_needs_plus`` it matches nothing, as on Sinch [inferred].
    """
    if pattern is None:
        return None
    digits = pattern.lstrip("+")
    if search_pattern == "START":
        if pattern.startswith("+") or not start_needs_plus:
            return lambda phone: phone[1:].startswith(digits)
        return lambda phone: False
    if search_pattern == "END":
        return lambda phone: phone.endswith(digits)
    return lambda phone: digits in phone[1:]


def _matcher(region, number_type, capabilities, pattern, search_pattern, start_needs_plus=True):
    """A predicate selecting the numbers that pass the given filters (None: no filter).

    Built once per request because listing pages through thousands of numbers.
    """
    wanted = frozenset(capabilities)
    pattern_test = _pattern_test(pattern, search_pattern, start_needs_plus)

    def matches(number):
        return (
            (region is None or number["regionCode"] == region)
            and (number_type is None or number["type"] == number_type)
            and wanted.issubset(number["capability"])
            and (pattern_test is None or pattern_test(number["phoneNumber"]))
        )

    return matches


# --- configuration changes (PATCH, rent, rentAny) --------------------------------------------


def _string(value, field):
    if not isinstance(value, str):
        raise invalid_argument("%s must be a string." % field, field=field)
    return value


def _sub_object(body, name, allowed):
    """A configuration object of strings; an explicit null counts as "" (B.0: null overwrites a value)."""
    value = body[name]
    if not isinstance(value, dict):
        raise invalid_argument("%s must be an object." % name, field=name)
    for key in value:
        if key not in allowed:
            raise invalid_argument("Unknown field '%s.%s'." % (name, key), field="%s.%s" % (name, key))
    return {key: "" if item is None else _string(item, "%s.%s" % (name, key)) for key, item in value.items()}


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
        changes["voiceConfiguration"] = voice = _sub_object(body, "voiceConfiguration", ("type",) + tuple(VOICE_ID_KEYS.values()))
        if not voice:
            # B.6: "an empty configuration object makes the request fail".
            raise invalid_argument("voiceConfiguration must not be empty.", field="voiceConfiguration")
        _enum(voice.get("type") or "RTC", VOICE_TYPES, "voiceConfiguration.type")
    for name, needed in (("smsConfiguration", "SMS"), ("voiceConfiguration", "VOICE")):
        values = [v for k, v in changes.get(name, {}).items() if k != "type"]
        if any(values) and needed not in capability:
            raise invalid_argument("The number has no %s capability, so %s cannot be set." % (needed, name), field=name)
    return changes


def _sms_target(number):
    """The SMS plan and campaign a number is headed for: a pending provisioning's, else the ones in effect."""
    sms = number["smsConfiguration"]
    scheduled = sms.get("scheduledProvisioning") or {}
    source = scheduled if scheduled.get("status") in ("WAITING", "IN_PROGRESS") else sms
    return {"servicePlanId": source.get("servicePlanId") or "", "campaignId": source.get("campaignId") or ""}


def _check_sms(world, number, change):
    """The SMS target after ``change``; refuses a relink without unlinking (B.6) and a campaign without a plan."""
    current = _sms_target(number)
    target = dict(current, **change)
    if world.variants["two_step_moves"]:
        for key in ("servicePlanId", "campaignId"):
            if current[key] and target[key] and target[key] != current[key]:
                raise invalid_argument(
                    "Number %s is linked to %s %s; unlink it (send \"\") before linking it to %s."
                    % (number["phoneNumber"], key, current[key], target[key]), field="smsConfiguration." + key)
    if target["campaignId"] and not target["servicePlanId"]:
        raise invalid_argument("A campaign needs a service plan: smsConfiguration.servicePlanId is empty.",
                               field="smsConfiguration.servicePlanId")
    return target


def _voice_target(change):
    voice_type = change.get("type") or "RTC"
    target = {"type": voice_type}
    target.update((key, "") for key in VOICE_ID_KEYS.values())
    target[VOICE_ID_KEYS[voice_type]] = change.get(VOICE_ID_KEYS[voice_type], "")
    return target


def _in_effect(number, block, target, now):
    if block == "sms":
        number["smsConfiguration"].update(target, scheduledProvisioning=None)
    else:
        key = VOICE_ID_KEYS[target["type"]]
        number["voiceConfiguration"] = {"type": target["type"], key: target[key], "lastUpdatedTime": clock.api_iso(now),
                                        "scheduledVoiceProvisioning": None}


def _fails(world):
    left = world.variants["provisioning_failures"]
    if left == 0:
        return False
    if left > 0:
        world.variants["provisioning_failures"] = left - 1
    return True


def _failed(number, block, scheduled, world, now):
    scheduled.update(status="FAILED", lastUpdatedTime=clock.api_iso(now))
    if block == "sms":
        # B.4: SMS provisioning fails with errorCodes; B.5: the voice one has no errorCodes.
        scheduled["errorCodes"] = list(world.variants["provisioning_error_codes"])


def _provision(world, project, number, block, target):
    """Start provisioning ``target``: at once when the delay is 0, else WAITING (then IN_PROGRESS) until it is due.

    B.4/B.5: meanwhile the values in effect stay and the target shows under scheduled(Voice)Provisioning.
    """
    now = clock.utcnow()
    key = (project.id, number["phoneNumber"], block)
    world.provisioning.pop(key, None)
    delay = world.variants["provisioning_delay"]
    fails = _fails(world)
    if block == "sms":
        scheduled = dict(target, status="WAITING", lastUpdatedTime=clock.api_iso(now), errorCodes=[])
        number["smsConfiguration"]["scheduledProvisioning"] = scheduled
    else:
        scheduled = dict(target, status="WAITING", lastUpdatedTime=clock.api_iso(now))
        number["voiceConfiguration"]["scheduledVoiceProvisioning"] = scheduled
    if delay > 0:
        started = clock.monotonic()
        world.provisioning[key] = (started, started + delay, fails)
    elif fails:
        _failed(number, block, scheduled, world, now)
    else:
        _in_effect(number, block, target, now)


def settle(world):
    """Move the pending provisionings along (WAITING, IN_PROGRESS halfway, then done or FAILED when due)."""
    if not world.provisioning:
        return
    now, moment = clock.monotonic(), clock.utcnow()
    for key, (started, due, fails) in list(world.provisioning.items()):
        project = world.projects.get(key[0])
        number = project.active.get(key[1]) if project else None
        if number is None:
            del world.provisioning[key]
            continue
        if key[2] == "sms":
            scheduled = number["smsConfiguration"]["scheduledProvisioning"]
        else:
            scheduled = number["voiceConfiguration"]["scheduledVoiceProvisioning"]
        if now >= due:
            del world.provisioning[key]
            if fails:
                _failed(number, key[2], scheduled, world, moment)
            else:
                _in_effect(number, key[2], {k: v for k, v in scheduled.items() if k not in ("status", "lastUpdatedTime", "errorCodes")}, moment)
        elif now >= (started + due) / 2 and scheduled["status"] == "WAITING":
            scheduled.update(status="IN_PROGRESS", lastUpdatedTime=clock.api_iso(moment))


def _apply(world, project, number, changes):
    """Apply validated changes; only the fields present change. Everything is checked before anything changes."""
    sms = _check_sms(world, number, changes["smsConfiguration"]) if "smsConfiguration" in changes else None
    voice = _voice_target(changes["voiceConfiguration"]) if "voiceConfiguration" in changes else None
    for name in ("displayName", "callbackUrl"):
        if name in changes:
            number[name] = changes[name]
    if "displayName" in changes:
        project.revision += 1
    if sms is not None:
        _provision(world, project, number, "sms", sms)
    if voice is not None:
        _provision(world, project, number, "voice", voice)


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


def _index(world, project, order_by, filters, matches):
    """The project's numbers passing ``filters``, sorted once and reused for every page while nothing changes.

    Sorting 100,000 numbers for each page made listing quadratic; the index is keyed on the project's revision.
    """
    key = (project.id, project.revision, order_by, filters)
    numbers = world.list_indexes.get(key)
    if numbers is None:
        numbers = sorted(filter(matches, project.active.values()), key=lambda n: (n[order_by], n["phoneNumber"]))
        world.list_indexes[key] = numbers
        while len(world.list_indexes) > LIST_INDEXES_KEPT:
            del world.list_indexes[next(iter(world.list_indexes))]
    return numbers


def list_active(sim, request):
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    variants = sim.world.variants
    settle(sim.world)
    region = _query(request, "regionCode")
    if region is None and variants["region_required"]:
        raise invalid_argument("regionCode is required.", field="regionCode")
    number_type = _enum(_query(request, "type"), API_NUMBER_TYPES, "type")
    if number_type is None and variants["type_default"] == "MOBILE":
        number_type = "MOBILE"  # SKILLS: "type defaults to MOBILE - omitting it returns only MOBILE numbers" (B.8)
    # Conflicts 9: "capability" (JAVA, NET, NODE, DEV) and "capabilities" (PY) are both accepted here.
    names = (request.query.get("capability") or []) + (request.query.get("capabilities") or [])
    capabilities = tuple(sorted(set(_enums(names, API_CAPABILITIES, "capability"))))
    pattern, search_pattern = _pattern(_query(request, "numberPattern.pattern"), _query(request, "numberPattern.searchPattern"), "numberPattern")
    page_size = _size(_query(request, "pageSize"), DEFAULT_PAGE_SIZE, sim.world.settings["page_size_cap"], "pageSize")
    order_by = _enum(_query(request, "orderBy"), ORDER_BY, "orderBy") or "phoneNumber"
    token = _query(request, "pageToken")

    def sort_key(number):
        return (number[order_by], number["phoneNumber"])

    filters = (region, number_type, capabilities, pattern, search_pattern, variants["start_needs_plus"])
    numbers = _index(sim.world, project, order_by, filters,
                     _matcher(region, number_type, capabilities, pattern, search_pattern, variants["start_needs_plus"]))
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
    settle(sim.world)
    return Response(200, _active(project, _phone(request)))


def patch_active(sim, request):
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    settle(sim.world)
    number = _active(project, _phone(request))
    _apply(sim.world, project, number, _changes(_json_body(request), PATCH_FIELDS, number["capability"]))
    return Response(200, number)


def release_active(sim, request):
    """Release a number: it leaves the project for good (it does not return to the inventory)."""
    project = authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    phone = _phone(request)
    _active(project, phone)
    project.revision += 1
    return Response(200, project.active.pop(phone))


# --- available numbers ---------------------------------------------------------------------


def _rent(sim, project, available, body, allowed):
    if sim.world.variants["trial_account"]:
        # B.12, JAVA fixture errors/error-trial-account.json.
        error = ApiError(403, "Trial account is not enabled to rent number", resource=("AvailableNumber", ""))
        error.details[0]["description"] = error.message
        raise error
    changes = _changes(body, allowed, available["capability"])
    source = dict(available, money=available["monthlyPrice"])
    number = new_active_number(project.id, source)
    _apply(sim.world, project, number, changes)
    del sim.world.available[available["phoneNumber"]]
    project.active[number["phoneNumber"]] = number
    project.revision += 1
    return Response(200, number)


def list_available(sim, request):
    authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    region = _required(_query(request, "regionCode"), "regionCode")
    number_type = _enum(_required(_query(request, "type"), "type"), API_NUMBER_TYPES, "type")
    capabilities = _enums(request.query.get("capabilities"), API_CAPABILITIES, "capabilities")
    pattern, search_pattern = _pattern(_query(request, "numberPattern.pattern"), _query(request, "numberPattern.searchPattern"), "numberPattern")
    size = _size(_query(request, "size"), DEFAULT_AVAILABLE_SIZE, MAX_AVAILABLE_SIZE, "size")
    inventory = sim.world.available
    matches = _matcher(region, number_type, capabilities, pattern, search_pattern, sim.world.variants["start_needs_plus"])
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
    matches = _matcher(region, number_type, capabilities, pattern, search_pattern, sim.world.variants["start_needs_plus"])
    for phone in sorted(inventory):
        if matches(inventory[phone]):
            return _rent(sim, project, inventory[phone], body, RENT_ANY_FIELDS)
    raise ApiError(404, "No numbers found matching the requested criteria.")


def list_regions(sim, request):
    authenticate_project(request, sim.world, sim.sessions, request.params["project"])
    types = set(_enums(request.query.get("types"), API_NUMBER_TYPES, "types"))
    regions = [r for r in sim.world.regions if not types or types & set(r["types"])]
    return Response(200, {"availableRegions": regions})


# --- admin: variants -------------------------------------------------------------------------


def _variant_value(name, value):
    default = NUMBERS_API_VARIANTS[name]
    if name == "type_default":
        if value not in ("ALL", "MOBILE"):
            raise ValueError("type_default must be ALL or MOBILE")
    elif isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError("%s must be true or false" % name)
    elif name == "provisioning_delay":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError("provisioning_delay must be a number of seconds >= 0")
        value = float(value)
    elif name == "provisioning_failures":
        if isinstance(value, bool) or not isinstance(value, int) or value < -1:
            raise ValueError("provisioning_failures must be an integer >= -1 (-1: every provisioning fails)")
    elif not isinstance(value, list) or not value or not all(isinstance(code, str) and code for code in value):
        raise ValueError("%s must be a non-empty list of error codes" % name)
    return value


def get_variants(sim, body):
    """``GET /_sim/variants``: the Numbers API variants in force."""
    return dict(sim.world.variants)


def set_variants(sim, body):
    """``POST /_sim/variants`` with some of the variants; all are checked before any is set. A reset restores them."""
    unknown = set(body) - set(NUMBERS_API_VARIANTS)
    if unknown:
        raise ValueError("unknown variants: %s (known: %s)" % (", ".join(sorted(unknown)), ", ".join(NUMBERS_API_VARIANTS)))
    checked = {name: _variant_value(name, value) for name, value in body.items()}
    sim.world.variants.update(checked)
    return dict(sim.world.variants)
