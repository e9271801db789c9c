# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the HTTP transport shared by both Sinch clients, with bounded retries.

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

import json
import random
import time
import traceback
from urllib.parse import urlsplit

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
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


class Response:
    """What a caller needs of an HTTP answer."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        """The decoded JSON body, or None when the body is empty (e.g. 204)."""
        if not self.body:
            return None
        return json.loads(self.body.decode('utf-8'))


class Transport:
    """One ``requests.Session`` per module run (keep-alive), with timeout, TLS checks and retries.

    Proxies and CA bundles come from the environment the way ``requests`` takes them
    (``HTTPS_PROXY``, ``NO_PROXY``, ``REQUESTS_CA_BUNDLE``) while ``validate_certs`` is true.
    """

    def __init__(self, timeout=30, validate_certs=True, retry=None, session=None):
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.session = session or requests.Session()
        self.session.verify = validate_certs
        self.session.headers['User-Agent'] = USER_AGENT
        self.requests_sent = 0

    def request(self, method, url, body=None, params=None, headers=None, authorize=None, idempotent=None,
                operation=None, content_type=JSON):
        """Send one request and return a :class:`Response` for any 2xx/3xx answer; raise a ``SinchError`` otherwise.

        ``body`` is bytes (already serialised, so the signature covers exactly what is sent).
        ``authorize(method, path, body, content_type)`` returns the auth headers; it is called for
        every attempt so that each carries a fresh timestamp and signature.
        ``idempotent`` defaults to true for GET, PUT and DELETE. Only idempotent requests are retried:
        a purchase (reserve, checkout, rent, release) is never sent twice by this layer.
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
                    error.hint = '. '.join(part.rstrip('.') for part in (error.hint, (
                        'Sinch asked to retry after %g seconds, which would pass the %g-second retry budget of a task'
                        % (error.retry_after, self.retry.budget))) if part)
                raise error
            self.retry.sleep(wait)
            waited += wait

    def _send(self, method, url, body, params, headers, operation, idempotent):
        """One attempt: a Response on success, the typed error otherwise (returned, so the caller decides)."""
        self.requests_sent += 1
        # Only a write whose answer is lost leaves doubt about what Sinch did.
        doubt = '' if idempotent else '; the write may still have been applied: re-running the task reads the state before writing again'

        try:
            answer = self.session.request(method, url, data=body, params=params, headers=headers, timeout=self.timeout)
        except requests.exceptions.Timeout:
            return SinchTimeout(
                'no answer within %s seconds' % self.timeout, operation=operation,
                hint='Raise the timeout option if Sinch is slow' + doubt,
            )
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
        if answer.status_code < 400:
            return Response(answer.status_code, answer.headers, answer.content)
        return error_from_response(answer.status_code, answer.content, answer.headers, operation)


def _reason(exc):
    """A short reason for a requests exception, without the URL's query or any header."""
    text = str(exc.args[0]) if exc.args else exc.__class__.__name__
    return text if len(text) < 200 else exc.__class__.__name__


def base_url(value, option, default):
    """The base URL given by ``option`` (``default`` when unset), without its trailing slash.

    Raises :class:`SinchInputError` naming ``option`` unless it is an http(s) URL with a host: sent as it is, a typo
    would only come back, after every retry, as a connection error that names no option.
    """
    url = value or default
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ('http', 'https') and bool(parts.hostname) and not any(c.isspace() for c in url)
    except (TypeError, ValueError):
        valid = False
    if not valid:
        raise SinchInputError('%s: give the base URL of the service, with http:// or https:// and a host name, '
                              'e.g. %s (or leave it out for that).' % (option, default))
    return url.rstrip('/')


def json_body(payload):
    """Serialise a payload once, compactly, so the bytes signed are the bytes sent."""
    if payload is None:
        return None
    return json.dumps(payload, separators=(',', ':'), sort_keys=True).encode('utf-8')
