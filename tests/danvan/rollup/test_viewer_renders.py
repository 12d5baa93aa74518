"""A viewer's POST writes nothing: on renders, a viewer only downloads what exists
(docs/danvan/rollup.md, "A viewer only downloads what exists")."""

import pytest

from danvan.orgs.access import Role
from danvan.rollup.models import Export, ExportEvent
from tests.danvan.rollup.factories import ExportFactory
from tests.danvan.rollup.test_exports import embedded_mode, post, request_export  # noqa: F401
from tests.drills.helpers import row_counts


def test_a_viewer_starts_no_render_and_is_told_why(client, post, source_figures, login_as):  # noqa: F811
    login_as(Role.VIEWER, source_figures["long_bien"], username="xem.thu.19")
    before = row_counts()
    response = request_export(post)
    assert row_counts() == before
    assert Export.objects.count() == 0
    page = client.get(response.url).content.decode()
    assert "người xem chỉ được tải về các tài liệu đã có" in page


def test_a_viewer_downloads_the_document_a_reviewer_made(client, post, source_figures, login_as):  # noqa: F811
    reviewer = login_as(Role.REVIEWER, source_figures["long_bien"])
    request_export(post)
    export = Export.objects.get()
    assert export.status == "done" and export.requested_by == reviewer
    login_as(Role.VIEWER, source_figures["long_bien"])
    before = row_counts()
    response = request_export(post)
    assert row_counts() == before  # not even a "reused" event
    assert response.url == f"/tong-hop/xuat/{export.pk}/"
    download = client.get(f"/tong-hop/xuat/{export.pk}/tai-ve/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("requested_by_the_viewer", [False, True])
def test_a_viewer_never_retries_a_failed_render(
    client, source_figures, login_as, requested_by_the_viewer
):
    viewer = login_as(Role.VIEWER, source_figures["long_bien"])
    export = ExportFactory(
        unit=source_figures["long_bien"],
        status="failed",
        requested_by=viewer if requested_by_the_viewer else None,
    )
    assert "Thử lại" not in client.get(f"/tong-hop/xuat/{export.pk}/").content.decode()
    assert client.post(f"/tong-hop/xuat/{export.pk}/thu-lai/").status_code == 403
    export.refresh_from_db()
    assert export.status == "failed" and not ExportEvent.objects.filter(export=export).exists()
