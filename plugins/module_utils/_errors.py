# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: typed errors raised by the Sinch clients, and their mapping from API bodies.

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

import json

# Legacy error codes documented in the Number Administration pages and in "Using REST".
# name, and what a person can do about it. The HTTP status is always code // 100.
LEGACY_ERROR_CODES = {
    40001: ('ParameterValidation', 'Check the capability (voice or sms) and the other values sent.'),
    40002: ('MissingParameter', 'A required value was not sent; check the task options.'),
    40003: ('InvalidRequest', 'Check the group and the numbers given.'),
    40100: ('Unauthorized', 'Check username, username_type and password, or the instance_id/instance_secret session.'),
    40101: ('InvalidTimestamp', "The x-timestamp header was refused: the controller's clock must be within 15 minutes of UTC."),
    40102: ('InvalidSignature', 'The instance signature was refused: check instance_secret, or let the module log in again.'),
    40200: ('NotEnoughCredit', 'Top up the account in the Sinch dashboard; nothing was rented.'),
    40300: ('ForbiddenRequest', 'organisation_id must be an organisation the user owns; leave it out to use the user\'s own.'),
    40301: ('InvalidScheme', 'The request was signed with the wrong authorization scheme.'),
    40400: ('ResourceNotFound', 'Check the ids and keys given.'),
    42200: ('ApplicationConfiguration', 'Set up accounting for the organisation in the Sinch dashboard.'),
    50000: ('InternalServerError', 'Sinch failed to handle the request; re-run the task later.'),
    50300: ('TemporaryDown', 'Sinch is temporarily unavailable; re-run the task later.'),
}

# Statuses (and the legacy 50300 code) that say "not handled, try again" rather than "no".
RETRYABLE_STATUSES = frozenset((429, 502, 503, 504))


class SinchError(Exception):
    """Any failure talking to Sinch.

    ``status`` is the HTTP status (None when no answer came), ``code`` the legacy ``errorCode`` or the
    Numbers API ``status`` string, ``operation`` says which call failed (``"reserve numbers (PUT /v1/...)"``).
    """

    def __init__(self, message, status=None, code=None, operation=None, details=None, hint=None, retry_after=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.operation = operation
        self.details = details
        self.hint = hint
        self.retry_after = retry_after
        self.attempts = 1
        # What the run had done before it failed (e.g. numbers rented), returned beside the error.
        self.partial_result = None
        # True when a write may or may not have been applied (its answer was lost or not understood).
        self.uncertain = False

    def add_context(self, text, replace_hint=False):
        """Add a sentence of context (what it means for this call, what was or was not done) to the hint.

        The one way callers enrich an error; returns the error so ``raise error.add_context(...)`` reads well.
        ``replace_hint`` drops the generic hint first (when the caller's advice supersedes it).
        """
        parts = [] if replace_hint else [self.hint]
        parts.append(text)
        self.hint = '. '.join(part.strip().rstrip('.') for part in parts if part and part.strip())
        return self

    def with_partial_result(self, result):
        """Declare what the run did before failing (returned to the user beside the error)."""
        self.partial_result = result
        return self

    @property
    def retryable(self):
        """True when Sinch said the request was not handled and may be sent again."""
        return self.status in RETRYABLE_STATUSES or self.code == 50300

    @property
    def code_name(self):
        entry = LEGACY_ERROR_CODES.get(self.code) if isinstance(self.code, int) else None
        return entry[0] if entry else None

    def __str__(self):
        where = 'Sinch API call failed' if not self.operation else 'Sinch refused to %s' % self.operation
        if self.status is None:
            where = 'Could not reach Sinch' if not self.operation else 'Could not %s' % self.operation
        text = '%s: %s' % (where, self.message)
        label = [str(x) for x in (self.code, self.code_name) if x is not None]
        if self.status is not None and not label:
            label = ['HTTP %s' % self.status]
        if label:
            text += ' [%s]' % ' '.join(label)
        if self.attempts > 1:
            text += ' (after %d attempts)' % self.attempts
        if self.hint:
            text += '. %s' % self.hint.rstrip('.') + '.'
        return text

    def to_dict(self):
        """The error as returned to the user under ``error`` (no secrets: only what Sinch said)."""
        return {
            'status': self.status,
            'code': self.code,
            'name': self.code_name,
            'message': self.message,
            'operation': self.operation,
            'details': self.details,
            'attempts': self.attempts,
            'uncertain': self.uncertain,
        }


class SinchBadRequest(SinchError):
    """400: a value sent was refused."""


class SinchAuthError(SinchError):
    """401: credentials, timestamp, signature or session refused."""


class SinchPaymentRequired(SinchError):
    """402: not enough credit."""


class SinchForbidden(SinchError):
    """403: the user may not act on this resource, or the wrong scheme was used."""


class SinchNotFound(SinchError):
    """404: unknown application, number, project, or an expired reservation."""


class SinchConflict(SinchError):
    """409/412: the resource is not in a state that allows the request."""


class SinchUnprocessable(SinchError):
    """422: the account is not configured for the request (e.g. accounting)."""


class SinchRateLimited(SinchError):
    """429: too many requests."""


class SinchServerError(SinchError):
    """5xx: Sinch failed."""


class SinchConnectionError(SinchError):
    """No answer: connection refused or reset, DNS, TLS, or a timeout."""


class SinchTimeout(SinchConnectionError):
    """No answer within ``timeout`` seconds."""


class SinchBadAnswer(SinchError):
    """A 2xx answer that is not JSON or not the shape the call documents: never read as "empty".

    For a read nothing was written; for a write (``uncertain``) its outcome is unknown and must be
    resolved by reading state, never by sending the write again.
    """


class SinchLockError(SinchError):
    """No lock could be taken on this controller; raised before anything is written."""

    def __str__(self):
        return ('Could not lock against concurrent changes on this controller: %s. Nothing was written. Set '
                'XDG_CACHE_HOME (or HOME) to a directory this user owns and can write, or make the system temporary '
                'directory usable' % self.message.rstrip('.')) + '.'


class SinchInputError(SinchError):
    """A value given to the collection is unusable; raised before any request is sent."""

    def __str__(self):
        return self.message


_BY_STATUS = {
    400: SinchBadRequest,
    401: SinchAuthError,
    402: SinchPaymentRequired,
    403: SinchForbidden,
    404: SinchNotFound,
    409: SinchConflict,
    412: SinchConflict,
    422: SinchUnprocessable,
    429: SinchRateLimited,
}


def error_class(status):
    """The exception class for an HTTP status."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status is not None and status >= 500:
        return SinchServerError
    return SinchError


def parse_retry_after(value):
    """Seconds from a ``Retry-After`` header (delta-seconds only; an HTTP date counts as unknown)."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return max(0.0, seconds)


def error_from_response(status, body, headers=None, operation=None):
    """Build the typed error for a failed HTTP answer.

    Understands the legacy ``{"errorCode": 40102, "message": "..."}``, the Numbers API
    ``{"error": {"code": 404, "message": "...", "status": "NOT_FOUND", "details": []}}`` and the OAuth2
    token endpoint's ``{"error": "invalid_client", "error_description": "..."}``.
    """
    headers = headers or {}
    payload = None
    if body:
        try:
            payload = json.loads(body.decode('utf-8') if isinstance(body, bytes) else body)
        except (ValueError, UnicodeDecodeError):
            payload = None

    code = None
    details = None
    message = None
    if isinstance(payload, dict) and 'errorCode' in payload:
        try:
            code = int(payload['errorCode'])
        except (TypeError, ValueError):
            code = payload['errorCode']
        message = payload.get('message')
        if isinstance(code, int) and 10000 <= code < 60000:
            # The first three digits of a legacy code are the HTTP status; trust the code over a proxy.
            status = code // 100
    elif isinstance(payload, dict) and isinstance(payload.get('error'), dict):
        err = payload['error']
        code = err.get('status')
        message = err.get('message')
        details = err.get('details') or None
    elif isinstance(payload, dict) and isinstance(payload.get('error'), str):
        # The OAuth2 token endpoint's shape (RFC 6749, 5.2): {"error": "invalid_client", "error_description": "..."}.
        code = payload['error']
        message = payload.get('error_description')
    if not message:
        text = body.decode('utf-8', 'replace') if isinstance(body, bytes) else (body or '')
        message = text.strip()[:300] or 'HTTP %s with no explanation' % status

    hint = None
    if isinstance(code, int) and code in LEGACY_ERROR_CODES:
        hint = LEGACY_ERROR_CODES[code][1]
    elif status == 401:
        hint = 'Check key_id and key_secret (or the legacy credentials) and auth_method.'
    elif status == 403:
        hint = 'The credentials are valid but may not act on this project or resource.'
    elif status == 429 or (status is not None and status >= 500):
        hint = 'Re-run the task later.'

    return error_class(status)(
        message,
        status=status,
        code=code,
        operation=operation,
        details=details,
        hint=hint,
        retry_after=parse_retry_after(headers.get('Retry-After')),
    )
