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
from tests.drills.helpers import row_counts

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
    users = {}
    for role in Role:
        users[role] = factories.UserFactory(username=f"matrix-{role}")
        factories.MembershipFactory(user=users[role], unit=empty_ward, role=role)
    # The probes name objects outside the users' scope: a first pk that happens to be the
    # empty ward's or a matrix user's own (sequences differ after other tests) is no probe.
    own = {empty_ward.pk, *(user.pk for user in users.values())}
    pks = [pk for pk in first_pks() if pk not in own]
    routes = id_patterns()
    assert routes, "the URL walk found no id URL at all"
    leaks = defaultdict(list)
    for role, user in users.items():
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


# --- Extended by the drills (docs/drills.md) ------------------------------------------------

# Every app that serves per-unit data must have its id URLs in the walk above.
APPS_WITH_ID_URLS = {
    "orgs",
    "reports",
    "models_catalog",
    "petitions",
    "dialogues",
    "rollup",
    "administration",
}

# Pages without an id that are about the user, not about units' data.
NOT_UNIT_DATA = ("dang-nhap/", "dang-xuat/", "doi-mat-khau/", "healthz")


def test_every_apps_id_urls_are_walked_and_listed(capsys):
    names = sorted({name for _route, name in id_patterns()})
    with capsys.disabled():
        print(f"\naccess matrix covers {len(names)} id URLs: " + ", ".join(names))
    assert {name.split(":")[0] for name in names} >= APPS_WITH_ID_URLS
    assert all(":" in name for name in names), "an id URL without an app namespace or name"


def list_patterns():
    """Pages and downloads without ids: lists, searches, statistics, exports, templates."""
    found = []
    for route, name, _entry in walk(get_resolver().url_patterns):
        if route.startswith(EXCLUDED_PREFIXES + NOT_UNIT_DATA) or "<" in route:
            continue
        found.append((route, name))
    return found


def other_units_secrets() -> list[str]:
    """Words only another unit's data can put on a page: unit names and free texts."""
    from dialogues.models import Conference
    from models_catalog.models import PracticeModel
    from petitions.models import Case, Letter, SenderIdentity

    words = ["Ngọc Thụy", "Sài Đồng", "Long Biên", "Đống Đa", "Hoàng Mai"]
    for model, field in [
        (Letter, "summary"),
        (Case, "summary"),
        (SenderIdentity, "name"),
        (Conference, "chair"),
        (PracticeModel, "name"),
    ]:
        words += list(model.objects.order_by("pk").values_list(field, flat=True)[:5])
    return [word for word in words if word]


def response_text(response) -> str:
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        import io

        from openpyxl import load_workbook

        content = b"".join(response.streaming_content) if response.streaming else response.content
        book = load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.django_db
def test_lists_searches_and_exports_show_an_empty_ward_nothing_of_other_units(client):
    call_command("seed_demo", verbosity=0)
    empty_ward = factories.UnitFactory(
        name="Phường Không Dữ Liệu", parent=Unit.objects.get(path="nghe-an")
    )
    secrets = other_units_secrets()
    assert len(secrets) > 10, "the demo should give the probe real texts to look for"
    routes = list_patterns()
    leaks = defaultdict(list)
    for role in Role:
        user = factories.UserFactory(username=f"lists-{role}")
        factories.MembershipFactory(user=user, unit=empty_ward, role=role)
        client.force_login(user)
        for route, name in routes:
            for query in ({}, {"q": "a"}, {"q": "Phường"}):
                response = client.get("/" + route, query)
                if response.status_code != 200:
                    continue
                text = response_text(response)
                shown = [secret for secret in secrets if secret in text]
                if shown:
                    leaks[f"{name} as {role} {query}"] += shown
    assert dict(leaks) == {}


def in_scope_pks(user) -> list[int]:
    """The smallest pk of every scoped model the user can see: probes inside its scope."""
    pks = set()
    for model in apps.get_models():
        manager = model._default_manager
        if not hasattr(manager, "visible_to"):
            continue
        first = manager.visible_to(user).order_by("pk").values_list("pk", flat=True).first()
        if isinstance(first, int):
            pks.add(first)
    return sorted(pks)


def workflow_actions() -> list[str]:
    from models_catalog.workflow import TRANSITIONS
    from reports.views.review import ACTIONS

    return sorted(set(ACTIONS) | set(TRANSITIONS))


# State-changing object URLs the viewer's probe must have been refused on (403), so the test
# cannot pass by never reaching an object.
MUST_REFUSE = {
    "reports:fill",
    "reports:autosave",
    "reports:review",
    "models_catalog:edit",
    "models_catalog:transition",
    "petitions:case_transition",
    "petitions:case_edit",
    "dialogues:conference_edit",
    "dialogues:conference_mark_held",
    "dialogues:opinion_row_create",
    # the administration of its own units and the due date of its district's round
    "administration:unit_add",
    "administration:unit_edit",
    "administration:lineage_add",
    "administration:body_add",
    "administration:person_add",
    "administration:grant",
    "administration:units_import",
    "administration:people_import",
    "reports:round",
}


@pytest.mark.django_db
def test_a_viewer_cannot_post_to_any_object_url_of_its_own_scope(client):
    call_command("seed_demo", verbosity=0)
    from django.contrib.auth import get_user_model

    viewer = get_user_model().objects.get(username="xem.longbien")
    client.force_login(viewer)
    from reports.models import Report

    editable = [r.pk for r in Report.objects.visible_to(viewer) if r.is_editable][:1]
    pks = sorted(set(in_scope_pks(viewer)) | set(editable))  # a draft: the fill page's write
    inside = ["ha-noi/long-bien", "ha-noi/long-bien/ngoc-thuy"]
    actions = workflow_actions()
    refused, writes = set(), defaultdict(list)
    for route, name in id_patterns():
        for values in candidate_values(route, inside, pks):
            if "action" in values:
                values_list = [{**values, "action": action} for action in actions]
            else:
                values_list = [values]
            for filled in values_list:
                url = fill(route, filled)
                before = row_counts()
                posted = client.post(url, {"reason": "x", "content": "x"}).status_code
                if posted == 403:
                    refused.add(name)
                # a read-only page may ignore a POST and render; nothing may be written
                elif posted not in (404, 405) and row_counts() != before:
                    writes[f"POST {name} -> {posted} wrote"].append(url)
    assert dict(writes) == {}
    assert MUST_REFUSE - refused == set()
