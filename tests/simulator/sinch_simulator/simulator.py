# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator without HTTP: state, sessions, faults, the recorder, and request processing.

Kept separate from ``server.py`` so the request flow (route, fault, handler, record) reads
top to bottom in one function, free of socket details.
"""

import json
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field

from . import routes
from .auth import scheme_for_log
from .faults import FaultQueue
from .fixture import default_fixture_path, load_world
from .protocol import ApiError, LegacyError, Request, SimError
from .recorder import Recorder
from .sessions import Sessions


@dataclass
class Outcome:
    """What the HTTP layer must do: send ``status``/``headers``/``body``, or just close."""

    status: int = 0
    headers: dict = field(default_factory=dict)
    body: bytes = None  # None: no body (204)
    close_without_response: bool = False
    trickle_rate: int = None  # bytes per second to send the body at (a trickle fault); None: at once


def encode(payload):
    return None if payload is None else json.dumps(payload, separators=(",", ":")).encode("utf-8")


class Simulator:
    """One simulated Sinch. ``lock`` serialises all state access (handlers are quick)."""

    def __init__(self, fixture=None, extra_numbers=0, extra_applications=0):
        self.fixture = fixture or default_fixture_path()
        self.extra_numbers = extra_numbers
        self.extra_applications = extra_applications
        self.lock = threading.RLock()
        self.world = load_world(self.fixture, extra_numbers, extra_applications)
        self.sessions = Sessions()
        self.faults = FaultQueue()
        self.recorder = Recorder()

    def reset(self, fixture=None, extra_numbers=None, drop_sessions=False, extra_applications=None):
        """Reload the state; by default from the fixture and extra numbers and applications the simulator started with.

        Sessions survive unless ``drop_sessions``: clients keep cached instances and tokens
        across test cases, as they would across runs against the real service.
        """
        extra = self.extra_numbers if extra_numbers is None else extra_numbers
        applications = self.extra_applications if extra_applications is None else extra_applications
        world = load_world(fixture or self.fixture, extra, applications)
        with self.lock:
            self.world = world
            self.faults.clear()
            self.recorder.clear()
            if drop_sessions:
                self.sessions = Sessions()

    def process(self, method, raw_path, query_string, headers, body):
        """Serve one API request and return the Outcome for the HTTP layer."""
        route, params = routes.match(method, raw_path)
        request = Request(method, raw_path, query_string, headers, body, params)
        scheme = scheme_for_log(request)
        with self.lock:
            fault = self.faults.take(route.name, method)
        action = fault.action if fault else None
        if action == "reset":
            with self.lock:
                self.recorder.record(request, route, None, None, scheme, action)
            return Outcome(close_without_response=True)
        if action == "delay":
            time.sleep(fault.seconds)
        with self.lock:
            response = fault.response(route.family) if action == "status" else self._dispatch(route, request)
            body = encode(response.payload)  # under the lock: the payload may alias live state
            status = response.status
            if action == "bad_body":  # the handler ran (a write is applied); its answer is replaced by a bad one
                status, body = fault.status or 200, fault.body.encode("utf-8")
            dropped = action == "drop_after_commit"
            self.recorder.record(request, route, None if dropped else status, response.error_code, scheme, action)
        return Outcome(status, response.headers, body, dropped, fault.rate if action == "trickle" else None)

    def _dispatch(self, route, request):
        try:
            return route.handler(self, request)
        except SimError as error:
            return error.to_response()
        except Exception:  # a simulator bug: answer like the real service would, and say why
            traceback.print_exc(file=sys.stderr)
            error = LegacyError(50000, "Internal Server Error") if route.family == "legacy" else ApiError(500, "Internal error.")
            return error.to_response()
