# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: authentication as strategies, and the one refuse-then-refresh-once loop.

Only this collection may import this file; it is not a public API.

Every Sinch API authenticates differently (a signed legacy instance, Numbers API Basic or an OAuth2 bearer
token, a Voice application's signature or Basic), but each client needs the same two things of it: the
headers of one attempt of a request, and, when Sinch refuses them, one chance to refresh (a new session, a new
token, the other signature form). The strategies live in ``_auth_*.py``, one file per API; this file holds
their interface and the loop all clients share.
"""

from __future__ import annotations

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchAuthError


class AuthStrategy:
    """How one API authenticates a request. Subclasses implement :meth:`headers` and may implement :meth:`refresh`."""

    #: A short name for messages and ``-vvv`` output (never a secret).
    name = 'none'

    def headers(self, method, path, body, content_type):
        """The headers that authenticate one attempt (called again for each retry: fresh timestamp, fresh signature).

        ``path`` is the request path (no host, no query), ``body`` the exact bytes sent (``b''`` when none).
        """
        return {}

    def refresh(self, error):
        """Sinch refused the headers with ``error`` (a :class:`SinchAuthError`); True when worth one more try.

        Implementations forget what was refused (a cached session, a token) or switch form. Called at most once
        per request by :func:`send`. The default: nothing to refresh.
        """
        return False

    def accepted(self):
        """Sinch accepted the last request (called by :func:`send` after every success); e.g. confirm a new form."""


def send(transport, strategy, method, url, **kwargs):
    """Send one request through ``transport`` authenticated by ``strategy``; refresh once when Sinch refuses it.

    A request Sinch refused as unauthenticated was not acted on, so sending it once more is safe even for a
    purchase. ``kwargs`` go to :meth:`Transport.request` (``body``, ``params``, ``operation``, ``idempotent`` ...).
    """
    refreshed = False
    while True:
        try:
            answer = transport.request(method, url, authorize=strategy.headers, **kwargs)
        except SinchAuthError as error:
            if refreshed or not strategy.refresh(error):
                raise
            refreshed = True
            continue
        strategy.accepted()
        return answer
