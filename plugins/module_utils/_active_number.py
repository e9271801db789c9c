# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: what the Numbers API modules do (list, search, rent, configure, release).

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

import copy

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchConnectionError,
    SinchError,
    SinchInputError,
    SinchServerError,
    SinchTimeout,
)
from ansible_collections.sinch.numbers.plugins.module_utils._phone import active_number_record, snake, to_e164

CAPABILITIES = ('SMS', 'VOICE')

# The options sinch_active_number manages, and where each lives in an active number.
FIELDS = (
    ('display_name', ('displayName',)),
    ('sms_service_plan_id', ('smsConfiguration', 'servicePlanId')),
    ('sms_campaign_id', ('smsConfiguration', 'campaignId')),
    ('voice_app_id', ('voiceConfiguration', 'appId')),
    ('callback_url', ('callbackUrl',)),
)
OPTIONS = tuple(option for option, _path in FIELDS)

# A provisioning that has not finished yet already stands for the number's configuration: asking for
# its target again would only start it over.
PENDING = ('WAITING', 'IN_PROGRESS')
# The voice configuration type that an application id belongs to (FAX and EST use other ids).
RTC = 'RTC'
PAST = {'rent': 'rented', 'release': 'released'}


class NumberStateError(SinchError):
    """A number is not in a state the task can act on; the message says what to do."""

    def __str__(self):
        return self.message


def capabilities(values, option):
    """``values`` upper-cased (``sms`` is ``SMS``); :class:`SinchInputError` naming ``option`` for others."""
    if not values:
        return None
    result = []
    for value in values:
        name = str(value).strip().upper()
        if name not in CAPABILITIES:
            raise SinchInputError('%s: %r is not a capability; use SMS or VOICE (any case).' % (option, value))
        if name not in result:
            result.append(name)
    return result


def check_capabilities(raw, wanted):
    """Refuse SMS settings for a number without SMS, and a voice app for one without voice, before any write.

    ``raw`` is the active or available number; ``wanted`` maps options to values (``''`` clears, which is always fine).
    """
    has = set(raw.get('capability') or [])
    for option, _path in FIELDS:
        needed = 'SMS' if option.startswith('sms_') else 'VOICE' if option.startswith('voice_') else None
        if needed and wanted.get(option) and needed not in has:
            raise SinchInputError('%s: %s has no %s capability (it has: %s), so it cannot be set; leave %s out for this number.'
                                  % (option, raw.get('phoneNumber'), needed, ', '.join(sorted(has)) or 'none', option))


def _region(value):
    return value.strip().upper() if value else None


# Info --------------------------------------------------------------------------------------


def active_numbers(client, params):
    """The active numbers the info module returns: one (``phone_number``) or all that pass the filters."""
    if params.get('phone_number') is not None:
        raw = client.get_active_number(to_e164(params['phone_number']))
        return [active_number_record(raw)] if raw else []
    wanted = capabilities(params.get('capability'), 'capability')
    return [active_number_record(raw) for raw in client.iter_active_numbers(
        region_code=_region(params.get('region_code')), number_type=params.get('type'), capabilities=wanted,
        pattern=params.get('number_pattern'), search_pattern=params.get('search_pattern'))]


def available_numbers(client, params):
    """``(numbers, regions)`` for the available-number info module; regions is None unless asked for."""
    if params.get('size') is not None and params['size'] < 1:
        raise SinchInputError('size: %s is not a number of results; give 1 or more.' % params['size'])
    wanted = capabilities(params.get('capabilities'), 'capabilities')
    numbers = []
    if params.get('region_code'):
        numbers = [active_number_record(raw) for raw in client.list_available_numbers(
            _region(params['region_code']), params['type'], capabilities=wanted, pattern=params.get('number_pattern'),
            search_pattern=params.get('search_pattern'), size=params.get('size'))]
    regions = None
    if params.get('regions'):
        types = [params['type']] if params.get('type') else None
        regions = snake(client.list_available_regions(types))
    return numbers, regions


# Configuration of one number ---------------------------------------------------------------


def _value(raw, path):
    for key in path:
        raw = raw.get(key) if isinstance(raw, dict) else None
    return raw if raw is not None else ''


def configuration(raw):
    """The managed fields of an active number (``''`` when unset), pending provisioning counted as done.

    Also ``voice_type`` (``RTC``, ``FAX``, ``EST`` or ``''``), which decides whether an app id applies.
    """
    current = dict((option, _value(raw, path)) for option, path in FIELDS)
    current['voice_type'] = _value(raw, ('voiceConfiguration', 'type'))
    sms = _value(raw, ('smsConfiguration', 'scheduledProvisioning')) or {}
    if sms.get('status') in PENDING:
        current['sms_service_plan_id'] = sms.get('servicePlanId') or ''
        current['sms_campaign_id'] = sms.get('campaignId') or ''
    voice = _value(raw, ('voiceConfiguration', 'scheduledVoiceProvisioning')) or {}
    if voice.get('status') in PENDING:
        current['voice_app_id'] = voice.get('appId') or ''
        current['voice_type'] = voice.get('type') or current['voice_type']
    return current


def differences(raw, wanted):
    """The options of ``wanted`` (option -> value, None = leave alone) that active number ``raw`` does not have yet.

    An app id given for a number set up for FAX or EST differs even when equal: it means "voice through this app".
    """
    current = configuration(raw)
    found = []
    for option in OPTIONS:
        value = wanted.get(option)
        if value is None:
            continue
        if value != current[option] or (option == 'voice_app_id' and value and current['voice_type'] not in (RTC, '')):
            found.append(option)
    return found


def update_body(raw, wanted):
    """The PATCH body that brings active number ``raw`` to ``wanted`` (option -> value, None = leave alone).

    Only what differs is sent. A configuration block is sent whole: when one of its fields changes the
    other keeps its current value, so the PATCH clears nothing by accident.
    """
    changed = differences(raw, wanted)
    current = configuration(raw)
    body = {}
    if 'display_name' in changed:
        body['displayName'] = wanted['display_name']
    if 'sms_service_plan_id' in changed or 'sms_campaign_id' in changed:
        body['smsConfiguration'] = dict(
            (path[1], current[option] if wanted.get(option) is None else wanted[option])
            for option, path in FIELDS if path[0] == 'smsConfiguration')
    if 'voice_app_id' in changed:
        body['voiceConfiguration'] = {'type': RTC, 'appId': wanted['voice_app_id']}
    if 'callback_url' in changed:
        body['callbackUrl'] = wanted['callback_url']
    return body


def rent_body(wanted):
    """The ``:rent`` body carrying the wanted configuration (empty values are a new number's defaults)."""
    body = {}
    sms = dict((path[1], wanted[option]) for option, path in FIELDS
               if path[0] == 'smsConfiguration' and wanted.get(option))
    if sms:
        body['smsConfiguration'] = sms
    if wanted.get('voice_app_id'):
        body['voiceConfiguration'] = {'type': RTC, 'appId': wanted['voice_app_id']}
    if wanted.get('callback_url'):
        body['callbackUrl'] = wanted['callback_url']
    return body


def _merged(raw, body):
    """``raw`` as it would be after PATCHing ``body`` (check mode's prediction)."""
    result = copy.deepcopy(raw)
    for key, value in body.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key].update(value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def _rented(available, project_id, wanted):
    """An available number as it would be once rented with ``wanted`` (check mode's prediction)."""
    raw = dict(
        phoneNumber=available.get('phoneNumber'), projectId=project_id, displayName='',
        regionCode=available.get('regionCode'), type=available.get('type'),
        capability=list(available.get('capability') or []), money=copy.deepcopy(available.get('monthlyPrice')),
        paymentIntervalMonths=available.get('paymentIntervalMonths'),
        smsConfiguration={'servicePlanId': '', 'campaignId': ''}, voiceConfiguration={'type': RTC, 'appId': ''},
        callbackUrl='',
    )
    return _merged(raw, dict(rent_body(wanted), **({'displayName': wanted['display_name']}
                                                   if wanted.get('display_name') else {})))


def view(e164, state, raw=None):
    """What the diff shows of a number: its state and the managed fields."""
    shown = {'phone_number': e164, 'state': state}
    if raw is not None:
        current = configuration(raw)
        shown.update((option, current[option]) for option in OPTIONS)
    return shown


def _price(money):
    if not isinstance(money, dict) or money.get('amount') is None:
        return 'an unknown price'
    return '%s %s' % (money.get('currencyCode') or '', money.get('amount'))


def provisioning_warnings(raw):
    """Warnings for a ``FAILED`` SMS or voice provisioning of an active number, with Sinch's error codes."""
    warnings = []
    e164 = raw.get('phoneNumber')
    blocks = (
        ('SMS', 'smsConfiguration', 'scheduledProvisioning', ('servicePlanId', 'campaignId')),
        ('voice', 'voiceConfiguration', 'scheduledVoiceProvisioning', ('type', 'appId')),
    )
    for label, block, key, ids in blocks:
        scheduled = _value(raw, (block, key)) or {}
        if scheduled.get('status') != 'FAILED':
            continue
        target = ', '.join('%s %s' % (name, scheduled[name]) for name in ids if scheduled.get(name))
        codes = ', '.join(str(code) for code in scheduled.get('errorCodes') or []) or 'none given'
        in_effect = ', '.join('%s %r' % (name, _value(raw, (block, name))) for name in ids)
        warnings.append('%s: the %s provisioning%s FAILED (at %s), error codes: %s. Still in effect: %s. Fix the cause '
                        'in Sinch, then re-run to provision again.'
                        % (e164, label, ' of ' + target if target else '', scheduled.get('lastUpdatedTime') or 'an unknown time',
                           codes, in_effect))
    return warnings


class ActiveNumber:
    """The desired state of one number in the project (``sinch_active_number``).

    ``warn`` receives warnings. ``run()`` returns the module result or raises a ``SinchError``.
    """

    def __init__(self, client, params, check_mode=False, warn=None):
        self.client = client
        self.e164 = to_e164(params['phone_number'])
        self.state = params.get('state') or 'present'
        self.wanted = dict((option, params.get(option)) for option in OPTIONS)
        self.check_mode = check_mode
        self.warn = warn or (lambda message: None)

    @property
    def project(self):
        return self.client.project_id

    def run(self):
        """Read the number, act if it differs from the wanted state, return ``changed``, ``number``, ``diff``, ``msg``."""
        before = self.client.get_active_number(self.e164)
        if self.state == 'absent':
            return self._absent(before)
        if before is None:
            result = self._rent()
        else:
            check_capabilities(before, self.wanted)
            result = self._update(before, view(self.e164, 'active', before), changed=False, done=[])
        # Check mode's record is a prediction: what failed is read from the number as Sinch has it.
        for warning in provisioning_warnings(before if self.check_mode and before is not None else result['raw']):
            self.warn(warning)
        result['number'] = active_number_record(result.pop('raw'))
        return result

    # present -------------------------------------------------------------------------------

    def _rent(self):
        available = self.client.get_available_number(self.e164)
        if available is None:
            raise NumberStateError(
                'phone_number: %s is neither active in project %s nor available to rent: check the number, or search '
                'with sinch.numbers.sinch_available_number_info.' % (self.e164, self.project))
        check_capabilities(available, self.wanted)
        before = view(self.e164, 'available')
        if available.get('supportingDocumentationRequired'):
            self.warn('%s needs supporting documentation (e.g. proof of address) before Sinch completes the rental: '
                      'provide it in the Sinch dashboard.' % self.e164)
        cost = 'setup %s, then %s every %s month(s)' % (
            _price(available.get('setupPrice')), _price(available.get('monthlyPrice')),
            available.get('paymentIntervalMonths') or 1)
        if self.check_mode:
            raw = _rented(available, self.project, self.wanted)
            return dict(changed=True, raw=raw, diff=dict(before=before, after=view(self.e164, 'active', raw)),
                        msg='Check mode: would rent %s (%s).' % (self.e164, cost))
        try:
            raw = self.client.rent_number(self.e164, rent_body(self.wanted))
        except (SinchConnectionError, SinchServerError) as error:
            raw = self._after_lost_answer(error, 'rent', want_active=True)
        return self._update(raw, before, changed=True, done=['rented (%s)' % cost])

    def _update(self, raw, before, changed, done):
        fields = differences(raw, self.wanted)
        if fields:
            changed = True
            done.append('updated %s' % ', '.join(fields))
            body = update_body(raw, self.wanted)
            if self.check_mode:
                raw = _merged(raw, body)
            else:
                raw = self.client.update_active_number(self.e164, body) or _merged(raw, body)
        after = view(self.e164, 'active', raw)
        if not done:
            msg = '%s is active in project %s as wanted.' % (self.e164, self.project)
        elif self.check_mode:
            msg = 'Check mode: %s would have %s.' % (self.e164, ' and '.join(done))
        else:
            msg = '%s: %s.' % (self.e164, ' and '.join(done))
        return dict(changed=changed, raw=raw, diff=dict(before=before, after=after), msg=msg)

    # absent --------------------------------------------------------------------------------

    def _absent(self, before):
        if before is None:
            shown = view(self.e164, 'absent')
            return dict(changed=False, number=None, diff=dict(before=shown, after=shown),
                        msg='%s is not active in project %s: nothing to release.' % (self.e164, self.project))
        diff = dict(before=view(self.e164, 'active', before), after=view(self.e164, 'released'))
        record = active_number_record(before)
        if self.check_mode:
            self.warn('Check mode: %s would be released from project %s. Releasing gives the number up for good: it '
                      'cannot be taken back, and renting it again later is not guaranteed.' % (self.e164, self.project))
            return dict(changed=True, number=record, diff=diff,
                        msg='Check mode: would release %s from project %s, giving it up for good.' % (self.e164, self.project))
        try:
            self.client.release_number(self.e164)
        except (SinchConnectionError, SinchServerError) as error:
            self._after_lost_answer(error, 'release', want_active=False)
        return dict(changed=True, number=record, diff=diff,
                    msg='Released %s from project %s: the number is given up for good.' % (self.e164, self.project))

    # an answer that never came -------------------------------------------------------------

    def _after_lost_answer(self, error, action, want_active):
        """After a rent or release whose answer was lost, the number's state says whether it happened.

        Returns the active number when it is (rent) / is not (release) active now; raises otherwise.
        """
        said = str(error).rstrip('.')
        try:
            now = self.client.get_active_number(self.e164)
        except SinchError as reread:
            raise NumberStateError(
                'Could not %s %s: %s. Reading the number afterwards failed too (%s), so whether it was %s is unknown: '
                'check with sinch.numbers.sinch_active_number_info before re-running.'
                % (action, self.e164, said, str(reread).rstrip('.'), PAST[action]),
                status=error.status, code=error.code, operation=error.operation, details=error.details)
        if (now is not None) == want_active:
            self.warn('The answer to the %s of %s was lost (%s), but reading the number shows it %s project %s: it '
                      'was %s.' % (action, self.e164, said, 'is active in' if want_active else 'is no longer in',
                                   self.project, PAST[action]))
            return now
        where = 'is not active in' if want_active else 'is still active in'
        if isinstance(error, SinchTimeout):
            # Sinch may still be handling a request that timed out: the number read now proves nothing yet.
            raise NumberStateError(
                'Could not %s %s: %s. The number %s project %s when read right after, but Sinch may still complete a '
                '%s that timed out: check with sinch.numbers.sinch_active_number_info, or re-run the task, which reads '
                'the number before acting again.' % (action, self.e164, said, where, self.project, action),
                status=error.status, code=error.code, operation=error.operation, details=error.details)
        raise NumberStateError(
            'Could not %s %s: %s. The number %s project %s, so nothing happened; re-running the task is safe.'
            % (action, self.e164, said, where, self.project),
            status=error.status, code=error.code, operation=error.operation, details=error.details)
