# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Authentication strategies (legacy session with the signature-form fallback, OAuth2), cached sessions validated on
read, and the lock that never disappears."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile

import pytest

from ansible_collections.sinch.numbers.plugins.module_utils import _session_cache
from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchAuthError, SinchLockError
from ansible_collections.sinch.numbers.plugins.module_utils._legacy import LegacyClient
from ansible_collections.sinch.numbers.plugins.module_utils._legacy_state import organisation_lock
from ansible_collections.sinch.numbers.plugins.module_utils._numbers_api import NumbersApiClient
from ansible_collections.sinch.numbers.plugins.module_utils._options import OptionAdapter
from ansible_collections.sinch.numbers.plugins.module_utils._session_cache import SessionCache
from ansible_collections.sinch.numbers.plugins.module_utils._signing import sign

SECRET = 'bRo76GRddEyetgJDTgkLHA=='
ORG = {'id': 8888123, 'name': 'Acme'}
OPTIONS = dict(username='ops@example.com', password='s3cret-password', username_type='email',
               user_api_url='https://user.example', api_url='https://api.example', portal_api_url='https://portal.example')
REFUSED = {'errorCode': 40102, 'message': 'Invalid Signature'}


@pytest.fixture
def cache(tmp_path):
    return SessionCache(str(tmp_path / 'cache' / 'sinch.numbers'))


def client(transport, cache=None, **overrides):
    return LegacyClient(OptionAdapter.from_dict(dict(OPTIONS, **overrides)), transport, cache=cache)


def script_login(recorder, instance='inst-1'):
    recorder.add(200, {'authorization': 'token:sig'})
    recorder.add(200, {'id': instance, 'secret': SECRET, 'expiresIn': 172800})


def resource_signed(request):
    """'slash' or 'bare': the resource form the request's signature was computed over."""
    signature = request.headers['Authorization'].split(':', 1)[1]
    path = request.path_url.split('?')[0]
    for form in ('slash', 'bare'):
        if sign(SECRET, request.method, request.body or b'', request.headers.get('Content-Type', ''),
                request.headers['x-timestamp'], path, form) == signature:
            return form
    return None


def entry(cache, api):
    with open(os.path.join(cache.directory, api.auth.cache_key + '.json'), encoding='utf-8') as handle:
        return json.load(handle)


# Signature form -------------------------------------------------------------------------------

def test_a_new_instance_refused_over_the_slash_form_tries_the_bare_form_once(transport, recorder, cache):
    script_login(recorder)
    recorder.add(401, REFUSED).add(200, [])
    api = client(transport, cache=cache, organisation_id='42')
    notes = []
    api.auth.on_note = notes.append
    assert api.list_numbers() == []
    login, instance, first, second = recorder.calls
    assert (resource_signed(first), resource_signed(second)) == ('slash', 'bare')
    assert api.logins == 1
    assert entry(cache, api)['data']['resource_form'] == 'bare'
    assert len(notes) == 1 and 'without its leading slash (e.g. "v1/organisations")' in notes[0]
    assert SECRET not in notes[0] and 'token:sig' not in notes[0]

    # The next task signs with the remembered form at once: no extra request, no log-in.
    recorder.add(200, [])
    later = client(transport, cache=cache, organisation_id='42')
    later.list_numbers()
    assert len(recorder.calls) == 5 and resource_signed(recorder.calls[4]) == 'bare' and later.logins == 0


def test_the_slash_form_accepted_is_remembered_silently(transport, recorder, cache):
    script_login(recorder)
    recorder.add(200, [])
    api = client(transport, cache=cache, organisation_id='42')
    api.list_numbers()
    assert resource_signed(recorder.calls[2]) == 'slash'
    assert entry(cache, api)['data']['resource_form'] == 'slash' and api.auth.notes == []


def test_both_forms_refused_fails_after_one_extra_request(transport, recorder):
    script_login(recorder)
    recorder.add(401, REFUSED).add(401, REFUSED)
    with pytest.raises(SinchAuthError) as caught:
        client(transport, organisation_id='42').list_numbers()
    assert caught.value.code == 40102
    assert len(recorder.calls) == 4  # log in, instance, two signatures: no second log-in


def test_a_session_whose_form_was_confirmed_is_replaced_not_reformed(transport, recorder, cache):
    script_login(recorder)
    recorder.add(200, [])
    client(transport, cache=cache, organisation_id='42').list_numbers()
    recorder.add(401, REFUSED)
    script_login(recorder, instance='inst-2')
    recorder.add(200, [])
    api = client(transport, cache=cache, organisation_id='42')
    api.list_numbers()
    assert api.logins == 1 and resource_signed(recorder.calls[-1]) == 'slash'


def test_an_explicit_instance_never_switches_form(transport, recorder):
    recorder.add(401, REFUSED)
    with pytest.raises(SinchAuthError):
        client(transport, instance_id='inst-1', instance_secret=SECRET, organisation_id='42').list_numbers()
    assert len(recorder.calls) == 1


# Organisations as an array -------------------------------------------------------------------

def test_organisations_answered_as_an_array_of_one(transport, recorder, cache):
    script_login(recorder)
    recorder.add(200, [ORG]).add(200, [])
    api = client(transport, cache=cache)
    api.list_numbers()
    assert recorder.calls[3].path_url == '/v1/organisations/id/8888123/numbers'
    assert entry(cache, api)['data']['organisation'] == ORG


@pytest.mark.parametrize('answer', [[], [{'name': 'no id'}], {'name': 'no id'}, {'id': None}, [1]])
def test_an_organisation_without_an_id_is_a_bad_answer(transport, recorder, answer):
    script_login(recorder)
    recorder.add(200, answer)
    with pytest.raises(Exception) as caught:
        client(transport).list_numbers()
    assert type(caught.value).__name__ == 'SinchBadAnswer'
    assert 'read the organisation (GET /v1/organisations)' in str(caught.value)


# Cached sessions validated on read ------------------------------------------------------------

@pytest.mark.parametrize('damage', [
    {'id': 5}, {'id': ''}, {'secret': 'not base64!'}, {'secret': 12}, {'password_check': 'x'},
    {'password_check': {'salt': 'AAAA', 'hash': 7}}, {'organisation': 'Acme'}, {'organisation': {'name': 'no id'}},
    {'expires_at': 'tomorrow'}, {'resource_form': 'sideways'}, {'secret': None},
])
def test_a_damaged_session_entry_is_discarded_and_replaced(transport, recorder, cache, damage):
    script_login(recorder)
    recorder.add(200, ORG).add(200, [])
    first = client(transport, cache=cache)
    first.list_numbers()
    path = os.path.join(cache.directory, first.auth.cache_key + '.json')
    with open(path, encoding='utf-8') as handle:
        stored = json.load(handle)
    stored['data'].update(damage)
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(stored, handle)

    script_login(recorder, instance='inst-2')
    recorder.add(200, ORG).add(200, [])
    second = client(transport, cache=cache)
    second.list_numbers()
    assert second.logins == 1
    # Replaced, not poisoned: the task after uses the new session without logging in.
    recorder.add(200, [])
    third = client(transport, cache=cache)
    third.list_numbers()
    assert third.logins == 0 and recorder.calls[-1].headers['Authorization'].startswith('Instance inst-2:')


@pytest.mark.parametrize('content', ['[]', '{"expires_at": "x", "data": {}}', '{"expires_at": 1e30, "data": []}', '{', 'null'])
def test_a_cache_file_of_another_shape_is_ignored(cache, content):
    assert cache._ready()
    path = os.path.join(cache.directory, 'k.json')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(content)
    os.chmod(path, 0o600)
    assert cache.load('k') is None


def test_a_cached_token_of_the_wrong_type_is_fetched_again(transport, recorder, cache):
    options = OptionAdapter.from_dict(dict(project_id='p', key_id='k', key_secret='s', numbers_api_url='https://n.example',
                                           auth_url='https://auth.example'))
    api = NumbersApiClient(options, transport, cache=cache)
    cache.store(api.auth.cache_key, {'access_token': ['not', 'text']}, 3600)
    recorder.add(200, {'access_token': 'tok-2', 'expires_in': 'soon'}).add(200, {'activeNumbers': []})
    list(api.iter_active_numbers(number_type="MOBILE"))  # one page stream
    assert api.tokens_fetched == 1 and recorder.calls[1].headers['Authorization'] == 'Bearer tok-2'


def test_a_refused_token_request_is_not_sent_twice(transport, recorder):
    options = OptionAdapter.from_dict(dict(project_id='p', key_id='k', key_secret='wrong', numbers_api_url='https://n.example',
                                           auth_url='https://auth.example'))
    recorder.add(401, {'error': 'invalid_client', 'error_description': 'Bad client credentials'})
    with pytest.raises(SinchAuthError):
        list(NumbersApiClient(options, transport).iter_active_numbers(number_type='MOBILE'))
    assert len(recorder.calls) == 1


# The lock never disappears ----------------------------------------------------------------------

@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The system temp dir for the fallback, under tmp_path."""
    directory = tmp_path / 'systmp'
    directory.mkdir()
    monkeypatch.setattr(tempfile, 'tempdir', str(directory))
    return directory


def held_elsewhere(path):
    """Whether another open file description cannot take the lock at ``path`` now."""
    handle = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False


def test_the_lock_lives_in_the_cache_directory(cache, private_tmp):
    with cache.lock('k'):
        assert held_elsewhere(os.path.join(cache.directory, 'k.lock'))
    assert not os.listdir(private_tmp)


@pytest.mark.parametrize('make_unusable', ['file', 'foreign_mode'])
def test_an_unusable_cache_directory_locks_in_the_private_fallback(tmp_path, private_tmp, make_unusable):
    if make_unusable == 'file':
        (tmp_path / 'xdg').write_text('a file where the cache directory should be')
        cache = SessionCache(str(tmp_path / 'xdg' / 'sinch.numbers'))
    else:
        cache = SessionCache(str(tmp_path / 'xdg' / 'sinch.numbers'))
        cache._usable = False  # as for a directory owned by another user
    with cache.lock('k'):
        fallback = _session_cache.fallback_directory()
        assert fallback.startswith(str(private_tmp)) and held_elsewhere(os.path.join(fallback, 'k.lock'))
    assert oct(os.stat(fallback).st_mode & 0o777) == '0o700'


def test_a_fallback_others_can_use_is_refused_and_nothing_runs(tmp_path, private_tmp):
    (tmp_path / 'xdg').write_text('a file')
    cache = SessionCache(str(tmp_path / 'xdg' / 'sinch.numbers'))
    os.mkdir(_session_cache.fallback_directory(), 0o777)
    os.chmod(_session_cache.fallback_directory(), 0o777)
    ran = []
    with pytest.raises(SinchLockError) as caught:
        with cache.lock('k'):
            ran.append(True)
    assert ran == []
    message = str(caught.value)
    assert message.startswith('Could not lock against concurrent changes on this controller: the cache directory')
    assert 'is not a private directory of this user' in message and 'Nothing was written' in message


def test_organisation_lock_fails_before_the_block_when_no_lock_is_possible(transport, tmp_path, private_tmp, monkeypatch):
    (tmp_path / 'xdg').write_text('a file')
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'xdg'))
    os.symlink(str(tmp_path), _session_cache.fallback_directory())  # a link is never trusted
    api = client(transport, instance_id='inst-1', instance_secret=SECRET, organisation_id='42')
    with pytest.raises(SinchLockError):
        with organisation_lock(api, 'group', 13):
            pytest.fail('ran without a lock')
