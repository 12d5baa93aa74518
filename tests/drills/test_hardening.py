"""Hardening left by the core's security tests: the audits an administrator reads (who saw a
denunciator's identity, who reopened a report) and a session that really expires."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from tests.drills.helpers import seed_and_log_in


@pytest.fixture
def admin_client(client, db):
    seed_and_log_in(client, "quantri")
    return client


def test_identity_viewings_are_listed_read_only_for_administrators_without_the_identity(
    admin_client,
):
    from petitions import services
    from petitions.models import IdentityViewing, Letter

    letters = Letter.objects.filter(
        identity__isnull=False, unit__path__startswith="ha-noi/long-bien"
    )
    letter = next((one for one in letters if one.is_secret), None)
    assert letter is not None, "the demo should hold a secret letter"
    officer = get_user_model().objects.get(username="bandanvan.longbien")
    officer.user_permissions.add(Permission.objects.get(codename="view_denunciator_identity"))
    officer = get_user_model().objects.get(pk=officer.pk)  # fresh permission cache
    identity = services.identity_reveal(actor=officer, letter=letter)

    page = admin_client.get("/quan-tri/petitions/identityviewing/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "bandanvan.longbien" in html and identity.name not in html
    viewing = IdentityViewing.objects.get(letter=letter, user=officer)
    change = f"/quan-tri/petitions/identityviewing/{viewing.pk}/change/"
    assert admin_client.post(change, {"user": 1}).status_code == 403
    assert admin_client.get("/quan-tri/petitions/identityviewing/add/").status_code == 403
    delete = f"/quan-tri/petitions/identityviewing/{viewing.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert IdentityViewing.objects.filter(pk=viewing.pk, user=officer).exists()


def test_report_reopenings_are_listed_read_only_for_administrators(admin_client):
    from reports import services
    from reports.models import Report, ReportEvent

    report = Report.objects.filter(status="approved").first()
    reviewer = get_user_model().objects.get(username="quantri")
    services.report_reopen(actor=reviewer, report=report, reason="Số liệu quý I cần sửa lại")

    page = admin_client.get("/quan-tri/reports/reportevent/", {"action__exact": "reopen"})
    assert page.status_code == 200
    assert "Số liệu quý I cần sửa lại" in page.content.decode()
    event = ReportEvent.objects.get(report=report, action="reopen")
    change = f"/quan-tri/reports/reportevent/{event.pk}/change/"
    assert admin_client.post(change, {"reason": "sửa dấu vết"}).status_code == 403
    assert admin_client.get("/quan-tri/reports/reportevent/add/").status_code == 403
    delete = f"/quan-tri/reports/reportevent/{event.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert ReportEvent.objects.get(pk=event.pk).reason == "Số liệu quý I cần sửa lại"


@pytest.mark.django_db
def test_an_expired_session_redirects_to_the_login_page(client, tree, login_as, settings):
    login_as("editor", tree["ngoc_thuy"])
    assert client.get("/bao-cao/").status_code == 200
    later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(later, tick=False):
        response = client.get("/bao-cao/")
    assert response.status_code == 302
    assert response.url.startswith("/dang-nhap/?next=/bao-cao/")


@pytest.mark.django_db
def test_a_session_just_inside_its_age_still_works(client, tree, login_as, settings):
    login_as("editor", tree["ngoc_thuy"])
    later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 120)
    with time_machine.travel(later, tick=False):
        assert client.get("/bao-cao/").status_code == 200
