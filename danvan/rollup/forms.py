"""The issue form: date, and for a correction what it corrects and why."""

from django import forms
from django.utils.translation import gettext_lazy as _


class IssueForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Issue date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Enter the issue date as dd/mm/yyyy.")},
    )
    corrects = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("What the correction changes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
