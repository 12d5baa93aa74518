"""A person holding a temporary password works nowhere until they choose their own."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Pages open with a temporary password: choosing the new one, and leaving.
ALLOWED = {"password_change", "password_change_done", "logout"}


class PasswordChangeRequired:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(request.user, "must_change_password", False):
            return None
        if request.resolver_match.view_name in ALLOWED:
            return None
        messages.info(
            request, _("You signed in with a temporary password: choose your own to continue.")
        )
        return redirect("password_change")
