"""Every write of the roll-up: export rows and their state changes (DESIGN.md firm point 4).

The page shows the row (status, progress, step, error), so the row is updated by the task
as it goes; each state change also writes an ExportEvent with its reason.
"""

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan import documents as record_documents
from danvan.audit import record_event
from danvan.orgs.access import EDIT_ROLES, LEAD_ROLES, REVIEW_ROLES, has_role, require_role
from danvan.orgs.models import Unit
from danvan.orgs.selectors import body_valid_on, print_lacks
from danvan.periods import Period
from danvan.rollup import documents, rendering, snapshots
from danvan.rollup.models import DocumentRegister, Export, Issue
from danvan.search import search_text

logger = logging.getLogger(__name__)

# Task limits live here so the stale-export sweep and the task agree on them.
RENDER_SOFT_TIME_LIMIT = 120  # seconds: the task stops itself and records why
RENDER_TIME_LIMIT = 150  # seconds: the worker kills the child
STALE_AFTER = timedelta(seconds=RENDER_TIME_LIMIT + 60)
RESEND_AFTER = timedelta(minutes=1)
MAX_ATTEMPTS = 5  # runs of one export, retries and redeliveries included
SUPPORTED_KINDS = {Export.Kind.ROLLUP_PDF}  # and the kinds apps register in danvan.documents


class ExportError(Exception):
    """A request the user must be told about (the message is for them)."""


def _send(export_id: int) -> None:
    """Send the task; when the broker is down the export stays queued and says so."""
    from kombu.exceptions import OperationalError as BrokerError
    from redis.exceptions import RedisError

    from danvan.rollup.tasks import render_export

    try:
        render_export.delay(export_id)
    except (BrokerError, RedisError) as exc:
        logger.warning("export %s queued but not sent: %s", export_id, exc)
        Export.objects.filter(pk=export_id).update(send_error=str(exc)[:500] or "broker")


# Who may start a render (and so write an export row). A viewer's POST writes nothing: a
# viewer gets a document that exists (done, or running for the same inputs) and nothing else.
RENDER_ROLES = EDIT_ROLES | LEAD_ROLES | REVIEW_ROLES


@transaction.atomic
def export_request(
    *, actor, kind: str, unit: Unit, period: Period, parameters=None, file_format="pdf"
) -> Export:
    """An export of the unit's figures (a PDF, or the same document as a Word file); an
    unchanged earlier file is reused, a running one for the same inputs is joined rather
    than started twice."""
    if not Unit.objects.visible_to(actor).filter(pk=unit.pk).exists():
        raise PermissionDenied
    renders = has_role(actor, unit, RENDER_ROLES)
    if kind not in SUPPORTED_KINDS and record_documents.get(kind) is None:
        raise ExportError(_("This kind of document cannot be exported yet."))
    if file_format not in Export.Format.values:
        raise ExportError(_("This file format cannot be exported."))
    parameters = parameters or {}
    if kind == Export.Kind.ROLLUP_PDF:
        refuse_empty_header(unit, parameters)
    fingerprint = rendering.fingerprint(kind, unit, period, parameters)
    same = Export.objects.filter(
        kind=kind,
        file_format=file_format,
        unit=unit,
        period=period.code,
        fingerprint=fingerprint,
    )
    reusable = same.filter(status=Export.Status.DONE).exclude(file="").first()
    if reusable and reusable.file.storage.exists(reusable.file.name):
        if renders:
            record_event(reusable, actor, "reused", reusable.status, reusable.status)
        return reusable
    running = same.filter(status__in=[Export.Status.QUEUED, Export.Status.RUNNING]).first()
    if running:
        return running
    if not renders:
        raise ExportError(
            _(
                "This document has not been made yet, and a viewer may only download documents "
                "that exist. Ask an officer or a reviewer of the unit to export it."
            )
        )
    export = Export.objects.create(
        kind=kind,
        file_format=file_format,
        unit=unit,
        period=period.code,
        period_start=period.start,
        period_end=period.end,
        parameters=parameters,
        fingerprint=fingerprint,
        requested_by=actor,
        step=_("Waiting for the rendering service"),
        search_text=search_text(
            unit.title, unit.path, period.code, period.label, kind, file_format
        ),
    )
    record_event(export, actor, "requested", "", export.status)
    export_id = export.pk
    transaction.on_commit(lambda: _send(export_id))
    return export


def refuse_empty_header(unit: Unit, parameters: dict) -> None:
    """A roll-up whose unit has no issuing body on the document's date would print an empty
    header ("*", "Số ……-BC/"): the user is told what is missing instead."""
    day = documents.issued_on(parameters)
    if body_valid_on(unit, day) is None:
        raise ExportError(
            _(
                "%(unit)s cannot print its report yet: it lacks %(lacks)s. Its unit "
                "administrator adds it on the unit's page under “Administration”."
            )
            % {"unit": unit.title, "lacks": ", ".join(print_lacks(unit, day))}
        )


def may_retry(actor, export: Export) -> bool:
    """The requester, a leader or a reviewer of the unit may run a failed export again;
    never a viewer (see RENDER_ROLES)."""
    if not has_role(actor, export.unit, RENDER_ROLES):
        return False
    return export.requested_by_id == actor.pk or has_role(
        actor, export.unit, LEAD_ROLES | REVIEW_ROLES
    )


@transaction.atomic  # select_for_update below needs it
def export_retry(*, actor, export: Export) -> Export:
    """Run a failed export again."""
    if not may_retry(actor, export):
        raise PermissionDenied
    export = Export.objects.select_for_update().get(pk=export.pk)
    if export.status != Export.Status.FAILED:
        raise ExportError(_("Only a failed export can be tried again."))
    before = export.status
    export.status = Export.Status.QUEUED
    export.progress, export.error, export.send_error = 0, "", ""
    export.attempts = 0
    export.step = _("Waiting for the rendering service")
    export.started_at = export.finished_at = None
    export.save()
    record_event(export, actor, "retried", before, export.status)
    export_id = export.pk
    transaction.on_commit(lambda: _send(export_id))
    return export


# --- Called by the task (actor None: the system) ----------------------------------------------


@transaction.atomic
def export_start(export_id: int) -> Export | None:
    """Claim the export for a run; None when there is nothing to do (done, failed, gone).

    A redelivered running export (the worker died) restarts from the beginning; after
    MAX_ATTEMPTS runs it is failed instead, so it can never run forever.
    """
    export = Export.objects.select_for_update().filter(pk=export_id).first()
    if export is None or export.status in {Export.Status.DONE, Export.Status.FAILED}:
        return None
    before = export.status
    if export.attempts >= MAX_ATTEMPTS:
        _fail(
            export,
            _("The rendering stopped %(n)s times; try again later.") % {"n": export.attempts},
        )
        return None
    export.status = Export.Status.RUNNING
    export.attempts += 1
    export.progress, export.step = 0, _("Starting")
    export.started_at, export.send_error = timezone.now(), ""
    export.save()
    reason = _("restarted after an interrupted run") if before == Export.Status.RUNNING else ""
    record_event(export, None, "started", before, export.status, reason)
    return export


def export_progress(export_id: int, percent: int, step: str) -> None:
    """Outside any transaction on purpose: the polling page must see it at once."""
    Export.objects.filter(pk=export_id, status=Export.Status.RUNNING).update(
        progress=max(0, min(100, percent)), step=str(step)[:200]
    )


@transaction.atomic
def export_finish(export_id: int, content: bytes) -> None:
    export = Export.objects.select_for_update().get(pk=export_id)
    before = export.status
    export.file.save(export.filename, ContentFile(content), save=False)
    export.status, export.progress = Export.Status.DONE, 100
    export.step, export.finished_at = _("Done"), timezone.now()
    export.save()
    record_event(export, None, "finished", before, export.status)


def _fail(export: Export, reason: str) -> None:
    before = export.status
    export.status, export.error = Export.Status.FAILED, reason
    export.step, export.finished_at = _("Failed"), timezone.now()
    export.save()
    record_event(export, None, "failed", before, export.status, reason)


@transaction.atomic
def export_fail(export_id: int, reason: str) -> None:
    export = Export.objects.select_for_update().filter(pk=export_id).first()
    if export is not None and export.status != Export.Status.DONE:
        _fail(export, reason)


def exports_recover(now=None) -> dict:
    """Beat job: fail exports running past the hard time limit (their worker was killed) and
    send again those that could not be sent while the broker was down."""
    now = now or timezone.now()
    stale = Export.objects.filter(status=Export.Status.RUNNING, started_at__lt=now - STALE_AFTER)
    failed = 0
    for export_id in stale.values_list("pk", flat=True):
        export_fail(
            export_id,
            _("The rendering service stopped while working on this export. Try again."),
        )
        failed += 1
    unsent = Export.objects.filter(
        status=Export.Status.QUEUED, created_at__lt=now - RESEND_AFTER
    ).exclude(send_error="")
    resent = 0
    for export_id in unsent.values_list("pk", flat=True):
        Export.objects.filter(pk=export_id).update(send_error="")
        _send(export_id)
        resent += 1
    return {"failed": failed, "resent": resent}


# --- Issuing (sổ văn bản đi) ------------------------------------------------------------------


def _number_take(body, year: int) -> DocumentRegister:
    """The next number of the body's register for the year, under the register row's lock
    (held until the caller's transaction ends): two issues at once wait for each other and
    get consecutive numbers, never the same one. The caller holds a transaction."""
    register, _created = DocumentRegister.objects.get_or_create(issuing_body=body, year=year)
    register = DocumentRegister.objects.select_for_update().get(pk=register.pk)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register


def report_issue(
    *, actor, unit: Unit, period: Period, issued_on=None, corrects: Issue | None = None, reason=""
) -> Issue:
    """Issue the unit's roll-up report for the period: the next number of its issuing body's
    register for the issue date's year, the date and the body's signer; the figures counted
    now are kept with the issue and its files, the PDF and the Word file, are rendered from
    them (by the worker, as any export) and then kept as issued. A report already issued is
    changed only by a correction: a new issue with its own number and a reason, pointing at
    the one it corrects."""
    require_role(actor, unit, REVIEW_ROLES)
    issued_on = issued_on or timezone.localdate()
    body = documents.issuing_body_for(unit, issued_on)  # the body valid on the issue date
    if body is None:
        raise ExportError(
            _("The unit has no issuing body yet: its administrator sets one up first.")
        )
    reason = (reason or "").strip()
    if corrects is not None:
        if (corrects.unit_id, corrects.period) != (unit.pk, period.code):
            raise ValueError("a correction is of the same unit and period")
        if not reason:
            raise ExportError(_("Say what the correction changes."))
    data = snapshots.find(unit, period, fresh=True).load()  # counted before taking the lock
    with transaction.atomic():
        # The register's lock also orders the checks: of two first issues sent at once, the
        # second finds the first and is refused (its number goes back with its rollback).
        register = _number_take(body, issued_on.year)
        _check_issuable(unit, period, corrects)
        number = register.last_number
        files = {
            file_format: Export.objects.create(
                kind=Export.Kind.ROLLUP_PDF,
                file_format=file_format,
                unit=unit,
                period=period.code,
                period_start=period.start,
                period_end=period.end,
                # never reused for another request
                fingerprint=f"issue:{register.pk}:{number}",
                requested_by=actor,
                step=_("Waiting for the rendering service"),
            )
            for file_format in (Export.Format.PDF, Export.Format.DOCX)
        }
        issue = Issue.objects.create(
            register=register,
            number=number,
            number_text=documents.number_code(number, body.symbol),
            unit=unit,
            period=period.code,
            issued_on=issued_on,
            signing_authority=body.signing_authority,
            deputy_for=body.deputy_for,
            signer_title=body.signer_title,
            signer_name=body.signer_name,
            figures=data,
            export=files[Export.Format.PDF],
            word=files[Export.Format.DOCX],
            corrects=corrects,
            reason=reason,
            issued_by=actor,
        )
        for export in files.values():
            export.parameters = {
                "number": number,
                "issued_on": issued_on.isoformat(),
                "issue": issue.pk,
            }
            export.search_text = search_text(
                unit.title, unit.path, period.code, period.label, issue.number_text
            )
            export.save(update_fields=["parameters", "search_text"])
            record_event(
                export, actor, "issued", "", export.status, reason, number=issue.number_text
            )
            transaction.on_commit(lambda export_id=export.pk: _send(export_id))
    return issue


def _check_issuable(unit: Unit, period: Period, corrects: Issue | None) -> None:
    latest = Issue.objects.filter(unit=unit, period=period.code).order_by("-id").first()
    if corrects is None and latest is not None:
        raise ExportError(
            _("This report was already issued as %(number)s: issue a correction instead.")
            % {"number": latest.number_text}
        )
    if corrects is not None and latest.pk != corrects.pk:
        raise ExportError(
            _("%(number)s was already corrected: correct the latest issue, %(latest)s.")
            % {"number": corrects.number_text, "latest": latest.number_text}
        )
