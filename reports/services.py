"""Every write of the reports app: atomic, with the actor in history and events with reasons."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from danvan import freshness
from danvan.audit import audited, record_event
from danvan.concurrency import ConflictError, check_version
from danvan.notifications import notify
from danvan.orgs.access import EDIT_ROLES, LEAD_ROLES, REVIEW_ROLES, Role, has_role, require_role
from danvan.orgs.models import Membership
from danvan.periods import Period
from danvan.search import search_text
from reports.models import (
    SECTION_KEYS,
    Indicator,
    Report,
    ReportingRound,
    ReportTemplate,
    ReportValue,
    Target,
)

Status = Report.Status


@dataclass
class Change:
    """A field the other person saved differently from what this user typed."""

    label: str
    saved: str
    typed: str


class ReportConflict(ConflictError):
    """Someone saved the report since this user loaded it; nothing was written. Saving the
    same content again is no conflict, so it lists the fields that differ."""

    def __init__(self, report: Report, changes: list[Change]):
        super().__init__(report)
        self.report = report
        self.changes = changes


def _save(report: Report, actor, **fields) -> Report:
    for name, value in fields.items():
        setattr(report, name, value)
    report.version += 1
    report.search_text = search_text(report.unit.title, report.round.title, report.results)
    audited(report, actor).save()
    return report


def _figures_changed(report: Report) -> None:
    """The report's state and approved values are figures of its round's period."""
    freshness.changed(report.unit, Period.parse(report.round.period).start)


# --- Catalogue and rounds ------------------------------------------------------------------


@transaction.atomic
def indicator_save(*, actor, unit, code, label, measure, kind, has_target=False, order=None):
    """Create or update an indicator by code (the catalogue import, the demo). A new one is
    owned by `unit` (None: the national catalogue) and made by its administrators; an existing
    one changes only by the administrators of its owner unit, never by a reviewer."""
    require_role(actor, unit, REVIEW_ROLES)  # and more below, by the indicator's owner
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:  # a new indicator belongs to the unit that adds it
        require_role(actor, unit, Role.ADMIN)
        indicator = Indicator(code=code, owner=unit)
    elif not indicator_changes(indicator, label, measure, kind, has_target, order):
        return indicator  # the same row again (a targets file): nothing to change
    else:  # only the administrators of its owner unit (a city-wide one: the city's)
        require_role(actor, indicator.owner, Role.ADMIN)
    indicator.label, indicator.measure, indicator.kind = label, measure, kind
    indicator.has_target = has_target
    if order is not None:
        indicator.order = order
    audited(indicator, actor).save()
    freshness.changed_everywhere()  # an indicator is a figure of every unit
    return indicator


def indicator_changes(indicator, label, measure, kind, has_target, order=None) -> bool:
    """Whether saving these fields would change the indicator."""
    return (indicator.label, indicator.measure, indicator.kind, indicator.has_target) != (
        label,
        measure,
        kind,
        bool(has_target),
    ) or (order is not None and order != indicator.order)


def may_change_indicator(user, indicator) -> bool:
    return has_role(user, indicator.owner, {Role.ADMIN}) if indicator.owner else user.is_superuser


@transaction.atomic
def target_set(*, actor, indicator, unit, period: str, value) -> Target:
    require_role(actor, unit, REVIEW_ROLES)
    target = Target.objects.filter(indicator=indicator, unit=unit, period=period).first()
    target = target or Target(indicator=indicator, unit=unit, period=period)
    target.value = value
    audited(target, actor).save()
    return target


@transaction.atomic
def template_create(*, actor, name, period_kind, sections, required_sections, indicators):
    """A new version of the template `name`; earlier versions stay as filed reports use them.
    Templates are national: a superuser's."""
    require_role(actor, None, Role.ADMIN)
    last = ReportTemplate.objects.filter(name=name, period_kind=period_kind).order_by("-version")
    version = (last.first().version + 1) if last.exists() else 1
    template = ReportTemplate.objects.create(
        name=name,
        period_kind=period_kind,
        version=version,
        sections=[key for key in SECTION_KEYS if key in sections],
        required_sections=[key for key in SECTION_KEYS if key in required_sections],
    )
    template.indicators.set(indicators)
    return template


@transaction.atomic
def round_open(
    *, actor, owner, period: str, template, title, due_date, units, kind=None, leader_approval=False
):
    """Open a round: one report per unit that must file, all 'not started'."""
    require_role(actor, owner, REVIEW_ROLES | EDIT_ROLES)
    units = list(units)
    if actor is not None and not all(owner.contains(unit) for unit in units):
        raise PermissionDenied
    round_ = ReportingRound.objects.create(
        owner=owner,
        period=period,
        template=template,
        kind=kind or ReportingRound.Kind.UNITS,
        title=title,
        due_date=due_date,
        leader_approval=leader_approval,
        opened_by=actor,
    )
    Report.objects.bulk_create(
        [
            Report(round=round_, unit=unit, search_text=search_text(unit.title, title))
            for unit in units
        ]
    )
    freshness.changed_many({(unit, Period.parse(period).start) for unit in units})
    return round_


@transaction.atomic
def round_reschedule(*, actor, round_: ReportingRound, due_date, reason: str) -> ReportingRound:
    """Move a round's due date, with the reason, into its history (who, when, old → new).
    Lateness follows the new date, so the round's figures are counted again."""
    require_role(actor, round_.owner, REVIEW_ROLES)
    round_ = ReportingRound.objects.select_for_update().get(pk=round_.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the due date changes.")})
    if due_date == round_.due_date:
        raise ValidationError({"due_date": _("This is already the round's due date.")})
    before = round_.due_date
    round_.due_date = due_date
    round_.save(update_fields=["due_date"])
    record_event(
        round_, actor, "due_date_changed", before.isoformat(), due_date.isoformat(), reason
    )
    start = Period.parse(round_.period).start
    freshness.changed_many(
        {(report.unit, start) for report in round_.reports.select_related("unit")}
    )
    return round_


# --- Filing ---------------------------------------------------------------------------------


def _changes(report: Report, sections: dict, values: dict) -> list[Change]:
    """Fields whose saved value differs from what the user typed, for the conflict message."""
    changes = []
    for key in SECTION_KEYS:
        if key in sections and (sections[key] or "") != getattr(report, key):
            field = Report._meta.get_field(key)
            changes.append(Change(str(field.verbose_name), getattr(report, key), sections[key]))
    saved = {v.indicator_id: v for v in report.values.select_related("indicator")}
    for indicator_id, (actual, target) in values.items():
        old = saved.get(indicator_id)
        old_pair = (old.actual, old.target) if old else (None, None)
        if _same(old_pair, (actual, target)):
            continue
        label = str(old.indicator) if old else str(Indicator.objects.get(pk=indicator_id))
        changes.append(Change(label, _pair(*old_pair), _pair(actual, target)))
    return changes


def _same(a, b) -> bool:
    return all(
        (x is None and y is None) or (x is not None and y is not None and Decimal(x) == Decimal(y))
        for x, y in zip(a, b, strict=True)
    )


def _pair(actual, target) -> str:
    from danvan.numbers import format_number

    text = format_number(actual) if actual is not None else "–"
    return f"{text}/{format_number(target)}" if target is not None else text


@transaction.atomic
def report_save_draft(*, actor, report: Report, version: int, sections: dict, values: dict):
    """Save the typed text and figures. `values`: {indicator id: (actual, target)}.

    `version` is the one the user loaded; if someone saved since, raise ReportConflict with
    what differs, and write nothing: no silent overwrite.
    """
    require_role(actor, report.unit, EDIT_ROLES)
    report = Report.objects.select_for_update().select_related("round", "unit").get(pk=report.pk)
    if not report.is_editable:
        raise ValidationError(_("This report is no longer a draft: it cannot be changed."))
    try:
        check_version(report, version)
    except ConflictError:
        changes = _changes(report, sections, values)
        if changes:  # identical content (e.g. an autosave just stored it) is no conflict
            raise ReportConflict(report, changes) from None
    # A draft is in no figure: the metrics count submitted and approved reports only
    # (reports/metrics.py), so an autosave records no change (danvan.freshness).
    previous = report.status
    status = Status.DRAFT if previous == Status.NOT_STARTED else previous
    fields = {key: sections.get(key, getattr(report, key)) or "" for key in SECTION_KEYS}
    _save(report, actor, status=status, saved_at=timezone.now(), **fields)
    existing = {v.indicator_id: v for v in report.values.all()}
    created, changed = [], []
    for indicator_id, (actual, target) in values.items():
        value = existing.get(indicator_id)
        if value is None:
            value = ReportValue(report=report, indicator_id=indicator_id)
            created.append(value)
        elif _same((value.actual, value.target), (actual, target)):
            continue
        else:
            changed.append(value)
        value.actual, value.target = actual, target
        audited(value, actor)
    # All the figures in one INSERT and one UPDATE, each with its history rows (an autosave
    # sends every figure of the grid: one query per figure was most of its time).
    if created:
        bulk_create_with_history(created, ReportValue, default_user=actor)
    if changed:
        bulk_update_with_history(changed, ReportValue, ["actual", "target"], default_user=actor)
    if previous == Status.NOT_STARTED:
        record_event(report, actor, "start", previous, status)
    return report


def check_complete(report: Report) -> list[str]:
    """What is missing before the report can be submitted (messages for the user)."""
    problems = []
    template = report.round.template
    for key, label, required in template.section_list():
        if required and not getattr(report, key).strip():
            problems.append(_("Section “%(section)s” is required.") % {"section": label})
    values = {v.indicator_id: v for v in report.values.all()}
    for indicator in template.indicators.all():
        value = values.get(indicator.pk)
        if value is None or value.actual is None:
            problems.append(_("Enter the figure for “%(label)s”.") % {"label": indicator.label})
        elif indicator.wants_target and not value.target:
            problems.append(
                _("Enter a target above 0 for “%(label)s”.") % {"label": indicator.label}
            )
    return problems


@transaction.atomic
def report_submit(*, actor, report: Report) -> Report:
    """Submit to the reviewers, or to the unit leader first when the round asks for it."""
    require_role(actor, report.unit, EDIT_ROLES)
    report = Report.objects.select_for_update().select_related("round", "unit").get(pk=report.pk)
    if report.status not in {Status.DRAFT, Status.RETURNED}:
        raise ValidationError(_("Only a draft or a returned report can be submitted."))
    problems = check_complete(report)
    if problems:
        raise ValidationError(problems)
    previous = report.status
    if report.round.leader_approval and not has_role(actor, report.unit, LEAD_ROLES):
        _save(report, actor, status=Status.LEADER_REVIEW)
        record_event(report, actor, "to_leader", previous, Status.LEADER_REVIEW)
        _figures_changed(report)  # a returned report no longer is
        return report
    return _to_reviewers(report, actor, "resubmit" if previous == Status.RETURNED else "submit")


def _to_reviewers(report, actor, action):
    previous = report.status
    # The first submission is what counts for lateness; a resubmission keeps it.
    first = report.submitted_at or timezone.now()
    _save(report, actor, status=Status.SUBMITTED, submitted_at=first)
    record_event(report, actor, action, previous, Status.SUBMITTED)
    _figures_changed(report)
    return report


def _leader_step(actor, report):
    require_role(actor, report.unit, LEAD_ROLES)
    report = Report.objects.select_for_update().select_related("round", "unit").get(pk=report.pk)
    if report.status != Status.LEADER_REVIEW:
        raise ValidationError(_("The report is not in a state that allows this."))
    return report


@transaction.atomic
def report_leader_approve(*, actor, report: Report) -> Report:
    """The unit leader agrees: the report goes on to the reviewers."""
    return _to_reviewers(_leader_step(actor, report), actor, "leader_approve")


@transaction.atomic
def report_leader_return(*, actor, report: Report, reason: str) -> Report:
    """The unit leader sends it back to the editor as a draft, with a reason."""
    report = _leader_step(actor, report)
    _save(report, actor, status=Status.DRAFT)
    record_event(
        report, actor, "leader_return", Status.LEADER_REVIEW, Status.DRAFT, _reason(reason)
    )
    return report


def _review(actor, report, allowed_from, to_state, action, reason="", **fields):
    require_role(actor, report.unit, REVIEW_ROLES)
    report = Report.objects.select_for_update().select_related("round", "unit").get(pk=report.pk)
    if report.status not in allowed_from:
        raise ValidationError(_("The report is not in a state that allows this."))
    previous = report.status
    _save(report, actor, status=to_state, **fields)
    record_event(report, actor, action, previous, to_state, reason)
    _figures_changed(report)
    return report


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason."))
    return reason


# The steps that make someone the author of the submission under review (four eyes).
AUTHOR_ACTIONS = frozenset({"submit", "resubmit", "to_leader", "leader_approve"})
# A reviewer's decision ends a cycle: whoever filed before it filed an earlier version.
CYCLE_ENDS = frozenset({"return", "reopen"})


def authors_of_submission(report: Report) -> set:
    """Ids of the users who filed or leader-approved the submission now under review."""
    authors = set()
    for action, actor_id in report.events.order_by("-at", "-pk").values_list("action", "actor"):
        if action in CYCLE_ENDS:
            break
        if action in AUTHOR_ACTIONS and actor_id is not None:
            authors.add(actor_id)
    return authors


@transaction.atomic
def report_approve(*, actor, report: Report) -> Report:
    """Approve a submitted report. Four eyes: nobody approves a report they filed or
    leader-approved themselves, whatever roles they hold (an administrator included)."""
    if actor is not None and actor.pk in authors_of_submission(report):
        raise PermissionDenied(
            _("You filed or approved this report for the unit: another reviewer must approve it.")
        )
    return _review(
        actor, report, {Status.SUBMITTED}, Status.APPROVED, "approve", approved_at=timezone.now()
    )


@transaction.atomic
def report_return(*, actor, report: Report, reason: str) -> Report:
    """Send the report back to the unit; the reason shows in the report's thread and the
    unit's editors and leaders get a notification."""
    reason = _reason(reason)
    report = _review(actor, report, {Status.SUBMITTED}, Status.RETURNED, "return", reason)
    editors = Membership.objects.filter(
        unit=report.unit, role__in=[Role.EDITOR, Role.LEADER]
    ).select_related("user")
    for member in editors:
        notify(
            user=member.user,
            key=f"reports:returned:{report.pk}:{report.version}",
            title=_("%(round)s: the report of %(unit)s was returned")
            % {"round": report.round.title, "unit": report.unit.title},
            body=reason,
            url=reverse("reports:fill", args=[report.pk]),
        )
    return report


@transaction.atomic
def report_reopen(*, actor, report: Report, reason: str) -> Report:
    """Unlock an approved report; its figures leave the approved totals until approved again."""
    return _review(
        actor,
        report,
        {Status.APPROVED},
        Status.RETURNED,
        "reopen",
        _reason(reason),
        approved_at=None,
    )


@transaction.atomic
def report_values_import(*, actor, unit, rows) -> int:
    """Apply checked Excel rows (see reports.resources.check): every row or none.

    The reviewer of the subtree enters figures for its units' open reports; each touched
    report gets a new version, so a draft open in a browser meets a conflict, not a loss.
    """
    require_role(actor, unit, REVIEW_ROLES)
    touched = {}
    for row in rows:
        report = row["_report"]
        if not unit.contains(report.unit) or not report.is_editable:
            raise PermissionDenied
        value = ReportValue.objects.filter(report=report, indicator=row["_indicator"]).first()
        value = value or ReportValue(report=report, indicator=row["_indicator"])
        value.actual, value.target = row.get("actual"), row.get("target")
        audited(value, actor).save()
        touched[report.pk] = report
    for report in touched.values():
        previous = report.status
        status = Status.DRAFT if previous == Status.NOT_STARTED else previous
        _save(report, actor, status=status, saved_at=timezone.now())
        record_event(report, actor, "import", previous, status, rows=len(rows))
    return len(rows)


@transaction.atomic
def catalogue_import(*, actor, unit, rows) -> int:
    """Indicators by code, and the targets of the subtree's units: every row or none."""
    require_role(actor, unit, REVIEW_ROLES)
    for row in rows:
        indicator = indicator_save(
            actor=actor,
            unit=unit,
            code=row["code"],
            label=row["label"],
            measure=row["measure"],
            kind=row["kind"],
            has_target=bool(row.get("has_target")),
        )
        target_unit = row.get("_unit")
        if target_unit is not None:
            if not unit.contains(target_unit):
                raise PermissionDenied
            target_set(
                actor=actor,
                indicator=indicator,
                unit=target_unit,
                period=row["period"],
                value=row["target"],
            )
    return len(rows)


# Reports not approved yet: a closed unit hands them over (reports/handover.py).
OPEN_STATES = (
    Report.Status.NOT_STARTED,
    Report.Status.DRAFT,
    Report.Status.LEADER_REVIEW,
    Report.Status.SUBMITTED,
    Report.Status.RETURNED,
)


@transaction.atomic
def report_hand_over(report: Report, successor, *, actor, reason: str) -> Report:
    """An open report of a closed unit goes, as it stands, to its successor (danvan.handover).
    A unit has one report per round: if the successor has one already, the administrator
    chooses another successor for the old unit."""
    require_role(actor, report.unit, Role.ADMIN)
    require_role(actor, successor, Role.ADMIN)
    if Report.objects.filter(round=report.round, unit=successor).exists():
        raise ValidationError(
            _("%(unit)s already has a report in “%(round)s”: choose another successor for %(old)s.")
            % {"unit": successor.title, "round": report.round.title, "old": report.unit.title}
        )
    old = report.unit
    report.unit = successor
    report.version += 1
    audited(report, actor).save(update_fields=["unit", "version"])
    record_event(
        report, actor, "handed_over", report.status, report.status, reason,
        from_unit=old.path, to_unit=successor.path,
    )  # fmt: skip
    start = Period.parse(report.round.period).start
    freshness.changed(old, start)
    freshness.changed(successor, start)
    return report
