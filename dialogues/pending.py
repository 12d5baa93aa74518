"""Opinions awaiting a written answer, nearest deadline first (danvan.pending)."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from danvan import pending
from dialogues.selectors import awaiting_answers


@pending.register(order=50)
def opinions_awaiting_answer(user, today):
    opinions = awaiting_answers(user)
    shown = list(opinions[: pending.SHOWN])
    items = []
    for opinion in shown:
        if opinion.deadline:
            text, tone = pending.days_left(opinion.deadline, today)
        else:
            text, tone = _("no deadline set"), ""
        title = f"{opinion.conference.unit.title}: {Truncator(opinion.content).chars(90)}"
        url = reverse("dialogues:opinion_edit", args=[opinion.conference_id, opinion.pk])
        items.append(pending.Item(title, url, text, tone))
    total = opinions.count() if len(shown) == pending.SHOWN else len(shown)
    return pending.Group(
        _("Opinions awaiting a written answer"),
        items,
        total,
        reverse("dialogues:awaiting_answers"),
        order=50,
        icon="bi-chat-left-text",
    )
