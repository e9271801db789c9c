# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-side client helpers and the fixture's well-known ids.

The signing code here is written independently of the simulator (and of the collection) so
the tests check the simulator against the documented algorithm, not against itself.
"""

import base64
import hashlib
import hmac
import json
import os
from datetime import datetime, timedelta, timezone

import requests

SIMULATOR_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "simulator"))

APP_KEY = "669762D5-2B10-44E0-8418-BC9EE4457555"
EMAIL = "ops@example.com"
PASSWORD = "correct-horse-battery"
ORG_ID = 8888123
OTHER_ORG_ID = 7777000
SUPPORT_LINE = "bb7b4e39-4227-4913-8c81-2db4abb54fb3"
SALES_IVR = "5a3f3e9c-7d1b-4c52-9a8e-2f6b1c0d4e71"
SMS_ALERTS = "8e2d7c4b-1f3a-4b6e-9c5d-0a7f2e1b3c49"
GLOBEX_APP = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
PROJECT = "0994c893-4d74-4455-8259-4f5c68d92f6f"
KEY_ID = "3e6f7c2a-91d4-4b8e-a5c3-7d2f1e0b9a64"
KEY_SECRET = "kS9v2pLq7RtX4mWz8NcYb3Hd"
OTHER_PROJECT = "5b1e6c0d-2a47-4f3e-8d19-6c7a0b2e4f58"
OTHER_KEY = ("9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "oTh3rPr0jectS3cretValue")


def timestamp(offset_seconds=0):
    moment = datetime.now(timezone.utc) + timedelta(seconds=offset_seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def sign(secret_b64, method, body, content_type, stamp, resource):
    """Sinch instance signature, from the documented algorithm."""
    md5 = base64.b64encode(hashlib.md5(body).digest()).decode() if body else ""
    text = "%s\n%s\n%s\nx-timestamp:%s\n%s" % (method, md5, content_type, stamp, resource)
    return base64.b64encode(hmac.new(base64.b64decode(secret_b64), text.encode(), hashlib.sha256).digest()).decode()


class LegacyClient:
    """Minimal legacy client: log in, create an instance, send signed requests."""

    def __init__(self, url):
        self.url = url
        self.http = requests.Session()
        self.instance_id = self.secret = None

    def login(self, identity_type="email", identity=EMAIL, password=PASSWORD, authorization="Application " + APP_KEY, stamp=None):
        headers = {"x-timestamp": stamp or timestamp()}
        if authorization is not None:
            headers["Authorization"] = authorization
        return self.http.post("%s/v1/users/%s/%s/authentication" % (self.url, identity_type, identity), json={"password": password}, headers=headers)

    def create_instance(self, authorization, body=None):
        body = body if body is not None else {"authorization": authorization, "version": {"os": "linux", "platform": "pytest"}}
        headers = {"Authorization": "User " + authorization, "x-timestamp": timestamp()}
        return self.http.post(self.url + "/v1/instance", json=body, headers=headers)

    def start(self):
        login = self.login()
        assert login.status_code == 200, login.text
        instance = self.create_instance(login.json()["authorization"])
        assert instance.status_code == 200, instance.text
        self.instance_id, self.secret = instance.json()["id"], instance.json()["secret"]
        return self

    def call(self, method, path, body=None, stamp=None, scheme="Instance", signature=None, content_type="application/json", query=""):
        """Send a signed request; ``signature`` overrides the computed one."""
        data = json.dumps(body).encode() if body is not None else b""
        stamp = stamp or timestamp()
        signature = signature or sign(self.secret, method, data, content_type or "", stamp, path)
        headers = {"x-timestamp": stamp, "Authorization": "%s %s:%s" % (scheme, self.instance_id, signature)}
        if content_type:
            headers["Content-Type"] = content_type
        return self.http.request(method, self.url + path + query, data=data, headers=headers)
