from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from models_catalog.models import Award, Criterion, Field, Level, PracticeModel, Registrant, Status

SORTS = {
    "name": ("name", "id"),
    "-year": ("-start_year", "name", "id"),
    "year": ("start_year", "name", "id"),
    "unit": ("unit__path", "name", "id"),
    "status": ("status", "name", "id"),
    "-updated": ("-updated_at", "-id"),
}
SORT_LABELS = {
    "-year": _("Newest year first"),
    "year": _("Oldest year first"),
    "name": _("Name"),
    "unit": _("Unit"),
    "status": _("Status"),
    "-updated": _("Recently changed"),
}


def _with_any(choices):
    return [("", _("All")), *choices]


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    unit = forms.CharField(label=_("Unit"), required=False)
    field = forms.ChoiceField(label=_("Field"), choices=_with_any(Field.choices), required=False)
    level = forms.ChoiceField(label=_("Level"), choices=_with_any(Level.choices), required=False)
    kind = forms.ChoiceField(
        label=_("Registrant type"), choices=_with_any(Registrant.Kind.choices), required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    status = forms.ChoiceField(label=_("Status"), choices=_with_any(Status.choices), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=list(SORT_LABELS.items()), required=False)


class PracticeModelForm(forms.ModelForm):
    """Registration and editing: the model's details and who registers it."""

    unit = forms.ChoiceField(label=_("Registering unit"))
    registrant_kind = forms.ChoiceField(
        label=_("Registered by"), choices=Registrant.Kind.choices, widget=forms.RadioSelect
    )
    registrant_name = forms.CharField(
        label=_("Name of the collective or individual"), max_length=200
    )
    registrant_position = forms.CharField(
        label=_("Position (for an individual)"), max_length=200, required=False
    )
    end_year = forms.IntegerField(
        label=_("to year"),
        required=False,
        min_value=1900,
        max_value=2999,
        help_text=_("For a phase such as 2019–2020; leave empty for a single year."),
    )
    photo = forms.FileField(
        label=_("Evidence (photo or document)"),
        required=False,
        help_text=_("JPEG, PNG, PDF, Word (.docx) or Excel (.xlsx)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PracticeModel
        fields = [
            "name",
            "field",
            "level",
            "start_year",
            "end_year",
            "content",
            "mobilisation",
            "started_on",
            "responsible_person",
            "expected_results",
        ]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "content": forms.Textarea(attrs={"rows": 3}),
            "mobilisation": forms.Textarea(attrs={"rows": 3}),
            "expected_results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, units=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(unit.path, unit.title) for unit in units]
        self.fields["start_year"].initial = timezone.localdate().year
        self.fields["start_year"].label = _("Year (or first year of the phase)")
        if editing:
            del self.fields["unit"]
            del self.fields["photo"]
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "form-check-input"
            elif not isinstance(field.widget, forms.HiddenInput):
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs["class"] = css

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The phase must end in or after its first year."))
        return data

    def details(self) -> dict:
        data = self.cleaned_data
        details = {name: data[name] for name in self.Meta.fields}
        details["end_year"] = data["end_year"] or data["start_year"]
        return details

    def registrant(self) -> dict:
        data = self.cleaned_data
        return {
            "registrant_kind": data["registrant_kind"],
            "registrant_name": data["registrant_name"],
            "registrant_position": data["registrant_position"],
        }


def _styled(form):
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.HiddenInput):
            continue
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)
    return form


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, needs_reason=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = needs_reason
        if not needs_reason:
            self.fields["reason"].label = _("Note (optional)")
        _styled(self)


class EvaluationForm(forms.Form):
    surveyed_on = forms.DateField(
        label=_("Survey date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))
    criteria_met = forms.MultipleChoiceField(
        label=_("Criteria met"),
        choices=Criterion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class CommendationForm(forms.Form):
    award = forms.ChoiceField(label=_("Award"), choices=Award.choices)
    awarded_by = forms.CharField(label=_("Awarded by"), max_length=200)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence (photo or document)"),
        help_text=_("JPEG, PNG, PDF, Word (.docx) or Excel (.xlsx)."),
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )
