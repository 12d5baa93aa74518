"""Evidence files: upload through the service, download only through the scope."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from danvan.orgs.access import EDIT_ROLES, REVIEW_ROLES, has_role
from models_catalog import services
from models_catalog.files import FileRefused
from models_catalog.forms import AttachmentForm
from models_catalog.models import Attachment
from models_catalog.views.common import visible_model


@require_POST
def attachment_upload(request, pk):
    practice_model = visible_model(request, pk)
    if not has_role(request.user, practice_model.unit, EDIT_ROLES | REVIEW_ROLES):
        raise PermissionDenied
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
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
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
