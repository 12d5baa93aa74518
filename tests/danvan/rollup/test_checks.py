"""Start-up fails when anything refers to a metric code that no app registers."""

import dataclasses

import pytest
from django.core.checks import Error
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import ProgrammingError

from danvan import metrics
from danvan.metrics import Aggregation, Metric, Value
from danvan.rollup import checks, registry


@pytest.fixture(autouse=True)
def _without_the_fake_app(monkeypatch):
    """The apps' registries alone: the fake app of the roll-up tests is not registered here."""
    monkeypatch.delitem(registry._sections, "test", raising=False)


def real():
    return metrics.static_metrics(), registry.sections(), registry.breakdowns()


def renamed(static: dict, old: str, new: str) -> dict:
    """A scratch copy of the registry where metric `old` is called `new`."""
    scratch = {code: metric for code, metric in static.items() if code != old}
    scratch[new] = dataclasses.replace(static[old], code=new)
    return scratch


def messages(errors: list[Error]) -> str:
    return "\n".join(error.msg for error in errors)


def test_the_apps_registries_refer_to_no_unknown_code():
    static, sections, breakdowns = real()
    assert {"reports", "models_catalog", "petitions", "dialogues"} <= set(sections)
    assert checks.problems(static, sections, breakdowns) == []
    call_command("check")  # raises SystemCheckError on any error


def test_a_metric_renamed_under_a_writer_names_the_writer():
    static, sections, breakdowns = real()
    scratch = renamed(static, "petitions.visits", "petitions.citizen_visits")
    errors = checks.problems(scratch, sections, breakdowns)
    assert [error.id for error in errors] == ["rollup.E001"]
    assert errors[0].msg == (
        "petitions.rollup.write: the 'petitions' writer reads 'petitions.visits', "
        "a code that no app registers."
    )


def test_a_figure_renamed_under_its_lines_names_each_line_and_the_writer():
    static, sections, breakdowns = real()
    scratch = renamed(static, "dialogues.opinions", "dialogues.opinions_raised")
    text = messages(checks.problems(scratch, sections, breakdowns))
    assert "dialogues.rollup.write: the 'dialogues' writer reads 'dialogues.opinions'" in text
    for field in ["party_building", "socio_economy", "defence_security", "land", "other"]:
        place = f"dialogues.metrics.dialogues.field_{field}"  # the batch's module, the code
        assert f"{place}: metric 'dialogues.field_{field}' is a line of (breakdown_of) " in text


def test_a_line_of_a_line_names_its_place_too():
    static, sections, breakdowns = real()
    scratch = renamed(static, "models_catalog.field_economy", "models_catalog.field_economics")
    text = messages(checks.problems(scratch, sections, breakdowns))
    assert (
        "models_catalog.metrics.models_catalog.field_economy_collective: metric "
        "'models_catalog.field_economy_collective' is a line of (breakdown_of) "
        "'models_catalog.field_economy', a code that no app registers." in text
    )


def test_start_up_fails_when_an_app_renames_a_metric_its_writer_reads(monkeypatch):
    letters = metrics.static_metrics()["petitions.letters"]
    monkeypatch.delitem(metrics._static, "petitions.letters")
    monkeypatch.setitem(
        metrics._static, "petitions.letters_in", dataclasses.replace(letters, code="petitions.x")
    )
    with pytest.raises(SystemCheckError) as failed:
        call_command("check")
    assert "petitions.rollup.write: the 'petitions' writer reads 'petitions.letters'" in str(
        failed.value
    )
    # The letters by kind and by body are its lines: each names its place.
    assert "petitions.metrics.petitions.letters_kind_complaint: metric" in str(failed.value)


def test_two_headlines_in_one_group_are_an_error():
    static, sections, breakdowns = real()
    scratch = dict(static)
    scratch["petitions.visits"] = dataclasses.replace(static["petitions.visits"], headline=True)
    errors = checks.problems(scratch, sections, breakdowns)
    assert [error.id for error in errors] == ["rollup.E002"]
    assert "petitions.metrics.visits (petitions.visits)" in errors[0].msg
    assert "petitions.metrics.petitions.letters (petitions.letters)" in errors[0].msg


def _data_defined(breakdown_of):
    def source():
        return [
            Metric(
                "test.defined",
                "Defined by data",
                "rows",
                Aggregation.SUM,
                lambda scope: {"x": Value(amount=1)},
                breakdown_of=breakdown_of,
                place="tests.source",
            )
        ]

    return source


@pytest.mark.django_db
def test_data_defined_metrics_are_checked_with_the_database(monkeypatch):
    monkeypatch.setattr(metrics, "_sources", [*metrics._sources, _data_defined("reports.ind")])
    assert checks.data_defined_metric_references(databases=["default"]) == []
    monkeypatch.setattr(metrics, "_sources", [*metrics._sources, _data_defined("test.gone")])
    (error,) = checks.data_defined_metric_references(databases=["default"])
    assert error.msg == (
        "tests.source: metric 'test.defined' is a line of (breakdown_of) 'test.gone', "
        "a code that no app registers."
    )
    assert checks.data_defined_metric_references(databases=None) == []  # asked only with --database


@pytest.mark.django_db
def test_the_data_check_passes_quietly_before_the_tables_exist(monkeypatch):
    def not_migrated():
        raise ProgrammingError('relation "reports_indicator" does not exist')

    monkeypatch.setattr(metrics, "_sources", [not_migrated])
    assert checks.data_defined_metric_references(databases=["default"]) == []
