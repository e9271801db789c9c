# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Voice API configuration management (``callingapi.sinch.com``): numbers and callback URLs of applications.

Facts: ``/work/shared/sinch-api/modern-apis.md`` part A. The Voice applications are the legacy applications of
the fixture (same keys, same organisation, same numbers: one account seen through two APIs) that the fixture's
``voiceApplications`` section gives a secret. Handlers take ``(sim, request)`` with the simulator lock held and
raise :class:`LegacyError`, whose ``{"errorCode", "message"}`` body is the Voice error shape (A.5).
"""

import base64
import binascii
import hmac
from dataclasses import dataclass, field
from urllib.parse import unquote

from .auth import _check_timestamp, _split_authorization, compute_signature
from .legacy import _json_body  # the Voice error body is the legacy one (A.5)
from .protocol import LegacyError, Response

CAPABILITIES = ("voice", "sms")


@dataclass
class VoiceApplication:
    key: str  # as the legacy application has it (the listing lower-cases it, A.3.1)
    secret: str  # the Base64 text the dashboard shows; None: the application cannot authenticate
    organisation_id: int
    urls: dict = field(default_factory=dict)  # {"primary": ..., "fallback": ...}, only those configured


def load_fixture(world, data, error):
    """Read the fixture's ``voiceApplications`` into ``world.voice_applications`` (key -> VoiceApplication).

    ``error`` is the fixture's error class (raised naming the entry).
    """
    world.voice_applications = dict((app.key.lower(), VoiceApplication(app.key, None, app.organisation_id))
                                    for app in world.applications.values())
    for entry in data.get("voiceApplications") or []:
        if not isinstance(entry, dict) or not entry.get("key") or not entry.get("secret"):
            raise error("voiceApplications: each entry needs 'key' and 'secret'")
        key = str(entry["key"]).lower()
        application = world.voice_applications.get(key)
        if application is None:
            raise error("voiceApplications %s: not an application of any organisation" % key)
        try:
            base64.b64decode(str(entry["secret"]), validate=True)
        except (binascii.Error, ValueError):
            raise error("voiceApplications %s: secret must be Base64 text" % key) from None
        urls = entry.get("callbacks") or {}
        if not isinstance(urls, dict) or set(urls) - {"primary", "fallback"}:
            raise error("voiceApplications %s: callbacks takes primary and fallback" % key)
        application.secret = str(entry["secret"])
        application.urls = dict((k, str(v)) for k, v in urls.items() if v)


# --- authentication (A.4) --------------------------------------------------------------------


def authenticate(sim, request):
    """The VoiceApplication that signed (or Basic-authenticated) the request.

    Checks in the order of the legacy ones: header (40100), scheme (40301), timestamp (40101, signed only), key
    (40100), signature or secret (40102 / 40100). The scheme word is compared in any case (A.4.1).
    """
    scheme, credentials = _split_authorization(request)
    if scheme is None:
        raise LegacyError(40100, "Missing Authorization header")
    if scheme not in ("application", "basic"):
        raise LegacyError(40301, "The authorization scheme 'Application' (signed) or 'Basic' is required.")
    if scheme == "basic":
        return _basic(sim, credentials)
    _check_timestamp(request, sim.world.settings["timestamp_tolerance"])
    key, sep, signature = credentials.partition(":")
    if not sep or not signature:
        # "Public" authentication (no signature) is for public resources only (A.4.5).
        raise LegacyError(40100, "Invalid Authorization header: a signed request is required")
    application = _application(sim, key)
    # A.4.2: Content-Type as received, raw body, x-timestamp verbatim, path with its leading slash and no query
    # (JAVA signs the percent-decoded path, NODE the raw one: both are accepted).
    resources = {request.raw_path, unquote(request.raw_path)}
    for resource in resources:
        expected = compute_signature(application.secret, request.method, request.body,
                                     request.header("Content-Type") or "", request.header("x-timestamp"), resource)
        if hmac.compare_digest(expected.encode(), signature.encode()):
            return application
    raise LegacyError(40102, "Invalid Signature")


def _basic(sim, credentials):
    """A.4.5: Base64 of ``key:secret``, the secret as the Base64 text shown (not decoded)."""
    try:
        decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise LegacyError(40100, "Invalid Authorization header") from None
    key, sep, secret = decoded.partition(":")
    application = _application(sim, key) if sep else None
    if application is None or not hmac.compare_digest(application.secret.encode(), secret.encode()):
        raise LegacyError(40108, "Invalid credentials")
    return application


def _application(sim, key):
    application = sim.world.voice_applications.get(key.lower())
    if application is None or application.secret is None:
        raise LegacyError(40100, "Invalid application key")
    return application


# --- request parsing ---------------------------------------------------------------------------


def _target(sim, caller, key):
    """The application a body's ``applicationkey`` names (the caller when empty); only the caller's own account."""
    if key in (None, ""):
        return caller
    if not isinstance(key, str):
        raise LegacyError(40001, "Illegal parameters: applicationkey must be a string")
    return _same_account(sim, caller, key)


def _same_account(sim, caller, key):
    """The application ``key`` of the caller's account (any case); 40003 for any other key (A.3.2, A.3.4)."""
    application = sim.world.voice_applications.get(key.lower())
    if application is None or application.organisation_id != caller.organisation_id:
        raise LegacyError(40003, "Invalid Application Key")
    return application


def _capability(value):
    if value in (None, ""):
        return None
    if value not in CAPABILITIES:
        raise LegacyError(40001, "Illegal parameters: capability must be voice or sms")
    return value


def _owned_number(sim, caller, text):
    """The account's RentedNumber for an E.164 string; 40001 when it is not one of the account's numbers."""
    if not isinstance(text, str) or not text.startswith("+") or not text[1:].isdigit():
        raise LegacyError(40001, "Invalid number specified: %s" % (text,))
    rented = sim.world.numbers.get(int(text[1:]))
    if rented is None or rented.organisation_id != caller.organisation_id:
        raise LegacyError(40001, "Unable to update numbers: %s is not a number of this account" % text)
    return rented


def _listed_capability(rented):
    """One capability per number in the listing (A.3.1): voice when the number has it, else sms."""
    return "voice" if "voice" in rented.capabilities else "sms"


# --- handlers ------------------------------------------------------------------------------------


def list_numbers(sim, request):
    """A.3.1: every number of the account; ``applicationkey`` omitted when unassigned."""
    caller = authenticate(sim, request)
    listed = []
    for rented in sim.world.organisation_numbers(caller.organisation_id):
        entry = {"number": "+%d" % rented.number, "capability": _listed_capability(rented)}
        if rented.application_key:
            entry["applicationkey"] = rented.application_key.lower()
        listed.append(entry)
    return Response(200, {"numbers": listed})


def assign_numbers(sim, request):
    """A.3.2: assign the listed numbers to the application (moves them from another application, as Sinch's
    documentation describes no refusal: Conflicts 11). Validated completely before anything changes."""
    caller = authenticate(sim, request)
    body = _json_body(request)
    target = _target(sim, caller, body.get("applicationkey"))
    capability = _capability(body.get("capability"))
    numbers = body.get("numbers")
    if not isinstance(numbers, list) or not numbers:
        raise LegacyError(40002, "Missing parameter: numbers")
    rented = [_owned_number(sim, caller, text) for text in numbers]
    for number in rented:
        if capability and capability not in number.capabilities:
            raise LegacyError(40001, "Unable to update numbers: +%d has no %s capability" % (number.number, capability))
    for number in rented:
        number.application_key = target.key
    return Response(200, {})


def unassign_number(sim, request):
    """A.3.3: un-assign one number (JSON body on a DELETE; ``applicationkey`` or ``applicationKey``, Conflicts 3).

    A number not assigned to that application is left alone and answered like a success (undocumented: Conflicts 11).
    """
    caller = authenticate(sim, request)
    body = _json_body(request)
    key = body.get("applicationkey", body.get("applicationKey"))
    other = body.get("applicationKey", key)
    if isinstance(key, str) and isinstance(other, str) and key.lower() != other.lower():
        raise LegacyError(40001, "Illegal parameters: applicationkey and applicationKey differ")
    target = _target(sim, caller, key)
    _capability(body.get("capability"))
    if body.get("number") in (None, ""):
        raise LegacyError(40002, "Missing parameter: number")
    rented = _owned_number(sim, caller, body.get("number"))
    if rented.application_key and rented.application_key.lower() == target.key.lower():
        rented.application_key = None
    return Response(200, {})


def _callback_application(sim, request):
    return _same_account(sim, authenticate(sim, request), request.params["key"])


def get_callbacks(sim, request):
    """A.3.4: ``{"url": {"primary", "fallback"}}``; ``fallback`` only when configured."""
    application = _callback_application(sim, request)
    return Response(200, {"url": dict(application.urls)})


def update_callbacks(sim, request):
    """A.3.5: set the URLs given. An omitted ``fallback`` is kept (Conflicts 12: a choice; the collection always
    sends both, so it does not depend on it); an empty string clears it."""
    application = _callback_application(sim, request)
    body = _json_body(request)
    url = body.get("url")
    if not isinstance(url, dict) or set(url) - {"primary", "fallback"}:
        raise LegacyError(40001, "Illegal parameters: url must be an object with primary and/or fallback")
    for name, value in url.items():
        if value is not None and not isinstance(value, str):
            raise LegacyError(40001, "Illegal parameters: url.%s must be a string" % name)
    for name, value in url.items():
        if value:
            application.urls[name] = value
        elif value == "":
            application.urls.pop(name, None)
    return Response(200, {})
