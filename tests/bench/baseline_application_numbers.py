#!/usr/bin/env python
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The baseline of the ``application_numbers`` benchmark: the role's reconciliation as a plain ``requests`` script.

    baseline_application_numbers.py --url URL --applications FILE [--username U --password P] [--organisation-id ID]

``FILE`` is JSON: a list of ``{application_key, capability, count, group_id}``, the role's
``application_numbers_applications``. Credentials default to ``SINCH_USERNAME`` / ``SINCH_PASSWORD``; ``--url`` (default
``SINCH_SIMULATOR_URL``) serves the user API, the API and the portal API, as the simulator does.

It sends the same requests as ``sinch.numbers.sinch_application_numbers`` and decides the same way, with nothing of
the collection imported (its own signing, no retries, no locks, no session cache: it logs in every time):
log in, create an instance, read the organisation (unless given), read its numbers, read the numbers of each
application key the organisation's numbers do not show, and when something is missing: read the shop, reserve per
group and capability, check out once, read the numbers again; then one PUT of the complete set per application and
capability that gains numbers. Prints ``{"requests": {...}, "total": n, "writes": n, "rented": n, "assigned": n}``.
The caller measures the wall time of the whole process (interpreter start and ``import requests`` included, as
``ansible-playbook``'s are).
"""

import argparse
import base64
import collections
import datetime
import hashlib
import hmac
import json
import os
import sys

import requests

LOGIN_KEY = '669762D5-2B10-44E0-8418-BC9EE4457555'
JSON_TYPE = 'application/json'


def stamp():
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (now.microsecond // 1000)


def signed(instance_id, secret, method, path, body):
    """Instance headers: Base64(HMAC-SHA256(key, VERB, Content-MD5, Content-Type, x-timestamp, path))."""
    when = stamp()
    md5 = base64.b64encode(hashlib.md5(body).digest()).decode() if body else ''
    text = '\n'.join((method, md5, JSON_TYPE, 'x-timestamp:' + when, path))
    mac = hmac.new(base64.b64decode(secret), text.encode(), hashlib.sha256).digest()
    return {'Authorization': 'Instance %s:%s' % (instance_id, base64.b64encode(mac).decode()), 'x-timestamp': when,
            'Content-Type': JSON_TYPE, 'Accept': JSON_TYPE}


class Portal:
    """A logged-in session that counts its requests by name."""

    def __init__(self, url, username, password):
        self.url = url.rstrip('/')
        self.http = requests.Session()
        self.counts = collections.Counter()
        token = self.send('login', 'POST', '/v1/users/email/%s/authentication' % username, {'password': password},
                          {'Authorization': 'Application ' + LOGIN_KEY, 'x-timestamp': stamp()})['authorization']
        instance = self.send('create_instance', 'POST', '/v1/instance',
                             {'authorization': token, 'version': {'os': 'linux', 'platform': 'baseline'}},
                             {'Authorization': 'User ' + token, 'x-timestamp': stamp()})
        self.instance_id, self.secret = instance['id'], instance['secret']

    def send(self, name, method, path, payload=None, headers=None):
        body = json.dumps(payload, separators=(',', ':')).encode() if payload is not None else b''
        headers = headers or signed(self.instance_id, self.secret, method, path, body)
        headers.setdefault('Content-Type', JSON_TYPE)
        self.counts[name] += 1
        answer = self.http.request(method, self.url + path, data=body or None, headers=headers, timeout=30)
        if answer.status_code >= 400:
            sys.exit('%s %s failed: %s %s' % (method, path, answer.status_code, answer.text))
        return answer.json() if answer.content else None


def plan(entries, numbers):
    """Per entry (in order): its numbers with the capability, the free numbers it takes, and how many it lacks."""
    owner = dict((n['number'], n.get('applicationKey')) for n in numbers)
    caps = dict((n['number'], set(n['capabilities'])) for n in numbers)
    group = dict((n['number'], n['groupId']) for n in numbers)
    taken, plans = set(), {}
    for index, entry in sorted(enumerate(entries), key=lambda item: (item[1].get('group_id') is None, item[0])):
        key, capability = entry['application_key'], entry['capability']
        current = sorted(n for n in owner if owner[n] == key and capability in caps[n])
        pool = sorted((n for n in owner if not owner[n] and n not in taken and capability in caps[n]
                       and entry.get('group_id') in (None, group[n])), key=lambda n: (len(caps[n]), n))
        picked = pool[:max(0, entry['count'] - len(current))]
        taken.update(picked)
        owner.update((n, key) for n in picked)
        plans[index] = (current, picked, max(0, entry['count'] - len(current) - len(picked)))
    return [plans[index] for index in range(len(entries))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--url', default=os.environ.get('SINCH_SIMULATOR_URL'))
    parser.add_argument('--username', default=os.environ.get('SINCH_USERNAME', 'ops@example.com'))
    parser.add_argument('--password', default=os.environ.get('SINCH_PASSWORD', 'correct-horse-battery'))
    parser.add_argument('--organisation-id')
    parser.add_argument('--applications', required=True)
    args = parser.parse_args()
    with open(args.applications) as handle:
        entries = json.load(handle)

    portal = Portal(args.url, args.username, args.password)
    organisation = args.organisation_id or portal.send('get_organisations', 'GET', '/v1/organisations')['id']
    numbers_path = '/v1/organisations/id/%s/numbers' % organisation
    numbers = portal.send('list_numbers', 'GET', numbers_path)
    known = set(n.get('applicationKey') for n in numbers)
    for key in dict.fromkeys(entry['application_key'] for entry in entries):
        if key not in known:  # proves the application exists before any write (404 otherwise)
            portal.send('list_app_numbers', 'GET', '/v1/applications/key/%s/numbers' % key)
    plans = plan(entries, numbers)
    shortfall = collections.Counter()
    for entry, (current, picked, missing) in zip(entries, plans):
        if missing:
            shortfall[(entry['group_id'], entry['capability'])] += missing
    if shortfall:
        groups = dict((g['groupId'], g) for g in portal.send('list_shop', 'GET', numbers_path + '/shop'))
        for (group_id, capability), quantity in shortfall.items():
            if capability not in groups[group_id]['capabilities'] or groups[group_id]['availability'] < quantity:
                sys.exit('group %s cannot supply %d %s numbers' % (group_id, quantity, capability))
        references = [portal.send('reserve', 'PUT', numbers_path + '/shop',
                                  {'groupId': group_id, 'quantity': quantity, 'capabilities': [capability]})['referenceId']
                      for (group_id, capability), quantity in shortfall.items()]
        portal.send('checkout', 'POST', numbers_path + '/shop', {'referenceIds': references})
        numbers = portal.send('list_numbers', 'GET', numbers_path)
        plans = plan(entries, numbers)
    for entry, (current, picked, missing) in zip(entries, plans):
        if picked:
            portal.send('set_app_numbers', 'PUT', '/v1/applications/key/%s/numbers/%s' % (entry['application_key'], entry['capability']),
                        {'numbers': sorted(current + picked)})
    counts = dict(portal.counts)
    writes = sum(n for name, n in counts.items() if name in ('reserve', 'checkout', 'set_app_numbers'))
    print(json.dumps({'requests': counts, 'total': sum(counts.values()), 'writes': writes,
                      'rented': sum(shortfall.values()), 'assigned': sum(len(p[1]) for p in plans)}))


if __name__ == '__main__':
    main()
