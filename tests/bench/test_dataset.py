"""The bench's dataset builder at a tiny scale, so it cannot rot as the models change."""

import pytest
from django.db.models import Count

from bench import dataset, report
from danvan.orgs.models import Unit
from danvan.search import search_q
from dialogues.models import Conference, Opinion
from petitions import services as petition_services
from petitions.models import Case, Letter
from reports.models import Report, ReportValue

SCALE = 0.001


@pytest.fixture
def built(db):
    return dataset.build(seed=7, scale=SCALE, years=1, out=lambda line: None)


def test_builds_the_city_with_paths_and_depths_that_follow_the_parents(built):
    city = Unit.objects.get(path=dataset.CITY)
    assert city.depth == 0
    assert city.name == dataset.marker(7, SCALE)
    for unit in Unit.objects.filter(path__startswith=dataset.CITY + "/").select_related("parent"):
        assert unit.path == f"{unit.parent.path}/{unit.code}"
        assert unit.depth == unit.parent.depth + 1
    assert Unit.objects.filter(kind="ward").count() == 14  # the PDF target's district


def test_writes_the_sizes_of_the_scale_and_reports_each_table(built):
    sizes = dataset.sizes(SCALE, years=1)
    assert Letter.objects.count() == sizes["letters"] == built.rows["letters"]
    assert Case.objects.count() == sizes["cases"]
    assert Opinion.objects.count() == sizes["opinions"]
    assert set(built.seconds) >= {"letters", "cases", "report_values", "opinions"}
    values = ReportValue.objects.values("report").annotate(n=Count("id"))
    assert {row["n"] for row in values} == {sizes["indicators"]}


def test_search_columns_hold_what_the_services_would_write(built):
    for letter in Letter.objects.all()[:50]:
        assert letter.search_text == petition_services._letter_search_text(letter)
    for case in Case.objects.all()[:50]:
        assert case.search_text == petition_services._case_search_text(case)
    letter = Letter.objects.exclude(sender_name="").first()
    unaccented = letter.sender_name.replace("ễ", "e").replace("ă", "a")
    assert Letter.objects.filter(search_q(unaccented), pk=letter.pk).exists()


def test_one_conference_has_the_300_opinions_the_bench_opens(built):
    biggest = Conference.objects.annotate(n=Count("opinions")).order_by("-n").first()
    assert biggest.n == dataset.BIG_CONFERENCE_OPINIONS


def test_the_current_quarter_is_open_for_drafts_and_past_periods_are_approved(built):
    assert Report.objects.filter(status=Report.Status.DRAFT).exists()
    assert Report.objects.filter(status=Report.Status.APPROVED).exists()


def test_a_second_build_with_the_same_seed_and_scale_is_reused(built):
    letters = Letter.objects.count()
    again = dataset.build(seed=7, scale=SCALE, years=1, out=lambda line: None)
    assert again.reused
    assert Letter.objects.count() == letters


def test_bench_users_log_in_through_the_login_page_with_the_known_password(built, client):
    response = client.post(
        "/dang-nhap/", {"username": "bench.canbo.001", "password": dataset.PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/ping").content == b"ok"


def test_the_table_marks_a_missed_target_as_failed():
    table = report.markdown({"report_form_p95_ms": 75.0, "import_rows_per_s": 2000.0})
    assert "| ward report form, p95 ms | 75.0 | <= 60 | **FAIL** |" in table
    assert "| Excel letter import, rows/s | 2000.0 | >= 1500 | pass |" in table
