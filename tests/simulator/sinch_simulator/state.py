# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulated Sinch account: everything a reset reloads from the fixture.

Legacy entities are small classes with a ``to_json`` that produces exactly the wire shape of
the 002 document, so handlers never assemble those dicts themselves. Numbers API numbers are
kept as wire-shaped dicts already (they are only ever read, patched and returned whole).
Sessions (instances, tokens) are deliberately not here: they live in ``sessions.py`` so they
can survive a reset.
"""

import copy
import re
from dataclasses import dataclass, field

from . import clock

SETTINGS_DEFAULTS = {
    "reservation_ttl": 600,  # seconds a shop reservation holds its numbers
    "instance_ttl": 172800,  # seconds an instance (and a login authorization) lives
    "token_ttl": 3600,  # seconds an OAuth2 access token lives
    "page_size_cap": 100,  # largest pageSize honoured by activeNumbers
    "timestamp_tolerance": 900,  # accepted x-timestamp skew, either direction, in seconds
}

# Numbers API behaviours on which Sinch's sources disagree or which are not instant (modern-apis.md B.4-B.12 and
# "Conflicts and unknowns"). Each test picks its variant with ``POST /_sim/variants``; a reset restores these
# defaults. The README says which source each one follows.
NUMBERS_API_VARIANTS = {
    "type_default": "ALL",  # listing activeNumbers without type: ALL types, or MOBILE only (SKILLS, B.8)
    "region_required": False,  # listing activeNumbers without regionCode: 400 INVALID_ARGUMENT (older SDKs, B.8)
    "start_needs_plus": True,  # START patterns match only with their "+" (B.10); a leading space counts as "+"
    "two_step_moves": True,  # relinking an SMS plan/campaign without unlinking first: 400 (B.6)
    "provisioning_delay": 0.0,  # seconds a rent/PATCH stays WAITING/IN_PROGRESS (0: applied at once) (B.4, B.5)
    "provisioning_failures": 0,  # how many of the next provisionings end FAILED (-1: all of them)
    "provisioning_error_codes": ["SMS_PROVISIONING_FAILED"],  # the errorCodes of a FAILED SMS provisioning
    "trial_account": False,  # :rent and :rentAny answer 403 PERMISSION_DENIED (B.12)
}

LEGACY_CAPABILITIES = ("voice", "sms")
API_CAPABILITIES = ("SMS", "VOICE")
API_NUMBER_TYPES = ("MOBILE", "LOCAL", "TOLL_FREE")
VOICE_TYPES = ("RTC", "EST", "FAX")
E164_RE = re.compile(r"^\+[1-9][0-9]{7,14}$")


@dataclass
class User:
    id: int
    password: str
    organisation_id: int
    identities: list
    first_name: str
    last_name: str
    email: str

    def has_identity(self, identity_type, endpoint):
        """Emails compare case-insensitively, the other identity types exactly."""
        for identity in self.identities:
            if identity["type"] != identity_type:
                continue
            if identity["endpoint"] == endpoint or (identity_type == "email" and identity["endpoint"].lower() == endpoint.lower()):
                return True
        return False

    def to_json(self):
        full = ("%s %s" % (self.first_name, self.last_name)).strip()
        return {
            "id": self.id,
            "identities": copy.deepcopy(self.identities),
            "profile": {"name": {"first": self.first_name, "last": self.last_name, "full": full}, "contact": {"email": self.email}},
        }


@dataclass
class Organisation:
    id: int
    name: str
    website: str
    phone: str
    country_id: str
    credit: float
    currency_id: str
    accounting: bool

    def to_json(self):
        return {"id": self.id, "name": self.name, "website": self.website, "phone": self.phone, "countryId": self.country_id}

    def admin_json(self):
        return dict(self.to_json(), credit=self.credit, currencyId=self.currency_id, accounting=self.accounting)


@dataclass
class Application:
    key: str
    name: str
    organisation_id: int


@dataclass
class NumberGroup:
    group_id: int
    country: str
    country_id: str
    city: str
    type: str
    stock: int  # numbers left to sell, ignoring reservations
    area_code: str
    cost: float
    currency_id: str
    capabilities: list
    plan: object  # numbering.NumberPlan

    def to_json(self, availability):
        return {
            "groupId": self.group_id,
            "country": self.country,
            "countryId": self.country_id,
            "city": self.city,
            "type": self.type,
            "availability": availability,
            "areaCode": self.area_code,
            "cost": {"amount": self.cost, "currencyId": self.currency_id},
            "capabilities": list(self.capabilities),
        }


@dataclass
class RentedNumber:
    number: int
    organisation_id: int
    group: NumberGroup
    capabilities: list
    expires: str
    cost: float
    application_key: str = None

    def to_json(self):
        data = {"number": self.number, "groupId": self.group.group_id, "capabilities": list(self.capabilities)}
        if self.application_key:
            data["applicationKey"] = self.application_key
        data.update(
            countryId=self.group.country_id,
            city=self.group.city,
            country=self.group.country,
            areaCode=self.group.area_code,
            expires=self.expires,
            cost={"amount": self.cost, "currencyId": self.group.currency_id},
        )
        return data


@dataclass
class Reservation:
    reference_id: str
    organisation_id: int
    group_id: int
    quantity: int
    capabilities: list
    expires_at: float  # clock.monotonic() deadline

    def to_json(self):
        return {
            "referenceId": self.reference_id,
            "organisation": self.organisation_id,
            "groupId": self.group_id,
            "quantity": self.quantity,
            "capabilities": list(self.capabilities),
            "expiresIn": max(0.0, round(self.expires_at - clock.monotonic(), 3)),
        }


@dataclass
class Project:
    id: str
    keys: dict  # key_id -> key_secret
    active: dict = field(default_factory=dict)  # phoneNumber -> active number dict
    revision: int = 0  # bumped whenever a number comes, goes or is renamed: list indexes are keyed on it


def new_active_number(project_id, source, charge_date=None):
    """Build a complete active number dict from a partial one (fixture entry or available number).

    Missing configuration blocks get the empty values the real API returns, so every active
    number the simulator serves has the same keys. ``charge_date`` (default: 30 days from now)
    can be passed in by bulk generation, which would otherwise spend its time formatting dates.
    """
    charge_date = charge_date or clock.api_iso(clock.in_days(30))
    number = {
        "phoneNumber": source["phoneNumber"],
        "projectId": project_id,
        "displayName": source.get("displayName", ""),
        "regionCode": source["regionCode"],
        "type": source["type"],
        "capability": list(source["capability"]),
        "money": dict(source["money"]),
        "paymentIntervalMonths": source.get("paymentIntervalMonths", 1),
        "nextChargeDate": source.get("nextChargeDate", charge_date),
        "expireAt": source.get("expireAt", charge_date),
        "smsConfiguration": {"servicePlanId": "", "campaignId": "", "scheduledProvisioning": None},
        "voiceConfiguration": {"type": "RTC", "appId": "", "lastUpdatedTime": None, "scheduledVoiceProvisioning": None},
        "callbackUrl": source.get("callbackUrl", ""),
    }
    number["smsConfiguration"].update(copy.deepcopy(source.get("smsConfiguration") or {}))
    number["voiceConfiguration"].update(copy.deepcopy(source.get("voiceConfiguration") or {}))
    return number


class World:
    """All account data. Callers hold the simulator lock while using it."""

    def __init__(self, settings):
        self.settings = settings
        self.users = []
        self.organisations = {}  # id -> Organisation
        self.applications = {}  # key -> Application
        self.groups = {}  # groupId -> NumberGroup
        self.numbers = {}  # number (int) -> RentedNumber, all organisations
        self.reservations = {}  # referenceId -> Reservation
        self.projects = {}  # id -> Project
        self.available = {}  # phoneNumber -> available number dict (one global inventory)
        self.regions = []
        self.variants = copy.deepcopy(NUMBERS_API_VARIANTS)
        self.provisioning = {}  # (project id, phoneNumber, "sms" | "voice") -> (start, due, fails) of a pending one
        self.list_indexes = {}  # (project id, revision, order, filters) -> sorted matching numbers

    # --- legacy -----------------------------------------------------------------------------

    def purge_expired_reservations(self):
        """Drop expired reservations; their hold on group stock ends with them."""
        now = clock.monotonic()
        for reference_id in [r.reference_id for r in self.reservations.values() if r.expires_at <= now]:
            del self.reservations[reference_id]

    def availability(self, group):
        """Numbers of a group that are neither sold nor held by a live reservation."""
        held = sum(r.quantity for r in self.reservations.values() if r.group_id == group.group_id)
        return max(0, group.stock - held)

    def organisation_numbers(self, organisation_id):
        return sorted((n for n in self.numbers.values() if n.organisation_id == organisation_id), key=lambda n: n.number)

    def application_numbers(self, key):
        return sorted((n for n in self.numbers.values() if n.application_key == key), key=lambda n: n.number)

    # --- Numbers API ------------------------------------------------------------------------

    def find_key(self, key_id):
        """Return (project, secret) for an access key id, or (None, None)."""
        for project in self.projects.values():
            if key_id in project.keys:
                return project, project.keys[key_id]
        return None, None

    # --- admin ------------------------------------------------------------------------------

    def to_json(self):
        """The whole state for ``GET /_sim/state`` (passwords and key secrets left out)."""
        self.purge_expired_reservations()
        return {
            "settings": dict(self.settings),
            "users": [{"id": u.id, "organisation": u.organisation_id, "identities": copy.deepcopy(u.identities)} for u in self.users],
            "organisations": {str(o.id): o.admin_json() for o in self.organisations.values()},
            "applications": {a.key: {"name": a.name, "organisation": a.organisation_id} for a in self.applications.values()},
            "groups": {str(g.group_id): dict(g.to_json(self.availability(g)), stock=g.stock) for g in self.groups.values()},
            "numbers": [dict(n.to_json(), organisation=n.organisation_id) for n in sorted(self.numbers.values(), key=lambda n: n.number)],
            "reservations": [r.to_json() for r in self.reservations.values()],
            "projects": {
                p.id: {"keyIds": sorted(p.keys), "activeNumbers": [copy.deepcopy(p.active[k]) for k in sorted(p.active)]}
                for p in self.projects.values()
            },
            "availableNumbers": [copy.deepcopy(self.available[k]) for k in sorted(self.available)],
            "availableRegions": copy.deepcopy(self.regions),
        }
