import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reports import services
from reports.models import Report, ReportEvent
from tests.reports.conftest import SECTIONS, file_and_approve, fill

pytestmark = pytest.mark.django_db

Status = Report.Status


def ngoc_thuy_report(q1, tree):
    return q1.reports.get(unit=tree["ngoc_thuy"])


def test_opening_a_round_creates_one_not_started_report_per_unit(q1, tree):
    assert sorted(r.unit.name for r in q1.reports.all()) == ["Ngọc Thụy", "Sài Đồng"]
    assert set(q1.reports.values_list("status", flat=True)) == {Status.NOT_STARTED}


def test_first_save_turns_the_report_into_a_draft_with_history(q1, tree, people, households):
    report = fill(ngoc_thuy_report(q1, tree), people["editor"], {households: (7775, 8233)})
    assert report.status == Status.DRAFT and report.version == 1
    assert report.values.get().actual == 7775
    record = report.history.first()
    assert record.history_user == people["editor"] and record.results == "Kết quả quý I"


def test_second_person_saving_an_old_version_gets_a_conflict_listing_the_changes(
    q1, tree, people, households, make_member
):
    from danvan.orgs.access import Role

    leader = make_member(Role.LEADER, tree["ngoc_thuy"])
    report = ngoc_thuy_report(q1, tree)
    loaded_version = report.version
    fill(report, people["editor"], {households: (7775, 8233)})
    with pytest.raises(services.ReportConflict) as caught:
        services.report_save_draft(
            actor=leader,
            report=report,
            version=loaded_version,
            sections={**SECTIONS, "results": "Bản của lãnh đạo"},
            values={households.pk: (7000, 8233)},
        )
    changes = {c.label: (c.saved, c.typed) for c in caught.value.changes}
    assert changes["I. Kết quả"] == ("Kết quả quý I", "Bản của lãnh đạo")
    assert changes["Hộ gia đình văn hóa"] == ("7.775/8.233", "7.000/8.233")
    report.refresh_from_db()
    assert report.results == "Kết quả quý I", "the first save must not be overwritten"


def test_submit_refuses_missing_required_sections_and_figures(q1, tree, people, households):
    report = fill(ngoc_thuy_report(q1, tree), people["editor"], {}, sections={"results": ""})
    with pytest.raises(ValidationError) as caught:
        services.report_submit(actor=people["editor"], report=report)
    text = " ".join(caught.value.messages)
    assert "I. Kết quả" in text and "Hộ gia đình văn hóa" in text
    assert Report.objects.get(pk=report.pk).status == Status.DRAFT


def test_return_needs_a_reason_and_resubmission_is_recorded(q1, tree, people, households, blood):
    figures = {households: (7775, 8233), blood: (468, 300)}
    report = services.report_submit(
        actor=people["editor"], report=fill(ngoc_thuy_report(q1, tree), people["editor"], figures)
    )
    with pytest.raises(ValidationError):
        services.report_return(actor=people["reviewer"], report=report, reason="  ")
    services.report_return(actor=people["reviewer"], report=report, reason="Bổ sung mục II")
    report.refresh_from_db()
    report = services.report_submit(
        actor=people["editor"], report=fill(report, people["editor"], figures)
    )
    from danvan.models import Notification

    note = Notification.objects.get(user=people["editor"])
    assert note.body == "Bổ sung mục II" and "bị trả lại" in note.title
    actions = list(ReportEvent.objects.filter(report=report).values_list("action", "reason"))
    assert actions == [
        ("start", ""),
        ("submit", ""),
        ("return", "Bổ sung mục II"),
        ("resubmit", ""),
    ]


def test_approved_report_is_read_only_until_reopened_with_a_reason(
    q1, tree, people, households, blood
):
    figures = {households: (7775, 8233), blood: (468, 300)}
    report = file_and_approve(
        ngoc_thuy_report(q1, tree), people["editor"], people["reviewer"], figures
    )
    with pytest.raises(ValidationError):
        fill(report, people["editor"], figures)
    with pytest.raises(ValidationError):
        services.report_reopen(actor=people["reviewer"], report=report, reason="")
    services.report_reopen(actor=people["reviewer"], report=report, reason="Sai số liệu hiến máu")
    report.refresh_from_db()
    assert report.status == Status.RETURNED and report.approved_at is None
    event = report.events.last()
    assert (event.action, event.reason, event.actor) == (
        "reopen",
        "Sai số liệu hiến máu",
        people["reviewer"],
    )
    fill(report, people["editor"], figures)  # editable again


def test_editor_of_another_ward_and_a_ward_editor_reviewing_are_refused(q1, tree, people):
    report = ngoc_thuy_report(q1, tree)
    with pytest.raises(PermissionDenied):
        fill(report, people["other_editor"], {})
    report = fill(report, people["editor"], {})
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=people["editor"], report=report)
    with pytest.raises(PermissionDenied):
        services.report_return(actor=people["far_reviewer"], report=report, reason="x")


def test_a_new_template_version_leaves_filed_reports_on_theirs(q1, tree, people, households):
    from tests.reports.factories import template

    old = q1.template
    new = template([households])
    assert new.version == old.version + 1
    assert ngoc_thuy_report(q1, tree).round.template == old
    assert old.indicators.count() == 2


def test_when_the_round_asks_the_leader_approves_before_the_district_sees_it(
    tree, people, households, make_member
):
    from danvan import metrics
    from danvan.orgs.access import Role
    from danvan.periods import Period
    from tests.reports.factories import open_round

    leader = make_member(Role.LEADER, tree["ngoc_thuy"])
    round_ = open_round(
        tree["long_bien"], [tree["ngoc_thuy"]], indicators=[households], leader_approval=True
    )
    report = fill(round_.reports.get(), people["editor"], {households: (1, 2)})
    report = services.report_submit(actor=people["editor"], report=report)
    assert report.status == Status.LEADER_REVIEW and report.submitted_at is None
    assert not report.is_editable
    filed = metrics.evaluate("reports.filed", tree["long_bien"], Period.parse("2019Q1")).total
    assert filed.numerator == 0, "not filed until the leader agrees"
    with pytest.raises(PermissionDenied):
        services.report_leader_approve(actor=people["editor"], report=report)
    services.report_leader_return(actor=leader, report=report, reason="Bổ sung số liệu")
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    report = services.report_submit(actor=people["editor"], report=report)
    report = services.report_leader_approve(actor=leader, report=report)
    assert report.status == Status.SUBMITTED and report.submitted_at is not None
    actions = list(report.events.values_list("action", flat=True))
    assert actions == ["start", "to_leader", "leader_return", "to_leader", "leader_approve"]


def test_a_leader_submitting_skips_the_leader_step(tree, households, make_member):
    from danvan.orgs.access import Role
    from tests.reports.factories import open_round

    leader = make_member(Role.LEADER, tree["ngoc_thuy"])
    round_ = open_round(
        tree["long_bien"], [tree["ngoc_thuy"]], indicators=[households], leader_approval=True
    )
    report = services.report_submit(
        actor=leader, report=fill(round_.reports.get(), leader, {households: (1, 2)})
    )
    assert report.status == Status.SUBMITTED


def test_saving_the_same_content_over_a_newer_version_is_not_a_conflict(
    q1, tree, people, households
):
    report = ngoc_thuy_report(q1, tree)
    loaded = report.version
    fill(report, people["editor"], {households: (7775, 8233)})  # e.g. the autosave
    saved = services.report_save_draft(
        actor=people["editor"],
        report=report,
        version=loaded,
        sections=SECTIONS,
        values={households.pk: (7775, 8233)},
    )
    assert saved.version == loaded + 2


@pytest.mark.django_db(transaction=True)
def test_a_draft_leaves_the_figures_current_and_submitting_makes_its_units_stale(
    q1, tree, people, blood, households
):
    """Drafts are in no figure, so autosaves must not make dashboards count again; a
    submitted report is ("reports filed"): its ward's and their ancestors' figures move."""
    from danvan import freshness
    from danvan.periods import Period

    period = Period.parse(q1.period)
    units = ["ngoc_thuy", "long_bien", "ha_noi", "sai_dong", "cat_linh"]

    def versions():
        return [freshness.version(tree[name], period) for name in units]

    before = versions()
    report = fill(ngoc_thuy_report(q1, tree), people["editor"], {blood: (10, 12)})
    report = fill(report, people["editor"], {blood: (11, 12), households: (7775, 8233)})
    assert versions() == before
    services.report_submit(actor=people["editor"], report=report)
    assert versions() == [n + 1 for n in before[:3]] + before[3:]


def test_an_approval_makes_stale_only_the_wards_ancestry_for_the_periods_from_the_reports(
    q1, tree, people, households, blood
):
    """Approved values are figures of the round's period (2019Q1) and those that reach it."""
    from tests.danvan.freshness_helpers import ANCESTRY, of, stale, store

    figures = {households: (7775, 8233), blood: (10, 12)}
    report = fill(ngoc_thuy_report(q1, tree), people["editor"], figures)
    report = services.report_submit(actor=people["editor"], report=report)
    reaching, before = {"2019Q1", "2019S1", "2019N9", "2019"}, {"2018Q4", "2018", "2018N9"}
    store(tree.values(), reaching | before)
    services.report_approve(actor=people["reviewer"], report=report)
    assert stale() == of(tree, ANCESTRY, reaching)


def test_four_eyes_an_administrator_holding_every_role_cannot_approve_alone(tree, households):
    """The demo's city administrator could fill, submit, leader-approve and approve alone."""
    from danvan.orgs.access import Role
    from tests.factories import MembershipFactory, UserFactory
    from tests.reports.factories import open_round

    round_ = open_round(
        tree["long_bien"], [tree["ngoc_thuy"]], indicators=[households], leader_approval=True
    )
    boss = UserFactory(username="quantri.tu-duyet")
    for role in Role:
        MembershipFactory(user=boss, unit=tree["ha_noi"], role=role)
    report = fill(round_.reports.get(), boss, {households: (41, 50)})
    report = services.report_submit(actor=boss, report=report)  # a leader: straight to review
    assert report.status == Status.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=boss, report=report)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.approved_at is None


def test_four_eyes_the_leader_who_passed_it_on_cannot_approve_but_another_reviewer_can(
    tree, households, make_member
):
    from danvan.orgs.access import Role
    from tests.factories import MembershipFactory
    from tests.reports.factories import open_round

    round_ = open_round(
        tree["long_bien"], [tree["ngoc_thuy"]], indicators=[households], leader_approval=True
    )
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    leader = make_member(Role.LEADER, tree["ngoc_thuy"])
    MembershipFactory(user=leader, unit=tree["long_bien"], role=Role.REVIEWER)
    other = make_member(Role.REVIEWER, tree["long_bien"])
    report = fill(round_.reports.get(), editor, {households: (41, 50)})
    report = services.report_submit(actor=editor, report=report)
    assert report.status == Status.LEADER_REVIEW
    report = services.report_leader_approve(actor=leader, report=report)
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=leader, report=report)
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=editor, report=report)
    # Returned and filed again by someone else: the earlier cycle no longer counts.
    report = services.report_return(actor=other, report=report, reason="Thiếu số liệu")
    report = services.report_submit(actor=editor, report=report)
    report = services.report_leader_approve(actor=leader, report=report)
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=leader, report=report)
    assert services.report_approve(actor=other, report=report).status == Status.APPROVED
