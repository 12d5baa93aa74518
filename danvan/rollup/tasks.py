"""Thin tasks, by id (DESIGN.md firm point 5). Limits and attempts live in services."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from danvan import documents
from danvan.periods import Period
from danvan.rollup import rendering, services, snapshots
from danvan.rollup.models import Export

logger = logging.getLogger(__name__)

# Worth another go: the database went away for a moment. A bug in the document is not.
TRANSIENT = (OperationalError, InterfaceError)
MAX_RETRIES = 3


def _render(export: Export, progress) -> bytes:
    if export.kind == Export.Kind.ROLLUP_PDF:
        period = Period.parse(export.period)
        return rendering.rollup_file(
            export.unit, period, export.parameters, progress, export.file_format
        )
    if documents.get(export.kind):
        return rendering.record_file(
            export.kind, export.unit, export.parameters, progress, export.file_format
        )
    raise ValueError(f"no renderer for {export.kind}")


@shared_task(
    bind=True,
    acks_late=True,
    ignore_result=True,
    soft_time_limit=services.RENDER_SOFT_TIME_LIMIT,
    time_limit=services.RENDER_TIME_LIMIT,
    autoretry_for=TRANSIENT,
    max_retries=MAX_RETRIES,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
)
def render_export(self, export_id: int) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        export = services.export_start(export_id)
        if export is None:  # done, failed or gone: a redelivery has nothing to do
            return
        try:
            content = _render(
                export, lambda percent, step: services.export_progress(export_id, percent, step)
            )
            services.export_progress(export_id, 90, _("Saving the file"))
            services.export_finish(export_id, content)
        except SoftTimeLimitExceeded:
            services.export_fail(
                export_id,
                _("Rendering took longer than %(n)s seconds and was stopped.")
                % {"n": services.RENDER_SOFT_TIME_LIMIT},
            )
        except TRANSIENT as exc:
            if self.request.retries >= MAX_RETRIES:
                services.export_fail(
                    export_id, _("The database did not answer: %(error)s") % {"error": exc}
                )
                return
            raise  # autoretry_for sends it again with backoff
        except Exception as exc:
            logger.exception("export %s failed", export_id)
            services.export_fail(
                export_id,
                _("Rendering failed: %(error)s") % {"error": f"{exc.__class__.__name__}: {exc}"},
            )


@shared_task(ignore_result=True, time_limit=60, soft_time_limit=50)
def recover_exports() -> dict:
    """Beat job: see services.exports_recover."""
    return services.exports_recover()


@shared_task(acks_late=True, ignore_result=True, time_limit=600, soft_time_limit=570)
def refresh_snapshot(snapshot_id: int) -> None:
    """Count a dashboard's stored figures again (danvan.rollup.snapshots)."""
    snapshots.refresh(snapshot_id)


@shared_task(ignore_result=True, time_limit=60, soft_time_limit=50)
def resend_lost_refreshes() -> int:
    """Beat job: see snapshots.resend_lost_refreshes."""
    return snapshots.resend_lost_refreshes()


@shared_task(ignore_result=True, time_limit=300, soft_time_limit=270)
def prune_snapshots() -> int:
    """Beat job: see snapshots.prune."""
    return snapshots.prune()
