"""Every public service refuses an actor without the needed role on the unit.

It needs no list of services: it walks every module of the domain apps and calls each public
function that takes an `actor` (a service: `<entity>_<verb>(*, actor, ...)`), as an outsider
holding every role, but on a ward of another district, with records of Ngọc Thụy. Each must
raise PermissionDenied, before anything else and without writing a row. A service added
tomorrow is called the day it is added; one that checks no role fails here.

A call gets the records below by parameter name; any other required argument is a value that
breaks when touched (`UNSET`), so a service must check the role before it reads its input.
"""

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from danvan.orgs.access import Role
from tests import factories
from tests.drills.helpers import row_counts

DOMAIN_APPS = ("reports", "models_catalog", "petitions", "dialogues")

# Public functions of the services modules that take no actor, and why no role applies.
NO_ACTOR = {
    "petitions.services.deadline_reminders": "a system job (Celery beat): no one asks for it",
    "dialogues.services.overdue_reminders_send": "a system job (Celery beat): no one asks for it",
    "reports.services.check_complete": "a read (what is missing before a submission)",
    "reports.services.authors_of_submission": "a read (who filed, for four eyes)",
    "reports.services.indicator_changes": "a comparison, no write",
    "reports.services.may_change_indicator": "a read (the import's row check)",
}

# Calls that need more than the records by name to reach their role check.
EXTRA = {
    # the conference's unit is one of its fields
    "dialogues.services.conference_create": lambda records: {"unit": records["unit"]},
    # each row names its unit; its registration checks the role there
    "models_catalog.services.practice_models_import": lambda records: {
        "rows": [
            {
                "unit_object": records["unit"],
                "registrant_kind": "collective",
                "registrant_name": "Chi hội Phụ nữ tổ 3",
            }
        ]
    },
    # the transition names the roles it needs
    "models_catalog.services.practice_model_transition": lambda records: {"action": "recognise"},
}


class Unset:
    """An argument the service had no business reading before its role check."""

    def __getattr__(self, name):
        raise AssertionError(f"read .{name} before checking the role")

    def __iter__(self):
        raise AssertionError("iterated an argument before checking the role")


UNSET = Unset()


def domain_functions():
    """(qualified name, function) of every public function defined in the domain apps."""
    for app in DOMAIN_APPS:
        package = importlib.import_module(app)
        names = [app] + [
            info.name
            for info in pkgutil.walk_packages(package.__path__, f"{app}.")
            if ".migrations" not in info.name
        ]
        for module_name in names:
            module = importlib.import_module(module_name)
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if function.__module__ == module_name and not name.startswith("_"):
                    yield f"{module_name}.{name}", function


def takes_actor(function) -> bool:
    """A service's signature: `<entity>_<verb>(*, actor, ...)` (a keyword-only actor)."""
    actor = inspect.signature(function).parameters.get("actor")
    return actor is not None and actor.kind == actor.KEYWORD_ONLY


def services() -> dict:
    return {name: function for name, function in domain_functions() if takes_actor(function)}


def arguments(name, function, records) -> dict:
    kwargs = {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.name in records:
            kwargs[parameter.name] = records[parameter.name]
        elif parameter.default is parameter.empty:
            kwargs[parameter.name] = UNSET
    return kwargs | EXTRA.get(name, lambda _records: {})(records)


def refusal(name, function, actor, records) -> str | None:
    """None when the call raised PermissionDenied and wrote nothing; else what went wrong."""
    kwargs = {**arguments(name, function, records), "actor": actor}
    before = row_counts()
    try:
        with transaction.atomic():
            function(**kwargs)
    except PermissionDenied:
        return None if row_counts() == before else "wrote rows before refusing"
    except Exception as error:  # noqa: BLE001 - any other outcome is the finding
        return f"{type(error).__name__} instead of PermissionDenied: {error}"
    return "ran for an actor without a role on the unit"


@pytest.fixture
def outsider(tree):
    """Every role, on Cát Linh (Đống Đa): none on Ngọc Thụy (Long Biên)."""
    user = factories.UserFactory(username="ngoai-pham-vi")
    for role in Role:
        factories.MembershipFactory(user=user, unit=tree["cat_linh"], role=role)
    return user


@pytest.fixture
def records(tree, reference_rows):
    """One record of each kind the services act on, all of Ngọc Thụy, made by the system."""
    from dialogues.models import Opinion
    from petitions import services as petitions
    from petitions.models import Body, Kind
    from tests.dialogues.factories import ConferenceFactory, OpinionFactory, ensure_fields
    from tests.models_catalog.factories import PracticeModelFactory
    from tests.petitions.factories import LetterFactory
    from tests.reports.factories import IndicatorFactory, open_round

    ward = tree["ngoc_thuy"]
    ensure_fields()
    indicator = IndicatorFactory()
    round_ = open_round(tree["long_bien"], [ward], indicators=[indicator])
    letter = LetterFactory(unit=ward, kind=Kind.DENUNCIATION)
    conference = ConferenceFactory(unit=ward)
    session = petitions.session_create(
        actor=None,
        unit=ward,
        held_on=date(2019, 3, 5),
        receiver_kind="leader",
        receiver_name="Nguyễn Văn An",
        is_scheduled=True,
        receiving_body=Body.PEOPLE_COMMITTEE,
    )
    return {
        "unit": ward,
        "owner": tree["long_bien"],
        "units": [ward],
        "indicator": indicator,
        "template": round_.template,
        "round_": round_,
        "report": round_.reports.get(),
        "letter": letter,
        "case": letter.case,
        "session": session,
        "conference": conference,
        "opinion": OpinionFactory(conference=conference, outcome=Opinion.Outcome.AT_CONFERENCE),
        "practice_model": PracticeModelFactory(unit=ward),
        "version": 1,
        "reason": "Lý do kiểm tra",
    }


def test_the_walk_finds_the_services_of_every_app():
    found = services()
    assert {name.split(".")[0] for name in found} == set(DOMAIN_APPS)
    for expected in (
        "reports.services.report_save_draft",
        "models_catalog.services.practice_model_update",
        "petitions.services.letters_import",
        "dialogues.services.opinion_create",
    ):
        assert expected in found


def test_every_public_service_function_takes_an_actor_or_says_why_not():
    without = {
        name
        for name, function in domain_functions()
        if name.split(".")[1] == "services" and not takes_actor(function)
    }
    assert without - set(NO_ACTOR) == set()


@pytest.mark.django_db
def test_every_service_refuses_an_actor_without_a_role_on_the_unit(outsider, records):
    found = services()
    failures = {
        name: problem
        for name, function in sorted(found.items())
        if (problem := refusal(name, function, outsider, records))
    }
    assert failures == {}
    assert len(found) >= 30, "the walk should have reached every app's services"


@pytest.mark.django_db
def test_the_probe_flags_a_service_that_checks_no_role(outsider, records):
    def note_add(*, actor, unit, text):  # writes nothing, checks nothing
        return unit

    def note_save(*, actor, unit, text):  # reads its input before any check
        return text.strip()

    assert refusal("x.note_add", note_add, outsider, records) == (
        "ran for an actor without a role on the unit"
    )
    assert "before checking the role" in refusal("x.note_save", note_save, outsider, records)


@pytest.mark.django_db
def test_a_member_with_the_role_is_not_refused(tree, make_member, records):
    """The probe's refusals come from the role, not from the records: the ward's editor may
    do what the outsider may not."""
    from dialogues import services as dialogues
    from tests.dialogues.factories import field

    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    opinion = dialogues.opinion_create(
        actor=editor,
        conference=records["conference"],
        content="Đề nghị lắp đèn ngõ 12",
        field=field("other"),
    )
    assert opinion.pk
