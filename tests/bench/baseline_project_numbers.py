#!/usr/bin/env python
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The baseline of the ``project_numbers`` benchmark: the role's reconciliation as a plain ``requests`` script.

    baseline_project_numbers.py --url URL --pools FILE [--project-id P --key-id K --key-secret S]

``FILE`` is JSON: a list of pools ``{region_code, type, capabilities, count, sms_service_plan_id, voice_app_id}``,
the role's ``project_numbers_pools``. Credentials default to ``SINCH_PROJECT_ID`` / ``SINCH_KEY_ID`` /
``SINCH_KEY_SECRET``; ``--url`` (default ``SINCH_SIMULATOR_URL``) serves the Numbers API and the OAuth2 token
endpoint, as the simulator does.

It sends the same requests as ``sinch.numbers.sinch_active_number_pool`` with ``pools`` and decides the same way,
with nothing of the collection imported (no input checks, no retries, no money rule, no recovery of lost answers):
one OAuth2 token, the active numbers listed once per region and type (pages of 100), the members of each pool (the
first pool a number matches), one search per region, type and capabilities with a shortfall, one ``:rent`` per
missing number with the pool's configuration. Prints ``{"requests": {...}, "total": n, "writes": n, "rented": n}``.
The caller measures the wall time of the whole process (interpreter start and ``import requests`` included, as
``ansible-playbook``'s are).
"""

import argparse
import collections
import json
import os
import sys
from urllib.parse import quote

import requests

PENDING = ('WAITING', 'IN_PROGRESS')


class Project:
    """One project's Numbers API with a bearer token, counting requests by name."""

    def __init__(self, url, project_id, key_id, key_secret):
        self.url = url.rstrip('/')
        self.base = '%s/v1/projects/%s' % (self.url, project_id)
        self.http = requests.Session()
        self.counts = collections.Counter()
        self.counts['oauth_token'] += 1
        answer = self.http.post(self.url + '/oauth2/token', data={'grant_type': 'client_credentials'},
                                auth=(key_id, key_secret), timeout=30)
        answer.raise_for_status()
        self.http.headers['Authorization'] = 'Bearer ' + answer.json()['access_token']

    def send(self, name, method, path, params=None, payload=None):
        self.counts[name] += 1
        answer = self.http.request(method, self.base + path, params=params, json=payload, timeout=30)
        if answer.status_code >= 400:
            sys.exit('%s %s failed: %s %s' % (method, path, answer.status_code, answer.text))
        return answer.json()


def wanted(pool):
    """The configuration of a pool, as the API names it."""
    return {'servicePlanId': pool.get('sms_service_plan_id'), 'appId': pool.get('voice_app_id')}


def current(number):
    """servicePlanId and appId of an active number, pending provisioning counted as done."""
    sms = number.get('smsConfiguration') or {}
    voice = number.get('voiceConfiguration') or {}
    found = {'servicePlanId': sms.get('servicePlanId') or '', 'appId': voice.get('appId') or ''}
    if (sms.get('scheduledProvisioning') or {}).get('status') in PENDING:
        found['servicePlanId'] = sms['scheduledProvisioning'].get('servicePlanId') or ''
    if (voice.get('scheduledVoiceProvisioning') or {}).get('status') in PENDING:
        found['appId'] = voice['scheduledVoiceProvisioning'].get('appId') or ''
    return found


def is_member(pool, number):
    capabilities = set(c.upper() for c in pool['capabilities'])
    if number['regionCode'] != pool['region_code'] or number['type'] != pool['type']:
        return False
    if not capabilities <= set(number.get('capability') or []):
        return False
    have = current(number)
    return all(have[key] == value for key, value in wanted(pool).items() if value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--url', default=os.environ.get('SINCH_SIMULATOR_URL'))
    parser.add_argument('--project-id', default=os.environ.get('SINCH_PROJECT_ID'))
    parser.add_argument('--key-id', default=os.environ.get('SINCH_KEY_ID'))
    parser.add_argument('--key-secret', default=os.environ.get('SINCH_KEY_SECRET'))
    parser.add_argument('--pools', required=True)
    args = parser.parse_args()
    with open(args.pools) as handle:
        pools = json.load(handle)

    project = Project(args.url, args.project_id, args.key_id, args.key_secret)
    listing = {}
    for key in dict.fromkeys((pool['region_code'], pool['type']) for pool in pools):
        params = {'regionCode': key[0], 'type': key[1], 'pageSize': 100}
        numbers = []
        while True:
            page = project.send('list_active', 'GET', '/activeNumbers', params=params)
            numbers.extend(page.get('activeNumbers') or [])
            if not page.get('nextPageToken'):
                break
            params['pageToken'] = page['nextPageToken']
        listing[key] = numbers
    claimed, missing = set(), []
    for pool in pools:
        members = [n['phoneNumber'] for n in listing[(pool['region_code'], pool['type'])]
                   if n['phoneNumber'] not in claimed and is_member(pool, n)]
        claimed.update(members)
        missing.append(max(0, pool['count'] - len(members)))
    searches = collections.OrderedDict()
    for pool, lacking in zip(pools, missing):
        if lacking:
            key = (pool['region_code'], pool['type'], tuple(sorted(c.upper() for c in pool['capabilities'])))
            searches.setdefault(key, []).append((pool, lacking))
    rented = 0
    taken = set()
    for (region, number_type, capabilities), wanting in searches.items():
        offers = project.send('list_available', 'GET', '/availableNumbers', params={
            'regionCode': region, 'type': number_type, 'capabilities': list(capabilities),
            'size': sum(lacking for _pool, lacking in wanting) + len(taken)})['availableNumbers']
        offers = [offer['phoneNumber'] for offer in offers if offer['phoneNumber'] not in taken]
        for pool, lacking in wanting:
            body = {}
            if pool.get('sms_service_plan_id'):
                body['smsConfiguration'] = {'servicePlanId': pool['sms_service_plan_id']}
            if pool.get('voice_app_id'):
                body['voiceConfiguration'] = {'type': 'RTC', 'appId': pool['voice_app_id']}
            for number in offers[:lacking]:
                project.send('rent', 'POST', '/availableNumbers/%s:rent' % quote(number, safe=''), payload=body)
                taken.add(number)
                rented += 1
            offers = offers[lacking:]
    counts = dict(project.counts)
    print(json.dumps({'requests': counts, 'total': sum(counts.values()), 'writes': counts.get('rent', 0),
                      'rented': rented}))


if __name__ == '__main__':
    main()
