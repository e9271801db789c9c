# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the Voice API's configuration management client, and the desired state of one application.

Only this collection may import this file; it is not a public API.

Facts: ``sinch-api/modern-apis.md`` part A. ``GET /v1/configuration/numbers`` lists every number of the account with
its capability and, when assigned, the key of its application (A.3.1); ``POST`` assigns a list of numbers (A.3.2);
``DELETE`` with a JSON body un-assigns one number (A.3.3); ``/v1/configuration/callbacks/applications/{key}`` reads
and sets the application's callback URLs (A.3.4, A.3.5). Writes answer with an empty body, which is never read.
"""

from __future__ import annotations

from urllib.parse import quote

from ansible_collections.sinch.numbers.plugins.module_utils._auth import send
from ansible_collections.sinch.numbers.plugins.module_utils._auth_voice import (
    same_key,
    voice_strategy,
)
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchBadAnswer, SinchError, SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._http import base_url, check_application_key, json_body
from ansible_collections.sinch.numbers.plugins.module_utils._outcome import Outcome
from ansible_collections.sinch.numbers.plugins.module_utils._phone import to_e164

DEFAULT_VOICE_API_URL = 'https://callingapi.sinch.com'
NUMBERS_PATH = '/v1/configuration/numbers'
CALLBACKS_PATH = '/v1/configuration/callbacks/applications/'

# What to do about each Voice error code (A.5); replaces the legacy hints, which speak of instances.
_VOICE_HINTS = {
    40003: 'The key is not an application of this account: check application_key',
    40100: 'Check application_key and application_secret (SINCH_APPLICATION_KEY, SINCH_APPLICATION_SECRET)',
    40101: "The x-timestamp header was refused: the controller's clock must be close to UTC",
    40102: 'The signature was refused: check application_secret (the Base64 text of the dashboard, Voice > Apps)',
    40108: 'Check application_key and application_secret (SINCH_APPLICATION_KEY, SINCH_APPLICATION_SECRET)',
    40301: 'Sinch refused the authorization scheme: try voice_auth_method=signed',
}


class VoiceClient:
    """The configuration calls of one Voice application (the key and secret given)."""

    def __init__(self, options, transport):
        self.transport = transport
        missing = [name for name in ('application_key', 'application_secret') if not options.get(name)]
        if missing:
            raise SinchInputError('%s required for the Voice API (options or SINCH_%s).' % (
                ' and '.join(missing) + (' is' if len(missing) == 1 else ' are'), '/SINCH_'.join(m.upper() for m in missing)))
        self.application_key = check_application_key(options.get('application_key'))
        self.strategy = voice_strategy(self.application_key, options.get('application_secret'),
                                       options.get('voice_auth_method') or 'signed')
        self.base_url = base_url(options.get('voice_api_url'), 'voice_api_url', DEFAULT_VOICE_API_URL)

    def request(self, method, path, payload=None, operation=None, idempotent=None):
        """One request; the decoded JSON answer of a read, None for a write (its body is empty, A.3.2)."""
        operation = '%s (%s %s)' % (operation, method, path)
        try:
            answer = send(self.transport, self.strategy, method, self.base_url + path, body=json_body(payload),
                          operation=operation, idempotent=idempotent)
        except SinchError as error:
            if isinstance(error.code, int) and error.code in _VOICE_HINTS:
                error.add_context(_VOICE_HINTS[error.code], replace_hint=True)
            raise
        if method != 'GET':
            return None
        try:
            return answer.json()
        except ValueError:
            raise SinchBadAnswer('the answer is not JSON', status=answer.status, operation=operation) from None

    def list_numbers(self):
        """Every number of the account: ``[{"number", "capability", "applicationkey"?}]`` (A.3.1), shape checked."""
        operation = 'list the numbers of the account'
        page = self.request('GET', NUMBERS_PATH, operation=operation)
        numbers = page.get('numbers') if isinstance(page, dict) else None
        if not isinstance(numbers, list) or not all(isinstance(n, dict) and isinstance(n.get('number'), str) for n in numbers):
            raise SinchBadAnswer('expected {"numbers": [{"number": ...}, ...]}, got %.100r' % (page,),
                                 operation='%s (GET %s)' % (operation, NUMBERS_PATH))
        return numbers

    def assign_numbers(self, numbers, capability=None):
        """Assign ``numbers`` (E.164) to this application (moves them from another one). Same result if sent twice."""
        payload = {'numbers': list(numbers), 'applicationkey': self.application_key}
        if capability:
            payload['capability'] = capability
        self.request('POST', NUMBERS_PATH, payload, idempotent=True,
                     operation='assign %s to application %s' % (', '.join(numbers), self.application_key))

    def unassign_number(self, number, capability=None):
        """Un-assign one number from this application (DELETE with a body, A.3.3).

        The key goes under both spellings the sources give, ``applicationkey`` and ``applicationKey`` (Conflicts 3),
        so a service reading either finds it.
        """
        payload = {'number': number, 'applicationkey': self.application_key, 'applicationKey': self.application_key}
        if capability:
            payload['capability'] = capability
        self.request('DELETE', NUMBERS_PATH, payload,
                     operation='unassign %s from application %s' % (number, self.application_key))

    def _callbacks_path(self):
        return CALLBACKS_PATH + quote(self.application_key, safe='')

    def get_callback_urls(self):
        """``{"primary": ..., "fallback": ...}`` with only the configured ones (A.3.4)."""
        answer = self.request('GET', self._callbacks_path(), operation='read the callback URLs of application %s' % self.application_key)
        urls = answer.get('url', {}) if isinstance(answer, dict) else None
        if not isinstance(urls, dict):
            raise SinchBadAnswer('expected {"url": {"primary": ..., "fallback": ...}}, got %.100r' % (answer,),
                                 operation='read the callback URLs (GET %s)' % self._callbacks_path())
        return dict((name, urls[name]) for name in ('primary', 'fallback') if urls.get(name))

    def update_callback_urls(self, urls):
        """Set the callback URLs given (A.3.5)."""
        self.request('POST', self._callbacks_path(), {'url': urls}, idempotent=True,
                     operation='update the callback URLs of application %s' % self.application_key)


def number_record(raw):
    """A listed number in the collection's shape: ``number``, ``e164``, ``capability``, ``application_key``."""
    return {
        'number': raw['number'],
        'e164': to_e164(raw['number'], 'number'),
        'capability': raw.get('capability'),
        'application_key': raw.get('applicationkey') or None,
    }


def voice_app_info(client):
    """What ``sinch_voice_app_info`` returns: the account's numbers and the application's callback URLs."""
    numbers = [number_record(raw) for raw in client.list_numbers()]
    return dict(application_key=client.application_key, numbers=numbers, callback_urls=_urls(client.get_callback_urls()))


def _urls(urls):
    return dict(primary=urls.get('primary'), fallback=urls.get('fallback'))


def _parse_numbers(values):
    found = []
    for value in values:
        number = to_e164(value, 'numbers')
        if number not in found:
            found.append(number)
    return found


def plan_voice_numbers(client, records, numbers, state, exclusive, allow_reassign):
    """(current, target) E.164 sets of the application's numbers; :class:`SinchInputError` before any write."""
    key = client.application_key
    by_number = dict((record['e164'], record) for record in records)
    current = set(record['e164'] for record in records if same_key(record['application_key'], key))
    if numbers is None:
        return current, set(current)
    wanted = _parse_numbers(numbers)
    if state == 'absent':
        return current, current - set(wanted)
    for number in wanted:
        record = by_number.get(number)
        if record is None:
            raise SinchInputError('numbers: %s is not a number of the account (GET %s does not list it); rent it first '
                                  'or remove it from numbers.' % (number, NUMBERS_PATH))
        owner = record['application_key']
        if owner and not same_key(owner, key) and not allow_reassign:
            raise SinchInputError('numbers: %s is assigned to application %s; set allow_reassign=true to move it to %s, '
                                  'or remove it from numbers.' % (number, owner, key))
    return current, set(wanted) if exclusive else current | set(wanted)


def plan_callback_urls(current, wanted):
    """The URLs to send, or None when nothing changes. Only the URLs given are managed.

    Conflicts 12: whether a POST without ``fallback`` clears it is undocumented, so a change sends both current
    and wanted URLs, and nothing configured is cleared by accident.
    """
    if not wanted:
        return None
    given = dict((name, value) for name, value in wanted.items() if value is not None)
    if all(current.get(name) == value for name, value in given.items()):
        return None
    return dict(current, **given)


def ensure_voice_app(client, numbers=None, state='present', exclusive=False, allow_reassign=False, callback_urls=None,
                     check_mode=False):
    """Read, plan and (unless ``check_mode``) write one application's numbers and callback URLs; an :class:`Outcome`."""
    if state == 'absent' and exclusive:
        raise SinchInputError('exclusive: works with state=present only (the list is then the whole set).')
    if numbers is None and (exclusive or state == 'absent'):
        raise SinchInputError('numbers: give the numbers %s (numbers=[] with exclusive=true un-assigns them all).'
                              % ('to un-assign' if state == 'absent' else 'that are the whole set'))
    for name, value in (callback_urls or {}).items():
        if value is not None and (not isinstance(value, str) or not value.startswith(('http://', 'https://'))):
            raise SinchInputError('callback_urls.%s: give an http:// or https:// URL.' % name)
    if numbers is not None:
        _parse_numbers(numbers)  # refuse a bad number before any request
    records = [number_record(raw) for raw in client.list_numbers()]
    current, target = plan_voice_numbers(client, records, numbers, state, exclusive, allow_reassign)
    added, removed = sorted(target - current), sorted(current - target)
    urls_before = client.get_callback_urls()
    urls_sent = plan_callback_urls(urls_before, callback_urls)
    capability = dict((record['e164'], record['capability']) for record in records)
    if not check_mode:
        # One POST per capability (the account lists one for each number; it is sent with it).
        for listed in sorted(set(capability.get(number) or '' for number in added)):
            client.assign_numbers([number for number in added if (capability.get(number) or '') == listed], listed or None)
        for number in removed:
            client.unassign_number(number, capability.get(number))
        if urls_sent:
            client.update_callback_urls(urls_sent)
    urls_after = urls_sent or urls_before
    result = dict(application_key=client.application_key, numbers=sorted(target), added=added, removed=removed,
                  callback_urls=_urls(urls_after))
    diff = dict(before=dict(numbers=sorted(current), callback_urls=_urls(urls_before)),
                after=dict(numbers=sorted(target), callback_urls=_urls(urls_after)))
    return Outcome(bool(added or removed or urls_sent), result, diff)
