# -*- coding: utf-8 -*-
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private to sinch.numbers: a small on-disk cache of signed sessions and OAuth2 tokens.

Only this collection may import this file; it is not a public API.

Every task of a play runs in its own process, so without this cache each task would log in and
create a new instance (two extra requests, and a new instance each time). Entries live in
``$XDG_CACHE_HOME/sinch.numbers`` (default ``~/.cache/sinch.numbers``), a 0700 directory, one 0600
file per account, named by a hash of the URLs and user (never the password), and hold only what
a later task needs: the instance id and secret or the token, when they expire, and the organisation.
A cache that cannot be used (read-only home, foreign owner, corrupt file) is skipped, never fatal; an
entry of the wrong shape is discarded (the caller logs in again). The lock is another matter: it guards
purchases, so it never silently disappears. When the cache directory cannot hold it, it is taken in a
private fallback directory (``<tmp>/sinch.numbers-<uid>``, 0700, owned by this user), and when neither can,
:meth:`SessionCache.lock` raises :class:`SinchLockError` before anything is written.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import math
import os
import stat
import tempfile
import time

from ansible_collections.sinch.numbers.plugins.module_utils._errors import SinchLockError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX controllers only
    fcntl = None

# Renew this long before Sinch's own expiry, so a session never expires between two requests of a task.
EXPIRY_MARGIN = 300


def default_directory():
    """The cache directory for this user."""
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'sinch.numbers')


def cache_key(*parts):
    """A file-name-safe key for an account; only a hash of its parts appears on disk."""
    return hashlib.sha256('\0'.join(str(p) for p in parts).encode('utf-8')).hexdigest()[:40]


# A session cached for a user must not outlive a change of password (or serve a wrong one), yet the
# password must not reach the disk: entries keep a salted, slow hash of it to compare with.
_VERIFIER_ROUNDS = 20000


def password_check(password, salt=None):
    """A salted PBKDF2 verifier of ``password`` for a cache entry: ``{"salt": ..., "hash": ...}``."""
    salt = base64.b64decode(salt) if salt else os.urandom(16)
    digest = hashlib.pbkdf2_hmac('sha256', password.encode('utf-8'), salt, _VERIFIER_ROUNDS)
    return {'salt': base64.b64encode(salt).decode('ascii'), 'hash': base64.b64encode(digest).decode('ascii')}


def password_matches(password, check):
    """Whether ``password`` is the one ``check`` (from :func:`password_check`) was made of."""
    if not isinstance(check, dict) or not isinstance(check.get('salt'), str) or not isinstance(check.get('hash'), str):
        return False
    try:
        expected = password_check(password, check['salt'])['hash']
    except (TypeError, ValueError):
        return False
    return hmac.compare_digest(expected, check['hash'])


class SessionCache:
    """Load, store and discard cache entries; ``clock`` is injectable for tests."""

    def __init__(self, directory=None, clock=None):
        self.directory = directory or default_directory()
        self.clock = clock or time.time
        self._usable = None

    def _ready(self):
        """Create the directory (0700) once; False when the cache cannot be used safely."""
        if self._usable is None:
            try:
                os.makedirs(self.directory, mode=0o700, exist_ok=True)
                info = os.stat(self.directory)
                if info.st_uid != os.getuid():
                    self._usable = False
                else:
                    if stat.S_IMODE(info.st_mode) != 0o700:
                        os.chmod(self.directory, 0o700)
                    self._usable = stat.S_ISDIR(info.st_mode) and os.access(self.directory, os.W_OK | os.X_OK)
            except OSError:
                self._usable = False
        return self._usable

    def _path(self, key):
        return os.path.join(self.directory, key + '.json')

    def load(self, key):
        """The entry's data, or None when absent, expired, unreadable or not private to this user."""
        if not self._ready():
            return None
        try:
            with open(self._path(key), 'r', encoding='utf-8') as handle:
                info = os.fstat(handle.fileno())
                if info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
                    return None
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        expires_at = entry.get('expires_at') if isinstance(entry, dict) else None
        if not isinstance(entry.get('data') if isinstance(entry, dict) else None, dict) or not _is_number(expires_at):
            self.discard(key)
            return None
        if expires_at - EXPIRY_MARGIN <= self.clock():
            return None
        return entry['data']

    def store(self, key, data, expires_in):
        """Write the entry atomically (0600 temp file, then rename) to live ``expires_in`` seconds."""
        if not self._ready():
            return
        entry = {'expires_at': self.clock() + expires_in, 'data': data}
        try:
            handle, temp = tempfile.mkstemp(dir=self.directory, prefix='.' + key, suffix='.tmp')
            try:
                with os.fdopen(handle, 'w', encoding='utf-8') as out:
                    json.dump(entry, out)
                os.replace(temp, self._path(key))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError:
            return

    def discard(self, key):
        """Forget an entry, e.g. after Sinch refused its session."""
        with contextlib.suppress(OSError):
            os.unlink(self._path(key))

    @contextlib.contextmanager
    def lock(self, key, required=True):
        """Hold an exclusive ``flock`` for ``key`` across the processes of this controller.

        Serialises log-ins (forks of one play log in once) and, through ``organisation_lock``, read → decide →
        write. Taken in the cache directory, else in :func:`fallback_directory`; raises :class:`SinchLockError`
        (before any write) when neither can hold it. A lock that is not ``required`` (log-ins: without it forks only
        log in more than once, which costs requests, not money) is skipped instead.
        """
        if fcntl is None:  # pragma: no cover - Ansible controllers are POSIX
            if not required:
                yield
                return
            raise SinchLockError('this controller has no flock(); purchases cannot be serialised here')
        try:
            handle = self._open_lock(key + '.lock')
        except SinchLockError:
            if required:
                raise
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)

    def _open_lock(self, name):
        """A descriptor of the lock file ``name``: in the cache directory, else in the private fallback."""
        reasons = []
        places = [(self.directory, self._ready)] if self._ready() else []
        if not places:
            reasons.append('the cache directory %s is not usable (missing and not creatable, not a directory, '
                           'not owned by this user, or not writable)' % self.directory)
        fallback = fallback_directory()
        places.append((fallback, lambda: _private_directory(fallback)))
        for directory, usable in places:
            if not usable():
                reasons.append('%s is not a private directory of this user' % directory)
                continue
            try:
                handle = os.open(os.path.join(directory, name), os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
            except OSError as error:
                reasons.append('cannot create a lock file in %s (%s)' % (directory, error.strerror or error))
                continue
            if os.fstat(handle).st_uid == os.getuid():
                return handle
            os.close(handle)
            reasons.append('the lock file in %s belongs to another user' % directory)
        raise SinchLockError('; '.join(reasons))


_NOFOLLOW = getattr(os, 'O_NOFOLLOW', 0)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def fallback_directory():
    """Where locks go when the cache directory cannot hold them: one directory per user under the system temp dir."""
    return os.path.join(tempfile.gettempdir(), 'sinch.numbers-%d' % os.getuid())


def _private_directory(path):
    """Create ``path`` (0700) if missing; True only when it is a real directory of this user that no one else can use."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not stat.S_IMODE(info.st_mode) & 0o077
            and os.access(path, os.W_OK | os.X_OK))
