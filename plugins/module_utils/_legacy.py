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
from urllib.parse import quote

from ansible_collections.sinch.numbers.plugins.module_utils._auth import send
from ansible_collections.sinch.numbers.plugins.module_utils._auth_legacy import LegacySession, valid_organisation
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchBadAnswer, SinchError, SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._http import (
    ANY,
    Shape,
    base_url,
    check_application_key,
    json_body,
)

CAPABILITIES = ('voice', 'sms')

# Documented answers (sinch-api/002): lists of objects, the organisation, a reservation with its referenceId.
LIST_OF_OBJECTS = Shape(list, items=dict)
RESERVATION = Shape(dict, 'referenceId')


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
        self._organisation = None
        self._check_credentials()
        self.auth = LegacySession(transport, cache, self.user_api_url, self.api_url, self.username_type,
                                  self.username, self.password, self.explicit_instance, self.explicit_secret)

    @property
    def logins(self):
        """How many times this client logged in (0 when a cached or given session served)."""
        return self.auth.logins

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

    # Signed requests -----------------------------------------------------------------------

    def request(self, method, base_url, path, payload=None, operation=None, idempotent=None, hints=None, expect=ANY):
        """One instance-signed request; the decoded JSON answer (None for 204), checked against ``expect``.

        ``hints`` maps error codes to advice fitting this call (e.g. what 40400 means for a checkout). A refused
        session is handled by the strategy (``_auth_legacy``) through the one loop in ``_auth.send``.
        """
        operation = '%s (%s %s)' % (operation, method, path) if operation else None
        try:
            return send(self.transport, self.auth, method, base_url + path, body=json_body(payload),
                        idempotent=idempotent, operation=operation, expect=expect).json()
        except SinchError as exc:
            if hints and exc.code in hints:
                exc.add_context(hints[exc.code], replace_hint=True)
            raise

    # Organisation --------------------------------------------------------------------------

    def organisation(self):
        """The user's organisation (``GET /v1/organisations``, cached with the session).

        When ``organisation_id`` is given and differs from what is known, only ``{"id": ...}`` is returned,
        without an extra request.
        """
        if self._organisation is None:
            self.auth.ensure()
            self._organisation = self.auth.organisation
        wanted = self.organisation_id_option
        if self._organisation is not None and (not wanted or str(self._organisation.get('id')) == str(wanted)):
            return self._organisation
        if wanted:
            return {'id': int(wanted) if str(wanted).isdigit() else wanted}
        # An object, or (Sinch's own sample reads ``[0].id``, sinch-api/README.md) an array of them.
        operation = 'read the organisation (GET /v1/organisations)'
        answer = self.request('GET', self.api_url, '/v1/organisations', operation='read the organisation',
                              expect=Shape((dict, list)))
        if isinstance(answer, list):
            if len(answer) > 1 and all(valid_organisation(org) for org in answer):
                raise SinchInputError(
                    'The user belongs to %d organisations; choose one with organisation_id (one of: %s).'
                    % (len(answer), ', '.join(str(org.get('id')) for org in answer))
                )
            answer = answer[0] if len(answer) == 1 else None
        if not valid_organisation(answer):
            raise SinchBadAnswer('expected an organisation with an id', operation=operation).add_context(
                'Nothing was written; give organisation_id to skip this call')
        self._organisation = answer
        self.auth.remember_organisation(answer)
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
        return self.request('GET', self.portal_api_url, self._org_path('/shop'), operation='list the number shop',
                            expect=LIST_OF_OBJECTS)

    def reserve(self, group_id, quantity, capabilities):
        """``PUT .../numbers/shop``: hold ``quantity`` numbers of a group; returns the reservation's ``referenceId``.

        Not retried: a second reservation would hold numbers twice.
        """
        answer = self.request(
            'PUT', self.portal_api_url, self._org_path('/shop'),
            payload={'groupId': group_id, 'quantity': quantity, 'capabilities': list(capabilities)},
            operation='reserve %d number(s) of group %s' % (quantity, group_id), idempotent=False, expect=RESERVATION,
        )
        return answer['referenceId']

    def checkout(self, reference_ids):
        """``POST .../numbers/shop``: rent the reserved numbers (204). Never retried blindly."""
        self.request(
            'POST', self.portal_api_url, self._org_path('/shop'), payload={'referenceIds': list(reference_ids)},
            operation='check out reservation %s' % ', '.join(reference_ids), idempotent=False, expect=None,
            hints={40400: 'The reservation expired or is unknown; nothing was rented. Re-run the task to reserve again'},
        )

    def list_numbers(self):
        """``GET .../numbers``: every number the organisation rents."""
        return self.request('GET', self.portal_api_url, self._org_path(), operation='list rented numbers',
                            expect=LIST_OF_OBJECTS)

    # Numbers of an application -----------------------------------------------------------

    _APP_HINTS = {40400: 'Check application_key: it must be an application of the organisation'}

    @staticmethod
    def _app_path(application_key, suffix=''):
        return '/v1/applications/key/%s/numbers%s' % (quote(check_application_key(application_key), safe=''), suffix)

    def list_application_numbers(self, application_key):
        """``GET /v1/applications/key/{key}/numbers``: the numbers assigned to an application."""
        return self.request(
            'GET', self.portal_api_url, self._app_path(application_key),
            operation='list the numbers of application %s' % application_key, hints=self._APP_HINTS,
            expect=LIST_OF_OBJECTS,
        )

    def set_application_numbers(self, application_key, capability, numbers):
        """``PUT .../numbers/{capability}``: overwrite the application's numbers for a capability."""
        if capability not in CAPABILITIES:
            raise SinchInputError('capability must be one of %s, not %r' % (', '.join(CAPABILITIES), capability))
        return self.request(
            'PUT', self.portal_api_url, self._app_path(application_key, '/' + capability),
            payload={'numbers': [int(n) for n in numbers]},
            operation='set the %s numbers of application %s' % (capability, application_key), hints=self._APP_HINTS,
            # Documented as the new Number[]; no caller reads it, so only a body that is not JSON is refused.
            expect=None,
        )

    def remove_application_number(self, application_key, number):
        """``DELETE .../numbers/{number}``: unassign one number (it stays rented)."""
        self.request(
            'DELETE', self.portal_api_url, self._app_path(application_key, '/%d' % int(number)),
            operation='remove number %s from application %s' % (number, application_key), hints=self._APP_HINTS,
            expect=None,
        )
