"""Cases whose running deadline (acceptance, then resolution) is near or past, for the home
page's next actions (danvan.pending). The same deadline definition as the overdue list."""

from datetime import timedelta

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from danvan import pending
from petitions.models import Case, CaseQuerySet

NEAR = timedelta(days=7)  # a case due within a week is listed


@pending.register(order=40)
def cases_near_deadline(user, today):
    cases = Case.objects.editable_by(user).filter(
        CaseQuerySet.running_deadline_q(today, "lte", today + NEAR)
    )
    # The running deadline depends on the state; at most a few hundred cases are this close.
    near = sorted(cases.select_related("unit")[:200], key=lambda case: (case.due, case.pk))
    items = []
    for case in near[: pending.SHOWN]:
        text, tone = pending.days_left(case.due, today)
        title = _("Case #%(id)s: %(summary)s") % {
            "id": case.pk,
            "summary": Truncator(case.summary).chars(90),
        }
        items.append(
            pending.Item(title, reverse("petitions:case_detail", args=[case.pk]), text, tone)
        )
    return pending.Group(
        _("Cases near their legal deadline"),
        items,
        len(near),
        reverse("petitions:case_list"),
        order=40,
        icon="bi-hourglass-split",
    )
