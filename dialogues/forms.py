from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.numbers import CountFormField
from dialogues.models import Conference, Opinion, OpinionField
from petitions.models import Case

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        if field.widget.is_hidden:
            continue
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class ConferenceForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Conference
        fields = [
            "unit",
            "title",
            "kind",
            "held_on",
            "starts_at",
            "place",
            "mode",
            "notice_on",
            "chair",
            "co_chairs",
            "secretary",
            "organiser",
            "co_organiser",
            "invited_bodies",
            "attendees",
            "results_published_on",
        ]
        field_classes = {"attendees": CountFormField}
        widgets = {
            "held_on": DATE_WIDGET,
            "notice_on": DATE_WIDGET,
            "results_published_on": DATE_WIDGET,
            "starts_at": forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"}),
            "invited_bodies": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "notice_on": _("At least 7 days before the conference."),
            "results_published_on": _("Within 10 days after the conference."),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None
        _bootstrap(self)


class OpinionForm(forms.ModelForm):
    """One opinion: a grid row (the first fields) or the full page with the written answer."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Opinion
        fields = [
            "raised_by",
            "channel",
            "field",
            "content",
            "outcome",
            "answered_by",
            "answer_summary",
            "assignee",
            "deadline",
            "answer_number",
            "answered_on",
            "petition_case",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 2}),
            "answer_summary": forms.Textarea(attrs={"rows": 2}),
            "deadline": DATE_WIDGET,
            "answered_on": DATE_WIDGET,
        }

    def __init__(self, *args, cases=None, **kwargs):
        """`cases`: the petition cases the user may link (scoped by the view); none if omitted."""
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = OpinionField.objects.filter(active=True)
        self.fields["field"].empty_label = None
        if "petition_case" in self.fields:
            self.fields["petition_case"].queryset = (
                cases if cases is not None else Case.objects.none()
            )
        _bootstrap(self)


class GridOpinionForm(OpinionForm):
    """A grid row: no ids (rows are cloned), each input labelled for screen readers."""

    class Meta(OpinionForm.Meta):
        fields = OpinionForm.Meta.fields[:9]  # the written answer itself comes later

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)
        for field in self.visible_fields():
            field = field.field
            field.widget.attrs["aria-label"] = field.label
            field.widget.attrs["class"] += (
                " form-control-sm"
                if "control" in field.widget.attrs["class"]
                else " form-select-sm"
            )
        self.fields["content"].widget.attrs["rows"] = 1
        self.fields["answer_summary"].widget.attrs["rows"] = 1


class MarkHeldForm(forms.Form):
    attendees = forms.IntegerField(label=_("Attendees (visits)"), min_value=0)  # type=number


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("Results publication date"), widget=DATE_WIDGET)
