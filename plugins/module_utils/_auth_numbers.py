# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the Numbers API's authentication, HTTP Basic or OAuth2 client credentials.

Only this collection may import this file; it is not a public API.

Sources: sinch-api/README.md, "Numbers API": Basic with ``keyId:keySecret``, or
``POST https://auth.sinch.com/oauth2/token`` (``grant_type=client_credentials``, Basic) giving
``{"access_token", "expires_in", ...}`` sent as ``Authorization: Bearer``.
"""

from __future__ import annotations

import base64
import math
from urllib.parse import urlencode

from ansible_collections.sinch.numbers.plugins.module_utils._auth import AuthStrategy
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchAuthError
from ansible_collections.sinch.numbers.plugins.module_utils._http import Shape
from ansible_collections.sinch.numbers.plugins.module_utils._session_cache import cache_key


def basic_authorization(key_id, key_secret):
    """``Basic base64(key_id:key_secret)``."""
    raw = ('%s:%s' % (key_id, key_secret)).encode('utf-8')
    return 'Basic ' + base64.b64encode(raw).decode('ascii')


class NumbersBasic(AuthStrategy):
    """The access key on every request; nothing to refresh (a refused key stays refused)."""

    name = 'Numbers API Basic'

    def __init__(self, key_id, key_secret):
        self._header = basic_authorization(key_id, key_secret)

    def headers(self, method, path, body, content_type):
        return {'Authorization': self._header}


class NumbersOAuth2(AuthStrategy):
    """A bearer token fetched once, cached (in memory and in the session cache, per key id and secret) for its
    lifetime, and fetched again once when Sinch answers 401."""

    name = 'OAuth2'

    def __init__(self, transport, cache, auth_url, key_id, key_secret):
        self.transport = transport
        self.cache = cache
        self.auth_url = auth_url
        self.key_id = key_id
        self.key_secret = key_secret
        self._token = None
        self._refused = None  # the token endpoint's own refusal: fetching again would not help
        self.tokens_fetched = 0

    @property
    def cache_key(self):
        # The secret is part of the key (only its hash reaches the disk): a rotated or wrong secret must not keep
        # working on a token cached for the old one.
        return cache_key('oauth2', self.auth_url, self.key_id, self.key_secret)

    def token(self):
        if self._token is None and self.cache is not None:
            cached = self.cache.load(self.cache_key)
            if cached is not None:
                if isinstance(cached.get('access_token'), str) and cached['access_token']:
                    self._token = cached['access_token']
                else:
                    self.cache.discard(self.cache_key)
        if self._token is None:
            self._token = self._fetch()
        return self._token

    def _fetch(self):
        """``POST {auth_url}/oauth2/token`` with client credentials; safe to retry (a token is not a write)."""
        try:
            answer = self.transport.request(
                'POST', self.auth_url + '/oauth2/token', body=urlencode({'grant_type': 'client_credentials'}).encode('ascii'),
                headers={'Authorization': basic_authorization(self.key_id, self.key_secret)},
                content_type='application/x-www-form-urlencoded', idempotent=True, expect=Shape(dict, 'access_token'),
                operation='get an OAuth2 token for key %s (POST /oauth2/token)' % self.key_id,
            ).json()
        except SinchAuthError as error:
            self._refused = error
            raise
        self.tokens_fetched += 1
        lifetime = answer.get('expires_in')
        if isinstance(lifetime, bool) or not isinstance(lifetime, (int, float)) or not math.isfinite(lifetime):
            lifetime = 0
        if self.cache is not None and lifetime > 0:
            self.cache.store(self.cache_key, {'access_token': answer['access_token']}, lifetime)
        return answer['access_token']

    def forget(self):
        self._token = None
        if self.cache is not None:
            self.cache.discard(self.cache_key)

    def headers(self, method, path, body, content_type):
        return {'Authorization': 'Bearer ' + self.token()}

    def refresh(self, error):
        """A 401 was not acted on; the token may have expired early: fetch one more (not after the token was refused)."""
        if error is self._refused:
            return False
        self.forget()
        return True
