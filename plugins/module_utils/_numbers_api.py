# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the client of the Sinch Numbers API v1 (Basic or OAuth2 client credentials).

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

import copy
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

from ansible_collections.sinch.numbers.plugins.module_utils._auth import send
from ansible_collections.sinch.numbers.plugins.module_utils._auth_numbers import NumbersBasic, NumbersOAuth2
from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchBadAnswer,
    SinchBadRequest,
    SinchInputError,
    SinchNotFound,
)
from ansible_collections.sinch.numbers.plugins.module_utils._http import base_url, json_body
from ansible_collections.sinch.numbers.plugins.module_utils._phone import to_e164

# The largest page Sinch serves; fewer, larger pages mean fewer round trips.
PAGE_SIZE = 100
# The types of active numbers (B.3). Listing without a type lists each explicitly: Sinch's guide says a missing
# type means MOBILE only (modern-apis.md B.8, Conflicts 9).
NUMBER_TYPES = ('MOBILE', 'LOCAL', 'TOLL_FREE')
# Page streams listed at once (each on its own connection).
MAX_STREAMS = 4


class NumbersApiClient:
    """Every Numbers API call the collection makes, for one project.

    With ``auth_method: oauth2`` a token is fetched once, cached (in memory and in the session cache)
    for its lifetime, and fetched again once when Sinch answers 401.
    """

    def __init__(self, options, transport, cache=None):
        self.transport = transport
        self.cache = cache
        self.project_id = options.get('project_id')
        self.key_id = options.get('key_id')
        self.key_secret = options.get('key_secret')
        self.auth_method = options.get('auth_method') or 'oauth2'
        self.base_url = base_url(options.get('numbers_api_url'), 'numbers_api_url', 'https://numbers.api.sinch.com')
        self.auth_url = base_url(options.get('auth_url'), 'auth_url', 'https://auth.sinch.com')
        missing = [name for name in ('project_id', 'key_id', 'key_secret') if not options.get(name)]
        if missing:
            raise SinchInputError(
                '%s required for the Numbers API (options or SINCH_%s).'
                % (' and '.join(missing) + (' is' if len(missing) == 1 else ' are'), '/SINCH_'.join(m.upper() for m in missing))
            )
        if self.auth_method not in ('oauth2', 'basic'):
            raise SinchInputError('auth_method must be oauth2 or basic, not %r.' % self.auth_method)

        if self.auth_method == 'basic':
            self.auth = NumbersBasic(self.key_id, self.key_secret)
        else:
            self.auth = NumbersOAuth2(transport, cache, self.auth_url, self.key_id, self.key_secret)

    @property
    def tokens_fetched(self):
        """How many OAuth2 tokens this client fetched (0 with Basic or a cached token)."""
        return getattr(self.auth, 'tokens_fetched', 0)

    # Requests ------------------------------------------------------------------------------

    def request(self, method, path, payload=None, params=None, operation=None, idempotent=None, expect=dict):
        """One request under ``/v1/projects/{project}``; the decoded JSON answer, checked against ``expect``.

        Every Numbers API answer used is an object (``expect=dict``); a refused token is fetched again once by the
        strategy (``_auth_numbers``) through the one loop in ``_auth.send``.
        """
        path = '/v1/projects/%s%s' % (quote(self.project_id, safe=''), path)
        operation = '%s (%s %s)' % (operation, method, path) if operation else None
        try:
            return send(self.transport, self.auth, method, self.base_url + path, body=json_body(payload), params=params,
                        idempotent=idempotent, operation=operation, expect=expect).json()
        except SinchNotFound as error:
            if _resource_types(error) == {'Project'}:
                error.add_context('Check project_id (option or SINCH_PROJECT_ID): it must be the project of key_id',
                                  replace_hint=True)
            raise

    @staticmethod
    def _number_path(collection, phone_number, action=''):
        return '/%s/%s%s' % (collection, quote(to_e164(phone_number), safe=''), action)

    # Active numbers ------------------------------------------------------------------------

    def iter_active_numbers(self, region_code=None, number_type=None, capabilities=None, pattern=None,
                            search_pattern=None, order_by=None, page_size=PAGE_SIZE, warn=None):
        """Every active number of the project matching the filters, following ``nextPageToken`` to the end.

        Without ``number_type`` each type is listed explicitly (B.8: a missing type may mean MOBILE only), the
        three page streams at once, merged without duplicates in ``order_by`` order. When Sinch answers that
        ``regionCode`` is required (older API generations, B.8), the numbers are listed per region of
        ``availableRegions`` and ``warn`` is told so.
        """
        base = _clean({
            'capability': list(capabilities) if capabilities else None,
            'numberPattern.pattern': start_pattern(pattern, search_pattern),
            'numberPattern.searchPattern': search_pattern,
            'orderBy': order_by,
            'pageSize': page_size,
        })
        types = [number_type] if number_type else list(NUMBER_TYPES)
        try:
            found = self._collect_streams([_clean(dict(base, regionCode=region_code, type=kind)) for kind in types])
        except SinchBadRequest as error:
            if region_code or not _names_field(error, 'regionCode'):
                raise
            regions = sorted(set(region.get('regionCode') for region in self.list_available_regions(
                [number_type] if number_type else None) if isinstance(region, dict) and region.get('regionCode')))
            if warn:
                warn('Sinch requires regionCode to list active numbers, so they were listed per region of '
                     'availableRegions (%s): a number in a region where Sinch no longer rents numbers is missing.'
                     % (', '.join(regions) or 'none'))
            found = self._collect_streams([dict(base, regionCode=region, type=kind) for region in regions for kind in types])
        unique = {}
        for number in found:
            unique.setdefault(number.get('phoneNumber'), number)
        key = order_by if order_by in ('phoneNumber', 'displayName') else 'phoneNumber'
        return iter(sorted(unique.values(), key=lambda n: (str(n.get(key) or ''), str(n.get('phoneNumber') or ''))))

    def _page(self, params):
        page = self.request('GET', '/activeNumbers', params=params, operation='list active numbers')
        if page is None:
            page = {}
        if not isinstance(page, dict) or not isinstance(page.get('activeNumbers') or [], list) \
                or not all(isinstance(number, dict) for number in page.get('activeNumbers') or []):
            raise SinchBadAnswer('the answer is not a page of active numbers ({"activeNumbers": [...]}): %.200r' % (page,),
                                 operation='list active numbers (GET /activeNumbers)')
        return page

    def _collect(self, params, page=None):
        """Every number of one page stream, following ``nextPageToken``; ``page`` is its first page when read."""
        params = dict(params)
        numbers, seen_tokens = [], set()
        while True:
            page = page if page is not None else self._page(params)
            numbers.extend(page.get('activeNumbers') or [])
            token = page.get('nextPageToken')
            if not token or token in seen_tokens:
                return numbers
            seen_tokens.add(token)
            params['pageToken'] = token
            page = None

    def _collect_streams(self, streams):
        """The numbers of independent page streams, read at once on separate connections.

        The first page is read here first: a refusal (e.g. regionCode required) comes before any thread starts,
        and the credentials (an OAuth2 token) are in place for the others.
        """
        first = self._page(streams[0])
        if len(streams) == 1:
            return self._collect(streams[0], first)
        local = threading.local()
        clones = []

        def collect(params):
            if not hasattr(local, 'client'):
                local.client = self._on_own_connection()
                clones.append(local.client)
            return local.client._collect(params)

        with ThreadPoolExecutor(max_workers=min(MAX_STREAMS, len(streams))) as pool:
            futures = [pool.submit(self._collect, streams[0], first)] + [pool.submit(collect, params) for params in streams[1:]]
            found = [number for future in futures for number in future.result()]
        sent = getattr(self.transport, 'requests_sent', None)
        if isinstance(sent, int):
            self.transport.requests_sent = sent + sum(clone.transport.requests_sent - sent for clone in clones)
        return found

    def _on_own_connection(self):
        """A copy of this client with its own HTTP session (sharing the connection pools, which are thread-safe)."""
        clone = copy.copy(self)
        transport = clone.transport = copy.copy(self.transport)
        session = getattr(self.transport, 'session', None)
        if session is not None:
            own = type(session)()
            own.headers.update(session.headers)
            own.verify, own.cert, own.proxies, own.trust_env = session.verify, session.cert, dict(session.proxies), session.trust_env
            own.adapters = session.adapters
            transport.session = own
        return clone

    def get_active_number(self, phone_number):
        """``GET .../activeNumbers/{n}``: the number, or None when it is not active in the project."""
        try:
            return self.request('GET', self._number_path('activeNumbers', phone_number),
                                operation='read active number %s' % to_e164(phone_number))
        except SinchNotFound as error:
            return _none_if_number_missing(error, 'ActiveNumber')

    def update_active_number(self, phone_number, changes):
        """``PATCH .../activeNumbers/{n}`` with only the fields that change (safe to retry: same result twice)."""
        return self.request('PATCH', self._number_path('activeNumbers', phone_number), payload=changes, idempotent=True,
                            operation='update active number %s' % to_e164(phone_number))

    def release_number(self, phone_number):
        """``POST .../activeNumbers/{n}:release``: give the number up. Never retried blindly."""
        return self.request('POST', self._number_path('activeNumbers', phone_number, ':release'), idempotent=False,
                            operation='release number %s' % to_e164(phone_number))

    # Available numbers ---------------------------------------------------------------------

    def list_available_numbers(self, region_code, number_type, capabilities=None, pattern=None, search_pattern=None,
                               size=None):
        """``GET .../availableNumbers``: numbers that can be rented now, with their prices."""
        params = _clean({
            'regionCode': region_code,
            'type': number_type,
            'capabilities': list(capabilities) if capabilities else None,
            'numberPattern.pattern': start_pattern(pattern, search_pattern),
            'numberPattern.searchPattern': search_pattern,
            'size': size,
        })
        page = self.request('GET', '/availableNumbers', params=params, operation='search available numbers')
        return page.get('availableNumbers') or []

    def get_available_number(self, phone_number):
        """``GET .../availableNumbers/{n}``: the number if it can be rented, else None."""
        try:
            return self.request('GET', self._number_path('availableNumbers', phone_number),
                                operation='read available number %s' % to_e164(phone_number))
        except SinchNotFound as error:
            return _none_if_number_missing(error, 'AvailableNumber')

    def rent_number(self, phone_number, configuration=None):
        """``POST .../availableNumbers/{n}:rent`` with the wanted configuration. Never retried blindly."""
        return self.request('POST', self._number_path('availableNumbers', phone_number, ':rent'),
                            payload=configuration or {}, idempotent=False,
                            operation='rent number %s' % to_e164(phone_number))

    def rent_any_number(self, request):
        """``POST .../availableNumbers:rentAny``: rent the first number matching ``request``. Never retried blindly."""
        return self.request('POST', '/availableNumbers:rentAny', payload=request, idempotent=False,
                            operation='rent any number in %s' % request.get('regionCode'))

    def list_available_regions(self, types=None):
        """``GET .../availableRegions``: the regions where numbers can be rented."""
        page = self.request('GET', '/availableRegions', params=_clean({'types': list(types) if types else None}),
                            operation='list available regions')
        return page.get('availableRegions') or []

    # Callback configuration and emergency addresses (modern-apis.md B.1, B.2) ---------------

    def get_callback_configuration(self):
        """``GET .../callbackConfiguration``: ``{"projectId", "hmacSecret"}``, the secret in clear (B.1)."""
        return self.request('GET', '/callbackConfiguration', operation='read the callback configuration')

    def update_callback_configuration(self, hmac_secret):
        """``PATCH .../callbackConfiguration`` with the new secret (same result if sent twice). The answer is not returned:
        it holds the secret."""
        self.request('PATCH', '/callbackConfiguration', payload={'hmacSecret': hmac_secret}, idempotent=True,
                     operation='update the callback configuration')

    def get_emergency_address(self, phone_number):
        """``GET .../activeNumbers/{n}/emergencyAddress``: the address, or None when the number has none (a 404 naming
        the emergency address, or every field empty). A 404 about the number itself is raised."""
        try:
            answer = self.request('GET', self._number_path('activeNumbers', phone_number, '/emergencyAddress'),
                                  operation='read the emergency address of %s' % to_e164(phone_number))
        except SinchNotFound as error:
            if _resource_types(error) == {'EmergencyAddress'}:
                return None
            raise error.add_context('phone_number must be an active number of the project')
        return answer if isinstance(answer, dict) and any(answer.values()) else None

    def validate_emergency_address(self, phone_number, request):
        """``POST .../emergencyAddress:validate``: a ValidateAddressResponse. Changes nothing, so it may be retried."""
        return self.request('POST', self._number_path('activeNumbers', phone_number, '/emergencyAddress:validate'),
                            payload=request, idempotent=True,
                            operation='validate the emergency address of %s' % to_e164(phone_number))

    def provision_emergency_address(self, phone_number, request):
        """``POST .../emergencyAddress:provision`` (the same address twice gives the same result)."""
        return self.request('POST', self._number_path('activeNumbers', phone_number, '/emergencyAddress:provision'),
                            payload=request, idempotent=True,
                            operation='provision the emergency address of %s' % to_e164(phone_number))

    def deprovision_emergency_address(self, phone_number):
        """``POST .../emergencyAddress:deprovision``; its answer is not read (B.2: no SDK reads it)."""
        self.request('POST', self._number_path('activeNumbers', phone_number, '/emergencyAddress:deprovision'),
                     idempotent=True, expect=None, operation='remove the emergency address of %s' % to_e164(phone_number))


def start_pattern(pattern, search_pattern):
    """A ``START`` pattern with its ``+`` (B.10: Sinch matches the number's beginning with it, ``%2B1206``).

    The user may give ``1206`` or ``+1206``; other search patterns are sent as given.
    """
    if pattern is None or search_pattern != 'START':
        return pattern
    text = str(pattern).strip()
    return text if text.startswith('+') or not text else '+' + text


def _names_field(error, field):
    """True when a 400 names ``field`` in its ``BadRequest`` field violations (B.12) or, lacking those, its message."""
    for detail in error.details or []:
        for violation in (detail.get('fieldViolations') or []) if isinstance(detail, dict) else []:
            if isinstance(violation, dict) and violation.get('field') == field:
                return True
    return field in str(error.message or '')


def _resource_types(error):
    """The ``resourceType`` of each ``ResourceInfo`` detail of an error, as a set."""
    return set(detail.get('resourceType') for detail in error.details or []
               if isinstance(detail, dict) and detail.get('resourceType'))


def _none_if_number_missing(error, resource_type):
    """None when a 404 says the number is missing; re-raise one that names another resource (the project).

    An unknown project must not read as "number not active": a release would then quietly do nothing.
    """
    for detail in error.details or []:
        if isinstance(detail, dict) and detail.get('resourceType') not in (None, '', resource_type):
            raise error
    return None


def _clean(params):
    return dict((key, value) for key, value in params.items() if value not in (None, '', []))
