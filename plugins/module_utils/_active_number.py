# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: what the Numbers API modules do (list, search, rent, configure, release).

Only this collection may import this file; it is not a public API.
"""

from __future__ import annotations

import copy
import math
import time

from ansible_collections.sinch.numbers.plugins.module_utils._errors import (
    SinchError,
    SinchForbidden,
    SinchInputError,
)
from ansible_collections.sinch.numbers.plugins.module_utils._outcome import Outcome
from ansible_collections.sinch.numbers.plugins.module_utils._rental import (
    numbers_purchase_plan,
    release_specific,
    rent_specific,
    validate_ceiling,
)
from ansible_collections.sinch.numbers.plugins.module_utils._phone import active_number_record, snake, to_e164

CAPABILITIES = ('SMS', 'VOICE')

# The options sinch_active_number manages, and where each lives in an active number.
FIELDS = (
    ('display_name', ('displayName',)),
    ('sms_service_plan_id', ('smsConfiguration', 'servicePlanId')),
    ('sms_campaign_id', ('smsConfiguration', 'campaignId')),
    ('voice_type', ('voiceConfiguration', 'type')),
    ('voice_app_id', ('voiceConfiguration', 'appId')),
    ('voice_trunk_id', ('voiceConfiguration', 'trunkId')),
    ('voice_service_id', ('voiceConfiguration', 'serviceId')),
    ('callback_url', ('callbackUrl',)),
)
OPTIONS = tuple(option for option, _path in FIELDS)
SMS_OPTIONS = ('sms_service_plan_id', 'sms_campaign_id')

# A voice configuration is one of three types, each with its own id field (modern-apis.md B.5): RTC routes
# calls to a Voice API application, EST to an Elastic SIP trunk, FAX to a Fax API service. A missing type is RTC.
VOICE_ID_OPTIONS = {'RTC': 'voice_app_id', 'EST': 'voice_trunk_id', 'FAX': 'voice_service_id'}
VOICE_ID_KEYS = {'RTC': 'appId', 'EST': 'trunkId', 'FAX': 'serviceId'}
RTC = 'RTC'

# A provisioning that has not finished yet already stands for the number's configuration: asking for
# its target again would only start it over (B.4: WAITING, IN_PROGRESS; FAILED leaves the old value in effect).
PENDING = ('WAITING', 'IN_PROGRESS')
FAILED = 'FAILED'


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


def active_numbers(client, params, warn=None):
    """The active numbers the info module returns: one (``phone_number``) or all that pass the filters."""
    if params.get('phone_number') is not None:
        raw = client.get_active_number(to_e164(params['phone_number']))
        return [active_number_record(raw)] if raw else []
    wanted = capabilities(params.get('capability'), 'capability')
    return [active_number_record(raw) for raw in client.iter_active_numbers(
        region_code=_region(params.get('region_code')), number_type=params.get('type'), capabilities=wanted,
        pattern=params.get('number_pattern'), search_pattern=params.get('search_pattern'), warn=warn)]


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


def _voice(block):
    """``(type, {option: id})`` of a voice configuration or a scheduled one; only the id of its type counts."""
    voice_type = block.get('type') or RTC
    ids = dict((option, '') for option in VOICE_ID_OPTIONS.values())
    if voice_type in VOICE_ID_KEYS:
        ids[VOICE_ID_OPTIONS[voice_type]] = block.get(VOICE_ID_KEYS[voice_type]) or ''
    return voice_type, ids


def configuration(raw):
    """The managed fields of an active number (``''`` when unset), pending provisioning counted as done.

    A ``FAILED`` provisioning counts as not done: the value in effect stays (B.4, B.5).
    """
    current = dict((option, _value(raw, path)) for option, path in FIELDS if not option.startswith('voice_'))
    sms = _value(raw, ('smsConfiguration', 'scheduledProvisioning')) or {}
    if sms.get('status') in PENDING:
        current['sms_service_plan_id'] = sms.get('servicePlanId') or ''
        current['sms_campaign_id'] = sms.get('campaignId') or ''
    voice = _value(raw, ('voiceConfiguration',)) or {}
    scheduled = voice.get('scheduledVoiceProvisioning') or {}
    current['voice_type'], ids = _voice(scheduled if scheduled.get('status') in PENDING else voice)
    current.update(ids)
    return current


def wanted_voice(params):
    """``(type, id option, id, explicit)`` the task asks of the voice configuration, or None; checked before any request.

    The type follows from the id option given (``voice_app_id`` is RTC) unless ``voice_type`` says it, and then
    the id option must be the one of that type.
    """
    given = [option for option in ('voice_app_id', 'voice_trunk_id', 'voice_service_id') if params.get(option) is not None]
    voice_type = params.get('voice_type')
    if len(given) > 1:
        raise SinchInputError('%s: a number has one voice configuration; give only one of voice_app_id (RTC), '
                              'voice_trunk_id (EST) or voice_service_id (FAX).' % ' and '.join(given))
    if voice_type is None:
        if not given:
            return None
        voice_type = [name for name, option in VOICE_ID_OPTIONS.items() if option == given[0]][0]
        return voice_type, given[0], params[given[0]], False
    if voice_type not in VOICE_ID_OPTIONS:
        raise SinchInputError('voice_type: %r is not a voice configuration type; use RTC, EST or FAX.' % voice_type)
    option = VOICE_ID_OPTIONS[voice_type]
    if not given:
        raise SinchInputError('voice_type: %s needs %s (the id Sinch routes calls to); give it too.' % (voice_type, option))
    if given[0] != option:
        raise SinchInputError('%s: it belongs to voice_type %s, but voice_type is %s; give %s for %s.'
                              % (given[0], [n for n, o in VOICE_ID_OPTIONS.items() if o == given[0]][0], voice_type,
                                 option, voice_type))
    return voice_type, option, params[option], True


def differences(raw, wanted):
    """The options of ``wanted`` (option -> value, None = leave alone) that active number ``raw`` does not have yet.

    An empty id without ``voice_type`` detaches only when the number is of that type ("no app" is true of an EST
    number); an id of another type than the number's, or an explicit ``voice_type``, switches the type.
    """
    current = configuration(raw)
    found = [option for option in OPTIONS if not option.startswith('voice_')
             and wanted.get(option) is not None and wanted[option] != current[option]]
    voice = wanted_voice(wanted)
    if voice:
        voice_type, option, value, explicit = voice
        if value or explicit:
            differs = current['voice_type'] != voice_type or current[option] != value
        else:
            differs = current['voice_type'] == voice_type and current[option] != ''
        if differs:
            found.extend(name for name in ('voice_type', option) if name == option or current['voice_type'] != voice_type)
    return found


def sms_target(raw, wanted):
    """``(service plan, campaign)`` the number should end with; a campaign without a plan is refused before sending.

    B.4/B.6: ``servicePlanId`` is required in every ``smsConfiguration``, and a campaign (US 10DLC) rides on a plan.
    """
    current = configuration(raw)
    plan, campaign = (current[option] if wanted.get(option) is None else wanted[option] for option in SMS_OPTIONS)
    if campaign and not plan:
        if wanted.get('sms_service_plan_id') == '':
            raise SinchInputError('sms_service_plan_id: detaching the SMS service plan of %s leaves its campaign %s '
                                  'without a plan, which Sinch refuses; give sms_campaign_id: "" too.'
                                  % (raw.get('phoneNumber'), campaign))
        raise SinchInputError('sms_campaign_id: a campaign needs an SMS service plan and %s has none; give '
                              'sms_service_plan_id with sms_campaign_id.' % (raw.get('phoneNumber') or 'the number'))
    return plan, campaign


def update_bodies(raw, wanted):
    """The PATCH bodies, in order, that bring active number ``raw`` to ``wanted`` (option -> value, None = leave alone).

    Only what differs is sent. Moving to another SMS service plan or campaign takes two: Sinch wants the number
    unlinked (``""``) before it is linked to a new one (B.6), so the first PATCH unlinks and the second links.
    The SMS block is sent whole (``servicePlanId`` is required in it), so the PATCH clears nothing by accident.
    """
    changed = differences(raw, wanted)
    current = configuration(raw)
    first, second = {}, {}
    if 'display_name' in changed:
        first['displayName'] = wanted['display_name']
    if 'sms_service_plan_id' in changed or 'sms_campaign_id' in changed:
        plan, campaign = sms_target(raw, wanted)
        old_plan, old_campaign = current['sms_service_plan_id'], current['sms_campaign_id']
        if old_plan and plan and plan != old_plan:
            first['smsConfiguration'] = {'servicePlanId': '', 'campaignId': ''}
            second['smsConfiguration'] = {'servicePlanId': plan, 'campaignId': campaign}
        elif old_campaign and campaign and campaign != old_campaign:
            first['smsConfiguration'] = {'servicePlanId': plan, 'campaignId': ''}
            second['smsConfiguration'] = {'servicePlanId': plan, 'campaignId': campaign}
        else:
            first['smsConfiguration'] = {'servicePlanId': plan, 'campaignId': campaign}
    voice = wanted_voice(wanted)
    if voice and set(changed) & {'voice_type', voice[1]}:
        # Detaching sends "" (the unlink value B.4/B.6 document for the SMS ids, and what Sinch shows for an
        # absent id); the simulator also accepts null, which B.0 says overwrites a value.
        first['voiceConfiguration'] = {'type': voice[0], VOICE_ID_KEYS[voice[0]]: voice[2]}
    if 'callback_url' in changed:
        first['callbackUrl'] = wanted['callback_url']
    return [body for body in (first, second) if body]


def rent_body(wanted):
    """The ``:rent`` body carrying the wanted configuration (empty values are a new number's defaults)."""
    body = {}
    if wanted.get('sms_service_plan_id') or wanted.get('sms_campaign_id'):
        plan, campaign = sms_target({}, wanted)
        body['smsConfiguration'] = dict((key, value) for key, value in (('servicePlanId', plan), ('campaignId', campaign))
                                        if value)
    voice = wanted_voice(wanted)
    if voice and voice[2]:
        body['voiceConfiguration'] = {'type': voice[0], VOICE_ID_KEYS[voice[0]]: voice[2]}
    if wanted.get('callback_url'):
        body['callbackUrl'] = wanted['callback_url']
    return body


def _merged(raw, body):
    """``raw`` as it would be after PATCHing ``body`` (check mode's prediction; provisioning counted as done)."""
    result = copy.deepcopy(raw)
    for key, value in body.items():
        if key == 'voiceConfiguration':
            result[key] = dict(copy.deepcopy(value), lastUpdatedTime=None, scheduledVoiceProvisioning=None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key].update(value, scheduledProvisioning=None)
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


def _amount(money):
    """A Money amount as a float (Sinch sends it as a string, B.3), or None when there is none."""
    try:
        return float(money.get('amount'))
    except (AttributeError, TypeError, ValueError):
        return None


# Provisioning (B.4, B.5) ----------------------------------------------------------------------

_BLOCKS = (
    ('sms', 'SMS', 'smsConfiguration', 'scheduledProvisioning'),
    ('voice', 'voice', 'voiceConfiguration', 'scheduledVoiceProvisioning'),
)
LABELS = dict((name, label) for name, label, _block, _key in _BLOCKS)


def _target(name, scheduled):
    if name == 'sms':
        return {'service_plan_id': scheduled.get('servicePlanId') or '', 'campaign_id': scheduled.get('campaignId') or ''}
    voice_type, ids = _voice(scheduled)
    return {'voice_type': voice_type, VOICE_ID_OPTIONS.get(voice_type, 'voice_app_id'): ids.get(VOICE_ID_OPTIONS.get(voice_type), '')}


def _in_effect(name, raw):
    if name == 'sms':
        return {'service_plan_id': _value(raw, ('smsConfiguration', 'servicePlanId')),
                'campaign_id': _value(raw, ('smsConfiguration', 'campaignId'))}
    voice_type, ids = _voice(_value(raw, ('voiceConfiguration',)) or {})
    return {'voice_type': voice_type, VOICE_ID_OPTIONS.get(voice_type, 'voice_app_id'): ids.get(VOICE_ID_OPTIONS.get(voice_type), '')}


def provisioning(raw):
    """``{sms: ..., voice: ...}``: each scheduled provisioning with ``status``, ``target``, ``in_effect``,
    ``error_codes`` and ``last_updated_time``, or None when none is scheduled."""
    result = {}
    for name, _label, block, key in _BLOCKS:
        scheduled = _value(raw, (block, key)) or None
        result[name] = None if not scheduled else {
            'status': scheduled.get('status') or '',
            'target': _target(name, scheduled),
            'in_effect': _in_effect(name, raw),
            'error_codes': list(scheduled.get('errorCodes') or []),
            'last_updated_time': scheduled.get('lastUpdatedTime'),
        }
    return result


def pending(raw):
    """The blocks (``sms``, ``voice``) of ``raw`` whose provisioning is still under way."""
    return [name for name, _label, block, key in _BLOCKS if (_value(raw, (block, key)) or {}).get('status') in PENDING]


def _described(values):
    return ', '.join('%s %r' % item for item in sorted(values.items()))


def failure_text(raw, names=None):
    """A sentence per ``FAILED`` provisioning of ``raw`` (only blocks in ``names`` when given), with error codes."""
    texts = []
    state = provisioning(raw)
    for name, label, _block, _key in _BLOCKS:
        entry = state[name]
        if entry is None or entry['status'] != FAILED or (names is not None and name not in names):
            continue
        texts.append('the %s provisioning of %s FAILED (at %s) with error codes %s; still in effect: %s'
                     % (label, _described(entry['target']), entry['last_updated_time'] or 'an unknown time',
                        ', '.join(entry['error_codes']) or 'none given', _described(entry['in_effect'])))
    return texts


def failed_blocks_asked_again(raw, bodies):
    """The blocks (``sms``, ``voice``) whose FAILED provisioning the PATCH ``bodies`` ask for again."""
    state = provisioning(raw)
    asked = []
    for name, _label, block, _key in _BLOCKS:
        entry = state[name]
        sent = [body[block] for body in bodies if block in body]
        if entry is not None and entry['status'] == FAILED and sent and _target(name, sent[-1]) == entry['target']:
            asked.append(name)
    return asked


def _sleep(seconds):
    time.sleep(seconds)


class ActiveNumber:
    """The desired state of one number in the project (``sinch_active_number``).

    ``run()`` returns an :class:`Outcome` or raises a ``SinchError``. ``sleep`` and ``clock`` are for waiting.
    """

    def __init__(self, client, params, check_mode=False, sleep=None, clock=None):
        self.client = client
        self.e164 = to_e164(params['phone_number'])
        self.state = params.get('state') or 'present'
        self.wanted = dict((option, params.get(option)) for option in OPTIONS)
        self.check_mode = check_mode
        self.wait = bool(params.get('wait'))
        self.wait_timeout = params.get('wait_timeout') if params.get('wait_timeout') is not None else 300
        self.sleep = sleep or _sleep
        self.clock = clock or time.monotonic
        self.warnings = []
        # Bad input is refused before any request: the ceiling, the voice options, a campaign without a plan.
        self.ceiling = validate_ceiling(params.get('max_monthly_cost'))
        if self.wait_timeout < 1:
            raise SinchInputError('wait_timeout: %s is no number of seconds to wait; give 1 or more (default 300).'
                                  % self.wait_timeout)
        if self.state == 'present':
            wanted_voice(self.wanted)
            if self.wanted.get('sms_campaign_id') and self.wanted.get('sms_service_plan_id') == '':
                sms_target({'phoneNumber': self.e164}, self.wanted)
        self.max_monthly_cost = params.get('max_monthly_cost')

    @property
    def project(self):
        return self.client.project_id

    def run(self):
        """Read the number, act if it differs from the wanted state; the :class:`Outcome`.

        A FAILED provisioning fails the run that learns of it, once: a run that asks for the failed value again
        re-sends it (Sinch starts a new provisioning, so the next run does not see this failure again), and
        with ``wait`` the run that waited for it. One whose target the task does not ask for is only reported.
        """
        before = self.client.get_active_number(self.e164)
        if self.state == 'absent':
            return self._absent(before)
        if before is None:
            changed, raw, done, diff_before = self._rent()
        else:
            check_capabilities(before, self.wanted)
            changed, raw, done, diff_before = False, before, [], view(self.e164, 'active', before)
        changed, raw, old_failures, sent = self._update(raw, changed, done)
        result = dict(number=None, provisioning=None)
        if self.check_mode:
            self.warnings.extend('%s: %s; a real run sends it again.' % (self.e164, text) for text in old_failures)
        elif self.wait and pending(raw):
            waited_for = pending(raw)
            raw = self._wait_for(raw, changed, done)
            failed = failure_text(raw, waited_for)
            if failed:
                raise self._failed(failed, '', dict(result, changed=changed), raw)
            self.warnings.extend('%s: %s; sent again, and this time it was provisioned.' % (self.e164, text)
                                 for text in old_failures)
        elif old_failures:
            raise self._failed(old_failures, 'It was sent again (a new provisioning has started); re-run with wait: true '
                               'to see how it ends. ', dict(result, changed=changed), raw)
        elif failure_text(raw, sent):
            # Sinch's answer to what was just sent already says FAILED: this run is the one that learns of it.
            raise self._failed(failure_text(raw, sent), '', dict(result, changed=changed), raw)
        result.update(number=active_number_record(raw), provisioning=provisioning(raw), msg=self._message(done))
        return Outcome(changed, result, dict(before=diff_before, after=view(self.e164, 'active', raw)), self.warnings)

    def _failed(self, texts, what, result, raw):
        result.update(number=active_number_record(raw), provisioning=provisioning(raw))
        return NumberStateError('%s: %s. %sFix the cause in Sinch (see the error codes of scheduledProvisioning in the '
                                'Numbers API reference), then re-run the task to provision again.'
                                % (self.e164, '; '.join(texts), what)).with_partial_result(result)

    def _message(self, done):
        if not done:
            return '%s is active in project %s as wanted.' % (self.e164, self.project)
        if self.check_mode and done[0].startswith('rent '):
            return 'Check mode: would rent %s %s%s.' % (self.e164, done[0][len('rent '):], ''.join(
                ' and then %s' % step.replace('updated', 'update', 1) for step in done[1:]))
        if self.check_mode:
            return 'Check mode: %s would have %s.' % (self.e164, ' and '.join(done))
        return '%s: %s.' % (self.e164, ' and '.join(done))

    # present -------------------------------------------------------------------------------

    def _rent(self):
        available = self.client.get_available_number(self.e164)
        if available is None:
            raise NumberStateError(
                'phone_number: %s is neither active in project %s nor available to rent: check the number, or search '
                'with sinch.numbers.sinch_available_number_info.' % (self.e164, self.project))
        check_capabilities(available, self.wanted)
        monthly = available.get('monthlyPrice') or {}
        interval = available.get('paymentIntervalMonths') or 1
        cost = 'setup %s, then %s every %s month(s)' % (_price(available.get('setupPrice')), _price(monthly), interval)
        what = 'number %s (%s)' % (self.e164, cost)
        if _amount(monthly) is None:
            if not (self.ceiling is not None and math.isinf(self.ceiling)):
                raise NumberStateError('max_monthly_cost: Sinch gave no monthly price for %s (monthlyPrice: %r), so it '
                                       'cannot be held to the ceiling; nothing was rented. Give max_monthly_cost: .inf '
                                       'to rent it anyway.' % (self.e164, available.get('monthlyPrice')))
        else:
            # The money rule (PRODUCT.md), through the rental engine: before the rent, in check mode too.
            numbers_purchase_plan([(None, available)], self.max_monthly_cost, what)
        before = view(self.e164, 'available')
        if available.get('supportingDocumentationRequired'):
            self.warnings.append('%s needs supporting documentation (e.g. proof of address) before Sinch completes the '
                                 'rental: provide it in the Sinch dashboard.' % self.e164)
        if self.check_mode:
            return True, _rented(available, self.project, self.wanted), ['rent (%s)' % cost], before
        try:
            raw = rent_specific(self.client, self.e164, rent_body(self.wanted), self.warnings.append)
        except SinchForbidden as error:
            # B.12: a trial account's rent is refused with 403 PERMISSION_DENIED; Sinch's message says so.
            raise error.add_context('Sinch does not let this account rent %s (a trial account cannot rent numbers: '
                                    'upgrade it in the Sinch dashboard). Nothing was rented' % self.e164,
                                    replace_hint=True)
        return True, raw, ['rented (%s)' % cost], before

    def _update(self, raw, changed, done):
        """PATCH what differs; ``(changed, raw, texts of the FAILED provisionings asked for again, blocks sent)``.

        After a rent, ``raw`` is the rented number: the blocks the rent sent count as sent.
        """
        sent = [name for name, _label, block, _key in _BLOCKS if block in rent_body(self.wanted)] if changed else []
        if not differences(raw, self.wanted):
            return changed, raw, [], sent
        bodies = update_bodies(raw, self.wanted)
        old_failures = failure_text(raw, failed_blocks_asked_again(raw, bodies))
        done.append('updated %s' % ', '.join(differences(raw, self.wanted))
                    + (' (unlinked first, then linked: 2 requests)' if len(bodies) > 1 else ''))
        for body in bodies:
            if self.check_mode:
                raw = _merged(raw, body)
            else:
                raw = self.client.update_active_number(self.e164, body) or _merged(raw, body)
        sent.extend(name for name, _label, block, _key in _BLOCKS if any(block in body for body in bodies) and name not in sent)
        return True, raw, old_failures, sent

    def _wait_for(self, raw, changed, done):
        """Poll the number until no provisioning is WAITING or IN_PROGRESS, backing off from 1 s to 15 s."""
        deadline = self.clock() + self.wait_timeout
        delay = 1.0
        while pending(raw):
            left = deadline - self.clock()
            if left <= 0:
                state = provisioning(raw)
                statuses = sorted(set(entry['status'] for entry in state.values() if entry and entry['status'] in PENDING))
                error = NumberStateError(
                    '%s: the %s provisioning was still %s after wait_timeout (%s s). What was sent stands and is not '
                    'sent again by a re-run; re-run later, or raise wait_timeout.'
                    % (self.e164, ' and '.join(LABELS[name] for name in pending(raw)), '/'.join(statuses),
                       self.wait_timeout))
                raise error.with_partial_result(dict(changed=changed, number=active_number_record(raw), provisioning=state))
            self.sleep(min(delay, left))
            delay = min(delay * 2, 15.0)
            raw = self.client.get_active_number(self.e164) or raw
        return raw

    # absent --------------------------------------------------------------------------------

    def _absent(self, before):
        if before is None:
            shown = view(self.e164, 'absent')
            return Outcome(False, dict(number=None, msg='%s is not active in project %s: nothing to release.'
                                       % (self.e164, self.project)), dict(before=shown, after=shown), self.warnings)
        diff = dict(before=view(self.e164, 'active', before), after=view(self.e164, 'released'))
        record = active_number_record(before)
        if self.check_mode:
            self.warnings.append('Check mode: %s would be released from project %s. Releasing gives the number up for '
                                 'good: it cannot be taken back, and renting it again later is not guaranteed.'
                                 % (self.e164, self.project))
            return Outcome(True, dict(number=record, msg='Check mode: would release %s from project %s, giving it up for '
                                      'good.' % (self.e164, self.project)), diff, self.warnings)
        release_specific(self.client, self.e164, self.warnings.append)
        return Outcome(True, dict(number=record, msg='Released %s from project %s: the number is given up for good.'
                                  % (self.e164, self.project)), diff, self.warnings)
