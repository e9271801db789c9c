# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Request and response values, and the three error shapes the simulator speaks.

Handlers receive a :class:`Request` and return a :class:`Response` or raise one of the errors
below. The server turns an error into the body format of the API family it belongs to, so no
handler builds error JSON by hand and the formats cannot drift between endpoints.
"""

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import parse_qs


@dataclass
class Request:
    """One parsed HTTP request.

    ``raw_path`` is the path exactly as it appeared in the request line (percent-encoding kept,
    query string removed) because that is what legacy clients sign; ``params`` holds the
    percent-decoded route parameters.
    """

    method: str
    raw_path: str
    query_string: str
    headers: object
    body: bytes
    params: dict = field(default_factory=dict)

    @cached_property
    def query(self):
        """Query parameters as ``{name: [values]}`` (parameters may repeat)."""
        return parse_qs(self.query_string, keep_blank_values=True)

    def header(self, name):
        """Return a header value (names are case-insensitive) or None."""
        return self.headers.get(name)


@dataclass
class Response:
    """What a handler produced. ``payload`` None means an empty body (204)."""

    status: int
    payload: object = None
    headers: dict = field(default_factory=dict)
    error_code: object = None  # recorded in the request log, never sent


class SimError(Exception):
    """Base of the errors handlers raise; each knows how to render itself."""

    def to_response(self):
        raise NotImplementedError


class LegacyError(SimError):
    """Legacy (userapi/api/portalapi) error: ``{"errorCode", "message"}``.

    The HTTP status is the first three digits of the error code, as on the real service.
    """

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message

    def to_response(self):
        return Response(self.code // 100, {"errorCode": self.code, "message": self.message}, error_code=self.code)


# google.rpc status names used by the Numbers API for each HTTP status we emit.
API_STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


class ApiError(SimError):
    """Numbers API error: ``{"error": {"code", "message", "status", "details"}}``.

    ``field`` adds a ``BadRequest`` field violation and ``resource`` a ``ResourceInfo`` entry
    (``(resourceType, resourceName)``), the two detail kinds Sinch returns.
    """

    def __init__(self, http_status, message, status=None, field=None, resource=None):
        super().__init__(message)
        self.http_status = http_status
        self.message = message
        self.status = status or API_STATUS_NAMES.get(http_status, "UNKNOWN")
        self.details = []
        if field is not None:
            self.details.append({"type": "BadRequest", "fieldViolations": [{"field": field, "description": message}]})
        if resource is not None:
            self.details.append({"type": "ResourceInfo", "resourceType": resource[0], "resourceName": resource[1], "owner": "", "description": ""})

    def to_response(self):
        body = {"error": {"code": self.http_status, "message": self.message, "status": self.status, "details": self.details}}
        return Response(self.http_status, body, error_code=self.status)


def invalid_argument(message, field=None):
    """Shortcut for the most common Numbers API error."""
    return ApiError(400, message, field=field)


class OAuthError(SimError):
    """RFC 6749 token endpoint error: ``{"error", "error_description"}``."""

    def __init__(self, http_status, error, description):
        super().__init__(description)
        self.http_status = http_status
        self.error = error
        self.description = description

    def to_response(self):
        headers = {"WWW-Authenticate": 'Basic realm="sinch"'} if self.http_status == 401 else {}
        body = {"error": self.error, "error_description": self.description}
        return Response(self.http_status, body, headers=headers, error_code=self.error)
