# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the client of the legacy Number Administration API (user API, API, portal API).

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

import base64
import binascii
import functools
import platform
from urllib.parse import quote

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchAuthError,
    SinchError,
    SinchInputError,
)
from ansible_collections.sinch.numbers.plugins.module_utils._http import base_url, json_body
from ansible_collections.sinch.numbers.plugins.module_utils._session_cache import (
    cache_key,
    password_check,
    password_matches,
)
from ansible_collections.sinch.numbers.plugins.module_utils._signing import (
    application_headers,
    instance_headers,
    user_headers,
)

CAPABILITIES = ('voice', 'sms')

# Sinch answers these when an instance is unknown, expired, or its signature does not verify:
# the cached session is replaced once, then the request is sent again.
_SESSION_REFUSED = (40100, 40102)

# When Sinch gives no expiresIn, keep the instance this long (a refused one is replaced anyway).
_DEFAULT_INSTANCE_LIFETIME = 3600


class LegacyClient:
    """Log in, keep a signed instance, and call every Number Administration endpoint.

    ``options`` is an :class:`OptionAdapter`; ``transport`` a :class:`Transport`; ``cache`` a
    :class:`SessionCache` (or None to log in on every run).
    """

    def __init__(self, options, transport, cache=None):
        self.transport = transport
        self.cache = cache
        self.username = options.get('username')
        self.username_type = options.get('username_type') or 'email'
        self.password = options.get('password')
        self.explicit_instance = options.get('instance_id')
        self.explicit_secret = options.get('instance_secret')
        self.organisation_id_option = options.get('organisation_id')
        self.user_api_url = base_url(options.get('user_api_url'), 'user_api_url', 'https://userapi.sinch.com')
        self.api_url = base_url(options.get('api_url'), 'api_url', 'https://api.sinch.com')
        self.portal_api_url = base_url(options.get('portal_api_url'), 'portal_api_url', 'https://portalapi.sinch.com')
        self._session = None
        self._organisation = None
        self.logins = 0
        self._check_credentials()

    def _check_credentials(self):
        if self.explicit_instance or self.explicit_secret:
            if not (self.explicit_instance and self.explicit_secret):
                raise SinchInputError('instance_id and instance_secret must be given together (or neither, to log in).')
            try:
                base64.b64decode(self.explicit_secret, validate=True)
            except (binascii.Error, TypeError, ValueError):
                # Never the value itself: it is a secret.
                raise SinchInputError(
                    'instance_secret: is not an instance secret (the base64 text Sinch returns with the instance id); '
                    'give it whole, or leave instance_id and instance_secret out to log in.') from None
            return
        if not self.username:
            raise SinchInputError(
                'username is required to log in (option username or SINCH_USERNAME), '
                'unless instance_id and instance_secret give an existing session.'
            )
        if not self.password:
            raise SinchInputError(
                'password is required to log in as %s (option password or SINCH_PASSWORD), '
                'unless instance_id and instance_secret give an existing session.' % self.username
            )

    # Session -------------------------------------------------------------------------------

    @property
    def _cache_key(self):
        return cache_key('legacy', self.user_api_url, self.api_url, self.username_type, self.username)

    def _ensure_session(self):
        if self._session is not None:
            return self._session
        if self.explicit_instance:
            self._session = {'id': self.explicit_instance, 'secret': self.explicit_secret}
            return self._session
        if self.cache is None:
            self._session = self._new_session()
            return self._session
        with self.cache.lock(self._cache_key):
            cached = self.cache.load(self._cache_key)
            # A session logged in with another password is not this one's: log in (and fail if the password is wrong).
            if cached and cached.get('id') and cached.get('secret') and password_matches(self.password, cached.get('password_check')):
                self._session = cached
                self._organisation = cached.get('organisation')
            else:
                self._session = self._new_session()
        return self._session

    def _new_session(self):
        """Log in, create an instance, and cache it for later tasks."""
        authorization = self.login()
        instance = self.create_instance(authorization)
        session = {'id': instance['id'], 'secret': instance['secret']}
        if self.cache is not None:
            session['expires_at'] = self.cache.clock() + (instance.get('expiresIn') or _DEFAULT_INSTANCE_LIFETIME)
            session['password_check'] = password_check(self.password)
            self._remember(session)
        return session

    def _remember(self, session):
        """Store the session (and the organisation, once known) until the instance expires."""
        if self.cache is None or 'expires_at' not in session:
            return
        data = dict(session)
        if self._organisation is not None:
            data['organisation'] = self._organisation
        self.cache.store(self._cache_key, data, session['expires_at'] - self.cache.clock())

    def _replace_session(self):
        """Sinch refused the session: forget it and start a new one (never for an explicit session)."""
        if self.cache is not None:
            self.cache.discard(self._cache_key)
        self._session = None
        self._session = self._new_session()

    def login(self):
        """``POST /v1/users/{type}/{identity}/authentication``: the token for creating an instance."""
        path = '/v1/users/%s/%s/authentication' % (quote(self.username_type, safe=''), quote(self.username, safe='@+'))
        answer = self.transport.request(
            'POST', self.user_api_url + path, body=json_body({'password': self.password}),
            headers=application_headers(), idempotent=True,
            operation='log in as %s %s (POST %s)' % (self.username_type, self.username, path),
        ).json()
        self.logins += 1
        if not isinstance(answer, dict) or not answer.get('authorization'):
            raise SinchError('log-in answer had no authorization token', operation='log in (POST %s)' % path)
        return answer['authorization']

    def create_instance(self, authorization):
        """``POST /v1/instance``: a signing instance ``{id, secret, expiresIn}`` for the log-in token."""
        body = {
            'authorization': authorization,
            'version': {'os': platform.system() or 'unknown', 'platform': 'ansible-core/%s sinch.numbers' % ANSIBLE_VERSION},
        }
        answer = self.transport.request(
            'POST', self.api_url + '/v1/instance', body=json_body(body), headers=user_headers(authorization),
            idempotent=True, operation='create an instance (POST /v1/instance)',
        ).json()
        if not isinstance(answer, dict) or not answer.get('id') or not answer.get('secret'):
            raise SinchError('instance answer had no id or secret', operation='create an instance (POST /v1/instance)')
        return answer

    # Signed requests -----------------------------------------------------------------------

    def request(self, method, base_url, path, payload=None, operation=None, idempotent=None, hints=None):
        """One instance-signed request; the decoded JSON answer (None for 204).

        ``hints`` maps error codes to advice fitting this call (e.g. what 40400 means for a checkout).

        A refused session (40100/40102) is replaced once and the request sent again: Sinch did not act
        on a request it could not authenticate, so resending is safe even for a purchase.
        """
        body = json_body(payload)
        operation = '%s (%s %s)' % (operation, method, path) if operation else None
        replaced = False
        while True:
            authorize = functools.partial(_sign_with, self._ensure_session())
            try:
                return self.transport.request(
                    method, base_url + path, body=body, authorize=authorize, idempotent=idempotent, operation=operation,
                ).json()
            except SinchAuthError as exc:
                if replaced or self.explicit_instance or exc.code not in _SESSION_REFUSED:
                    raise
                replaced = True
                self._replace_session()
            except SinchError as exc:
                if hints and exc.code in hints:
                    exc.hint = hints[exc.code]
                raise

    # Organisation --------------------------------------------------------------------------

    def organisation(self):
        """The user's organisation (``GET /v1/organisations``, cached with the session).

        When ``organisation_id`` is given and differs from what is known, only ``{"id": ...}`` is returned,
        without an extra request.
        """
        if self._organisation is None:
            self._ensure_session()
        wanted = self.organisation_id_option
        if self._organisation is not None and (not wanted or str(self._organisation.get('id')) == str(wanted)):
            return self._organisation
        if wanted:
            return {'id': int(wanted) if str(wanted).isdigit() else wanted}
        answer = self.request('GET', self.api_url, '/v1/organisations', operation='read the organisation')
        if isinstance(answer, list):
            if len(answer) != 1:
                raise SinchInputError(
                    'The user belongs to %d organisations; choose one with organisation_id (one of: %s).'
                    % (len(answer), ', '.join(str(org.get('id')) for org in answer))
                )
            answer = answer[0]
        self._organisation = answer
        if self._session is not None:
            self._remember(self._session)
        return answer

    @property
    def organisation_id(self):
        """The organisation acted on: ``organisation_id`` when given, else the user's own."""
        return str(self.organisation_id_option or self.organisation()['id'])

    def _org_path(self, suffix=''):
        return '/v1/organisations/id/%s/numbers%s' % (quote(self.organisation_id, safe=''), suffix)

    # Numbers of the organisation ---------------------------------------------------------

    def list_shop(self):
        """``GET .../numbers/shop``: the number groups for sale, with availability and cost."""
        return self.request('GET', self.portal_api_url, self._org_path('/shop'), operation='list the number shop') or []

    def reserve(self, group_id, quantity, capabilities):
        """``PUT .../numbers/shop``: hold ``quantity`` numbers of a group; returns the reservation's ``referenceId``.

        Not retried: a second reservation would hold numbers twice.
        """
        answer = self.request(
            'PUT', self.portal_api_url, self._org_path('/shop'),
            payload={'groupId': group_id, 'quantity': quantity, 'capabilities': list(capabilities)},
            operation='reserve %d number(s) of group %s' % (quantity, group_id), idempotent=False,
        )
        return answer['referenceId']

    def checkout(self, reference_ids):
        """``POST .../numbers/shop``: rent the reserved numbers (204). Never retried blindly."""
        self.request(
            'POST', self.portal_api_url, self._org_path('/shop'), payload={'referenceIds': list(reference_ids)},
            operation='check out reservation %s' % ', '.join(reference_ids), idempotent=False,
            hints={40400: 'The reservation expired or is unknown; nothing was rented. Re-run the task to reserve again'},
        )

    def list_numbers(self):
        """``GET .../numbers``: every number the organisation rents."""
        return self.request('GET', self.portal_api_url, self._org_path(), operation='list rented numbers') or []

    # Numbers of an application -----------------------------------------------------------

    _APP_HINTS = {40400: 'Check application_key: it must be an application of the organisation'}

    @staticmethod
    def _app_path(application_key, suffix=''):
        return '/v1/applications/key/%s/numbers%s' % (quote(application_key, safe=''), suffix)

    def list_application_numbers(self, application_key):
        """``GET /v1/applications/key/{key}/numbers``: the numbers assigned to an application."""
        return self.request(
            'GET', self.portal_api_url, self._app_path(application_key),
            operation='list the numbers of application %s' % application_key, hints=self._APP_HINTS,
        ) or []

    def set_application_numbers(self, application_key, capability, numbers):
        """``PUT .../numbers/{capability}``: overwrite the application's numbers for a capability."""
        if capability not in CAPABILITIES:
            raise SinchInputError('capability must be one of %s, not %r' % (', '.join(CAPABILITIES), capability))
        return self.request(
            'PUT', self.portal_api_url, self._app_path(application_key, '/' + capability),
            payload={'numbers': [int(n) for n in numbers]},
            operation='set the %s numbers of application %s' % (capability, application_key), hints=self._APP_HINTS,
        ) or []

    def remove_application_number(self, application_key, number):
        """``DELETE .../numbers/{number}``: unassign one number (it stays rented)."""
        self.request(
            'DELETE', self.portal_api_url, self._app_path(application_key, '/%d' % int(number)),
            operation='remove number %s from application %s' % (number, application_key), hints=self._APP_HINTS,
        )


def _sign_with(session, verb, resource, body, content_type):
    """Instance headers for one attempt of a request, signed with ``session``."""
    return instance_headers(session['id'], session['secret'], verb, resource, body, content_type)
