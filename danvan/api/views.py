"""The profile page of a user's API tokens: create (the secret shown once), list, revoke."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.api import services
from danvan.api.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=366, initial=90
    )


def token_list(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form = TokenForm()
            messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
    tokens = ApiToken.objects.filter(user=request.user)
    context = {"form": form, "secret": secret, "tokens": tokens}
    return render(request, "api/tokens.html", context)


@require_POST
def token_revoke(request, pk):
    try:
        token = services.token_revoke(actor=request.user, token_id=pk)
    except PermissionDenied:
        from django.http import Http404

        raise Http404 from None
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
