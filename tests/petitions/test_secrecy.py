"""A denunciator's name reaches no one without the explicit permission, by any channel."""

import io
import shutil
import subprocess
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from danvan.orgs.access import Role
from petitions.models import IdentityViewing, SenderIdentity
from tests.conftest import require
from tests.factories import UserFactory
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db

NAME = "Phạm Quang Huy"
FOLDED = "pham quang huy"


@pytest.fixture
def denunciation(tree, editor):
    return LetterFactory(
        unit=tree["ngoc_thuy"],
        actor=editor,
        kind="denunciation",
        summary="Tố cáo cán bộ địa chính nhận tiền",
        sender_name=NAME,
        sender_contact="Số 12 ngõ 52, Ngọc Thụy",
    )


def _absent(response):
    assert response.status_code == 200
    text = response.content.decode()
    assert NAME not in text and "Số 12 ngõ 52" not in text


def test_the_identity_is_stored_apart_from_the_letter(denunciation):
    assert SenderIdentity.objects.get(letter=denunciation).name == NAME
    assert denunciation.sender_name == "" and denunciation.sender_contact == ""
    assert FOLDED not in denunciation.search_text and FOLDED not in denunciation.case.search_text


def test_list_detail_case_and_history_pages_redact_it(client, editor, denunciation):
    client.force_login(editor)
    _absent(client.get(reverse("petitions:letter_list")))
    detail = client.get(reverse("petitions:letter_detail", args=[denunciation.pk]))
    _absent(detail)
    assert "(giữ bí mật)" in detail.content.decode()
    _absent(client.get(reverse("petitions:case_detail", args=[denunciation.case_id])))
    for record in denunciation.history.all():
        assert NAME not in str(record.__dict__)


def test_searching_the_name_finds_nothing(client, editor, denunciation):
    client.force_login(editor)
    response = client.get(reverse("petitions:letter_list"), {"q": "pham quang huy"})
    _absent(response)
    assert response.context["page"].total == 0
    matches = client.get(reverse("petitions:letter_matches"), {"sender_name": NAME})
    _absent(matches)
    assert matches.context["matches"] == []


def test_the_excel_export_redacts_it(client, editor, denunciation):
    client.force_login(editor)
    response = client.get(reverse("petitions:letter_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row]
    assert NAME not in cells and "(giữ bí mật)" in cells


def test_the_printed_case_sheet_redacts_it(client, editor, denunciation, tmp_path):
    require(shutil.which("pdftotext") is not None, "pdftotext is not installed (poppler-utils)")
    client.force_login(editor)
    response = client.get(reverse("petitions:case_pdf", args=[denunciation.case_id]))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "case.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "giữ bí mật" in text and "Huy" not in text


def test_the_admin_shows_it_nowhere(client, denunciation):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    for url in (
        reverse("admin:petitions_letter_changelist"),
        reverse("admin:petitions_letter_change", args=[denunciation.pk]),
        reverse("admin:petitions_letter_history", args=[denunciation.pk]),
        reverse("admin:petitions_case_change", args=[denunciation.case_id]),
    ):
        _absent(client.get(url))
    assert client.get("/quan-tri/petitions/senderidentity/").status_code == 404


def test_a_superuser_without_the_explicit_permission_is_refused(client, denunciation):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    detail = client.get(reverse("petitions:letter_detail", args=[denunciation.pk]))
    assert "Xem danh tính người tố cáo" not in detail.content.decode()
    response = client.post(reverse("petitions:identity_reveal", args=[denunciation.pk]))
    assert response.status_code == 403
    assert NAME not in response.content.decode()
    assert not IdentityViewing.objects.exists()


def test_a_holder_of_the_permission_sees_it_and_the_viewing_is_logged(
    client, tree, make_member, denunciation, grant_identity_permission
):
    leader = grant_identity_permission(make_member(Role.LEADER, tree["ngoc_thuy"]))
    client.force_login(leader)
    detail = client.get(reverse("petitions:letter_detail", args=[denunciation.pk]))
    _absent(detail)  # not shown until asked for
    assert not IdentityViewing.objects.exists()
    response = client.post(reverse("petitions:identity_reveal", args=[denunciation.pk]))
    assert NAME in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    viewing = IdentityViewing.objects.get()
    assert (viewing.user, viewing.letter) == (leader, denunciation)
    assert viewing.at.date() >= date(2019, 1, 1)


def test_the_permission_does_not_reach_outside_the_users_units(
    client, tree, make_member, denunciation, grant_identity_permission
):
    outsider = grant_identity_permission(make_member(Role.LEADER, tree["sai_dong"]))
    client.force_login(outsider)
    assert (
        client.post(reverse("petitions:identity_reveal", args=[denunciation.pk])).status_code == 404
    )
    assert not IdentityViewing.objects.exists()


def test_complainants_are_not_secret(client, tree, editor):
    letter = LetterFactory(unit=tree["ngoc_thuy"], actor=editor, sender_name="Lê Thị Hoa")
    client.force_login(editor)
    assert "Lê Thị Hoa" in client.get(reverse("petitions:letter_list")).content.decode()
    assert not SenderIdentity.objects.filter(letter=letter).exists()


def test_the_permission_given_to_the_user_directly_also_counts(
    client, tree, make_member, denunciation
):
    from django.contrib.auth.models import Permission

    leader = make_member(Role.LEADER, tree["ngoc_thuy"])
    leader.user_permissions.add(Permission.objects.get(codename="view_denunciator_identity"))
    client.force_login(leader)
    response = client.post(reverse("petitions:identity_reveal", args=[denunciation.pk]))
    assert NAME in response.content.decode()
    assert IdentityViewing.objects.filter(user=leader).count() == 1
