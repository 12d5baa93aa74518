from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.orgs.access import Role
from petitions.models import Case, CaseEvent, Letter, SubjectArea
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2019, 6, 1), tick=False):
        yield


def _form(**overrides):
    data = {
        "received_on": "2019-05-20",
        "receiving_body": "people_committee",
        "channel": "in_person",
        "kind": "complaint",
        "summary": "Khiếu nại bồi thường đất nông nghiệp",
        "sender_name": "Nguyễn Văn Bình",
        "sender_contact": "Tổ 5",
        "signers": "one",
        "signer_count": "1",
        "is_eligible": "on",
        "competence": "within",
        "case": "",
    }
    return {**data, **overrides}


def test_an_editor_registers_a_letter_and_lands_on_its_case(client, editor):
    client.force_login(editor)
    response = client.post(reverse("petitions:letter_register"), _form())
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:case_detail", args=[letter.case_id])
    assert letter.created_by == editor and letter.unit.name == "Ngọc Thụy"


def test_a_failed_registration_keeps_what_was_typed(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("petitions:letter_register"), _form(received_on="2019-07-01", is_eligible="")
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Khiếu nại bồi thường đất nông nghiệp" in text and "Nguyễn Văn Bình" in text
    assert "Hãy ghi lý do" in text  # not eligible without a reason
    assert not Letter.objects.exists()
    response = client.post(reverse("petitions:letter_register"), _form(received_on="2019-07-01"))
    assert "Ngày không được sau hôm nay." in response.content.decode()
    assert not Letter.objects.exists()


def test_the_form_suggests_the_existing_case_and_joins_it(client, editor, tree):
    first = LetterFactory(unit=tree["ngoc_thuy"], actor=editor, sender_name="Nguyễn Văn Bình")
    client.force_login(editor)
    matches = client.get(reverse("petitions:letter_matches"), {"sender_name": "nguyen van binh"})
    assert matches.context["matches"] == [first.case]
    client.post(reverse("petitions:letter_register"), _form(case=str(first.case_id)))
    assert Letter.objects.filter(case=first.case).count() == 2


def test_a_case_id_from_another_unit_is_refused(client, editor, tree):
    other = LetterFactory(unit=tree["sai_dong"])
    client.force_login(editor)
    response = client.post(reverse("petitions:letter_register"), _form(case=str(other.case_id)))
    assert response.status_code == 200 and Letter.objects.count() == 1


def test_outsiders_get_404_and_viewers_get_403(client, tree, make_member):
    letter = LetterFactory(unit=tree["ngoc_thuy"])
    client.force_login(make_member(Role.EDITOR, tree["sai_dong"]))
    assert client.get(reverse("petitions:letter_detail", args=[letter.pk])).status_code == 404
    assert client.get(reverse("petitions:case_detail", args=[letter.case_id])).status_code == 404
    client.force_login(make_member(Role.VIEWER, tree["ngoc_thuy"]))
    assert client.get(reverse("petitions:case_detail", args=[letter.case_id])).status_code == 200
    response = client.post(
        reverse("petitions:case_transition", args=[letter.case_id]),
        {"to_state": "accepted", "on": "2019-05-01", "version": "1"},
    )
    assert response.status_code == 403
    assert client.get(reverse("petitions:letter_register")).status_code == 403


def test_accepting_through_the_page_records_the_event_and_deadline(client, editor, tree):
    case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor, received_on=date(2019, 5, 2)).case
    client.force_login(editor)
    response = client.post(
        reverse("petitions:case_transition", args=[case.pk]),
        {"to_state": "accepted", "on": "2019-05-06", "reason": "Đủ điều kiện", "version": "1"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "accepted" and case.resolution_due == date(2019, 6, 5)
    assert CaseEvent.objects.get(case=case, action="transition").reason == "Đủ điều kiện"
    page = client.get(reverse("petitions:case_detail", args=[case.pk])).content.decode()
    assert "Chuyển trạng thái → Đã thụ lý: Đủ điều kiện" in page


def test_two_people_editing_a_case_get_a_conflict_message(client, editor, tree):
    case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor).case
    client.force_login(editor)
    url = reverse("petitions:case_edit", args=[case.pk])
    client.post(url, {"summary": "Bản thứ nhất", "version": "1"})
    response = client.post(url, {"summary": "Bản thứ hai", "version": "1"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Người khác đã lưu bản ghi này" in text and "Bản thứ hai" in text
    assert Case.objects.get(pk=case.pk).summary == "Bản thứ nhất"


def test_list_filters_search_and_sorts_without_diacritics(client, editor, tree):
    LetterFactory(
        unit=tree["ngoc_thuy"],
        summary="Lấn chiếm vỉa hè đường Ngọc Thụy",
        subject_area=SubjectArea.objects.get(code="land"),
    )
    LetterFactory(unit=tree["ngoc_thuy"], summary="Ô nhiễm tiếng ồn", kind="petition")
    client.force_login(editor)
    url = reverse("petitions:letter_list")
    found = client.get(url, {"q": "LAN chiem via he"}).context["page"]
    assert [letter.summary for letter in found] == ["Lấn chiếm vỉa hè đường Ngọc Thụy"]
    assert client.get(url, {"kind": "petition"}).context["page"].total == 1
    assert client.get(url, {"area": "land"}).context["page"].total == 1
    assert client.get(url, {"sort": "receipt"}).context["page"][0].receipt_number == 1


def test_list_query_count_does_not_grow_with_rows(
    client, editor, tree, django_assert_max_num_queries
):
    client.force_login(editor)
    url = reverse("petitions:letter_list")
    client.get(url)
    for _ in range(30):
        LetterFactory(unit=tree["ngoc_thuy"], actor=editor)
    with django_assert_max_num_queries(12):
        response = client.get(url, {"q": "khieu nai", "kind": "complaint", "year": "2019"})
    assert response.context["page"].total == 30


def test_the_letter_list_pages_without_counting_every_match(client, editor, tree, monkeypatch):
    """Counting the matches of a search over a city's letters costs as much as finding the
    page (docs/bench.md): the list reads one row more than it shows instead."""
    monkeypatch.setattr("petitions.views.letters.LETTER_PAGE_SIZE", 2)
    for _ in range(5):
        LetterFactory(unit=tree["ngoc_thuy"], actor=editor)
    client.force_login(editor)
    url = reverse("petitions:letter_list")
    with CaptureQueriesContext(connection) as queries:
        first = client.get(url, {"q": "khieu nai"})
    assert not [
        q
        for q in queries.captured_queries
        if "COUNT(" in q["sql"].upper() and "petitions_letter" in q["sql"]
    ]
    page = first.context["page"]
    assert (len(page), page.has_next, page.total) == (2, True, None)
    assert "Đơn thư 1–2; còn tiếp ở các trang sau" in first.content.decode()
    last = client.get(url, {"q": "khieu nai", "page": "3"}).context["page"]
    assert (len(last), last.has_next, last.has_previous, last.total) == (1, False, True, 5)
    assert "5 đơn thư" in client.get(url, {"q": "khieu nai", "page": "3"}).content.decode()
    beyond = client.get(url, {"q": "khieu nai", "page": "9"}).context["page"]
    assert (beyond.number, len(beyond)) == (1, 2)


def test_the_overdue_list_shows_only_cases_past_their_deadline(client, tree, make_member):
    LetterFactory(
        unit=tree["ngoc_thuy"], received_on=date(2019, 5, 1)
    )  # 11/5 a Saturday: due 13/5, overdue
    LetterFactory(unit=tree["ngoc_thuy"], received_on=date(2019, 5, 30))  # due 9/6: not yet
    client.force_login(make_member(Role.REVIEWER, tree["long_bien"]))
    page = client.get(reverse("petitions:overdue_list")).context["page"]
    assert [case.received_on for case in page] == [date(2019, 5, 1)]
    assert "quá hạn 19 ngày" in client.get(reverse("petitions:overdue_list")).content.decode()


def test_reception_session_and_visit_through_the_pages(client, editor, tree):
    case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor).case
    client.force_login(editor)
    response = client.post(
        reverse("petitions:session_list"),
        {
            "held_on": "15/05/2019",
            "receiving_body": "people_committee",
            "receiver_kind": "leader",
            "receiver_name": "Chủ tịch UBND phường",
            "is_scheduled": "on",
            "place": "Trụ sở",
        },
    )
    assert response.status_code == 302
    response = client.post(
        response["Location"],
        {
            "summary": "Hỏi tiến độ giải quyết",
            "people": "2",
            "cases": [str(case.pk)],
            "new_case_summary": "Phản ánh đèn chiếu sáng ngõ 52",
        },
    )
    assert response.status_code == 302
    assert case.visits.count() == 1
    assert Case.objects.filter(summary="Phản ánh đèn chiếu sáng ngõ 52", letters=None).count() == 1


def test_statistics_page_shows_figures_with_last_year(client, editor, tree):
    LetterFactory(unit=tree["ngoc_thuy"], received_on=date(2019, 2, 1))
    client.force_login(editor)
    response = client.get(reverse("petitions:stats"), {"period": "2019"})
    rows = response.context["table"].by_code()
    assert rows["petitions.letters"].total.amount == 1
    assert rows["petitions.letters"].change == 1
    assert "Đơn tiếp nhận" in response.content.decode()


def test_case_numbers_are_never_written_with_a_thousands_dot(client, editor, tree):
    big = Case.objects.create(
        pk=12345,
        unit=tree["ngoc_thuy"],
        receiving_body="people_committee",
        kind="complaint",
        summary="Khiếu nại đất",
        received_on=date(2019, 3, 1),
    )
    LetterFactory(unit=tree["ngoc_thuy"], actor=editor, case=big, sender_name="Lê Văn Tám")
    client.force_login(editor)
    matches = client.get(reverse("petitions:letter_matches"), {"sender_name": "Lê Văn Tám"})
    assert 'value="12345"' in matches.content.decode()
    assert "#12345" in client.get(reverse("petitions:letter_list")).content.decode()


def test_the_handler_choice_lists_only_the_units_editors_by_name_and_role(client, editor, tree):
    from tests.factories import MembershipFactory, UserFactory

    editor.first_name, editor.last_name = "Lê Thị Hòa", ""
    editor.save()

    def member(username, name, unit, role):
        user = UserFactory(username=username, first_name=name, last_name="")
        MembershipFactory(user=user, unit=unit, role=role)
        return user

    member("lanhdao.nt", "Đỗ Văn Khải", tree["ngoc_thuy"], Role.LEADER)
    member("xem.nt", "Vũ Thu", tree["ngoc_thuy"], Role.VIEWER)
    city_admin = member("quantri.hn", "Phan Minh", tree["ha_noi"], Role.ADMIN)
    case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor).case
    client.force_login(editor)
    page = client.get(reverse("petitions:case_detail", args=[case.pk]))
    labels = [
        label for value, label in page.context["edit_form"].fields["handler"].choices if value
    ]
    assert sorted(labels) == ["Lê Thị Hòa — Cán bộ nhập liệu", "Đỗ Văn Khải — Lãnh đạo đơn vị"]
    html = page.content.decode()
    assert "canbo.ngocthuy" not in html and "quantri.hn" not in html and "xem.nt" not in html
    response = client.post(
        reverse("petitions:case_edit", args=[case.pk]),
        {"summary": "Giao thụ lý", "handler": city_admin.pk, "version": "1"},
    )
    assert response.status_code == 400 and Case.objects.get(pk=case.pk).handler is None
