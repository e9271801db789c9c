# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: how a Voice application authenticates to the Voice API (signed request, or Basic).

Only this collection may import this file; it is not a public API.

Facts (``sinch-api/modern-apis.md`` A.4): a signed request carries ``Authorization: Application {key}:{signature}``
and ``x-timestamp``; the signature is Base64(HMAC-SHA256(Base64Decode(secret), verb, Content-MD5, Content-Type,
``x-timestamp:{value}``, path)) joined by newlines, the same algorithm as the legacy instance signature, so it is
``_signing.sign``. Basic is Base64 of ``{key}:{secret}`` with the secret as the Base64 text shown (not decoded).
"""

from __future__ import annotations

import base64
import binascii

from ansible_collections.sinch.numbers.plugins.module_utils._auth import AuthStrategy
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._http import check_application_key
from ansible_collections.sinch.numbers.plugins.module_utils._signing import BARE, SLASH, sign, utc_timestamp

VOICE_AUTH_METHODS = ('signed', 'basic')


def same_key(one, other):
    """Application keys compare without regard to case (the API lists them in lower case, A.3.1)."""
    return (one or '').lower() == (other or '').lower()


class VoiceSignedAuth(AuthStrategy):
    """``Application {key}:{signature}`` with a fresh ``x-timestamp`` for every attempt (A.4.1).

    The path is signed with its leading slash, as every SDK does. The current DEV page signs it without (Conflicts 1):
    when Sinch refuses the signature (40102), :meth:`refresh` switches to that form for one more attempt, and keeps it.
    """

    name = 'voice-signed'

    def __init__(self, application_key, application_secret, clock=None):
        self.application_key = application_key
        self._secret = application_secret
        self._clock = clock or utc_timestamp
        self.form = SLASH
        try:
            base64.b64decode(application_secret, validate=True)
        except (binascii.Error, ValueError, TypeError):
            # Never the value: it is a secret.
            raise SinchInputError('application_secret: is not the Base64 text the dashboard shows (Voice > Apps > the app); '
                                  'copy it again, or use voice_auth_method=basic.') from None

    def headers(self, method, path, body, content_type):
        timestamp = self._clock()
        signature = sign(self._secret, method, body, content_type, timestamp, path, self.form)
        return {'Authorization': 'Application %s:%s' % (self.application_key, signature), 'x-timestamp': timestamp}

    def refresh(self, error):
        """After an ``Invalid Signature`` (40102), try the slash-less resource once (a refused request was not acted on)."""
        if error.code != 40102 or self.form == BARE:
            return False
        self.form = BARE
        return True


class VoiceBasicAuth(AuthStrategy):
    """``Basic`` of ``{key}:{secret}``, the secret not decoded (A.4.5)."""

    name = 'voice-basic'

    def __init__(self, application_key, application_secret):
        raw = ('%s:%s' % (application_key, application_secret)).encode('utf-8')
        self._header = 'Basic ' + base64.b64encode(raw).decode('ascii')

    def headers(self, method, path, body, content_type):
        return {'Authorization': self._header}


def voice_strategy(application_key, application_secret, method='signed'):
    """The strategy for ``voice_auth_method``."""
    if method not in VOICE_AUTH_METHODS:
        raise SinchInputError('voice_auth_method: must be signed or basic, not %r.' % (method,))
    check_application_key(application_key)
    if not application_secret:
        raise SinchInputError('application_secret: required for the Voice API (option or SINCH_APPLICATION_SECRET).')
    if method == 'basic':
        return VoiceBasicAuth(application_key, application_secret)
    return VoiceSignedAuth(application_key, application_secret)
