"""The access matrix: every URL of the project that takes an id, for every role, against
objects of units outside the user's scope — nothing may leak.

It needs no list of URLs: it walks the URL configuration, so a new view is covered the day it
is added. The trick is a user whose scope holds no data at all (a fresh ward): for such a
user, every existing object is someone else's, so any id URL that answers 200 to a GET, or
anything but 403/404/405 to a POST, has leaked or written across units.
"""

import re
from collections import defaultdict

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from danvan.orgs.access import Role
from danvan.orgs.models import Unit
from tests import factories

# URL prefixes that are not per-unit data: Django's admin has its own permissions (staff only,
# tested by Django), static files, the public health check.
EXCLUDED_PREFIXES = ("quan-tri/", "static/", "media/", "healthz")

# Pages that legitimately answer for any id because their object belongs to no unit. Each entry
# says why; keep this list short.
UNSCOPED_BY_DESIGN: dict[str, str] = {}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name or ''}", entry


def id_patterns():
    found = []
    for route, name, _entry in walk(get_resolver().url_patterns):
        if route.startswith(EXCLUDED_PREFIXES) or "<" not in route:
            continue
        found.append((route, name))
    return found


def fill(route: str, values: dict[str, str]) -> str:
    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: values[m.group(2)], route)


def candidate_values(route: str, outside_paths: list[str], first_pks: list[int]) -> list[dict]:
    """Values for the route's parameters that name objects outside the user's scope."""
    params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
    combos = [{}]
    for converter, name in params:
        if converter == "path" or name.endswith("path"):
            options = outside_paths
        elif converter == "int" or name.endswith(("pk", "id")):
            options = [str(pk) for pk in first_pks]
        elif "period" in name:
            options = ["2019Q1", "2018"]
        else:
            options = ["x"]
        combos = [{**combo, name: option} for combo in combos for option in options]
    return combos


def first_pks() -> list[int]:
    """The smallest pk of every model with data: each existing object kind gets a probe."""
    pks = set()
    for model in apps.get_models():
        if model._meta.app_label in {"contenttypes", "sessions", "admin", "auth", "axes"}:
            continue
        first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        if isinstance(first, int):
            pks.add(first)
    return sorted(pks)


@pytest.mark.django_db
def test_no_url_leaks_objects_outside_the_users_scope(client):
    call_command("seed_demo", verbosity=0)
    empty_ward = factories.UnitFactory(
        name="Phường Không Dữ Liệu", parent=Unit.objects.get(path="ha-noi")
    )
    outside_paths = ["ha-noi/long-bien", "ha-noi/long-bien/ngoc-thuy", "nghe-an/hoang-mai"]
    pks = first_pks()
    routes = id_patterns()
    assert routes, "the URL walk found no id URL at all"
    leaks = defaultdict(list)
    for role in Role:
        user = factories.UserFactory(username=f"matrix-{role}")
        factories.MembershipFactory(user=user, unit=empty_ward, role=role)
        client.force_login(user)
        for route, name in routes:
            if name in UNSCOPED_BY_DESIGN:
                continue
            for values in candidate_values(route, outside_paths, pks):
                url = fill(route, values)
                got = client.get(url).status_code
                if got == 200:
                    leaks[f"GET {name} as {role}"].append(url)
                posted = client.post(url, {}).status_code
                if posted not in (403, 404, 405):
                    leaks[f"POST {name} as {role} -> {posted}"].append(url)
    assert dict(leaks) == {}


def test_the_walk_sees_the_unit_page():
    assert ("don-vi/<path:path>/", "orgs:unit_detail") in id_patterns()
