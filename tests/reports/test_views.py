import pytest
from django.urls import reverse

from danvan.orgs.access import Role
from reports.models import Report
from tests.reports.conftest import fill

pytestmark = pytest.mark.django_db


def report_of(q1, unit):
    return q1.reports.get(unit=unit)


def post_data(report, households, blood, **over):
    data = {
        "version": report.version,
        "results": "Kết quả",
        "shortcomings": "Hạn chế",
        "directions": "Phương hướng",
        "proposals": "",
        f"actual_{households.pk}": "7.775",
        f"target_{households.pk}": "8.233",
        f"actual_{blood.pk}": "468",
        f"target_{blood.pk}": "300",
    }
    data.update(over)
    return data


def test_ward_editor_cannot_read_or_write_another_wards_report(
    client, q1, tree, people, households, blood
):
    client.force_login(people["editor"])
    other = report_of(q1, tree["sai_dong"])
    assert client.get(reverse("reports:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("reports:fill", args=[other.pk])).status_code == 404
    response = client.post(
        reverse("reports:fill", args=[other.pk]), post_data(other, households, blood)
    )
    assert response.status_code == 404
    assert client.post(reverse("reports:autosave", args=[other.pk]), {}).status_code == 404
    assert Report.objects.get(pk=other.pk).status == Report.Status.NOT_STARTED


def test_reviewer_sees_only_its_subtree_and_a_viewer_may_not_write(
    client, q1, tree, people, make_member, households, blood
):
    report = report_of(q1, tree["ngoc_thuy"])
    client.force_login(people["far_reviewer"])
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert client.post(reverse("reports:review", args=[report.pk, "approve"])).status_code == 404
    client.force_login(make_member(Role.VIEWER, tree["long_bien"]))
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    assert (
        client.post(
            reverse("reports:fill", args=[report.pk]), post_data(report, households, blood)
        ).status_code
        == 403
    )
    assert client.post(reverse("reports:review", args=[report.pk, "approve"])).status_code == 403


def test_invalid_figures_keep_everything_typed_with_vietnamese_messages(
    client, q1, tree, people, households, blood
):
    client.force_login(people["editor"])
    report = report_of(q1, tree["ngoc_thuy"])
    data = post_data(
        report,
        households,
        blood,
        **{f"actual_{blood.pk}": "-5", f"target_{households.pk}": "nhiều"},
    )
    data["results"] = "Đoạn văn dài đã gõ"
    response = client.post(reverse("reports:fill", args=[report.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Số liệu không được âm." in page
        and "“nhiều” không phải là số. Hãy viết như 1.234.567 hoặc 95,5." in page
    )
    assert "Đoạn văn dài đã gõ" in page and 'value="nhiều"' in page
    assert Report.objects.get(pk=report.pk).status == Report.Status.NOT_STARTED


def test_submit_without_a_required_section_says_which(client, q1, tree, people, households, blood):
    client.force_login(people["editor"])
    report = report_of(q1, tree["ngoc_thuy"])
    data = post_data(report, households, blood, results="", submit="1")
    response = client.post(reverse("reports:fill", args=[report.pk]), data)
    assert response.status_code == 400
    assert "Phải nhập mục này trước khi gửi." in response.content.decode()


def test_second_save_of_an_old_version_shows_what_changed_and_keeps_the_input(
    client, q1, tree, people, households, blood, make_member
):
    report = report_of(q1, tree["ngoc_thuy"])
    stale = post_data(report, households, blood, results="Bản của tôi")
    fill(
        report,
        people["editor"],
        {households: (7000, 8233)},
        sections={"results": "Bản của người kia"},
    )
    client.force_login(make_member(Role.LEADER, tree["ngoc_thuy"]))
    response = client.post(reverse("reports:fill", args=[report.pk]), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Người khác đã lưu báo cáo này sau khi bạn mở nó" in page
    assert "Bản của người kia" in page and "Bản của tôi" in page
    assert "7.000/8.233" in page
    assert Report.objects.get(pk=report.pk).results == "Bản của người kia"


def test_autosave_answers_with_a_status_line_and_the_new_version(
    client, q1, tree, people, households, blood
):
    client.force_login(people["editor"])
    report = report_of(q1, tree["ngoc_thuy"])
    response = client.post(
        reverse("reports:autosave", args=[report.pk]), post_data(report, households, blood)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã lưu nháp lúc" in page and 'name="version" id="id_version" value="1"' in page
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT and report.values.count() == 2
    stale = client.post(
        reverse("reports:autosave", args=[report.pk]),
        post_data(report, households, blood, version=0, results="Bản khác"),
    )
    assert "Người khác vừa lưu báo cáo này" in stale.content.decode()


def test_review_flow_through_the_pages(client, q1, tree, people, households, blood):
    report = report_of(q1, tree["ngoc_thuy"])
    client.force_login(people["editor"])
    response = client.post(
        reverse("reports:fill", args=[report.pk]), post_data(report, households, blood, submit="1")
    )
    assert response.status_code == 302
    client.force_login(people["reviewer"])
    empty = client.post(reverse("reports:review", args=[report.pk, "return"]), {"reason": ""})
    assert empty.status_code == 400 and "Hãy nêu lý do." in empty.content.decode()
    client.post(reverse("reports:review", args=[report.pk, "return"]), {"reason": "Thiếu mục II"})
    client.force_login(people["editor"])
    page = client.get(reverse("reports:fill", args=[report.pk])).content.decode()
    assert "Thiếu mục II" in page, "the ward sees the reason in the thread"
    report.refresh_from_db()
    client.post(
        reverse("reports:fill", args=[report.pk]), post_data(report, households, blood, submit="1")
    )
    client.force_login(people["reviewer"])
    client.post(reverse("reports:review", args=[report.pk, "approve"]))
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "7.775" in detail and "94,44%" in detail and "Lịch sử thay đổi" in detail
    client.force_login(people["editor"])
    assert client.get(reverse("reports:fill", args=[report.pk])).status_code == 302  # read-only


def test_ward_form_query_count_does_not_depend_on_units(
    client, q1, tree, people, django_assert_max_num_queries
):
    from tests import factories

    for n in range(40):
        factories.UnitFactory(name=f"Tổ {n}", kind="residential_group", parent=tree["ngoc_thuy"])
    client.force_login(people["editor"])
    report = report_of(q1, tree["ngoc_thuy"])
    with django_assert_max_num_queries(25):
        response = client.get(reverse("reports:fill", args=[report.pk]))
    assert response.status_code == 200


def test_index_lists_own_reports_with_a_countdown_and_search(client, q1, tree, people):
    client.force_login(people["editor"])
    page = client.get(reverse("reports:index")).content.decode()
    assert "Phường Ngọc Thụy" in page and "Phường Sài Đồng" not in page
    assert "quá hạn" in page
    found = client.get(reverse("reports:index"), {"q": "ngoc thuy"}).content.decode()
    assert "Phường Ngọc Thụy" in found


def test_the_districts_target_is_prefilled_in_the_ward_form(client, q1, tree, people, households):
    from reports import services

    services.target_set(
        actor=None, indicator=households, unit=tree["ngoc_thuy"], period="2019Q1", value=8233
    )
    client.force_login(people["editor"])
    report = report_of(q1, tree["ngoc_thuy"])
    page = client.get(reverse("reports:fill", args=[report.pk])).content.decode()
    assert f'name="target_{households.pk}" value="8.233"' in page


def test_leader_approves_from_the_report_page(client, tree, people, households, make_member):
    from reports import services
    from tests.reports.factories import open_round

    leader = make_member(Role.LEADER, tree["ngoc_thuy"])
    round_ = open_round(
        tree["long_bien"], [tree["ngoc_thuy"]], indicators=[households], leader_approval=True
    )
    report = fill(round_.reports.get(), people["editor"], {households: (1, 2)})
    services.report_submit(actor=people["editor"], report=report)
    client.force_login(people["editor"])
    assert (
        client.post(reverse("reports:review", args=[report.pk, "leader-approve"])).status_code
        == 403
    )
    client.force_login(leader)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Đồng ý và gửi lên cấp trên" in page
    client.post(reverse("reports:review", args=[report.pk, "leader-approve"]))
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED


def test_report_page_shows_who_changed_which_text_and_figures(client, q1, tree, people, households):
    report = fill(report_of(q1, tree["ngoc_thuy"]), people["editor"], {households: (7000, 8233)})
    fill(report, people["editor"], {households: (7775, 8233)}, sections={"results": "Bản sửa"})
    client.force_login(people["reviewer"])
    response = client.get(reverse("reports:detail", args=[report.pk]))
    history = response.context["history"]
    assert history[0]["record"].history_user == people["editor"]
    assert {c["field"] for c in history[0]["changes"]} >= {"results"}
    assert "<td>I. Kết quả</td>" in response.content.decode()
    page = response.content.decode()
    assert "Bản sửa" in page and "7.000" in page and "7.775" in page


def test_history_shows_the_state_labels_not_the_stored_keys(
    client, q1, tree, people, households, blood
):
    from reports import services

    figures = {households: (6123, 8233), blood: (41, 50)}
    report = fill(report_of(q1, tree["ngoc_thuy"]), people["editor"], figures)
    services.report_submit(actor=people["editor"], report=report)
    client.force_login(people["reviewer"])
    response = client.get(reverse("reports:detail", args=[report.pk]))
    status = [
        c
        for entry in response.context["history"]
        for c in entry["changes"]
        if c["field"] == "status"
    ]
    assert status and status[0]["new"] == "Đã nộp", status
    page = response.content.decode()
    assert "<td>Đã nộp</td>" in page and "<td>submitted</td>" not in page
