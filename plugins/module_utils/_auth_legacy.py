# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the legacy Number Administration API's authentication, a signed instance session.

Only this collection may import this file; it is not a public API.

Log in (``Application`` scheme), create an instance (``User`` scheme), then sign every request with the instance
(``Instance`` scheme, ``_signing.sign``). The instance is cached across tasks (``_session_cache``), validated when
read back, and replaced once when Sinch refuses it. Which form of the resource path Sinch verifies is not settled
(sinch-api/README.md, "Caution"; modern-apis.md, Conflicts 1): the SDKs sign it with its leading slash, the
number-administration pages printed signatures without it. The session signs with the slash first; when Sinch
refuses the signature of an instance created moments ago (so its secret is right), it tries the other form once,
and the form Sinch accepted is kept with the session.
"""

from __future__ import annotations

import base64
import binascii
import platform
from urllib.parse import quote

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION

from ansible_collections.sinch.numbers.plugins.module_utils._auth import AuthStrategy
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchAuthError, SinchBadAnswer
from ansible_collections.sinch.numbers.plugins.module_utils._http import Shape, json_body
from ansible_collections.sinch.numbers.plugins.module_utils._session_cache import (
    cache_key,
    password_check,
    password_matches,
)
from ansible_collections.sinch.numbers.plugins.module_utils._signing import (
    BARE,
    RESOURCE_FORMS,
    SLASH,
    application_headers,
    instance_headers,
    resource_line,
    user_headers,
)

# Sinch answers these when an instance is unknown, expired, or its signature does not verify.
SESSION_REFUSED = (40100, 40102)
INVALID_SIGNATURE = 40102

# When Sinch gives no usable expiresIn, keep the instance this long (a refused one is replaced anyway).
DEFAULT_INSTANCE_LIFETIME = 3600


def is_base64(text):
    """Whether ``text`` is non-empty base64 text (an instance secret)."""
    if not isinstance(text, str) or not text:
        return False
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def valid_organisation(value):
    """Whether ``value`` is an organisation record as ``GET /v1/organisations`` gives it (an object with an id)."""
    return isinstance(value, dict) and isinstance(value.get('id'), (int, str)) and not isinstance(value.get('id'), bool) \
        and str(value.get('id')).strip() != ''


def valid_entry(data):
    """Whether a cached session entry has every field of the right type (else it is discarded, never trusted)."""
    return (isinstance(data, dict)
            and isinstance(data.get('id'), str) and bool(data['id'])
            and is_base64(data.get('secret'))
            and isinstance(data.get('password_check'), dict)
            and isinstance(data.get('expires_at'), (int, float)) and not isinstance(data.get('expires_at'), bool)
            and (data.get('organisation') is None or valid_organisation(data['organisation']))
            and data.get('resource_form', SLASH) in RESOURCE_FORMS)


class LegacySession(AuthStrategy):
    """An instance session: its headers sign each attempt; :meth:`refresh` switches form or replaces the session."""

    name = 'legacy instance'

    def __init__(self, transport, cache, user_api_url, api_url, username_type, username, password,
                 instance_id=None, instance_secret=None):
        self.transport = transport
        self.cache = cache
        self.user_api_url = user_api_url
        self.api_url = api_url
        self.username_type = username_type
        self.username = username
        self.password = password
        self.explicit = bool(instance_id)
        self.session = {'id': instance_id, 'secret': instance_secret} if instance_id else None
        self.logins = 0
        # Notes for -vvv output (never a secret); ``on_note`` is called with each as it is made.
        self.notes = []
        self.on_note = None
        self._trying = None  # the form being tried after a refusal, until Sinch accepts it
        self._known_form = SLASH  # the form last confirmed, for a session not yet confirmed
        self._login_refused = None

    @property
    def fresh(self):
        """A session we created whose form Sinch has not yet accepted: a refused signature then means the form.

        (Its secret came from Sinch moments ago; an instance given by the user is never fresh.)
        """
        return self.session is not None and not self.explicit and 'resource_form' not in self.session

    # Session ------------------------------------------------------------------------------

    @property
    def cache_key(self):
        return cache_key('legacy', self.user_api_url, self.api_url, self.username_type, self.username)

    def ensure(self):
        """The session to sign with: the one in use, a valid cached one (same password), or a new one."""
        if self.session is not None:
            return self.session
        if self.cache is None:
            self.session = self._new_session()
            return self.session
        # Not required: with no place for it, forks log in more than once (requests, not money).
        with self.cache.lock(self.cache_key, required=False):
            cached = self.cache.load(self.cache_key)
            if cached is not None and not valid_entry(cached):
                # Written by something else, or damaged: log in again rather than fail (or trust it).
                self.cache.discard(self.cache_key)
                cached = None
            # A session logged in with another password is not this one's: log in (and fail if the password is wrong).
            if cached is not None and password_matches(self.password, cached.get('password_check')):
                self.session = cached
                self._known_form = cached.get('resource_form') or self._known_form
            else:
                self.session = self._new_session()
        return self.session

    def _new_session(self):
        """Log in, create an instance, and cache it for later tasks."""
        try:
            instance = self.create_instance(self.login())
        except SinchAuthError as error:
            # Refused credentials, not a refused session: replacing the session would only ask again.
            self._login_refused = error
            raise
        # No resource_form yet: it is recorded once Sinch accepts a signature (see accepted()).
        session = {'id': instance['id'], 'secret': instance['secret']}
        if self.cache is not None:
            lifetime = instance.get('expiresIn')
            if isinstance(lifetime, bool) or not isinstance(lifetime, (int, float)) or lifetime <= 0:
                lifetime = DEFAULT_INSTANCE_LIFETIME
            session['expires_at'] = self.cache.clock() + lifetime
            session['password_check'] = password_check(self.password)
            self._store(session)
        return session

    def _store(self, session):
        """Keep the session (with the organisation and the resource form, once known) until the instance expires."""
        if self.cache is not None and 'expires_at' in session:
            self.cache.store(self.cache_key, dict(session), session['expires_at'] - self.cache.clock())

    @property
    def organisation(self):
        """The organisation remembered with the session (None until read)."""
        return (self.session or {}).get('organisation')

    def remember_organisation(self, organisation):
        if self.session is not None and not self.explicit:
            self.session['organisation'] = organisation
            self._store(self.session)

    def login(self):
        """``POST /v1/users/{type}/{identity}/authentication``: the token for creating an instance."""
        path = '/v1/users/%s/%s/authentication' % (quote(self.username_type, safe=''), quote(self.username, safe='@+'))
        answer = self.transport.request(
            'POST', self.user_api_url + path, body=json_body({'password': self.password}),
            headers=application_headers(), idempotent=True, expect=Shape(dict, 'authorization'),
            operation='log in as %s %s (POST %s)' % (self.username_type, self.username, path),
        ).json()
        self.logins += 1
        return answer['authorization']

    def create_instance(self, authorization):
        """``POST /v1/instance``: a signing instance ``{id, secret, expiresIn}`` for the log-in token."""
        body = {
            'authorization': authorization,
            'version': {'os': platform.system() or 'unknown', 'platform': 'ansible-core/%s sinch.numbers' % ANSIBLE_VERSION},
        }
        operation = 'create an instance (POST /v1/instance)'
        answer = self.transport.request(
            'POST', self.api_url + '/v1/instance', body=json_body(body), headers=user_headers(authorization),
            idempotent=True, operation=operation, expect=Shape(dict, 'id', 'secret'),
        ).json()
        if not isinstance(answer['id'], str) or not is_base64(answer['secret']):
            # Never the secret itself.
            raise SinchBadAnswer('the instance id is not text or its secret is not base64', operation=operation) \
                .add_context('Nothing was written; re-run the task later')
        return answer

    # AuthStrategy ---------------------------------------------------------------------------

    def headers(self, method, path, body, content_type):
        session = self.ensure()
        form = self._trying or session.get('resource_form') or self._known_form
        return instance_headers(session['id'], session['secret'], method, path, body, content_type, form=form)

    def refresh(self, error):
        """A new instance's signature refused: try the other form once. Otherwise replace a refused session once."""
        if error is self._login_refused:
            return False
        if error.code == INVALID_SIGNATURE and self.fresh and self._trying is None:
            self._trying = BARE if self._known_form == SLASH else SLASH
            return True
        self._trying = None
        if self.explicit or error.code not in SESSION_REFUSED:
            return False
        self._known_form = (self.session or {}).get('resource_form') or self._known_form
        if self.cache is not None:
            self.cache.discard(self.cache_key)
        self.session = None
        self.session = self._new_session()
        return True

    def accepted(self):
        """Sinch accepted the session's signature: keep its form with the session (and say so when it was the other)."""
        if self.session is None or self.explicit or (self._trying is None and 'resource_form' in self.session):
            return
        tried, self._trying = self._trying, None
        form = tried or self._known_form
        self._known_form = form
        self.session['resource_form'] = form
        self._store(self.session)
        if tried is None:
            return
        self._note('Legacy signature: Sinch refused the signature of a new instance computed over the resource path %s '
                   'and accepted it computed %s; this session signs that way from now on (sinch-api README "Caution", '
                   'modern-apis.md Conflicts 1)' % (_describe(SLASH if form == BARE else BARE), _describe(form)))

    def _note(self, text):
        self.notes.append(text)
        if self.on_note is not None:
            self.on_note(text)


def _describe(form):
    return '%s (e.g. "%s")' % ('with its leading slash' if form == SLASH else 'without its leading slash',
                               resource_line('/v1/organisations', form))
