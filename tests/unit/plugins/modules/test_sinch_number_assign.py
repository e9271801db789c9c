# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""sinch_number_assign at the HTTP boundary: set arithmetic, the writes chosen, validation before any write."""

from __future__ import annotations

import contextlib

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils import _session_cache
from ansible_collections.sinch.numbers.plugins.modules import sinch_number_assign

CONNECTION = dict(instance_id='inst-1', instance_secret='bRo76GRddEyetgJDTgkLHA==', organisation_id='8888123',
                  portal_api_url='https://portal.example')
APP = 'app-1'
APP_NUMBERS = 'https://portal.example/v1/applications/key/app-1/numbers'
ORG_NUMBERS = 'https://portal.example/v1/organisations/id/8888123/numbers'


def number(value, capabilities=('voice',), app=None, group_id=13):
    raw = {'number': value, 'groupId': group_id, 'capabilities': list(capabilities), 'countryId': 'US', 'city': 'X',
           'country': 'US', 'areaCode': '415', 'cost': {'amount': 2.0, 'currencyId': 'USD'}}
    if app:
        raw['applicationKey'] = app
    return raw


ORG = [
    number(14155550100, app=APP), number(14155550101, app=APP), number(14155550102),
    number(14155550103, ['sms'], app='app-3'), number(14155550104, ['voice', 'sms'], app='app-2'),
    number(14155550105), number(15045550100, ['sms'], group_id=75), number(442055500100, group_id=2),
    number(14155550106, ['sms'], app=APP),
]
MINE = [raw for raw in ORG if raw.get('applicationKey') == APP]


def assign(run, check_mode=False, **args):
    return run(sinch_number_assign.main, dict(CONNECTION, application_key=APP, capability='voice', **args),
               check_mode=check_mode, diff=True)


def writes(recorder):
    """The writes sent after the two reads, as (method, path tail, body)."""
    reads = [(request.method, request.url) for request in recorder.calls[:2]]
    assert reads == [('GET', APP_NUMBERS), ('GET', ORG_NUMBERS)]
    return [(request.method, request.url[len(APP_NUMBERS):], recorder.json_body(index + 2) if request.body else None)
            for index, request in enumerate(recorder.calls[2:])]


def script(recorder, answers=0):
    """The two reads, then ``answers`` empty write answers (a PUT's body is not read)."""
    recorder.add(200, MINE).add(200, ORG)
    recorder.script.extend([(204, None, {})] * answers)


@pytest.mark.parametrize('args, sent, numbers, added, removed', [
    # present: the PUT carries the union, since it overwrites.
    (dict(numbers=[14155550102]), [('PUT', '/voice', {'numbers': [14155550100, 14155550101, 14155550102]})],
     ['+14155550100', '+14155550101', '+14155550102'], ['+14155550102'], []),
    (dict(numbers=['+14155550102', '14155550102', 14155550105]),
     [('PUT', '/voice', {'numbers': [14155550100, 14155550101, 14155550102, 14155550105]})],
     ['+14155550100', '+14155550101', '+14155550102', '+14155550105'], ['+14155550102', '+14155550105'], []),
    (dict(numbers=['+14155550100']), [], ['+14155550100', '+14155550101'], [], []),
    # exclusive with an addition: one PUT of exactly the wanted set.
    (dict(numbers=[14155550102], exclusive=True), [('PUT', '/voice', {'numbers': [14155550102]})],
     ['+14155550102'], ['+14155550102'], ['+14155550100', '+14155550101']),
    # removals alone: one DELETE per number, never a PUT of an empty list.
    (dict(numbers=[14155550100], exclusive=True), [('DELETE', '/14155550101', None)],
     ['+14155550100'], [], ['+14155550101']),
    (dict(numbers=[], exclusive=True), [('DELETE', '/14155550100', None), ('DELETE', '/14155550101', None)],
     [], [], ['+14155550100', '+14155550101']),
    (dict(numbers=[], exclusive=False), [], ['+14155550100', '+14155550101'], [], []),
    # absent: only this application's numbers are removed; others and idle ones are left alone.
    (dict(numbers=['+14155550101', 14155550104, 14155550102], state='absent'), [('DELETE', '/14155550101', None)],
     ['+14155550100'], [], ['+14155550101']),
    (dict(numbers=[14155550104], state='absent'), [], ['+14155550100', '+14155550101'], [], []),
    # count: lowest free numbers with the capability, from the group when given.
    (dict(count=3), [('PUT', '/voice', {'numbers': [14155550100, 14155550101, 14155550102]})],
     ['+14155550100', '+14155550101', '+14155550102'], ['+14155550102'], []),
    (dict(count=3, group_id=2), [('PUT', '/voice', {'numbers': [14155550100, 14155550101, 442055500100]})],
     ['+14155550100', '+14155550101', '+442055500100'], ['+442055500100'], []),
    (dict(count=2), [], ['+14155550100', '+14155550101'], [], []),
    (dict(count=1), [], ['+14155550100', '+14155550101'], [], []),
    (dict(count=1, exclusive=True), [('DELETE', '/14155550101', None)], ['+14155550100'], [], ['+14155550101']),
    (dict(count=0, exclusive=True), [('DELETE', '/14155550100', None), ('DELETE', '/14155550101', None)],
     [], [], ['+14155550100', '+14155550101']),
    # a number of another application moves only when allowed.
    (dict(numbers=[14155550104], allow_reassign=True),
     [('PUT', '/voice', {'numbers': [14155550100, 14155550101, 14155550104]})],
     ['+14155550100', '+14155550101', '+14155550104'], ['+14155550104'], []),
])
def test_set_arithmetic_and_writes(run_module, recorder, args, sent, numbers, added, removed):
    script(recorder, answers=len(sent))
    result = assign(run_module, **args)
    assert writes(recorder) == sent
    assert (result['numbers'], result['added'], result['removed']) == (numbers, added, removed)
    assert result['changed'] is bool(sent)
    assert result['diff'] == {'before': {'numbers': ['+14155550100', '+14155550101']}, 'after': {'numbers': numbers}}


@pytest.mark.parametrize('args', [dict(numbers=[14155550102], exclusive=True), dict(count=4), dict(numbers=[], exclusive=True)])
def test_check_mode_writes_nothing(run_module, recorder, args):
    script(recorder)
    result = assign(run_module, check_mode=True, **args)
    assert writes(recorder) == []
    assert result['changed'] is True and (result['added'] or result['removed'])


@pytest.mark.parametrize('args, message', [
    (dict(numbers=[14155559999]), 'numbers: +14155559999 is not rented by the organisation'),
    (dict(numbers=['+14155550103']), 'numbers: +14155550103 has no voice capability (it has: sms)'),
    (dict(numbers=[14155550102, '14155550104']),
     'numbers: +14155550104 is assigned to application app-2; set allow_reassign=true to move it to app-1'),
    (dict(count=6), 'count: application app-1 has 2 voice number(s) and needs 4 more, but the organisation has only '
                    '3 free voice number(s).'),
    (dict(count=4, group_id=75), 'needs 2 more, but the organisation has only 0 free voice number(s) of group 75.'),
])
@pytest.mark.parametrize('check_mode', [False, True])
def test_refused_after_reading(run_module, recorder, args, message, check_mode):
    script(recorder)
    result = assign(run_module, check_mode=check_mode, **args)
    assert result['failed'] is True and message in result['msg']
    assert writes(recorder) == []


@pytest.mark.parametrize('args, message', [
    (dict(numbers=['not a number']), "numbers: 'not a number' is not a phone number in E.164 form"),
    (dict(numbers=[True]), 'numbers: True is not a phone number'),
    (dict(numbers=[1], count=1), 'parameters are mutually exclusive: numbers|count'),
    (dict(), 'one of the following is required: numbers, count'),
    (dict(numbers=[14155550100], group_id=13), 'missing parameter(s) required by \'group_id\': count'),
    (dict(count=1, state='absent'), 'count: works with state=present only'),
    (dict(numbers=[14155550100], state='absent', exclusive=True), 'exclusive: works with state=present only'),
    (dict(count=-1), 'count: must be 0 or more'),
])
def test_bad_input_is_refused_before_any_request(run_module, recorder, args, message):
    result = assign(run_module, **args)
    assert result['failed'] is True and message in result['msg']
    assert recorder.calls == []


@pytest.mark.parametrize('check_mode', [False, True])
def test_unknown_application(run_module, recorder, check_mode):
    recorder.add(404, {'errorCode': 40400, 'message': "Application with the key app-1 wasn't found."})
    result = assign(run_module, check_mode=check_mode, numbers=[14155550102])
    assert result['failed'] is True and result['error']['code'] == 40400
    assert "Application with the key app-1 wasn't found. [40400 ResourceNotFound]. Check application_key" in result['msg']
    assert len(recorder.calls) == 1


def test_absent_warns_about_numbers_not_rented(run_module, recorder):
    script(recorder)
    result = assign(run_module, numbers=[14155559999], state='absent')
    assert result['changed'] is False
    assert 'numbers: +14155559999 not rented by the organisation; nothing to remove.' in str(result['warnings'])


def test_read_pick_write_under_the_organisation_lock(run_module, recorder, monkeypatch):
    held = []

    @contextlib.contextmanager
    def lock(cache, key):
        held.append(('enter', len(recorder.calls)))
        yield
        held.append(('exit', len(recorder.calls)))

    monkeypatch.setattr(_session_cache.SessionCache, 'lock', lock)
    script(recorder, answers=1)
    assign(run_module, count=3)
    assert held == [('enter', 0), ('exit', 3)]
