"""Evidence files: upload through the service, download only through the scope."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from danvan.orgs.access import EDIT_ROLES, REVIEW_ROLES, get_editable, get_visible
from models_catalog import selectors, services
from models_catalog.files import FileRefused
from models_catalog.forms import AttachmentForm
from models_catalog.models import Attachment


@require_POST
def attachment_upload(request, pk):
    practice_model = get_editable(
        selectors.practice_model_pages(), request.user, pk, EDIT_ROLES, REVIEW_ROLES
    )
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            services.attachment_add(
                actor=request.user, practice_model=practice_model, upload=form.cleaned_data["file"]
            )
        except FileRefused as refused:
            messages.error(request, str(refused))
    return redirect("models_catalog:detail", pk=practice_model.pk)


def attachment_download(request, pk):
    attachment = get_visible(Attachment, request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    inline = attachment.kind == Attachment.Kind.PHOTO and "download" not in request.GET
    return FileResponse(
        handle,
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
