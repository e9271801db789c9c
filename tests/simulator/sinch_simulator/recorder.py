# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Request counters and request log, read by tests through ``/_sim/counters`` and ``/_sim/log``.

Only what is needed to assert on client behaviour is kept: never header values, bodies or
signatures, so the log can be printed in CI output safely.
"""

from collections import Counter

from . import clock

DROPPED = "dropped"  # by_status key of requests answered by closing the connection


class Recorder:
    """Counts and logs API requests (admin requests are never recorded). Callers hold the lock."""

    def __init__(self):
        self.clear()

    def clear(self):
        self.entries = []
        self.total = 0
        self.writes = 0
        self.by_route = Counter()
        self.by_status = Counter()

    def record(self, request, route, status, error_code, auth_scheme, fault):
        """Record one request; ``status`` None means no response was sent (reset/drop faults)."""
        self.total += 1
        self.writes += route.is_write
        self.by_route[route.name] += 1
        self.by_status[DROPPED if status is None else str(status)] += 1
        self.entries.append(
            {
                "seq": self.total,
                "time": clock.api_iso(clock.utcnow()),
                "method": request.method,
                "path": request.raw_path,
                "query": request.query_string,
                "route": route.name,
                "status": status,
                "error_code": error_code,
                "auth_scheme": auth_scheme,
                "fault": fault,
            }
        )

    def counters(self):
        return {"total": self.total, "writes": self.writes, "by_route": dict(self.by_route), "by_status": dict(self.by_status)}
