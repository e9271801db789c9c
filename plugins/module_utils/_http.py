# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the HTTP transport shared by both Sinch clients, with bounded retries.

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

import json
import math
import random
import time
import traceback
from urllib.parse import urlsplit

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchBadAnswer,
    SinchConnectionError,
    SinchInputError,
    SinchTimeout,
    error_from_response,
)

try:
    import requests
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

USER_AGENT = 'sinch.numbers-ansible-collection'
JSON = 'application/json'


class RetryPolicy:
    """Exponential backoff with full jitter, bounded in attempts and in total sleep.

    ``Retry-After`` from the server wins over the computed delay (but never beyond the budget).
    ``sleep``, ``clock`` and ``rand`` are injectable so tests need not wait.
    """

    def __init__(self, attempts=5, base_delay=0.5, max_delay=8.0, budget=30.0, sleep=None, rand=None):
        self.attempts = attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.budget = budget
        self.sleep = sleep or time.sleep
        self.rand = rand or random.random

    def delay(self, attempt, retry_after=None):
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        if retry_after is not None:
            return min(retry_after, self.budget)
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return ceiling * self.rand()


# ``timeout`` bounds one attempt as a whole; beyond an hour it is a typo, and a float too large for a socket.
TIMEOUT_RANGE = (1, 3600)
_CHUNK = 65536


class Shape:
    """What a call documents as its answer: the JSON container (``dict``/``list``), keys an object must carry
    (non-empty), and the container each list element must be. ``Shape(None)`` accepts an empty body (204) or any JSON.
    """

    def __init__(self, kind, *required, items=None):
        self.kind = kind
        self.required = required
        self.items = items

    def problem(self, data):
        """What is wrong with the decoded ``data``, or None when it has the shape."""
        if self.kind is None:
            return None
        kinds = self.kind if isinstance(self.kind, tuple) else (self.kind,)
        if not isinstance(data, kinds):
            return 'expected %s, got %s' % (' or '.join(_NAMES[k] for k in kinds), _describe(data))
        if isinstance(data, dict):
            missing = [key for key in self.required if data.get(key) in (None, '', [], {})]
            if missing:
                return 'the answer has no %s' % ', '.join(missing)
        if isinstance(data, list) and self.items is not None:
            wrong = [item for item in data if not isinstance(item, self.items)]
            if wrong:
                return 'expected a list of objects, found %s in it' % _describe(wrong[0])
        return None


_NAMES = {dict: 'an object', list: 'a list', str: 'a string'}


def _describe(data):
    if data is None:
        return 'null'
    if isinstance(data, dict):
        return 'an object'
    if isinstance(data, list):
        return 'a list'
    if isinstance(data, bool):
        return 'a boolean'
    if isinstance(data, (int, float)):
        return 'a number'
    return 'a string' if isinstance(data, str) else 'a %s' % type(data).__name__


def as_shape(expect):
    """``expect`` as a :class:`Shape`: a Shape, None (empty or anything), a type or a tuple of types."""
    if isinstance(expect, Shape):
        return expect
    return Shape(expect)


#: Any JSON or an empty body: for callers that check the answer themselves.
ANY = Shape(None)


class Response:
    """What a caller needs of an HTTP answer; ``data`` is the decoded body, already checked against its shape."""

    def __init__(self, status, headers, body, data=None):
        self.status = status
        self.headers = headers
        self.body = body
        self.data = data

    def json(self):
        """The decoded JSON body (None when the body is empty, e.g. 204), checked at the transport boundary."""
        return self.data


def decode(body, expect, operation, method, idempotent):
    """Decode a 2xx ``body`` and check it against ``expect``; raise :class:`SinchBadAnswer` when it is neither.

    An unreadable answer is never "empty": for a read nothing was written; for a write the outcome is uncertain.
    """
    shape = as_shape(expect)
    data = None
    problem = None
    if body and body.strip():
        try:
            data = json.loads(body.decode('utf-8'))
        except (ValueError, UnicodeDecodeError):
            # Never the body itself: a damaged answer may still hold a secret (an instance's, a token).
            problem = 'the answer is not JSON (%d bytes, beginning %r)' % (len(body), body.strip()[:1].decode('ascii', 'replace'))
    elif shape.kind is not None:
        problem = 'the answer is empty'
    if problem is None:
        problem = shape.problem(data)
    if problem is None:
        return data
    error = SinchBadAnswer(problem, operation=operation)
    if method in ('GET', 'HEAD') or (idempotent and method == 'POST'):
        error.add_context('Sinch answered with success but not in the documented shape; nothing was written. '
                          'Re-run the task later, or report the answer to Sinch if it persists')
    elif idempotent:
        error.add_context('The change may or may not have been applied; re-running the task is safe '
                          '(it reads the state before writing)')
    else:
        error.uncertain = True
        error.add_context('The outcome is uncertain: Sinch may have done it. Check the account before '
                          'buying again; re-running the task reads the state before writing')
    raise error


class Transport:
    """One ``requests.Session`` per module run (keep-alive), with timeout, TLS checks and retries.

    Proxies and CA bundles come from the environment the way ``requests`` takes them
    (``HTTPS_PROXY``, ``NO_PROXY``, ``REQUESTS_CA_BUNDLE``) while ``validate_certs`` is true; with
    ``validate_certs`` false, ``verify=False`` goes with every request, so no variable turns checks back on.
    ``timeout`` bounds each attempt as a whole (connect and the whole body), not each socket read.
    """

    def __init__(self, timeout=30, validate_certs=True, retry=None, session=None):
        self.timeout = check_timeout(timeout)
        self.validate_certs = validate_certs
        self.retry = retry or RetryPolicy()
        self.session = session or requests.Session()
        self.session.verify = validate_certs
        self.session.headers['User-Agent'] = USER_AGENT
        self.requests_sent = 0

    def request(self, method, url, body=None, params=None, headers=None, authorize=None, idempotent=None,
                operation=None, content_type=JSON, expect=ANY):
        """Send one request and return a :class:`Response` for any 2xx/3xx answer; raise a ``SinchError`` otherwise.

        ``body`` is bytes (already serialised, so the signature covers exactly what is sent).
        ``authorize(method, path, body, content_type)`` returns the auth headers; it is called for
        every attempt so that each carries a fresh timestamp and signature.
        ``idempotent`` defaults to true for GET, PUT and DELETE. Only idempotent requests are retried:
        a purchase (reserve, checkout, rent, release) is never sent twice by this layer.
        ``expect`` (a :class:`Shape`, a type, or None for an empty answer) is what the call documents; any other
        2xx answer raises :class:`SinchBadAnswer` here, where it enters.
        """
        method = method.upper()
        if idempotent is None:
            idempotent = method in ('GET', 'HEAD', 'PUT', 'DELETE')
        path = urlsplit(url).path
        started = time.monotonic()
        attempt = 0
        waited = 0.0
        while True:
            attempt += 1
            send_headers = {'Accept': JSON}
            if content_type:
                send_headers['Content-Type'] = content_type
            send_headers.update(headers or {})
            if authorize is not None:
                send_headers.update(authorize(method, path, body or b'', content_type))
            error = self._send(method, url, body, params, send_headers, operation, idempotent)
            if isinstance(error, Response):
                error.data = decode(error.body, expect, operation, method, idempotent)
                return error
            error.attempts = attempt
            if not (idempotent and (error.retryable or isinstance(error, SinchConnectionError))):
                raise error
            if attempt >= self.retry.attempts:
                raise error
            wait = self.retry.delay(attempt, error.retry_after)
            # Real time spent is at least the time slept (which tests patch away).
            if max(time.monotonic() - started, waited) + wait > self.retry.budget:
                if error.retry_after is not None and error.retry_after + waited > self.retry.budget:
                    # Otherwise the user sees a retryable error given up at once, with no reason why.
                    error.add_context('Sinch asked to retry after %g seconds, which would pass the %g-second retry '
                                      'budget of a task' % (error.retry_after, self.retry.budget))
                raise error
            self.retry.sleep(wait)
            waited += wait

    def _send(self, method, url, body, params, headers, operation, idempotent):
        """One attempt: a Response on success, the typed error otherwise (returned, so the caller decides)."""
        self.requests_sent += 1
        # Only a write whose answer is lost leaves doubt about what Sinch did.
        doubt = '' if idempotent else '; the write may still have been applied: re-running the task reads the state before writing again'

        answer = None
        try:
            deadline = time.monotonic() + self.timeout
            # verify= on the request itself: requests merges REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE over session.verify.
            answer = self.session.request(method, url, data=body, params=params, headers=headers,
                                          timeout=self.timeout, verify=self.validate_certs, stream=True)
            content = _read_within(answer, deadline)
        except requests.exceptions.Timeout:
            return self._timed_out(operation, doubt)
        except _Deadline:
            return self._timed_out(operation, doubt)
        except requests.exceptions.SSLError as exc:
            return SinchConnectionError(
                'TLS verification failed (%s)' % _reason(exc), operation=operation,
                hint='Point REQUESTS_CA_BUNDLE at your CA bundle, or (only for a test server) set validate_certs=false',
            )
        except requests.exceptions.RequestException as exc:
            return SinchConnectionError(
                'connection failed (%s)' % _reason(exc), operation=operation,
                hint='Check the API URL options and the network' + doubt,
            )
        finally:
            if answer is not None:
                answer.close()
        if answer.status_code < 400:
            return Response(answer.status_code, answer.headers, content)
        return error_from_response(answer.status_code, content, answer.headers, operation)

    def _timed_out(self, operation, doubt):
        return SinchTimeout(
            'no answer within %s seconds' % self.timeout, operation=operation,
            hint='Raise the timeout option if Sinch is slow' + doubt,
        )


class _Deadline(Exception):
    """The whole answer did not arrive within ``timeout``."""


def _read_within(answer, deadline):
    """The whole body of a streamed answer, or :class:`_Deadline` once ``deadline`` passes.

    Each socket read waits at most ``timeout`` (requests' read timeout); the deadline is checked between reads, so
    a server trickling the body a byte at a time cannot hold the attempt beyond it.
    """
    raw = answer.raw
    if raw is None:
        # An answer made in memory (a test double): nothing to stream.
        return answer.content
    read = getattr(raw, 'read1', None)
    if not callable(read):
        # urllib3 before 2.0 has no read1; reads of 1 KiB then bound the overrun instead.
        chunks = []
        for chunk in answer.iter_content(1024):
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise _Deadline()
        return b''.join(chunks)
    chunks = []
    while True:
        if time.monotonic() > deadline:
            raise _Deadline()
        chunk = read(_CHUNK, decode_content=True)
        if not chunk:
            return b''.join(chunks)
        chunks.append(chunk)


def check_timeout(value, option='timeout'):
    """``value`` as seconds for one attempt, or :class:`SinchInputError` naming ``option``."""
    low, high = TIMEOUT_RANGE
    try:
        seconds = float(value)
    except (TypeError, ValueError, OverflowError):
        seconds = None
    if isinstance(value, bool) or seconds is None or not math.isfinite(seconds) or not low <= seconds <= high:
        raise SinchInputError('%s: %s is no number of seconds to wait for Sinch; give a number from %d to %d '
                              '(default 30).' % (option, value, low, high))
    return int(seconds) if seconds == int(seconds) else seconds


def _reason(exc):
    """A short reason for a requests exception, without the URL's query or any header."""
    text = str(exc.args[0]) if exc.args else exc.__class__.__name__
    return text if len(text) < 200 else exc.__class__.__name__


def base_url(value, option, default):
    """The base URL given by ``option`` (``default`` when unset), without its trailing slash.

    Raises :class:`SinchInputError` naming ``option`` unless it is an http(s) URL with a host: sent as it is, a typo
    would only come back, after every retry, as a connection error that names no option. User info
    (``https://user:pass@host``) is refused too: requests would send it as Basic credentials in place of the
    signed Authorization header, and put a secret where URLs get logged.
    """
    url = value or default
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ('http', 'https') and bool(parts.hostname) and not any(c.isspace() for c in url)
        parts.port  # pylint: disable=pointless-statement  # raises ValueError on a port that is no number
    except (TypeError, ValueError):
        valid = False
        parts = None
    if valid and (parts.username is not None or parts.password is not None or '@' in parts.netloc):
        # Never the URL itself: it holds a secret.
        raise SinchInputError('%s: give the URL without user name or password (nothing before "@"); the credentials '
                              'go in their own options, e.g. %s.' % (option, default))
    if not valid:
        raise SinchInputError('%s: give the base URL of the service, with http:// or https:// and a host name, '
                              'e.g. %s (or leave it out for that).' % (option, default))
    return url.rstrip('/')


def check_application_key(value, option='application_key'):
    """``value`` as an application key fit for a URL path segment, or :class:`SinchInputError` naming ``option``.

    The HTTP library would normalise ``..`` or ``.`` into another path (signed as one path, sent as another), and
    ``/``, whitespace or control characters would address something else than one application.
    """
    text = value if isinstance(value, str) else None
    reason = None
    if text is None:
        reason = 'give the key as a string'
    elif not text.strip():
        reason = 'it is empty'
    elif text in ('.', '..') or '..' in text:
        reason = 'it contains ".."' if '..' in text else 'it is "."'
    elif '/' in text or '\\' in text:
        reason = 'it contains a slash'
    elif any(c in '?#%' for c in text):
        # A query, a fragment or a percent-escape would change what the path names (a key is hex or a UUID, A.3).
        reason = 'it contains ?, # or %'
    elif any(c.isspace() for c in text):
        reason = 'it contains whitespace'
    elif any(ord(c) < 32 or ord(c) == 127 for c in text):
        reason = 'it contains control characters'
    if reason:
        raise SinchInputError('%s: %s; give the key of the application as the Sinch dashboard shows it '
                              '(e.g. 00000000-0000-4000-8000-000000000001).' % (option, reason))
    return text


def json_body(payload):
    """Serialise a payload once, compactly, so the bytes signed are the bytes sent."""
    if payload is None:
        return None
    return json.dumps(payload, separators=(',', ':'), sort_keys=True).encode('utf-8')
