"""The deadline fields on the letter and case forms: typed through the pages, kept on a refusal.

On a ward this test makes itself ("Phường Thử Hạn"), with names the demo does not have.
"""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from danvan.orgs.access import Role
from petitions.models import Case, CaseEvent, Letter
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2019, 9, 20), tick=False):
        yield


@pytest.fixture
def ward(tree):
    return UnitFactory(name="Thử Hạn", kind="ward", parent=tree["long_bien"])


@pytest.fixture
def officer(make_member, ward):
    return make_member(Role.EDITOR, ward, username="canbo.thuhan")


def _letter(**overrides):
    data = {
        "received_on": "01/03/2019",
        "receiving_body": "people_committee",
        "channel": "post",
        "kind": "denunciation",
        "summary": "Tố cáo việc lấn chiếm ngõ 17 Xóm Giếng Thử",
        "sender_name": "Lò Thị Thử",
        "signers": "one",
        "signer_count": "1",
        "is_eligible": "on",
        "competence": "within",
        "case": "",
    }
    return {**data, **overrides}


def test_a_transfer_needs_the_body_and_the_document_and_keeps_what_was_typed(client, officer):
    # Thông tư 05/2021/TT-TTCP: a letter outside competence is transferred to the body
    # competent; which body and which document are recorded.
    client.force_login(officer)
    url = reverse("petitions:letter_register")
    typed = _letter(kind="complaint", competence="transferred", transferred_to="UBND quận Thử")
    response = client.post(url, typed)
    text = response.content.decode()
    assert response.status_code == 200 and not Letter.objects.exists()
    assert "Hãy ghi số văn bản chuyển đơn." in text
    assert "UBND quận Thử" in text and "Tố cáo việc lấn chiếm ngõ 17 Xóm Giếng Thử" in text
    assert "Số văn bản chuyển đơn hoặc hướng dẫn" in text  # the field's Vietnamese label

    client.post(url, {**typed, "transfer_document": "77/CV-UBND"})
    letter = Letter.objects.get()
    assert (letter.transferred_to, letter.transfer_document) == ("UBND quận Thử", "77/CV-UBND")
    # Thông tư 05/2021: handled within 10 working days of receipt
    assert letter.handling_due == date(2019, 3, 15)
    page = client.get(reverse("petitions:letter_detail", args=[letter.pk])).content.decode()
    assert "Hạn xử lý đơn" in page and "15/03/2019" in page
    assert "UBND quận Thử · văn bản số 77/CV-UBND" in page


def test_checks_in_several_places_give_ten_working_days_to_accept(client, officer):
    # Luật Tố cáo 2018 Art. 24: 7 working days, 10 when the checks span several places
    client.force_login(officer)
    client.post(reverse("petitions:letter_register"), _letter())
    client.post(
        reverse("petitions:letter_register"),
        _letter(summary="Tố cáo ở ba xã Thử", checks_several_places="on"),
    )
    dues = dict(Case.objects.values_list("checks_several_places", "acceptance_due"))
    assert dues == {False: date(2019, 3, 12), True: date(2019, 3, 15)}


def _accepted_denunciation(client, officer):
    client.post(reverse("petitions:letter_register"), _letter(received_on="03/06/2019"))
    case = Case.objects.get()
    transition = reverse("petitions:case_transition", args=[case.pk])
    client.post(transition, {"to_state": "accepted", "on": "10/06/2019", "version": "1"})
    return case, transition


def test_a_second_extension_needs_the_case_recorded_especially_complex(client, officer):
    # Luật Tố cáo 2018 Art. 30: complex, one extension; especially complex, two; each by a
    # written decision
    client.force_login(officer)
    case, transition = _accepted_denunciation(client, officer)
    extend = {"to_state": "extended", "on": "05/07/2019", "reason": "Phức tạp"}
    response = client.post(transition, {**extend, "version": "2"})
    assert "Gia hạn phải có số quyết định bằng văn bản." in response.content.decode()
    client.post(transition, {**extend, "version": "2", "decision_number": "12/QĐ-UBND"})
    case.refresh_from_db()
    assert (case.extensions, case.resolution_due) == (1, date(2019, 8, 9))

    second = {**extend, "version": "3", "decision_number": "19/QĐ-UBND"}
    response = client.post(transition, second)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Chỉ vụ việc tố cáo đặc biệt phức tạp mới được gia hạn lần thứ hai" in text
    assert 'value="19/QĐ-UBND"' in text  # what was typed is kept
    client.post(transition, {**second, "especially_complex": "on"})
    case.refresh_from_db()
    # 30 + 30 + 30 days from 10/06/2019 end on Sunday 08/09: Monday (BLDS 2015 Art. 148)
    assert (case.extensions, case.is_especially_complex) == (2, True)
    assert case.resolution_due == date(2019, 9, 9)
    decisions = CaseEvent.objects.filter(case=case, to_state="extended")
    assert [event.data.get("decision") for event in decisions.order_by("id")] == [
        "12/QĐ-UBND",
        "19/QĐ-UBND",
    ]


def test_the_case_form_records_especially_complex_and_several_places(client, officer):
    client.force_login(officer)
    case, _transition = _accepted_denunciation(client, officer)
    page = client.get(reverse("petitions:case_detail", args=[case.pk])).content.decode()
    assert "Đặc biệt phức tạp" in page and "Kiểm tra, xác minh ở nhiều địa điểm" in page
    client.post(
        reverse("petitions:case_edit", args=[case.pk]),
        {"summary": case.summary, "is_especially_complex": "on", "version": "2"},
    )
    case.refresh_from_db()
    assert case.is_especially_complex and case.version == 3


def test_a_number_of_signers_is_a_whole_number_written_the_vietnamese_way(client, officer):
    client.force_login(officer)
    url = reverse("petitions:letter_register")
    response = client.post(url, _letter(signers="crowd", signer_count="1,5"))
    text = response.content.decode()
    assert "“1,5” không phải là số nguyên" in text and 'value="1,5"' in text
    assert not Letter.objects.exists()
    client.post(url, _letter(signers="crowd", signer_count="1.204"))
    assert Letter.objects.get().signer_count == 1204
