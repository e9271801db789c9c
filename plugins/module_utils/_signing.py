# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: request signing for the legacy Number Administration API.

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac

# The fixed "number administration" key that every log-in must present (never an app key).
NUMBER_ADMINISTRATION_KEY = '669762D5-2B10-44E0-8418-BC9EE4457555'


def utc_timestamp(now=None):
    """ISO-8601 UTC with milliseconds, as Sinch expects in ``x-timestamp``: ``2015-06-20T11:43:10.944Z``."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return now.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (now.microsecond // 1000)


def content_md5(body):
    """Base64 of the MD5 of the body bytes; the empty string when there is no body."""
    if not body:
        return ''
    return base64.b64encode(hashlib.md5(body, usedforsecurity=False).digest()).decode('ascii')


# The two forms of the resource line seen in Sinch's material (sinch-api/README.md, modern-apis.md Conflicts 1):
# every SDK signs the path with its leading slash; the number-administration pages printed signatures made
# without it. SLASH is tried first; the legacy strategy (_auth_legacy.py) falls back to BARE once.
SLASH = 'slash'
BARE = 'bare'
RESOURCE_FORMS = (SLASH, BARE)


def resource_line(resource, form=SLASH):
    """The request path as signed: with its leading slash (``SLASH``), or without it (``BARE``)."""
    if form not in RESOURCE_FORMS:
        raise ValueError('unknown resource form %r' % (form,))
    path = resource.lstrip('/')
    return '/' + path if form == SLASH else path


def string_to_sign(verb, body, content_type, timestamp, resource, form=SLASH):
    """The exact text that is signed. ``resource`` is the request path, signed in ``form`` (see RESOURCE_FORMS)."""
    return '\n'.join((verb.upper(), content_md5(body), content_type or '', 'x-timestamp:' + timestamp,
                      resource_line(resource, form)))


def sign(secret, verb, body, content_type, timestamp, resource, form=SLASH):
    """Base64(HMAC-SHA256(Base64Decode(secret), UTF8(string to sign))).

    ``secret`` is the instance secret as Sinch returns it (base64 text); ``form`` the resource form (SLASH or BARE).
    """
    key = base64.b64decode(secret)
    message = string_to_sign(verb, body, content_type, timestamp, resource, form).encode('utf-8')
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode('ascii')


def application_headers(timestamp=None):
    """Headers for the log-in call (``Application`` scheme, no signature)."""
    return {'Authorization': 'Application ' + NUMBER_ADMINISTRATION_KEY, 'x-timestamp': timestamp or utc_timestamp()}


def user_headers(authorization, timestamp=None):
    """Headers for creating an instance: the log-in token, sent as is (``User`` scheme)."""
    return {'Authorization': 'User ' + authorization, 'x-timestamp': timestamp or utc_timestamp()}


def instance_headers(instance_id, secret, verb, resource, body, content_type, timestamp=None, form=SLASH):
    """Headers for every other legacy call (``Instance`` scheme, signed over the resource in ``form``)."""
    timestamp = timestamp or utc_timestamp()
    signature = sign(secret, verb, body, content_type, timestamp, resource, form)
    return {'Authorization': 'Instance %s:%s' % (instance_id, signature), 'x-timestamp': timestamp}
