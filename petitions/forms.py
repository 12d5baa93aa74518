from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.numbers import CountFormField
from petitions.models import (
    DUPLICATE_REFERENCE,
    Body,
    Case,
    Kind,
    Letter,
    ReceptionSession,
    SubjectArea,
    normalize_reference,
)

# A text box in dd/mm/yyyy: a browser's own date picker shows the browser's locale (mm/dd).
DATE_INPUT = forms.DateInput(
    format="%d/%m/%Y",
    attrs={"class": "form-control", "placeholder": "dd/mm/yyyy", "inputmode": "numeric"},
)


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class LetterForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE_INPUT)
    receiving_body = forms.ChoiceField(label=_("Receiving body"), choices=Body.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Letter.Channel.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    subject_area = forms.ModelChoiceField(
        label=_("Subject area"), queryset=SubjectArea.objects.all(), required=False
    )
    summary = forms.CharField(label=_("Summary"), max_length=300)
    sender_name = forms.CharField(
        label=_("Sender"),
        max_length=200,
        help_text=_("For a denunciation the name is kept secret and shown to no one else."),
    )
    sender_contact = forms.CharField(
        label=_("Sender's address and phone"), max_length=300, required=False
    )
    signers = forms.ChoiceField(label=_("Signers"), choices=Letter.Signers.choices)
    signer_count = CountFormField(label=_("Number of signers"), min_value=1, initial=1)
    is_eligible = forms.BooleanField(label=_("Eligible to handle"), required=False, initial=True)
    ineligible_reason = forms.CharField(label=_("Why not eligible"), max_length=300, required=False)
    competence = forms.ChoiceField(label=_("Competence"), choices=Letter.Competence.choices)
    transferred_to = forms.CharField(
        label=_("Guided or transferred to"), max_length=200, required=False
    )
    transfer_document = forms.CharField(
        label=_("Transfer or guidance document no."), max_length=60, required=False
    )
    is_repeated = forms.BooleanField(label=_("Repeated letter"), required=False)
    second_complaint = forms.BooleanField(label=_("Second complaint"), required=False)
    checks_several_places = forms.BooleanField(
        label=_("Checks span several places"),
        required=False,
        help_text=_("A denunciation: 10 working days to check and accept instead of 7."),
    )

    def __init__(self, *args, cases=None, matches_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = cases  # the cases this user may add a letter to
        _bootstrap(self)
        # The suggestions box refreshes while the sender or summary is typed (htmx). Not on
        # "change": that fires on blur, when the officer clicks a suggestion, and the refresh
        # would undo the click.
        for name in ("sender_name", "summary"):
            self.fields[name].widget.attrs.update(
                {
                    "data-hx-get": matches_url,
                    "data-hx-trigger": "input changed delay:500ms",
                    "data-hx-sync": "closest form:replace",
                    "data-hx-target": "#case-matches",
                    "data-hx-include": "[name=sender_name],[name=summary],[name=case]",
                    "data-matches": "1",
                }
            )

    def clean(self):
        data = super().clean()
        # The case radio buttons come from the suggestions box, outside the declared fields.
        case_id = str(self.data.get("case") or "")
        data["case"] = None
        if case_id:
            found = self.cases.filter(pk=case_id).first() if case_id.isdigit() else None
            if found is None:
                raise forms.ValidationError(_("Choose a case of this unit."))
            data["case"] = found
        if data.get("is_eligible") is False and not data.get("ineligible_reason"):
            self.add_error("ineligible_reason", _("Say why the letter is not eligible."))
        competence = data.get("competence")
        if competence and competence != Letter.Competence.WITHIN and not data.get("transferred_to"):
            self.add_error("transferred_to", _("Say where the sender was guided or transferred."))
        if competence == Letter.Competence.TRANSFERRED and not data.get("transfer_document"):
            self.add_error("transfer_document", _("Give the number of the transfer document."))
        return data


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New state"), choices=())
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "—"), *Case.Outcome.choices], required=False
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE_INPUT, required=False)
    especially_complex = forms.BooleanField(
        label=_("Especially complex (allows a second extension of a denunciation)"),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [(state.value, state.label) for state in states]
        _bootstrap(self)


class CaseForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = [
            "summary",
            "handler",
            "second_complaint",
            "is_complex",
            "is_especially_complex",
            "checks_several_places",
            "is_long_standing",
            "national_reference",
        ]

    def __init__(self, *args, handlers=None, **kwargs):
        """`handlers`: (users who may handle the case, {user id: their role's label})."""
        kwargs.setdefault("auto_id", "case_%s")  # shares the page with the transition form
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # the edit view's `Case(pk=…)`: an existing row, not a new one,
            self.instance._state.adding = False  # or the constraint counts it as a duplicate
        if handlers is not None:
            users, roles = handlers
            field = self.fields["handler"]
            field.queryset = users
            field.label_from_instance = lambda user: _handler_label(user, roles.get(user.pk))
        _bootstrap(self)

    def clean_national_reference(self):
        """Normalised; a duplicate is named beside the field (the constraint, checked again by
        the service, would only say it above the form)."""
        reference = normalize_reference(self.cleaned_data["national_reference"])
        others = Case.objects.filter(national_reference=reference).exclude(pk=self.instance.pk)
        if reference and others.exists():
            raise forms.ValidationError(DUPLICATE_REFERENCE, code="unique")
        return reference


def _handler_label(user, role) -> str:
    """ "Nguyễn Văn A — Cán bộ nhập liệu": the full name (the e-mail when there is none)."""
    name = user.get_full_name() or user.email or _("(no name)")
    return f"{name} — {role}" if role else str(name)


class SessionForm(forms.ModelForm):
    class Meta:
        model = ReceptionSession
        fields = [
            "held_on",
            "receiving_body",
            "receiver_kind",
            "receiver_name",
            "is_scheduled",
            "place",
        ]
        widgets = {"held_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class VisitForm(forms.Form):
    summary = forms.CharField(label=_("Content"), max_length=300)
    people = CountFormField(label=_("Number of people"), min_value=1, initial=1)
    is_crowd = forms.BooleanField(label=_("Crowd (đoàn đông người)"), required=False)
    cases = forms.ModelMultipleChoiceField(
        label=_("Cases"), queryset=Case.objects.none(), required=False
    )
    new_case_summary = forms.CharField(
        label=_("Or open a new case about it"),
        max_length=300,
        required=False,
        help_text=_("For a matter raised in person only, without a letter."),
    )
    new_case_kind = forms.ChoiceField(
        label=_("Kind of the new case"),
        choices=Kind.choices,
        initial=Kind.PETITION,
        required=False,
    )

    def clean_new_case_kind(self):
        return self.cleaned_data.get("new_case_kind") or Kind.PETITION

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cases is not None:
            self.fields["cases"].queryset = cases
        _bootstrap(self)
