from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.numbers import NumberFormField
from danvan.orgs.models import Unit
from danvan.periods import PeriodFormField
from reports.models import SECTIONS, ReportingRound, ReportTemplate


def _figure(label, indicator):
    return NumberFormField(
        label=label,
        whole=not indicator.allows_decimals,
        required=False,
        min_value=0,
        max_digits=18,
        decimal_places=2,
        error_messages={"min_value": _("A figure cannot be negative.")},
    )


class ReportFillForm(forms.Form):
    """The report's sections and its indicator grid (actual / target per indicator)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, report, rows, require_complete=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.report, self.rows, self.require_complete = report, rows, require_complete
        labels = dict(SECTIONS)
        for key, _label, required in report.round.template.section_list():
            self.fields[key] = forms.CharField(
                label=labels[key],
                required=required and require_complete,
                widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"}),
                error_messages={"required": _("This section is required before submitting.")},
            )
        for row in rows:
            indicator = row.indicator
            self.fields[f"actual_{indicator.pk}"] = _figure(indicator.label, indicator)
            if indicator.wants_target:
                self.fields[f"target_{indicator.pk}"] = _figure(_("Target"), indicator)

    def clean(self):
        data = super().clean()
        for row in self.rows:
            indicator = row.indicator
            actual = data.get(f"actual_{indicator.pk}")
            target = data.get(f"target_{indicator.pk}")
            if (
                self.require_complete
                and actual is None
                and f"actual_{indicator.pk}" not in self.errors
            ):
                self.add_error(f"actual_{indicator.pk}", _("Enter the figure."))
            missing_target = actual is not None and not target
            if (
                indicator.wants_target
                and f"target_{indicator.pk}" not in self.errors
                and missing_target
                and (self.require_complete or target == 0)
            ):
                self.add_error(
                    f"target_{indicator.pk}",
                    _("A target above 0 is needed with the actual figure."),
                )
        return data

    def sections(self) -> dict:
        return {
            key: self.cleaned_data.get(key, "")
            for key, _l, _r in self.report.round.template.section_list()
        }

    def values(self) -> dict:
        return {
            row.indicator.pk: (
                self.cleaned_data.get(f"actual_{row.indicator.pk}"),
                self.cleaned_data.get(f"target_{row.indicator.pk}"),
            )
            for row in self.rows
        }

    def grid(self):
        """(row, actual bound field, target bound field or None) for the template."""
        return [
            (
                row,
                self[f"actual_{row.indicator.pk}"],
                self[f"target_{row.indicator.pk}"] if row.indicator.wants_target else None,
            )
            for row in self.rows
        ]

    def section_fields(self):
        return [self[key] for key, _l, _r in self.report.round.template.section_list()]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"required": _("Give a reason.")},
    )


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period = PeriodFormField(label=_("Period"), help_text=_("e.g. 2019Q1, 2019S1, 2019"))
    template = forms.ModelChoiceField(
        label=_("Report template"), queryset=ReportTemplate.objects.all()
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportingRound.Kind.choices)
    due_date = forms.DateField(
        label=_("Due date"), input_formats=["%d/%m/%Y", "%Y-%m-%d"], help_text=_("dd/mm/yyyy")
    )
    leader_approval = forms.BooleanField(
        label=_("The unit leader approves before submission"), required=False
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units that must file"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(parent=owner).order_by(
            "name"
        ) | Unit.objects.filter(pk=owner.pk)
        self.fields["units"].label_from_instance = lambda unit: unit.title
        # a quarterly and an annual template may share name and version: the period kind tells
        self.fields["template"].label_from_instance = lambda form: (
            f"{form} — {form.get_period_kind_display()}"
        )
        for name in ("title", "period", "due_date"):
            self.fields[name].widget.attrs["class"] = "form-control"
        for name in ("template", "kind"):
            self.fields[name].widget.attrs["class"] = "form-select"


class RoundRescheduleForm(forms.Form):
    due_date = forms.DateField(
        label=_("New due date"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(attrs={"class": "form-control"}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
