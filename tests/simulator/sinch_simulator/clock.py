# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time helpers: one place for "now" and for the two ISO-8601 styles the APIs use.

The legacy API writes ``2015-12-31T23:59:59+00:00``; the Numbers API writes
``2020-11-29T09:54:20.516Z``. Expiry bookkeeping uses ``time.monotonic`` so a wall-clock jump
on the test machine cannot expire sessions or reservations.
"""

import re
import time
from datetime import datetime, timedelta, timezone

# x-timestamp accepted forms: seconds with optional fraction, then Z or an explicit offset.
_TIMESTAMP_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$")


def utcnow():
    return datetime.now(timezone.utc)


def monotonic():
    return time.monotonic()


def legacy_iso(moment):
    """``2015-12-31T23:59:59+00:00`` (legacy Number ``expires``)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def api_iso(moment):
    """``2020-11-29T09:54:20.516Z`` (Numbers API dates, millisecond precision)."""
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def in_days(days):
    return utcnow() + timedelta(days=days)


def parse_timestamp(value):
    """Parse an ``x-timestamp`` header; return an aware datetime or None when malformed.

    A timezone is required (a naive time is ambiguous); fractions beyond microseconds are cut so
    the parse also works on Python versions whose ``fromisoformat`` is stricter than 3.11's.
    """
    match = _TIMESTAMP_RE.match(value.strip()) if value else None
    if not match:
        return None
    base, fraction, zone = match.groups()
    text = base + "." + (fraction or "0")[:6].ljust(6, "0") + ("+00:00" if zone == "Z" else zone)
    try:
        return datetime.fromisoformat(text)
    except ValueError:  # e.g. month 13: well-formed but not a date
        return None
