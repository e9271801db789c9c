# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection: make the next matching requests fail in a chosen way.

Faults form a queue. For each request the first pending fault whose route (and method, when
given) matches is used once; it is dropped after ``times`` uses. Exactly one fault applies to
a request, so faults never combine in surprising ways.
"""

from dataclasses import asdict, dataclass

from .protocol import API_STATUS_NAMES, Response

ACTIONS = ("status", "reset", "delay", "drop_after_commit", "bad_body", "trickle")
UNAVAILABLE_MESSAGE = "Service is temporarily unavailable, please try again later."


@dataclass
class Fault:
    route: str  # a route name or "*"
    action: str
    method: str = None
    times: int = 1
    status: int = None
    error_code: int = None
    retry_after: int = None
    seconds: float = 0.0
    body: str = None  # bad_body: the text sent in place of the real answer
    rate: int = None  # trickle: bytes sent per second

    def matches(self, route_name, method):
        return self.route in ("*", route_name) and self.method in (None, method)

    def response(self, family):
        """The canned answer of a ``status`` fault, in the body format of the route's API."""
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}
        if family == "legacy":
            code = self.error_code or self.status * 100
            return Response(self.status, {"errorCode": code, "message": UNAVAILABLE_MESSAGE}, headers, error_code=code)
        name = API_STATUS_NAMES.get(self.status, "UNKNOWN")
        body = {"error": {"code": self.status, "message": UNAVAILABLE_MESSAGE, "status": name, "details": []}}
        return Response(self.status, body, headers, error_code=name)


def _whole(entry, name, minimum, default=None):
    value = entry.get(name, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError("fault %s must be an integer >= %d" % (name, minimum))
    return value


def parse_fault(entry, route_names):
    """Validate one fault description from ``POST /_sim/faults``; raise ValueError if wrong."""
    if not isinstance(entry, dict):
        raise ValueError("each fault must be an object")
    unknown = set(entry) - {"route", "action", "method", "times", "status", "error_code", "retry_after", "seconds", "body", "rate"}
    if unknown:
        raise ValueError("unknown fault fields: %s" % ", ".join(sorted(unknown)))
    route = entry.get("route", "*")
    if route != "*" and route not in route_names:
        raise ValueError("unknown route %r; use one of: *, %s" % (route, ", ".join(route_names)))
    action = entry.get("action")
    if action not in ACTIONS:
        raise ValueError("action must be one of %s" % ", ".join(ACTIONS))
    method = entry.get("method")
    if method is not None and not isinstance(method, str):
        raise ValueError("method must be a string")
    seconds = entry.get("seconds", 0.0)
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
        raise ValueError("seconds must be a number >= 0")
    fault = Fault(
        route=route,
        action=action,
        method=method.upper() if method else None,
        times=_whole(entry, "times", 1, 1),
        status=_whole(entry, "status", 100),
        error_code=_whole(entry, "error_code", 1),
        retry_after=_whole(entry, "retry_after", 0),
        seconds=float(seconds),
        body=entry.get("body"),
        rate=_whole(entry, "rate", 1),
    )
    if action == "status" and not (fault.status and 400 <= fault.status <= 599):
        raise ValueError("a status fault needs a status between 400 and 599")
    if action == "bad_body":
        if not isinstance(fault.body, str):
            raise ValueError("a bad_body fault needs body: the text to answer with (\"\" for none)")
        if fault.status is not None and not 200 <= fault.status <= 299:
            raise ValueError("a bad_body fault answers a success: status between 200 and 299 (default 200)")
    elif fault.body is not None:
        raise ValueError("body belongs to a bad_body fault")
    if action == "trickle" and fault.rate is None:
        raise ValueError("a trickle fault needs rate: bytes per second (an integer >= 1)")
    return fault


class FaultQueue:
    """Pending faults, in the order they were added. Callers hold the simulator lock."""

    def __init__(self):
        self.pending = []

    def add(self, faults):
        self.pending.extend(faults)

    def take(self, route_name, method):
        """Use up one application of the first fault matching this request, if any."""
        for fault in self.pending:
            if fault.matches(route_name, method):
                fault.times -= 1
                if fault.times == 0:
                    self.pending.remove(fault)
                return fault
        return None

    def clear(self):
        self.pending = []

    def to_json(self):
        return [asdict(f) for f in self.pending]
