# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Look for Sinch secrets where they must not be: in what Ansible printed and in every file a run wrote.

    scan_secrets.py collect CACHE_DIR ISSUED_FILE
        Check the session cache (a 0700 directory; 0600 entries holding only what a later task needs) and add the
        instance ids, instance secrets and access tokens found there to ISSUED_FILE (JSON lines), so that secrets of
        sessions replaced later in the run are searched for too.

    scan_secrets.py scan ISSUED_FILE CACHE_DIR KEY_ID SECRET... -- ROOT...
        Search every file under each ROOT, except the cache entries, line by line for: each SECRET given (passwords,
        key secrets), the Basic authorization value of KEY_ID with each of them, every issued instance secret and
        access token, any "Instance <id>:<signature>", "Basic …", "Bearer …" or "User …" authorization value, a
        log-in token, an "Authorization:" header, and Ansible's "********" (a module returned a no_log value, which
        Ansible masked: the module still tried to show a secret). Prints "file:line: what" for each hit (never the
        secret itself), and exits 1 when there is any.

The simulator does not tell which credentials it issued, so they are read from the cache files as the run goes.
"""

from __future__ import annotations

import base64
import json
import os
import re
import stat
import sys
from urllib.parse import quote

# What a cache entry may hold: a legacy session, or an OAuth2 token.
SESSION_KEYS = {'id', 'secret', 'expires_at', 'organisation', 'password_check', 'resource_form'}
TOKEN_KEYS = {'access_token'}

# Authorization values of every scheme the collection sends, however they are quoted around.
PATTERNS = (
    ('an instance signature', re.compile(r'Instance\s+[0-9A-Za-z-]{8,}:[A-Za-z0-9+/]{8,}')),
    ('a Basic authorization value', re.compile(r'\bBasic\s+[A-Za-z0-9+/]{16,}=*')),
    ('a Bearer authorization value', re.compile(r'\bBearer\s+[A-Za-z0-9_.~+/-]{16,}')),
    ('a User authorization value', re.compile(r'\bUser\s+[A-Za-z0-9+/]{16,}')),
    # The simulator's log-in tokens start with base64('{"applicationKey":'), like Sinch's.
    ('a log-in token', re.compile(r'eyJhcHBsaWNhdGlvbktleSI6')),
    # A header with its value: the scheme followed by a credential. (Source code that builds one, e.g.
    # `'Authorization': 'Bearer ' + self.token()` in the traceback ansible-core 2.16 shows at -vvv, holds none.)
    ('an Authorization header', re.compile(r'''(?i)authorization['"]?\s*[:=]\s*['"]?\s*(basic|bearer|instance|user|application)\s+[A-Za-z0-9+/=._~:-]{8,}''')),
    # Not the stars that pad a banner to the terminal's width ("TASK [name] ****", "PLAY RECAP ****"), which are
    # exactly eight for some name lengths.
    ('a secret masked by Ansible in a module result', re.compile(r'(?<!\] )(?<!RECAP )(?<!\*)\*{8}(?!\*)')),
)


def fail(message):
    print('FAIL: ' + message)
    return 1


def collect(cache_dir, issued_file):
    """Check the cache directory and its entries; append what they hold to ``issued_file``."""
    problems = 0
    info = os.stat(cache_dir)
    if stat.S_IMODE(info.st_mode) != 0o700:
        problems += fail('%s has mode %o, not 0700' % (cache_dir, stat.S_IMODE(info.st_mode)))
    issued = []
    for name in sorted(os.listdir(cache_dir)):
        path = os.path.join(cache_dir, name)
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if name.endswith('.tmp'):
            problems += fail('%s: a temporary file was left behind' % path)
        if mode & 0o077:
            problems += fail('%s has mode %o: other users may read it' % (path, mode))
        if name.endswith('.lock'):
            if os.path.getsize(path):
                problems += fail('%s: a lock file holds data' % path)
            continue
        if not name.endswith('.json'):
            problems += fail('%s: not a cache entry' % path)
            continue
        with open(path, encoding='utf-8') as handle:
            entry = json.load(handle)
        data = entry.get('data') if isinstance(entry, dict) else None
        if set(entry) != {'expires_at', 'data'} or not isinstance(data, dict):
            problems += fail('%s: not {"expires_at", "data"}: %s' % (path, sorted(entry)))
            continue
        if not (set(data) <= SESSION_KEYS and {'id', 'secret'} <= set(data)) and set(data) != TOKEN_KEYS:
            problems += fail('%s holds %s; only %s or %s belong there' % (path, sorted(data), sorted(SESSION_KEYS), sorted(TOKEN_KEYS)))
        for kind in ('id', 'secret', 'access_token'):
            if data.get(kind):
                issued.append({'kind': kind, 'value': data[kind], 'file': name})
    with open(issued_file, 'a', encoding='utf-8') as handle:
        for item in issued:
            handle.write(json.dumps(item) + '\n')
    print('%s: %d entries checked, %d values noted' % (cache_dir, len([n for n in os.listdir(cache_dir) if n.endswith('.json')]), len(issued)))
    return problems


def needles(issued_file, key_id, secrets):
    """(label, text) pairs to search for, each also in its URL-encoded form."""
    found = []
    instance_ids = set()
    for secret in secrets:
        found.append(('a secret given to the run (%s…)' % secret[:3], secret))
        basic = base64.b64encode(('%s:%s' % (key_id, secret)).encode()).decode()
        found.append(('the Basic authorization value of key %s' % key_id, basic))
    with open(issued_file, encoding='utf-8') as handle:
        for line in handle:
            item = json.loads(line)
            if item['kind'] == 'id':
                instance_ids.add(item['value'])
            else:
                found.append(('an issued %s (%s…)' % (item['kind'].replace('_', ' '), item['value'][:4]), item['value']))
    for instance_id in sorted(instance_ids):
        found.append(('a signature of instance %s' % instance_id, 'Instance %s:' % instance_id))
    encoded = [(label + ', URL-encoded', quote(text, safe='')) for label, text in found if quote(text, safe='') != text]
    return sorted(set(found + encoded)), len(instance_ids)


def scan(issued_file, cache_dir, key_id, secrets, roots):
    """Search every file under ``roots`` (cache entries aside) for the needles and patterns."""
    texts, instances = needles(issued_file, key_id, secrets)
    cache_dir = os.path.realpath(cache_dir)
    hits = 0
    files = 0
    for root in roots:
        for directory, _dirs, names in os.walk(root):
            for name in sorted(names):
                path = os.path.join(directory, name)
                if os.path.realpath(directory) == cache_dir and name.endswith('.json'):
                    continue
                if not os.path.isfile(path):
                    continue
                files += 1
                with open(path, 'rb') as handle:
                    content = handle.read().decode('utf-8', 'replace')
                for number, line in enumerate(content.splitlines(), 1):
                    for label, text in texts:
                        if text in line:
                            hits += fail('%s:%d: %s' % (path, number, label))
                    for label, pattern in PATTERNS:
                        match = pattern.search(line)
                        if match:
                            # Where, never what: this output goes to CI logs.
                            hits += fail('%s:%d:%d: %s' % (path, number, match.start() + 1, label))
    print('scanned %d files under %s for %d secrets (%d instances) and %d patterns: %d hits'
          % (files, ', '.join(roots), len(texts), instances, len(PATTERNS), hits))
    return hits


def main(argv):
    if len(argv) == 3 and argv[0] == 'collect':
        return 1 if collect(argv[1], argv[2]) else 0
    if len(argv) > 5 and argv[0] == 'scan' and '--' in argv:
        split = argv.index('--')
        issued_file, cache_dir, key_id = argv[1:4]
        return 1 if scan(issued_file, cache_dir, key_id, argv[4:split], argv[split + 1:]) else 0
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
