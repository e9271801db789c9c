# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests stop at the HTTP boundary: a requests adapter records every request and plays scripted answers."""

from __future__ import annotations

import contextlib
import json
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from ansible_collections.sinch.numbers.plugins.module_utils._http import RetryPolicy, Transport


class Recorder(requests.adapters.BaseAdapter):
    """Answers requests from a script of ``(status, body, headers)`` tuples or exceptions, recording each request."""

    def __init__(self):
        super().__init__()
        self.script = []
        self.calls = []
        # Per-type scripts for listing active numbers, whose type streams are read at once on several threads.
        self.streams = {}
        self.lock = threading.Lock()

    def stream(self, number_type, *bodies):
        """Answer ``GET .../activeNumbers?type=<number_type>`` with these pages (200) in order, apart from the script."""
        self.streams.setdefault(number_type, []).extend((200, body, {}) for body in bodies)
        return self

    def other_types_empty(self, *types):
        """The LOCAL and TOLL_FREE streams (or ``types``) of an active-number listing answer one empty page."""
        for number_type in types or ('LOCAL', 'TOLL_FREE'):
            self.stream(number_type, {'activeNumbers': [], 'nextPageToken': '', 'totalSize': 0})
        return self

    def add(self, status=200, body=None, headers=None):
        self.script.append((status, body, headers or {}))
        return self

    def fail(self, exc):
        self.script.append(exc)
        return self

    def send(self, request, **kwargs):
        with self.lock:
            self.calls.append(request)
            kind = parse_qs(urlsplit(request.url).query).get('type', [None])[0]
            script = self.streams[kind] if kind in self.streams and '/activeNumbers?' in request.url else self.script
            if not script:
                raise AssertionError('unexpected request %s %s' % (request.method, request.url))
            item = script.pop(0)
        if isinstance(item, Exception):
            raise item
        status, body, headers = item
        response = requests.Response()
        response.status_code = status
        response.request = request
        response.url = request.url
        if body is None:
            response._content = b''
        elif isinstance(body, bytes):
            response._content = body
        else:
            response._content = json.dumps(body).encode('utf-8')
            response.headers['Content-Type'] = 'application/json'
        response.headers.update(headers)
        return response

    def close(self):
        pass

    def json_body(self, index):
        return json.loads(self.calls[index].body)


@contextlib.contextmanager
def module_args(args):
    """Give ``args`` to the AnsibleModule made inside: ansible-core's ``patch_module_args`` (2.19+), or its equivalent."""
    try:
        from ansible.module_utils.testing import patch_module_args
    except ImportError:  # ansible-core 2.16-2.18 read the arguments from basic._ANSIBLE_ARGS
        from unittest import mock

        from ansible.module_utils import basic

        with mock.patch.object(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode()):
            yield
        return
    with patch_module_args(args):
        yield


@pytest.fixture
def patch_module_args():
    """``module_args`` above, for tests that build an AnsibleModule themselves."""
    return module_args


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def transport(recorder, sleeps):
    session = requests.Session()
    session.mount('https://', recorder)
    session.mount('http://', recorder)
    retry = RetryPolicy(sleep=sleeps.append, rand=lambda: 1.0)
    return Transport(timeout=5, retry=retry, session=session)


@pytest.fixture
def run_module(transport, monkeypatch, tmp_path, capsys):
    """Run a module's ``main()`` with ``args`` (check/diff mode through ``_ansible_*``), its HTTP answered by the recorder.

    Returns the module's JSON result (``failed`` is true after ``fail_json``). Sessions are cached under ``tmp_path``.
    """
    from ansible.module_utils.common import warnings as common_warnings

    from ansible_collections.sinch.numbers.plugins.module_utils import _module

    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'cache'))
    monkeypatch.setattr(_module, 'transport', lambda options: transport)
    # Warnings and deprecations are process-wide: without this, one test's warnings show up in the next.
    # (Dictionaries since ansible-core 2.19, lists before.)
    for name in ('_global_warnings', '_global_deprecations'):
        monkeypatch.setattr(common_warnings, name, type(getattr(common_warnings, name))())
    # Importing controller code (an inventory plugin test) flags the process as the controller, and a module's
    # warnings would then go to the display instead of its result (ansible-core 2.19+; no such flag before).
    try:
        from ansible.module_utils import _internal as module_utils_internal
    except ImportError:
        pass
    else:
        monkeypatch.setattr(module_utils_internal, 'is_controller', False)

    def run(main, args, check_mode=False, diff=False):
        with module_args(dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)):
            with pytest.raises(SystemExit):
                main()
        return json.loads(capsys.readouterr().out)

    return run
