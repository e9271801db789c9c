# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The route table: which handler serves which method and path, and under which name.

Route names are part of the simulator's interface (counters, request log, fault injection),
so they are listed here once and documented in the README.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote

from . import legacy, numbers_api, numbers_modern, voice

# Non-GET routes that only obtain credentials: they do not change Sinch state, so they are
# left out of the "writes" counter.
SESSION_ROUTES = ("login", "create_instance", "oauth_token")


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    family: str  # "legacy" or "numbers": decides the error body format
    handler: object
    pattern: object = None

    @property
    def is_write(self):
        return self.method != "GET" and self.name not in SESSION_ROUTES and self.name != "unknown"


def _route(name, method, template, family, handler):
    """Compile ``/v1/x/{param}/y`` into an anchored regex; a parameter never spans ``/`` or ``:``."""
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(part) if i % 2 == 0 else "(?P<%s>[^/:]+)" % part for i, part in enumerate(parts))
    return Route(name, method, family, handler, re.compile("^" + regex + "$"))


def voice_routes():
    """Voice configuration management (voice.py). Family "legacy": the Voice error body is the legacy one (A.5).

    The numbers path also answers with a trailing slash, as the docs write it (Conflicts 5).
    """
    numbers = "/v1/configuration/numbers"
    slash = [Route(name, method, "legacy", handler, re.compile("^" + re.escape(numbers) + "/?$"))
             for name, method, handler in (("voice_list_numbers", "GET", voice.list_numbers),
                                           ("voice_assign_numbers", "POST", voice.assign_numbers),
                                           ("voice_unassign_number", "DELETE", voice.unassign_number))]
    callbacks = "/v1/configuration/callbacks/applications/{key}"
    return slash + [_route("voice_get_callbacks", "GET", callbacks, "legacy", voice.get_callbacks),
                    _route("voice_update_callbacks", "POST", callbacks, "legacy", voice.update_callbacks)]


def numbers_modern_routes():
    """Callback configuration and emergency addresses of the Numbers API (numbers_modern.py)."""
    config = _PROJECT + "/callbackConfiguration"
    address = _PROJECT + "/activeNumbers/{phone}/emergencyAddress"
    return [
        _route("get_callback_configuration", "GET", config, "numbers", numbers_modern.get_callback_configuration),
        _route("update_callback_configuration", "PATCH", config, "numbers", numbers_modern.update_callback_configuration),
        _route("get_emergency_address", "GET", address, "numbers", numbers_modern.get_emergency_address),
        _route("provision_emergency_address", "POST", address + ":provision", "numbers", numbers_modern.provision_emergency_address),
        _route("deprovision_emergency_address", "POST", address + ":deprovision", "numbers", numbers_modern.deprovision_emergency_address),
        _route("validate_emergency_address", "POST", address + ":validate", "numbers", numbers_modern.validate_emergency_address),
    ]


_ORG = "/v1/organisations/id/{org}"
_APP = "/v1/applications/key/{app}/numbers"
_PROJECT = "/v1/projects/{project}"

ROUTES = [
    _route("login", "POST", "/v1/users/{type}/{identity}/authentication", "legacy", legacy.login),
    _route("create_instance", "POST", "/v1/instance", "legacy", legacy.create_instance),
    _route("get_organisations", "GET", "/v1/organisations", "legacy", legacy.get_organisations),
    _route("list_shop", "GET", _ORG + "/numbers/shop", "legacy", legacy.list_shop),
    _route("reserve", "PUT", _ORG + "/numbers/shop", "legacy", legacy.reserve),
    _route("checkout", "POST", _ORG + "/numbers/shop", "legacy", legacy.checkout),
    _route("list_numbers", "GET", _ORG + "/numbers", "legacy", legacy.list_numbers),
    _route("list_app_numbers", "GET", _APP, "legacy", legacy.list_app_numbers),
    _route("set_app_numbers", "PUT", _APP + "/{capability}", "legacy", legacy.set_app_numbers),
    _route("remove_app_number", "DELETE", _APP + "/{number}", "legacy", legacy.remove_app_number),
    _route("oauth_token", "POST", "/oauth2/token", "numbers", numbers_api.oauth_token),
    _route("list_active", "GET", _PROJECT + "/activeNumbers", "numbers", numbers_api.list_active),
    _route("get_active", "GET", _PROJECT + "/activeNumbers/{phone}", "numbers", numbers_api.get_active),
    _route("patch_active", "PATCH", _PROJECT + "/activeNumbers/{phone}", "numbers", numbers_api.patch_active),
    _route("release_active", "POST", _PROJECT + "/activeNumbers/{phone}:release", "numbers", numbers_api.release_active),
    _route("list_available", "GET", _PROJECT + "/availableNumbers", "numbers", numbers_api.list_available),
    _route("get_available", "GET", _PROJECT + "/availableNumbers/{phone}", "numbers", numbers_api.get_available),
    _route("rent", "POST", _PROJECT + "/availableNumbers/{phone}:rent", "numbers", numbers_api.rent),
    _route("rent_any", "POST", _PROJECT + "/availableNumbers:rentAny", "numbers", numbers_api.rent_any),
    _route("list_regions", "GET", _PROJECT + "/availableRegions", "numbers", numbers_api.list_regions),
]
ROUTES += voice_routes() + numbers_modern_routes()

ROUTE_NAMES = tuple(route.name for route in ROUTES) + ("unknown",)


def _unknown(family):
    handler = legacy.not_found if family == "legacy" else numbers_api.not_found
    return Route("unknown", "*", family, handler)


_UNKNOWN = {family: _unknown(family) for family in ("legacy", "numbers")}


def match(method, raw_path):
    """Return (Route, decoded params). Unmatched requests get the "unknown" route.

    Matching runs on the raw path with only ``%3A`` turned back into ``:`` (so
    ``%2B1415...%3Arelease`` still selects the release route); parameters are
    percent-decoded afterwards, which turns ``%2B1415...`` into ``+1415...``.
    """
    path = re.sub("%3[aA]", ":", raw_path)
    for route in ROUTES:
        found = route.pattern.match(path)
        if found and route.method == method:
            return route, {name: unquote(value) for name, value in found.groupdict().items()}
    family = "numbers" if path.startswith(("/v1/projects/", "/oauth2/")) else "legacy"
    return _UNKNOWN[family], {}
