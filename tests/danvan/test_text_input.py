"""Text as people type it: stored in NFC whatever the keyboard sent; searched without the
invisible marks; a one-word name query matches whole words."""

import io
import unicodedata
from datetime import date

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from danvan.excel import Column, read_sheet
from danvan.orgs.access import Role
from danvan.search import fold
from petitions.models import Letter
from tests.factories import UnitFactory
from tests.petitions.factories import LetterFactory


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# zero-width space, non-joiner, joiner; LRM, RLM; bidi embedding, override, isolate; BOM; SHY
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066"]
INVISIBLE += ["\ufeff", "\u00ad"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_fold_drops_invisible_marks(mark):
    assert fold(f"Hư{mark}ờng") == "huong"
    assert fold(f"{mark}Ngọc Thụy{mark}") == "ngoc thuy"


@given(st.text())
def test_nfd_and_nfc_fold_alike(text):
    assert fold(nfd(text)) == fold(unicodedata.normalize("NFC", text))


@pytest.fixture
def ward(tree):
    return UnitFactory(name="Thử Chữ", kind="ward", parent=tree["long_bien"])


@pytest.fixture
def officer(make_member, ward):
    return make_member(Role.EDITOR, ward, username="canbo.thuchu")


@pytest.mark.django_db
def test_a_form_typed_in_nfd_is_stored_in_nfc(client, officer):
    client.force_login(officer)
    name, summary = "Lê Thị Hường", "Phản ánh đèn đường ngõ Thử Chữ hỏng"
    with time_machine.travel(date(2019, 6, 1), tick=False):
        response = client.post(
            reverse("petitions:letter_register"),
            {
                "received_on": "20/05/2019",
                "receiving_body": "people_committee",
                "channel": "in_person",
                "kind": "petition",
                "summary": nfd(summary),
                "sender_name": nfd(name),
                "signers": "one",
                "signer_count": "1",
                "is_eligible": "on",
                "competence": "within",
            },
        )
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert nfd(name) != name  # the input really was decomposed
    assert (letter.sender_name, letter.summary, letter.case.summary) == (name, summary, summary)


@pytest.mark.django_db
def test_search_ignores_invisible_marks_and_matches_a_name_as_a_whole_word(client, officer, ward):
    hường = LetterFactory(
        unit=ward, kind="petition", summary="Xin cấp lại sổ hộ khẩu", sender_name="Lê Thị Hường"
    )
    LetterFactory(unit=ward, kind="petition", summary="Đèn chiếu sáng phường Thử Chữ hỏng")
    LetterFactory(unit=ward, kind="petition", summary="Rác thải ở phường Thử Chữ")
    client.force_login(officer)
    url = reverse("petitions:letter_list")

    def found(query):
        return sorted(letter.pk for letter in client.get(url, {"q": query}).context["page"])

    assert found("Hường") == [hường.pk]  # not the two letters about the "phường"
    assert found("Hư\u200bờng") == [hường.pk]  # a zero-width space pasted with the name
    assert found("\u202bHường\u202c") == [hường.pk]  # bidi embedding marks
    assert found(nfd("Hường")) == [hường.pk]
    assert len(found("phường")) == 2
    assert len(found("phuong thu")) == 2  # several words: each may be part of a word
    assert found("khẩu") == [hường.pk]


def test_an_import_stores_text_cells_in_nfc():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Tên"])
    workbook.active.append([nfd("Nguyễn Thị Thử Nghiệm")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = read_sheet(SimpleUploadedFile("ten.xlsx", buffer.getvalue()), [Column("name", "Tên")])
    assert sheet.rows[0]["name"] == "Nguyễn Thị Thử Nghiệm"
