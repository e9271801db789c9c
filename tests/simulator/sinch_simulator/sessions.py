# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Login authorizations, instances and OAuth2 access tokens.

Kept apart from the account state so a ``/_sim/reset`` can reload the fixture while clients
keep their cached sessions (unless the reset asks for ``drop_sessions``). Entries only hold
ids (user id, key id); whether that user or key still exists is checked on every use against
the current state.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
import uuid
from dataclasses import dataclass

from . import clock


@dataclass
class Session:
    owner: object  # user id (authorizations, instances) or key id (access tokens)
    expires_at: float  # clock.monotonic() deadline
    secret: bytes = b""  # instances only: the decoded signing secret

    def alive(self):
        return clock.monotonic() < self.expires_at


class Sessions:
    """Issued credentials. Callers hold the simulator lock."""

    def __init__(self):
        self._signing_key = os.urandom(32)  # only makes authorizations look like the real ones
        self.authorizations = {}  # login "authorization" string -> Session(user id)
        self.instances = {}  # instance id -> Session(user id, secret)
        self.access_tokens = {}  # bearer token -> Session(key id)

    def new_authorization(self, user_id, identity, ttl):
        """An opaque login token shaped like Sinch's: base64(JSON claims) ":" base64(HMAC)."""
        claims = {"applicationKey": "number-administration", "identity": identity, "created": clock.api_iso(clock.utcnow()), "nonce": uuid.uuid4().hex}
        payload = base64.b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode()
        mac = base64.b64encode(hmac.new(self._signing_key, payload.encode(), hashlib.sha256).digest()).decode()
        token = payload + ":" + mac
        self.authorizations[token] = Session(user_id, clock.monotonic() + ttl)
        return token

    def new_instance(self, user_id, ttl):
        """Return (instance id, base64 secret)."""
        instance_id = str(uuid.uuid4())
        secret = os.urandom(16)
        self.instances[instance_id] = Session(user_id, clock.monotonic() + ttl, secret)
        return instance_id, base64.b64encode(secret).decode()

    def new_access_token(self, key_id, ttl):
        token = secrets.token_urlsafe(32)
        self.access_tokens[token] = Session(key_id, clock.monotonic() + ttl)
        return token

    @staticmethod
    def live(table, key):
        """The live session stored under ``key`` in ``table``, or None (expired ones are dropped)."""
        session = table.get(key)
        if session is not None and not session.alive():
            del table[key]
            return None
        return session

    def expire_all(self):
        """Make every credential expired now; return how many of each there were."""
        now = clock.monotonic()
        counts = {}
        for name in ("authorizations", "instances", "access_tokens"):
            table = getattr(self, name)
            for session in table.values():
                session.expires_at = now
            counts[name] = len(table)
        return counts

    def expire_instance(self, instance_id):
        """Expire one instance now (a test's own, leaving other clients' sessions alone); 1 if it existed."""
        session = self.instances.get(instance_id)
        if session is None:
            return {"instances": 0}
        session.expires_at = clock.monotonic()
        return {"instances": 1}

    def summary(self):
        return {name: sum(1 for s in getattr(self, name).values() if s.alive()) for name in ("authorizations", "instances", "access_tokens")}
