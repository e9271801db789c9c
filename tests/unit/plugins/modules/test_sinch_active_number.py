# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import copy

import pytest
import requests

from ansible_collections.sinch.numbers.plugins.modules.sinch_active_number import main

BASE = 'https://numbers.example/v1/projects/proj-1'
CONNECTION = dict(project_id='proj-1', key_id='key-1', key_secret='very-secret', auth_method='basic',
                  numbers_api_url='https://numbers.example')
NUMBER = '+12025550102'
ACTIVE_URL = BASE + '/activeNumbers/%2B12025550102'
ACTIVE = {
    'phoneNumber': NUMBER, 'projectId': 'proj-1', 'displayName': 'Alerts', 'regionCode': 'US', 'type': 'LOCAL',
    'capability': ['SMS', 'VOICE'], 'money': {'currencyCode': 'USD', 'amount': '2.00'},
    'smsConfiguration': {'servicePlanId': 'plan-a', 'campaignId': 'camp-a', 'scheduledProvisioning': None},
    'voiceConfiguration': {'type': 'RTC', 'appId': 'app-a', 'lastUpdatedTime': None, 'scheduledVoiceProvisioning': None},
    'callbackUrl': 'https://hooks.example/a',
}
AVAILABLE = {'phoneNumber': '+12065550101', 'regionCode': 'US', 'type': 'LOCAL', 'capability': ['SMS', 'VOICE'],
             'setupPrice': {'currencyCode': 'USD', 'amount': '0.00'},
             'monthlyPrice': {'currencyCode': 'USD', 'amount': '2.00'}, 'paymentIntervalMonths': 1}
RENT_URL = BASE + '/availableNumbers/%2B12065550101:rent'
NOT_FOUND = {'error': {'code': 404, 'message': 'Number not found', 'status': 'NOT_FOUND', 'details': []}}
UNAVAILABLE = {'error': {'code': 503, 'message': 'busy', 'status': 'UNAVAILABLE', 'details': []}}


def active(**changes):
    number = copy.deepcopy(ACTIVE)
    for key, value in changes.items():
        if isinstance(value, dict):
            number[key].update(value)
        else:
            number[key] = value
    return number


def warnings(result):
    """The warning texts of a result (ansible-core 2.19 returns each as a summary with the text in event.msg)."""
    return [w['event']['msg'] if isinstance(w, dict) else w for w in result.get('warnings', [])]


def calls(recorder):
    return [(c.method, c.url) for c in recorder.calls]


@pytest.mark.parametrize('option, value, body', [
    ('display_name', 'Alerts EU', {'displayName': 'Alerts EU'}),
    ('display_name', '', {'displayName': ''}),
    ('sms_campaign_id', '', {'smsConfiguration': {'servicePlanId': 'plan-a', 'campaignId': ''}}),
    ('voice_app_id', 'app-b', {'voiceConfiguration': {'type': 'RTC', 'appId': 'app-b'}}),
    ('callback_url', 'https://hooks.example/b', {'callbackUrl': 'https://hooks.example/b'}),
])
def test_patch_sends_only_the_field_that_differs(run_module, recorder, option, value, body):
    recorder.add(200, ACTIVE).add(200, active(**body))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, **{option: value}), diff=True)
    assert calls(recorder) == [('GET', ACTIVE_URL), ('PATCH', ACTIVE_URL)]
    assert recorder.json_body(1) == body
    assert result['changed'] is True and result['msg'] == '%s: updated %s.' % (NUMBER, option)
    assert result['diff']['before'][option] != value and result['diff']['after'][option] == value
    unchanged = [key for key in result['diff']['before'] if key != option]
    assert all(result['diff']['before'][key] == result['diff']['after'][key] for key in unchanged)


def test_nothing_to_do_when_every_field_matches(run_module, recorder):
    recorder.add(200, ACTIVE)
    result = run_module(main, dict(CONNECTION, phone_number=12025550102, display_name='Alerts', sms_service_plan_id='plan-a',
                                   sms_campaign_id='camp-a', voice_app_id='app-a', callback_url='https://hooks.example/a'))
    assert calls(recorder) == [('GET', ACTIVE_URL)]
    assert result['changed'] is False and result['number']['e164'] == NUMBER
    assert result['number']['sms_configuration']['service_plan_id'] == 'plan-a'


def test_check_mode_predicts_the_update_without_writing(run_module, recorder):
    recorder.add(200, ACTIVE)
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-b'), check_mode=True, diff=True)
    assert calls(recorder) == [('GET', ACTIVE_URL)]
    assert result['changed'] is True and result['msg'].startswith('Check mode: ')
    assert result['number']['sms_configuration'] == {'service_plan_id': 'plan-b', 'campaign_id': 'camp-a',
                                                     'scheduled_provisioning': None}


@pytest.mark.parametrize('status', ['WAITING', 'IN_PROGRESS'])
def test_pending_provisioning_counts_as_set(run_module, recorder, status):
    pending = {'servicePlanId': 'plan-b', 'campaignId': 'camp-a', 'status': status}
    recorder.add(200, active(smsConfiguration={'scheduledProvisioning': pending}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-b'))
    assert len(recorder.calls) == 1 and result['changed'] is False


def test_app_id_on_a_fax_number_switches_it_to_rtc(run_module, recorder):
    fax = active(voiceConfiguration={'type': 'FAX', 'appId': ''})
    recorder.add(200, fax).add(200, active())
    run_module(main, dict(CONNECTION, phone_number=NUMBER, voice_app_id='app-a'))
    assert recorder.json_body(1) == {'voiceConfiguration': {'type': 'RTC', 'appId': 'app-a'}}


def test_rent_passes_the_configuration_then_names_the_number(run_module, recorder):
    rented = {'phoneNumber': '+12065550101', 'displayName': '', 'smsConfiguration': {'servicePlanId': 'plan-a'},
              'voiceConfiguration': {'type': 'RTC', 'appId': 'app-a'}, 'callbackUrl': 'https://hooks.example/a'}
    recorder.add(404, NOT_FOUND).add(200, AVAILABLE).add(200, rented).add(200, dict(rented, displayName='Support'))
    result = run_module(main, dict(CONNECTION, phone_number='12065550101', display_name='Support', sms_service_plan_id='plan-a',
                                   voice_app_id='app-a', callback_url='https://hooks.example/a', max_monthly_cost=2.0),
                        diff=True)
    assert calls(recorder) == [('GET', BASE + '/activeNumbers/%2B12065550101'), ('GET', BASE + '/availableNumbers/%2B12065550101'),
                               ('POST', RENT_URL), ('PATCH', BASE + '/activeNumbers/%2B12065550101')]
    assert recorder.json_body(2) == {'smsConfiguration': {'servicePlanId': 'plan-a'}, 'callbackUrl': 'https://hooks.example/a',
                                     'voiceConfiguration': {'type': 'RTC', 'appId': 'app-a'}}
    assert recorder.json_body(3) == {'displayName': 'Support'}
    assert result['changed'] is True and result['number']['display_name'] == 'Support'
    assert result['diff']['before'] == {'phone_number': '+12065550101', 'state': 'available'}
    assert result['msg'] == '+12065550101: rented (setup USD 0.00, then USD 2.00 every 1 month(s)) and updated display_name.'


def test_rent_without_options_sends_an_empty_body(run_module, recorder):
    recorder.add(404, NOT_FOUND).add(200, AVAILABLE).add(200, {'phoneNumber': '+12065550101'})
    result = run_module(main, dict(CONNECTION, phone_number='+12065550101', max_monthly_cost=float('inf')))
    assert recorder.calls[2].body == b'{}' and result['changed'] is True


def test_rent_in_check_mode_writes_nothing(run_module, recorder):
    recorder.add(404, NOT_FOUND).add(200, AVAILABLE)
    result = run_module(main, dict(CONNECTION, phone_number='+12065550101', display_name='Support', max_monthly_cost=2),
                        check_mode=True, diff=True)
    assert [c.method for c in recorder.calls] == ['GET', 'GET']
    assert result['changed'] is True and result['msg'].startswith('Check mode: would rent +12065550101 (setup USD 0.00')
    assert result['number']['display_name'] == 'Support' and result['number']['money']['amount'] == '2.00'
    assert result['diff']['after']['state'] == 'active' and 'warnings' not in result


def test_rent_that_needs_documents_warns(run_module, recorder):
    recorder.add(404, NOT_FOUND).add(200, dict(AVAILABLE, supportingDocumentationRequired=True))
    result = run_module(main, dict(CONNECTION, phone_number='+12065550101', max_monthly_cost=2), check_mode=True)
    assert warnings(result) == ['+12065550101 needs supporting documentation (e.g. proof of address) before Sinch completes '
                                'the rental: provide it in the Sinch dashboard.']


def test_neither_active_nor_available_fails(run_module, recorder):
    recorder.add(404, NOT_FOUND).add(404, NOT_FOUND)
    result = run_module(main, dict(CONNECTION, phone_number='+12065550199'))
    assert result['failed'] is True and len(recorder.calls) == 2
    assert result['msg'].startswith('phone_number: +12065550199 is neither active in project proj-1 nor available to rent')


def test_release(run_module, recorder):
    recorder.add(200, ACTIVE).add(200, ACTIVE)
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, state='absent', display_name='ignored'), diff=True)
    assert calls(recorder) == [('GET', ACTIVE_URL), ('POST', ACTIVE_URL + ':release')]
    assert recorder.calls[1].body in (None, b'')
    assert result['changed'] is True and result['number']['display_name'] == 'Alerts'
    assert result['diff']['after'] == {'phone_number': NUMBER, 'state': 'released'}
    assert 'given up for good' in result['msg']


def test_release_in_check_mode_warns_and_writes_nothing(run_module, recorder):
    recorder.add(200, ACTIVE)
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, state='absent'), check_mode=True, diff=True)
    assert len(recorder.calls) == 1 and result['changed'] is True
    assert 'up for good' in warnings(result)[0] and result['diff']['after']['state'] == 'released'


def test_absent_number_is_left_alone(run_module, recorder):
    recorder.add(404, NOT_FOUND)
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, state='absent'))
    assert len(recorder.calls) == 1 and result['changed'] is False and result['number'] is None


LOST = [requests.exceptions.ConnectionError('reset by peer'), (503, UNAVAILABLE)]


def _answer(recorder, answer):
    if isinstance(answer, Exception):
        recorder.fail(answer)
    else:
        recorder.add(*answer)


@pytest.mark.parametrize('lost', LOST, ids=['connection', '503'])
@pytest.mark.parametrize('went_through', [True, False])
def test_lost_rent_answer_is_resolved_by_reading_the_number(run_module, recorder, sleeps, lost, went_through):
    recorder.add(404, NOT_FOUND).add(200, AVAILABLE)
    _answer(recorder, lost)
    recorder.add(*((200, dict(ACTIVE, phoneNumber='+12065550101')) if went_through else (404, NOT_FOUND)))
    result = run_module(main, dict(CONNECTION, phone_number='+12065550101', max_monthly_cost=9))
    assert [c.method for c in recorder.calls] == ['GET', 'GET', 'POST', 'GET'] and sleeps == []
    if went_through:
        assert result['changed'] is True and 'was lost' in warnings(result)[0] and 'it was rented' in warnings(result)[0]
    else:
        assert result['failed'] is True
        assert 'rent number +12065550101 (POST /v1/projects/proj-1/availableNumbers/%2B12065550101:rent)' in result['msg']
        assert result['msg'].endswith('+12065550101 is not active in project proj-1 when read right after, so it was not '
                                      'rented; re-running the task is safe.')
        assert result['error']['uncertain'] is False


@pytest.mark.parametrize('lost', LOST, ids=['connection', '503'])
@pytest.mark.parametrize('went_through', [True, False])
def test_lost_release_answer_is_resolved_by_reading_the_number(run_module, recorder, lost, went_through):
    recorder.add(200, ACTIVE)
    _answer(recorder, lost)
    recorder.add(*((404, NOT_FOUND) if went_through else (200, ACTIVE)))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, state='absent'))
    assert [c.method for c in recorder.calls] == ['GET', 'POST', 'GET']
    if went_through:
        assert result['changed'] is True and 'it was released' in warnings(result)[0]
    else:
        assert result['failed'] is True and result['error']['uncertain'] is False
        assert result['msg'].endswith('%s is still active in project proj-1 when read right after, so it was not released; '
                                      're-running the task is safe.' % NUMBER)


@pytest.mark.parametrize('state, verb', [('present', 'rent'), ('absent', 'release')])
def test_a_timed_out_write_is_not_called_harmless(run_module, recorder, state, verb):
    # Sinch may still be handling it: the number read right after proves nothing yet.
    if state == 'present':
        recorder.add(404, NOT_FOUND).add(200, AVAILABLE)
    else:
        recorder.add(200, ACTIVE)
    recorder.fail(requests.exceptions.ReadTimeout('read timed out'))
    recorder.add(*((404, NOT_FOUND) if state == 'present' else (200, ACTIVE)))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, state=state, max_monthly_cost=9))
    assert result['failed'] is True and 'safe' not in result['msg'] and result['error']['uncertain'] is True
    assert 'Raise the timeout option' in result['msg']
    assert 'when read right after, but Sinch may still complete a %s that timed out' % verb in result['msg']


def test_unreadable_state_after_a_lost_answer_says_so(run_module, recorder):
    recorder.add(200, ACTIVE).add(503, UNAVAILABLE).add(401, {'error': {'code': 401, 'message': 'no', 'status': 'UNAUTHENTICATED'}})
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, state='absent'))
    assert result['failed'] is True and 'whether it was released is unknown' in result['msg']


@pytest.mark.parametrize('value', ['+1202555010x', '12345', True, '+0202555010'])
def test_bad_number_fails_before_any_request(run_module, recorder, value):
    result = run_module(main, dict(CONNECTION, phone_number=value))
    assert result['failed'] is True and result['msg'].startswith('phone_number: ') and 'E.164' in result['msg']
    assert recorder.calls == []


@pytest.mark.parametrize('capability, option, value', [
    (['VOICE'], 'sms_service_plan_id', 'plan-b'),
    (['VOICE'], 'sms_campaign_id', 'camp-b'),
    (['SMS'], 'voice_app_id', 'app-b'),
])
@pytest.mark.parametrize('active', [True, False], ids=['update', 'rent'])
def test_a_setting_the_number_cannot_take_is_refused_before_any_write(run_module, recorder, capability, option, value, active):
    if active:
        recorder.add(200, dict(ACTIVE, capability=capability))
    else:
        recorder.add(404, NOT_FOUND).add(200, dict(AVAILABLE, phoneNumber=NUMBER, capability=capability))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, **{option: value}))
    assert result['failed'] is True and all(call.method == 'GET' for call in recorder.calls)
    assert result['msg'].startswith('%s: %s has no %s capability' % (option, NUMBER, 'SMS' if option.startswith('sms') else 'VOICE'))


def test_clearing_a_setting_the_number_cannot_take_is_fine(run_module, recorder):
    recorder.add(200, dict(ACTIVE, capability=['VOICE'], smsConfiguration={'servicePlanId': '', 'campaignId': ''}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id=''))
    assert not result.get('failed') and result['changed'] is False


def test_api_error_is_mapped(run_module, recorder):
    bad = {'error': {'code': 400, 'message': 'The number has no SMS capability', 'status': 'INVALID_ARGUMENT', 'details': []}}
    recorder.add(200, ACTIVE).add(400, bad)
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-b'))
    assert len(recorder.calls) == 2 and result['failed'] is True
    assert result['msg'] == ('Sinch refused to update active number +12025550102 (PATCH /v1/projects/proj-1/activeNumbers/%2B12025550102): '
                             'The number has no SMS capability [INVALID_ARGUMENT]')
    assert result['error']['status'] == 400 and result['error']['code'] == 'INVALID_ARGUMENT'


def test_unknown_project_fails_instead_of_releasing_nothing(run_module, recorder):
    detail = {'type': 'ResourceInfo', 'resourceType': 'Project', 'resourceName': 'proj-1', 'owner': '', 'description': ''}
    recorder.add(404, {'error': {'code': 404, 'message': 'Project proj-1 not found.', 'status': 'NOT_FOUND', 'details': [detail]}})
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, state='absent'))
    assert result['failed'] is True and len(recorder.calls) == 1
    assert result['msg'] == ('Sinch refused to read active number +12025550102 (GET /v1/projects/proj-1/activeNumbers/%2B12025550102): '
                             'Project proj-1 not found. [NOT_FOUND]. Check project_id (option or SINCH_PROJECT_ID): it must be '
                             'the project of key_id.')


# Version 0.2: money, two-step moves, voice types, asynchronous provisioning ------------------------------


@pytest.fixture
def waits(monkeypatch):
    from ansible_collections.sinch.numbers.plugins.module_utils import _active_number
    slept = []
    monkeypatch.setattr(_active_number, '_sleep', slept.append)
    return slept


@pytest.mark.parametrize('check_mode', [False, True])
def test_rent_without_a_ceiling_is_refused_before_renting(run_module, recorder, check_mode):
    recorder.add(404, NOT_FOUND).add(200, dict(AVAILABLE, paymentIntervalMonths=3))
    result = run_module(main, dict(CONNECTION, phone_number='+12065550101', display_name='x'), check_mode=check_mode)
    assert [c.method for c in recorder.calls] == ['GET', 'GET'] and result['failed'] is True
    assert result['msg'].startswith('max_monthly_cost: this run would rent number +12065550101 (setup USD 0.00, then USD 2.00 '
                                    'every 3 month(s)) '
                                    'for 0.67 USD a month')


def test_rent_above_the_ceiling_is_refused(run_module, recorder):
    recorder.add(404, NOT_FOUND).add(200, AVAILABLE)
    result = run_module(main, dict(CONNECTION, phone_number='+12065550101', max_monthly_cost=1.5))
    assert len(recorder.calls) == 2 and result['failed'] is True
    assert 'renting number +12065550101' in result['msg'] and 'more than max_monthly_cost 1.50' in result['msg']


@pytest.mark.parametrize('value', [float('nan'), -1])
def test_an_unusable_ceiling_is_refused_before_any_request(run_module, recorder, value):
    result = run_module(main, dict(CONNECTION, phone_number='+12065550101', max_monthly_cost=value))
    assert recorder.calls == [] and result['failed'] is True and result['msg'].startswith('max_monthly_cost: ')


def test_an_active_number_needs_no_ceiling(run_module, recorder):
    recorder.add(200, ACTIVE)
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, display_name='Alerts'))
    assert result['changed'] is False and len(recorder.calls) == 1


def test_a_trial_account_rent_reaches_the_user_with_sinch_message(run_module, recorder):
    trial = {'error': {'code': 403, 'message': 'Trial account is not enabled to rent number', 'status': 'PERMISSION_DENIED',
                       'details': [{'type': 'ResourceInfo', 'resourceType': 'AvailableNumber', 'resourceName': '', 'owner': '',
                                    'description': 'Trial account is not enabled to rent number'}]}}
    recorder.add(404, NOT_FOUND).add(200, AVAILABLE).add(403, trial)
    result = run_module(main, dict(CONNECTION, phone_number='+12065550101', max_monthly_cost=5))
    assert result['failed'] is True and len(recorder.calls) == 3
    assert 'Trial account is not enabled to rent number [PERMISSION_DENIED]' in result['msg']
    assert result['msg'].endswith('(a trial account cannot rent numbers: upgrade it in the Sinch dashboard). Nothing was rented.')


def test_a_plan_move_unlinks_first_then_links(run_module, recorder):
    recorder.add(200, ACTIVE).add(200, active(smsConfiguration={'servicePlanId': '', 'campaignId': ''}))
    recorder.add(200, active(smsConfiguration={'servicePlanId': 'plan-b'}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-b'), diff=True)
    assert calls(recorder) == [('GET', ACTIVE_URL), ('PATCH', ACTIVE_URL), ('PATCH', ACTIVE_URL)]
    assert recorder.json_body(1) == {'smsConfiguration': {'servicePlanId': '', 'campaignId': ''}}
    assert recorder.json_body(2) == {'smsConfiguration': {'servicePlanId': 'plan-b', 'campaignId': 'camp-a'}}
    assert result['msg'] == NUMBER + ': updated sms_service_plan_id (unlinked first, then linked: 2 requests).'
    assert result['diff']['after']['sms_service_plan_id'] == 'plan-b'


def test_a_campaign_move_unlinks_the_campaign_first_and_keeps_the_plan(run_module, recorder):
    recorder.add(200, ACTIVE).add(200, active(smsConfiguration={'campaignId': ''}))
    recorder.add(200, active(smsConfiguration={'campaignId': 'camp-b'}))
    run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_campaign_id='camp-b', display_name='New'))
    assert recorder.json_body(1) == {'displayName': 'New', 'smsConfiguration': {'servicePlanId': 'plan-a', 'campaignId': ''}}
    assert recorder.json_body(2) == {'smsConfiguration': {'servicePlanId': 'plan-a', 'campaignId': 'camp-b'}}


def test_a_first_plan_is_one_request(run_module, recorder):
    recorder.add(200, active(smsConfiguration={'servicePlanId': '', 'campaignId': ''})).add(200, ACTIVE)
    run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-a', sms_campaign_id='camp-a'))
    assert [c.method for c in recorder.calls] == ['GET', 'PATCH']
    assert recorder.json_body(1) == {'smsConfiguration': {'servicePlanId': 'plan-a', 'campaignId': 'camp-a'}}


@pytest.mark.parametrize('args, says', [
    (dict(sms_campaign_id='camp-b'), 'sms_campaign_id: a campaign needs an SMS service plan and +12025550102 has none'),
    (dict(sms_service_plan_id=''), 'sms_service_plan_id: detaching the SMS service plan of +12025550102 leaves its campaign'),
])
def test_a_campaign_without_a_plan_is_refused_before_sending(run_module, recorder, args, says):
    recorder.add(200, active(smsConfiguration={'servicePlanId': '' if 'sms_campaign_id' in args else 'plan-a'}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, **args))
    assert result['failed'] is True and result['msg'].startswith(says) and len(recorder.calls) == 1


def test_a_campaign_without_a_plan_is_refused_before_any_request_when_the_task_says_so(run_module, recorder):
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='', sms_campaign_id='camp-a'))
    assert result['failed'] is True and recorder.calls == []


def test_switching_voice_type_is_one_patch_the_diff_shows(run_module, recorder):
    recorder.add(200, ACTIVE).add(200, active(voiceConfiguration={'type': 'EST', 'trunkId': 'trunk-1', 'appId': ''}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, voice_type='EST', voice_trunk_id='trunk-1'), diff=True)
    assert recorder.json_body(1) == {'voiceConfiguration': {'type': 'EST', 'trunkId': 'trunk-1'}}
    assert result['msg'] == NUMBER + ': updated voice_type, voice_trunk_id.'
    before, after = result['diff']['before'], result['diff']['after']
    assert (before['voice_type'], before['voice_app_id'], before['voice_trunk_id']) == ('RTC', 'app-a', '')
    assert (after['voice_type'], after['voice_app_id'], after['voice_trunk_id']) == ('EST', '', 'trunk-1')


def test_a_trunk_id_implies_est_and_a_pending_switch_counts_as_done(run_module, recorder):
    scheduled = {'type': 'EST', 'trunkId': 'trunk-1', 'appId': '', 'status': 'WAITING'}
    recorder.add(200, active(voiceConfiguration={'scheduledVoiceProvisioning': scheduled}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, voice_trunk_id='trunk-1'))
    assert result['changed'] is False and len(recorder.calls) == 1
    assert result['provisioning']['voice'] == {'status': 'WAITING', 'target': {'voice_type': 'EST', 'voice_trunk_id': 'trunk-1'},
                                               'in_effect': {'voice_type': 'RTC', 'voice_app_id': 'app-a'},
                                               'error_codes': [], 'last_updated_time': None}


@pytest.mark.parametrize('args, says', [
    (dict(voice_type='FAX', voice_app_id='app-b'), 'voice_app_id: it belongs to voice_type RTC, but voice_type is FAX; give voice_service_id'),
    (dict(voice_type='EST'), 'voice_type: EST needs voice_trunk_id'),
    (dict(voice_app_id='a', voice_service_id='s'), 'voice_app_id and voice_service_id: a number has one voice configuration'),
])
def test_voice_ids_are_checked_against_the_type_before_any_request(run_module, recorder, args, says):
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, **args))
    assert result['failed'] is True and result['msg'].startswith(says) and recorder.calls == []


def test_detaching_the_app_of_an_est_number_changes_nothing(run_module, recorder):
    recorder.add(200, active(voiceConfiguration={'type': 'EST', 'trunkId': 'trunk-1', 'appId': ''}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, voice_app_id=''))
    assert result['changed'] is False and len(recorder.calls) == 1


FAILED_PLAN_B = {'servicePlanId': 'plan-b', 'campaignId': 'camp-a', 'status': 'FAILED',
                 'lastUpdatedTime': '2024-03-01T10:15:00.000Z', 'errorCodes': ['CAMPAIGN_NOT_AVAILABLE', 'X2']}


def test_a_failed_provisioning_the_task_does_not_ask_for_is_only_reported(run_module, recorder):
    recorder.add(200, active(smsConfiguration={'scheduledProvisioning': FAILED_PLAN_B}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, display_name='Alerts'))
    assert result['changed'] is False and len(recorder.calls) == 1 and warnings(result) == []
    assert result['provisioning']['sms']['status'] == 'FAILED'
    assert result['provisioning']['sms']['error_codes'] == ['CAMPAIGN_NOT_AVAILABLE', 'X2']
    assert result['provisioning']['sms']['in_effect'] == {'service_plan_id': 'plan-a', 'campaign_id': 'camp-a'}


def test_asking_again_for_a_failed_value_sends_it_again_and_fails_once(run_module, recorder):
    waiting = dict(FAILED_PLAN_B, status='WAITING', errorCodes=[])
    recorder.add(200, active(smsConfiguration={'scheduledProvisioning': FAILED_PLAN_B}))
    recorder.add(200, active(smsConfiguration={'scheduledProvisioning': dict(waiting, servicePlanId='')}))
    recorder.add(200, active(smsConfiguration={'scheduledProvisioning': waiting}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-b'))
    assert [c.method for c in recorder.calls] == ['GET', 'PATCH', 'PATCH'] and result['failed'] is True
    assert result['msg'].startswith(
        "+12025550102: the SMS provisioning of campaign_id 'camp-a', service_plan_id 'plan-b' FAILED (at 2024-03-01T10:15:00.000Z) "
        "with error codes CAMPAIGN_NOT_AVAILABLE, X2; still in effect: campaign_id 'camp-a', service_plan_id 'plan-a'. "
        "It was sent again")
    assert result['changed'] is True and result['provisioning']['sms']['status'] == 'WAITING'
    # The next run sees the new provisioning: nothing sent, nothing failed.
    recorder.calls.clear()
    recorder.add(200, active(smsConfiguration={'scheduledProvisioning': waiting}))
    again = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-b'))
    assert len(recorder.calls) == 1 and again['changed'] is False and 'failed' not in again


def test_asking_again_in_check_mode_warns_and_writes_nothing(run_module, recorder):
    recorder.add(200, active(smsConfiguration={'scheduledProvisioning': FAILED_PLAN_B}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-b'), check_mode=True)
    assert len(recorder.calls) == 1 and result['changed'] is True
    assert warnings(result)[0].endswith("; a real run sends it again.")


def test_wait_polls_with_back_off_until_provisioned(run_module, recorder, waits):
    waiting = {'servicePlanId': 'plan-a', 'campaignId': 'camp-a', 'status': 'WAITING', 'errorCodes': []}
    start = active(smsConfiguration={'servicePlanId': '', 'campaignId': ''})
    recorder.add(200, start).add(200, dict(start, smsConfiguration=dict(start['smsConfiguration'], scheduledProvisioning=waiting)))
    recorder.add(200, dict(start, smsConfiguration=dict(start['smsConfiguration'],
                                                        scheduledProvisioning=dict(waiting, status='IN_PROGRESS'))))
    recorder.add(200, ACTIVE)
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-a', sms_campaign_id='camp-a',
                                   wait=True))
    assert [c.method for c in recorder.calls] == ['GET', 'PATCH', 'GET', 'GET'] and waits == [1.0, 2.0]
    assert result['changed'] is True and result['provisioning'] == {'sms': None, 'voice': None}
    assert result['number']['sms_configuration']['service_plan_id'] == 'plan-a'


def test_wait_fails_once_when_the_provisioning_fails(run_module, recorder, waits):
    start = active(smsConfiguration={'servicePlanId': '', 'campaignId': ''})
    failed = dict(FAILED_PLAN_B, servicePlanId='plan-a', campaignId='', errorCodes=['INSUFFICIENT_BALANCE'])
    recorder.add(200, start).add(200, active(smsConfiguration={'servicePlanId': '', 'campaignId': '',
                                                               'scheduledProvisioning': dict(failed, status='WAITING')}))
    recorder.add(200, active(smsConfiguration={'servicePlanId': '', 'campaignId': '', 'scheduledProvisioning': failed}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-a', wait=True))
    assert result['failed'] is True and result['changed'] is True and waits == [1.0]
    assert "FAILED (at 2024-03-01T10:15:00.000Z) with error codes INSUFFICIENT_BALANCE; still in effect: campaign_id '', " \
           "service_plan_id ''." in result['msg']


def test_wait_gives_up_after_wait_timeout(run_module, recorder, waits, monkeypatch):
    from ansible_collections.sinch.numbers.plugins.module_utils import _active_number
    now = [0.0]
    monkeypatch.setattr(_active_number.time, 'monotonic', lambda: now[0])
    waits_append = waits.append
    monkeypatch.setattr(_active_number, '_sleep', lambda seconds: (waits_append(seconds), now.__setitem__(0, now[0] + seconds)))
    waiting = {'type': 'RTC', 'appId': 'app-b', 'status': 'WAITING'}
    for _index in range(10):
        recorder.add(200, active(voiceConfiguration={'scheduledVoiceProvisioning': waiting}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, voice_app_id='app-b', wait=True, wait_timeout=5))
    assert result['failed'] is True and waits == [1.0, 2.0, 2.0]
    assert result['msg'] == ('+12025550102: the voice provisioning was still WAITING after wait_timeout (5 s). What was sent '
                             'stands and is not sent again by a re-run; re-run later, or raise wait_timeout.')
    assert [c.method for c in recorder.calls].count('PATCH') == 0


def test_an_answer_that_already_says_failed_fails_the_run(run_module, recorder):
    failed = dict(FAILED_PLAN_B, servicePlanId='plan-a', campaignId='')
    recorder.add(200, active(smsConfiguration={'servicePlanId': '', 'campaignId': ''}))
    recorder.add(200, active(smsConfiguration={'servicePlanId': '', 'campaignId': '', 'scheduledProvisioning': failed}))
    result = run_module(main, dict(CONNECTION, phone_number=NUMBER, sms_service_plan_id='plan-a'))
    assert result['failed'] is True and result['changed'] is True and 'CAMPAIGN_NOT_AVAILABLE, X2' in result['msg']


def test_a_full_patch_has_the_shape_of_sinchs_own_example(run_module, recorder):
    # modern-apis.md B.6, JAVA fixture active/active-numbers-update-request.json:
    # {"displayName", "smsConfiguration": {"servicePlanId", "campaignId"}, "voiceConfiguration": {"appId", "type": "RTC"},
    #  "callbackUrl"}; the path as JAVA sends it (the number percent-encoded).
    bare = active(displayName='', smsConfiguration={'servicePlanId': '', 'campaignId': ''},
                  voiceConfiguration={'appId': ''}, callbackUrl='')
    recorder.add(200, bare).add(200, ACTIVE)
    run_module(main, dict(CONNECTION, phone_number=NUMBER, display_name='a display', sms_service_plan_id='plan',
                          sms_campaign_id='campaign', voice_app_id='app', callback_url='foo callback'))
    assert calls(recorder)[1] == ('PATCH', BASE + '/activeNumbers/%2B12025550102')
    assert recorder.json_body(1) == {'displayName': 'a display',
                                     'smsConfiguration': {'servicePlanId': 'plan', 'campaignId': 'campaign'},
                                     'voiceConfiguration': {'appId': 'app', 'type': 'RTC'}, 'callbackUrl': 'foo callback'}
