# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Authentication: legacy request signing (strict, like Sinch) and Numbers API credentials.

Legacy checks run in a fixed order so a client sees the same error the real service gives
for the first thing it got wrong: missing header (40100), wrong scheme (40301), bad
x-timestamp (40101), unknown or expired instance/authorization (40100), bad signature (40102).
"""

import base64
import binascii
import hashlib
import hmac
from datetime import timedelta

from . import clock
from .protocol import ApiError, LegacyError

# The fixed "number administration" application key of the log-in step (002).
NUMBER_ADMINISTRATION_KEY = "669762D5-2B10-44E0-8418-BC9EE4457555"

# Lower-case scheme -> spelling used in the request log.
KNOWN_SCHEMES = {"application": "Application", "user": "User", "instance": "Instance", "basic": "Basic", "bearer": "Bearer"}


def string_to_sign(verb, body, content_type, timestamp, resource):
    """The exact text a legacy client signs (see the README of the API reference)."""
    content_md5 = base64.b64encode(hashlib.md5(body).digest()).decode() if body else ""
    return "\n".join([verb, content_md5, content_type, "x-timestamp:" + timestamp, resource])


def compute_signature(secret, verb, body, content_type, timestamp, resource):
    """Base64(HMAC-SHA256(secret, string_to_sign)); ``secret`` is raw bytes or the base64 text."""
    if isinstance(secret, str):
        secret = base64.b64decode(secret)
    message = string_to_sign(verb, body, content_type, timestamp, resource).encode("utf-8")
    return base64.b64encode(hmac.new(secret, message, hashlib.sha256).digest()).decode()


def scheme_for_log(request):
    """The Authorization scheme for the request log: a known scheme name, "other" or None.

    Only recognised scheme words are echoed so that a header sent without a scheme (a bare
    token or secret) can never end up in the log.
    """
    value = (request.header("Authorization") or "").strip()
    if not value:
        return None
    return KNOWN_SCHEMES.get(value.split(None, 1)[0].lower(), "other")


def _split_authorization(request):
    """Return (lower-case scheme, credentials) of the Authorization header, or (None, None)."""
    value = (request.header("Authorization") or "").strip()
    if not value:
        return None, None
    scheme, dummy, credentials = value.partition(" ")
    return scheme.lower(), credentials.strip()


# --- legacy -------------------------------------------------------------------------------


def legacy_credentials(request, scheme, settings):
    """Run the scheme-independent legacy checks; return the credentials after the scheme word."""
    found, credentials = _split_authorization(request)
    if found is None:
        raise LegacyError(40100, "Missing Authorization header")
    if found != scheme:
        raise LegacyError(40301, "The authorization scheme '%s' is required." % scheme)
    _check_timestamp(request, settings["timestamp_tolerance"])
    if not credentials:
        raise LegacyError(40100, "Invalid Authorization header")
    return credentials


def _check_timestamp(request, tolerance):
    moment = clock.parse_timestamp(request.header("x-timestamp"))
    if moment is None:
        raise LegacyError(40101, "Missing or invalid x-timestamp header")
    if abs(clock.utcnow() - moment) > timedelta(seconds=tolerance):
        raise LegacyError(40101, "The x-timestamp header is more than %d seconds away from the server time" % tolerance)


def authenticate_instance(request, world, sessions):
    """Verify an ``Instance {id}:{signature}`` request; return the instance's User."""
    credentials = legacy_credentials(request, "instance", world.settings)
    instance_id, dummy, signature = credentials.partition(":")
    session = sessions.live(sessions.instances, instance_id)
    user = _user(world, session.owner) if session else None
    if user is None:
        raise LegacyError(40100, "Invalid or expired instance")
    accepted = [
        compute_signature(
            session.secret,
            request.method,
            request.body,
            request.header("Content-Type") or "",
            request.header("x-timestamp"),
            resource,
        )
        for resource in signed_resources(request.raw_path, legacy_variant(world, "signature_form"))
    ]
    # compare_digest for each form, so the time taken never tells which form came closer.
    if not [expected for expected in accepted if hmac.compare_digest(expected.encode(), signature.encode())]:
        raise LegacyError(40102, "Invalid Signature")
    return user


# Per-test variants of the legacy API (PUT /_sim/legacy_variants; the README lists them). ``signature_form``: which
# resource form a signature must be computed over — "slash" (the SDKs' form, the default), "bare" (the form the
# number-administration pages printed, sinch-api/README.md "Caution"; modern-apis.md Conflicts 1) or "both".
# ``organisations``: GET /v1/organisations answers an "object" (default) or an "array" of them (Sinch's own sample
# reads ``[0].id``, sinch-api/README.md).
LEGACY_VARIANTS = {"signature_form": ("slash", "bare", "both"), "organisations": ("object", "array")}


def legacy_variant(world, name):
    """The variant ``name`` chosen for this world (the first choice unless set)."""
    return getattr(world, "legacy_variants", {}).get(name, LEGACY_VARIANTS[name][0])


def signed_resources(raw_path, form):
    """The resource lines a signature may be computed over under ``form``."""
    bare = raw_path.lstrip("/")
    return {"slash": ["/" + bare], "bare": [bare], "both": ["/" + bare, bare]}[form]


def parse_legacy_variants(body):
    """Validate ``{"signature_form": ..., "organisations": ...}`` (each optional); raise ValueError if wrong."""
    unknown = set(body) - set(LEGACY_VARIANTS)
    if unknown:
        raise ValueError("unknown legacy variants: %s (known: %s)" % (", ".join(sorted(unknown)), ", ".join(LEGACY_VARIANTS)))
    for name, value in body.items():
        if value not in LEGACY_VARIANTS[name]:
            raise ValueError("%s must be one of %s" % (name, ", ".join(LEGACY_VARIANTS[name])))
    return dict(body)


def authenticate_user(request, world, sessions):
    """Verify a ``User {authorization}`` request; return (User, authorization)."""
    authorization = legacy_credentials(request, "user", world.settings)
    session = sessions.live(sessions.authorizations, authorization)
    user = _user(world, session.owner) if session else None
    if user is None:
        raise LegacyError(40100, "Invalid or expired user authorization")
    return user, authorization


def authenticate_application(request, world):
    """Verify the log-in header: the fixed number-administration key, nothing else."""
    key = legacy_credentials(request, "application", world.settings)
    if not hmac.compare_digest(key.encode(), NUMBER_ADMINISTRATION_KEY.encode()):
        raise LegacyError(40100, "Invalid application key")


def _user(world, user_id):
    return next((u for u in world.users if u.id == user_id), None)


# --- Numbers API / OAuth2 ---------------------------------------------------------------


def basic_credentials(request):
    """Decode ``Basic base64(id:secret)``; return (id, secret) or None when absent or malformed."""
    scheme, credentials = _split_authorization(request)
    if scheme != "basic":
        return None
    try:
        decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    key_id, sep, secret = decoded.partition(":")
    return (key_id, secret) if sep and key_id else None


def key_for_basic(request, world):
    """The key id of valid Basic credentials, or None."""
    credentials = basic_credentials(request)
    if credentials is None:
        return None
    project, secret = world.find_key(credentials[0])
    if project is None or not hmac.compare_digest(secret.encode(), credentials[1].encode()):
        return None
    return credentials[0]


def authenticate_project(request, world, sessions, project_id):
    """Authorise a Numbers API call on ``project_id``; return the Project.

    Credentials are checked first (401), then that the project exists (404), then that the
    key belongs to it (403), which is the order Google-style APIs use.
    """
    scheme, credentials = _split_authorization(request)
    if scheme == "bearer":
        session = sessions.live(sessions.access_tokens, credentials)
        key_id = session.owner if session else None
    else:
        key_id = key_for_basic(request, world)
    key_project = world.find_key(key_id)[0] if key_id else None
    if key_project is None:
        raise ApiError(401, "Request had invalid authentication credentials. Expected HTTP Basic key credentials or an OAuth2 access token.")
    project = world.projects.get(project_id)
    if project is None:
        raise ApiError(404, "Project %s not found." % project_id, resource=("Project", project_id))
    if key_project is not project:
        raise ApiError(403, "The access key is not allowed to access project %s." % project_id)
    return project
