# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``/_sim/`` admin API: reset, inspect and tweak state, expire sessions, read counters and
the request log, and inject faults. No authentication; never counted or logged.

Bad input answers 400 ``{"error": "..."}`` and changes nothing.
"""

import json

from .auth import LEGACY_VARIANTS, legacy_variant, parse_legacy_variants
from .faults import parse_fault
from .fixture import validate_settings
from .numbers_api import get_variants, set_variants
from .routes import ROUTE_NAMES
from .simulator import Outcome, encode


def _health(sim, body):
    return {"ok": True}


def _reset(sim, body):
    fixture, extra, applications = body.get("fixture"), body.get("extra_numbers"), body.get("extra_applications")
    if fixture is not None and not isinstance(fixture, str):
        raise ValueError("fixture must be a path")
    for name, value in (("extra_numbers", extra), ("extra_applications", applications)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ValueError("%s must be an integer >= 0" % name)
    sim.reset(fixture, extra, bool(body.get("drop_sessions", False)), applications)
    return {"ok": True, "fixture": fixture or sim.fixture}


def _get_state(sim, body):
    state = sim.world.to_json()
    state["sessions"] = sim.sessions.summary()
    return state


def _patch_state(sim, body):
    """Apply ``{"settings": {...}, "organisations": {id: {credit, accounting}}, "groups": {id: {availability}}}``."""
    unknown = set(body) - {"settings", "organisations", "groups"}
    if unknown:
        raise ValueError("unknown sections: %s" % ", ".join(sorted(unknown)))
    world = sim.world
    settings = validate_settings(body.get("settings") or {})
    changes = []  # (object, attribute, value), applied only once everything is valid
    for org_id, change in _entries(body, "organisations"):
        organisation = world.organisations.get(int(org_id)) if str(org_id).isdigit() else None
        if organisation is None:
            raise ValueError("unknown organisation %s" % org_id)
        for name, value in change.items():
            if name == "credit" and isinstance(value, (int, float)) and not isinstance(value, bool):
                changes.append((organisation, "credit", float(value)))
            elif name == "accounting" and isinstance(value, bool):
                changes.append((organisation, "accounting", value))
            else:
                raise ValueError("organisations.%s: %s must be credit (number) or accounting (boolean)" % (org_id, name))
    for group_id, change in _entries(body, "groups"):
        group = world.groups.get(int(group_id)) if str(group_id).isdigit() else None
        value = change.get("availability")
        if group is None or set(change) != {"availability"} or isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("groups.%s: expected an existing group and {\"availability\": integer >= 0}" % group_id)
        changes.append((group, "stock", value))
    world.settings.update(settings)
    for target, name, value in changes:
        setattr(target, name, value)
    return _get_state(sim, body)


def _entries(body, section):
    value = body.get(section) or {}
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError("%s must map ids to objects" % section)
    return value.items()


def _expire_sessions(sim, body):
    if isinstance(body, dict) and body.get("instance_id"):
        return {"expired": sim.sessions.expire_instance(body["instance_id"])}
    return {"expired": sim.sessions.expire_all()}


def _counters(sim, body):
    return sim.recorder.counters()


def _get_log(sim, body):
    return list(sim.recorder.entries)


def _clear_log(sim, body):
    sim.recorder.clear()
    return {"ok": True}


def _list_faults(sim, body):
    return {"faults": sim.faults.to_json()}


def _add_faults(sim, body):
    entries = body.get("faults")
    if not isinstance(entries, list) or not entries:
        raise ValueError("expected {\"faults\": [ ... ]}")
    sim.faults.add([parse_fault(entry, ROUTE_NAMES) for entry in entries])
    return {"faults": sim.faults.to_json()}


def _clear_faults(sim, body):
    sim.faults.clear()
    return {"faults": []}


def _get_legacy_variants(sim, body):
    return {name: legacy_variant(sim.world, name) for name in LEGACY_VARIANTS}


def _put_legacy_variants(sim, body):
    """Choose legacy API variants until the next reset (which restores the defaults with a new world)."""
    chosen = parse_legacy_variants(body)
    sim.world.legacy_variants = dict(getattr(sim.world, "legacy_variants", {}), **chosen)
    return _get_legacy_variants(sim, body)


def _shop_behaviour(sim, body):
    """One-shot behaviours of the next legacy checkout: ``other_buyer`` (N more numbers of the first reserved group
    go to the organisation, as if another run bought them at the same time) and ``listing_lag`` (the next N number
    listings leave out the numbers that checkout rented). Cleared by reset."""
    unknown = set(body) - {"other_buyer", "listing_lag"}
    for name in body:
        value = body[name]
        if name in unknown or isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("expected {\"other_buyer\": integer >= 0, \"listing_lag\": integer >= 0}")
    sim.world.shop_behaviour = dict(getattr(sim.world, "shop_behaviour", {}), **body)
    return {"shop_behaviour": sim.world.shop_behaviour}


ENDPOINTS = {
    ("GET", "/_sim/health"): _health,
    ("POST", "/_sim/reset"): _reset,
    ("GET", "/_sim/state"): _get_state,
    ("PATCH", "/_sim/state"): _patch_state,
    ("POST", "/_sim/sessions/expire"): _expire_sessions,
    ("GET", "/_sim/counters"): _counters,
    ("GET", "/_sim/log"): _get_log,
    ("DELETE", "/_sim/log"): _clear_log,
    ("GET", "/_sim/faults"): _list_faults,
    ("POST", "/_sim/faults"): _add_faults,
    ("DELETE", "/_sim/faults"): _clear_faults,
    ("GET", "/_sim/legacy_variants"): _get_legacy_variants,
    ("PUT", "/_sim/legacy_variants"): _put_legacy_variants,
    ("GET", "/_sim/variants"): get_variants,
    ("POST", "/_sim/variants"): set_variants,
    ("POST", "/_sim/shop"): _shop_behaviour,
}


def _answer(status, payload):
    return Outcome(status, {}, encode(payload))


def handle(sim, method, path, body):
    """Serve one admin request; returns an Outcome."""
    endpoint = ENDPOINTS.get((method, path.rstrip("/")))
    if endpoint is None:
        return _answer(404, {"error": "unknown admin endpoint %s %s" % (method, path)})
    try:
        payload = json.loads(body) if body.strip() else {}
        if not isinstance(payload, dict):
            raise ValueError("the body must be a JSON object")
        with sim.lock:
            return _answer(200, endpoint(sim, payload))
    except ValueError as error:  # FixtureError and JSON decoding errors are ValueErrors too
        return _answer(400, {"error": str(error)})
