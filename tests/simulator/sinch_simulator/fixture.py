# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Load a YAML fixture into a fresh :class:`~.state.World`.

The loader validates as it goes and names the offending entry, because a typo in a fixture
otherwise surfaces much later as a puzzling API answer. The format is described in
``tests/simulator/README.md`` and shown by ``fixtures/default.yml``.
"""

import os

import yaml

from . import clock, numbers_modern, voice
from .numbering import NumberPlan
from .state import (
    API_CAPABILITIES,
    API_NUMBER_TYPES,
    E164_RE,
    LEGACY_CAPABILITIES,
    SETTINGS_DEFAULTS,
    Application,
    NumberGroup,
    Organisation,
    Project,
    RentedNumber,
    User,
    World,
    new_active_number,
)


class FixtureError(ValueError):
    """The fixture (or an admin change to the state) is not usable."""


def default_fixture_path():
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "default.yml")


def validate_settings(values, where="settings"):
    """Check a (partial) settings mapping; return it with numbers as numbers."""
    if not isinstance(values, dict):
        raise FixtureError("%s must be a mapping" % where)
    checked = {}
    for name, value in values.items():
        if name not in SETTINGS_DEFAULTS:
            raise FixtureError("%s: unknown setting %r (known: %s)" % (where, name, ", ".join(SETTINGS_DEFAULTS)))
        minimum = 1 if name == "page_size_cap" else 0
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
            raise FixtureError("%s.%s must be a number >= %d" % (where, name, minimum))
        checked[name] = int(value) if name == "page_size_cap" else value
    return checked


def load_world(path, extra_numbers=0, extra_applications=0):
    """Build the state described by the fixture at ``path``, plus ``extra_numbers`` bulk numbers and
    ``extra_applications`` bulk applications."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except (OSError, yaml.YAMLError) as error:
        raise FixtureError("cannot read fixture %s: %s" % (path, error)) from error
    if not isinstance(data, dict):
        raise FixtureError("fixture %s: top level must be a mapping" % path)
    settings = dict(SETTINGS_DEFAULTS)
    settings.update(validate_settings(data.get("settings") or {}))
    world = World(settings)
    for entry in data.get("groups") or []:
        _add_group(world, entry)
    for entry in data.get("organisations") or []:
        _add_organisation(world, entry)
    for entry in data.get("users") or []:
        _add_user(world, entry)
    for entry in data.get("projects") or []:
        _add_project(world, entry)
    for entry in data.get("availableNumbers") or []:
        _add_available(world, entry)
    world.regions = [_region(entry) for entry in data.get("availableRegions") or []]
    if extra_numbers:
        add_bulk_numbers(world, data.get("bulk"), extra_numbers)
    if extra_applications:
        add_bulk_applications(world, data.get("bulk"), extra_applications)
    voice.load_fixture(world, data, FixtureError)
    numbers_modern.load_fixture(world, data, FixtureError)
    return world


def _need(entry, key, where):
    if not isinstance(entry, dict) or entry.get(key) is None:
        raise FixtureError("%s: missing %r" % (where, key))
    return entry[key]


def _add_group(world, entry):
    group_id = int(_need(entry, "groupId", "group"))
    where = "group %d" % group_id
    capabilities = list(_need(entry, "capabilities", where))
    if not set(capabilities) <= set(LEGACY_CAPABILITIES):
        raise FixtureError("%s: capabilities must be among %s" % (where, LEGACY_CAPABILITIES))
    cost = _need(entry, "cost", where)
    try:
        plan = NumberPlan(_need(entry, "countryId", where), _need(entry, "areaCode", where))
    except ValueError as error:
        raise FixtureError("%s: %s" % (where, error)) from error
    world.groups[group_id] = NumberGroup(
        group_id=group_id,
        country=_need(entry, "country", where),
        country_id=entry["countryId"],
        city=_need(entry, "city", where),
        type=_need(entry, "type", where),
        stock=int(_need(entry, "availability", where)),
        area_code=str(entry["areaCode"]),
        cost=float(_need(cost, "amount", where + " cost")),
        currency_id=_need(cost, "currencyId", where + " cost"),
        capabilities=capabilities,
        plan=plan,
    )


def _add_organisation(world, entry):
    organisation_id = int(_need(entry, "id", "organisation"))
    where = "organisation %d" % organisation_id
    world.organisations[organisation_id] = Organisation(
        id=organisation_id,
        name=_need(entry, "name", where),
        website=entry.get("website", ""),
        phone=entry.get("phone", ""),
        country_id=_need(entry, "countryId", where),
        credit=float(entry.get("credit", 0)),
        currency_id=entry.get("currencyId", "USD"),
        accounting=bool(entry.get("accounting", True)),
    )
    for app in entry.get("applications") or []:
        key = str(_need(app, "key", where + " application"))
        if key in world.applications:
            raise FixtureError("%s: duplicate application key %s" % (where, key))
        world.applications[key] = Application(key=key, name=app.get("name", ""), organisation_id=organisation_id)
    expires = clock.legacy_iso(clock.in_days(30))
    for number in entry.get("numbers") or []:
        _add_rented(world, organisation_id, number, expires, where)


def _add_rented(world, organisation_id, entry, expires, where):
    value = int(_need(entry, "number", where + " number"))
    where = "%s number %d" % (where, value)
    group = world.groups.get(int(_need(entry, "groupId", where)))
    if group is None:
        raise FixtureError("%s: unknown groupId %s" % (where, entry["groupId"]))
    capabilities = list(_need(entry, "capabilities", where))
    if not capabilities or not set(capabilities) <= set(group.capabilities):
        raise FixtureError("%s: capabilities must be a non-empty subset of the group's %s" % (where, group.capabilities))
    key = entry.get("applicationKey")
    if key is not None and getattr(world.applications.get(key), "organisation_id", None) != organisation_id:
        raise FixtureError("%s: applicationKey %s is not an application of this organisation" % (where, key))
    if value in world.numbers:
        raise FixtureError("%s: duplicate number" % where)
    world.numbers[value] = RentedNumber(
        number=value,
        organisation_id=organisation_id,
        group=group,
        capabilities=capabilities,
        expires=entry.get("expires", expires),
        cost=float(entry.get("cost", group.cost)),
        application_key=key,
    )


def _add_user(world, entry):
    user_id = int(_need(entry, "id", "user"))
    where = "user %d" % user_id
    organisation_id = int(_need(entry, "organisation", where))
    if organisation_id not in world.organisations:
        raise FixtureError("%s: unknown organisation %d" % (where, organisation_id))
    identities = [{"type": _need(i, "type", where), "endpoint": str(_need(i, "endpoint", where))} for i in _need(entry, "identities", where)]
    name = entry.get("name") or {}
    world.users.append(
        User(
            id=user_id,
            password=str(_need(entry, "password", where)),
            organisation_id=organisation_id,
            identities=identities,
            first_name=name.get("first", ""),
            last_name=name.get("last", ""),
            email=entry.get("email", ""),
        )
    )


def _check_api_number(entry, where):
    phone = str(_need(entry, "phoneNumber", where))
    where = "%s %s" % (where, phone)
    if not E164_RE.match(phone):
        raise FixtureError("%s: phoneNumber is not E.164" % where)
    if _need(entry, "type", where) not in API_NUMBER_TYPES:
        raise FixtureError("%s: type must be one of %s" % (where, API_NUMBER_TYPES))
    if not set(_need(entry, "capability", where)) <= set(API_CAPABILITIES):
        raise FixtureError("%s: capability must be among %s" % (where, API_CAPABILITIES))
    _need(entry, "regionCode", where)
    return phone, where


def _add_project(world, entry):
    project_id = str(_need(entry, "id", "project"))
    where = "project " + project_id
    keys = {str(_need(k, "key_id", where)): str(_need(k, "key_secret", where)) for k in _need(entry, "keys", where)}
    for key_id in keys:
        if world.find_key(key_id)[0] is not None:
            raise FixtureError("%s: key %s already belongs to another project" % (where, key_id))
    project = world.projects[project_id] = Project(id=project_id, keys=keys)
    for number in entry.get("activeNumbers") or []:
        phone, number_where = _check_api_number(number, where + " active number")
        _need(number, "money", number_where)
        if any(phone in p.active for p in world.projects.values()):
            raise FixtureError("%s: duplicate active number" % number_where)
        project.active[phone] = new_active_number(project_id, number)


def _add_available(world, entry):
    phone, where = _check_api_number(entry, "available number")
    if phone in world.available or any(phone in p.active for p in world.projects.values()):
        raise FixtureError("%s: already listed as available or active" % where)
    world.available[phone] = {
        "phoneNumber": phone,
        "regionCode": entry["regionCode"],
        "type": entry["type"],
        "capability": list(entry["capability"]),
        "setupPrice": dict(_need(entry, "setupPrice", where)),
        "monthlyPrice": dict(_need(entry, "monthlyPrice", where)),
        "paymentIntervalMonths": entry.get("paymentIntervalMonths", 1),
        "supportingDocumentationRequired": bool(entry.get("supportingDocumentationRequired", False)),
    }


def _region(entry):
    where = "region"
    types = list(_need(entry, "types", where))
    if not set(types) <= set(API_NUMBER_TYPES):
        raise FixtureError("region %s: types must be among %s" % (entry.get("regionCode"), API_NUMBER_TYPES))
    return {"regionCode": _need(entry, "regionCode", where), "regionName": _need(entry, "regionName", where), "types": types}


def add_bulk_numbers(world, bulk, count):
    """Add ``count`` generated rented legacy numbers and ``count`` active numbers.

    Used for scale tests (10,000 numbers), so it builds objects directly and skips the
    per-entry validation above; the ``bulk`` section of the fixture says where they go.
    """
    if not isinstance(bulk, dict) or not isinstance(bulk.get("legacy"), dict) or not isinstance(bulk.get("active"), dict):
        raise FixtureError("extra numbers need a 'bulk' section with 'legacy' and 'active' in the fixture")
    legacy, active = bulk["legacy"], bulk["active"]
    organisation_id = int(_need(legacy, "organisation", "bulk.legacy"))
    group = world.groups.get(int(_need(legacy, "groupId", "bulk.legacy")))
    project = world.projects.get(str(_need(active, "project", "bulk.active")))
    if organisation_id not in world.organisations or group is None or project is None:
        raise FixtureError("bulk: organisation, groupId or project does not exist")
    try:
        active_plan = NumberPlan(_need(active, "regionCode", "bulk.active"), _need(active, "areaCode", "bulk.active"))
        legacy_numbers = [int(group.plan.bulk_number(i)) for i in range(count)]
        phones = ["+" + active_plan.bulk_number(i) for i in range(count)]
    except ValueError as error:
        raise FixtureError("bulk: %s" % error) from error
    taken = set(world.available).union(*(p.active for p in world.projects.values()))
    if any(n in world.numbers for n in legacy_numbers) or any(p in taken for p in phones):
        raise FixtureError("bulk: generated numbers collide with fixture numbers")
    expires = clock.legacy_iso(clock.in_days(30))
    for value in legacy_numbers:
        world.numbers[value] = RentedNumber(value, organisation_id, group, list(group.capabilities), expires, group.cost)
    template = {
        "regionCode": active["regionCode"],
        "type": _need(active, "type", "bulk.active"),
        "capability": list(_need(active, "capability", "bulk.active")),
        "money": dict(_need(active, "money", "bulk.active")),
    }
    charge_date = clock.api_iso(clock.in_days(30))
    for phone in phones:
        project.active[phone] = new_active_number(project.id, dict(template, phoneNumber=phone), charge_date)


def bulk_application_key(index):
    """The key of bulk application ``index`` (1-based): ``00000000-0000-4000-8000-000000000001`` …"""
    return "00000000-0000-4000-8000-%012d" % index


def add_bulk_applications(world, bulk, count):
    """Add ``count`` applications without numbers, ``bulk-app-0001`` …, to the ``bulk.legacy`` organisation.

    For scale tests of provisioning many applications at once (the API cannot create applications).
    """
    legacy = bulk.get("legacy") if isinstance(bulk, dict) else None
    if not isinstance(legacy, dict):
        raise FixtureError("extra applications need a 'bulk' section with 'legacy' in the fixture")
    organisation_id = int(_need(legacy, "organisation", "bulk.legacy"))
    if organisation_id not in world.organisations:
        raise FixtureError("bulk: organisation does not exist")
    for index in range(1, count + 1):
        key = bulk_application_key(index)
        if key in world.applications:
            raise FixtureError("bulk: generated application key %s collides with a fixture application" % key)
        world.applications[key] = Application(key=key, name="bulk-app-%04d" % index, organisation_id=organisation_id)
