# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: the desired state of the project's callback HMAC secret (``sinch_callback_configuration``).

Only this collection may import this file; it is not a public API.

Facts: ``sinch-api/modern-apis.md`` B.1 — ``GET .../callbackConfiguration`` returns the secret in clear and ``PATCH``
sets it. The secret is compared with the current one and never returned, diffed, logged or put in a message: the
result and the diff say only whether a secret is set and whether it changes.

Which secrets Sinch accepts is uncertain (Conflicts 8): the Python SDK documents 32 to 64 characters of
``A-Z a-z 0-9 -`` while the SDK mock uses 36 characters with ``*`` and ``$``. So only what is certain is refused
(an empty secret, which the .NET SDK refuses too); a secret outside the Python SDK's rule gets a warning and is sent,
and Sinch decides.
"""

from __future__ import annotations

import re

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchBadAnswer, SinchInputError
from ansible_collections.sinch.numbers.plugins.module_utils._outcome import Outcome

_PYPI_RULE = re.compile(r'^[A-Za-z0-9-]{32,64}$')
SET, NOT_SET, CHANGED = '(set)', '(not set)', '(changed)'


def check_secret(hmac_secret):
    """Refuse an empty secret (naming the option); a list of warnings for one outside the Python SDK's rule."""
    if not isinstance(hmac_secret, str) or not hmac_secret.strip():
        raise SinchInputError('hmac_secret: give the secret Sinch signs number events with (not empty), '
                              'e.g. 48 random letters and digits kept in a vault.')
    if _PYPI_RULE.match(hmac_secret):
        return []
    return ['hmac_secret: Sinch\'s Python SDK documents 32 to 64 characters of A-Z, a-z, 0-9 and "-"; this secret is '
            'not of that form (its value is not shown) and Sinch may refuse it.']


def ensure_callback_secret(client, hmac_secret, check_mode=False):
    """Read the current secret, and set ``hmac_secret`` unless it is the same; an :class:`Outcome` without the secret."""
    warnings = check_secret(hmac_secret)
    answer = client.get_callback_configuration()
    if not isinstance(answer, dict) or not isinstance(answer.get('hmacSecret', ''), str):
        # Never the answer itself: it holds the secret.
        raise SinchBadAnswer('expected {"projectId": ..., "hmacSecret": "..."}',
                             operation='read the callback configuration (GET .../callbackConfiguration)')
    current = answer.get('hmacSecret') or ''
    changed = current != hmac_secret
    if changed and not check_mode:
        client.update_callback_configuration(hmac_secret)
    before = SET if current else NOT_SET
    after = CHANGED if changed else before
    result = dict(project_id=answer.get('projectId') or client.project_id, hmac_secret=after if changed else SET)
    return Outcome(changed, result, dict(before=dict(hmac_secret=before), after=dict(hmac_secret=after)), warnings)
