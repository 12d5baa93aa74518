from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from danvan import health, notifications, pending
from danvan.models import Notification
from danvan.orgs import services as org_services
from danvan.orgs.models import Unit
from danvan.orgs.selectors import home_units
from danvan.periods import Period, PeriodError, PeriodNotFound
from danvan.picker import SESSION_PERIOD, SESSION_UNIT


@login_not_required
@never_cache
@require_GET
def healthz(request):
    status = health.components()
    healthy = all(value in {"ok", "embedded"} for value in status.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **status}, status=200 if healthy else 503
    )


@never_cache
@require_GET
def ping(request):
    """The benchmark's floor: a logged-in request through every middleware, no query of its own."""
    return HttpResponse("ok", content_type="text/plain")


def home(request):
    context = {"units": home_units(request.user), "pending": pending.groups_for(request.user)}
    return render(request, "danvan/home.html", context)


@require_POST
def picker_set(request):
    """Remember the chosen unit and period; unknown or out-of-scope values are refused."""
    path = request.POST.get("unit", "")
    if path:
        # A NUL byte can be in no unit's path, and PostgreSQL refuses it in a query (500).
        visible = Unit.objects.visible_to(request.user)
        if "\x00" in path or not visible.filter(path=path).exists():
            messages.error(request, _("You have no access to that unit."))
        else:
            request.session[SESSION_UNIT] = path
    code = request.POST.get("period", "")
    if code:
        try:
            request.session[SESSION_PERIOD] = Period.parse(code).code
        except PeriodError as exc:
            messages.error(request, str(exc))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/"
    return redirect(back)


def notification_list(request):
    items = Notification.objects.for_user(request.user)[:200]
    return render(request, "danvan/notifications.html", {"notifications": items})


@require_POST
def notifications_read(request):
    notifications.mark_read(user=request.user)
    return redirect("notifications")


class PasswordChange(auth_views.PasswordChangeView):
    """Django's page, which also releases a person from their temporary password."""

    def form_valid(self, form):
        response = super().form_valid(form)
        org_services.user_password_changed(user=form.user)
        return response


# Error pages (handler400/403/404/500 and the CSRF failure). They render without the request's
# context: no context processor runs (one reading request.GET would fail again on the query
# that caused a 400) and nothing of the user or the failed page is shown, only the portal's
# layout, a Vietnamese explanation and the way home. A period outside the readable range is
# the one 404 whose message is shown: it is the parser's, written for the user.


def _error_page(status, message=""):
    html = loader.get_template(f"{status}.html").render({"status": status, "message": message})
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return _error_page(400)


def permission_denied(request, exception=None):
    return _error_page(403)


def csrf_failure(request, reason=""):
    return _error_page(403)


def page_not_found(request, exception=None):
    return _error_page(404, str(exception) if isinstance(exception, PeriodNotFound) else "")


def server_error(request):
    return _error_page(500)
