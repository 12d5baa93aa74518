"""Forms of the portal's administration pages; the writes are `danvan.orgs.services`."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from danvan.orgs.access import Role, has_role, scope_q
from danvan.orgs.models import IssuingBody, Unit


class Bootstrap:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def administered_units(user):
    """The units in the subtrees the user administers."""
    return Unit.objects.filter(scope_q(user, "path", {Role.ADMIN}))


class UnitForm(Bootstrap, forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=Unit.Kind.choices)
    code = forms.SlugField(
        label=_("code"),
        max_length=60,
        required=False,
        help_text=_("Left empty: made from the name (Đức Giang → duc-giang)."),
    )
    valid_from = forms.DateField(label=_("valid from"), required=False, widget=DATE)
    is_remote = forms.BooleanField(label=_("remote area"), required=False)


class UnitEditForm(UnitForm):
    parent = forms.ModelChoiceField(
        label=_("parent unit"),
        queryset=Unit.objects.none(),
        help_text=_("Moving a unit moves its whole subtree with it."),
    )
    valid_to = forms.DateField(
        label=_("valid to"),
        required=False,
        widget=DATE,
        help_text=_("The day the unit closes (after a merger, for instance)."),
    )

    def __init__(self, *args, user, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["parent"].queryset = (
            administered_units(user).exclude(path__startswith=unit.path + "/").exclude(pk=unit.pk)
        )
        if unit.parent is None:
            del self.fields["parent"]

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date cannot be before the start date."))
        return data


class LineageForm(Bootstrap, forms.Form):
    predecessor = forms.ModelChoiceField(label=_("old unit"), queryset=Unit.objects.none())
    share = forms.ChoiceField(label=_("share taken over"), choices=Unit.Kind.choices)
    effective_date = forms.DateField(label=_("effective date"), widget=DATE)
    legal_basis = forms.CharField(label=_("legal basis"), max_length=200, required=False)
    # The share in figures (danvan.orgs.lineage): the figures the resolution gives, else a weight.
    weight = forms.DecimalField(
        label=_("weight"),
        required=False,
        min_value=0,
        max_value=1,
        decimal_places=4,
        help_text=_("Share of the old unit taken over, from 0 to 1 (e.g. 0.6)."),
    )
    basis = forms.ChoiceField(label=_("figure given"), required=False)
    part_figure = forms.DecimalField(
        label=_("figure of the part taken over"), required=False, min_value=0, decimal_places=2
    )
    whole_figure = forms.DecimalField(
        label=_("figure of the whole old unit"), required=False, min_value=0, decimal_places=2
    )

    def __init__(self, *args, user, unit, **kwargs):
        super().__init__(*args, **kwargs)
        from danvan.orgs.models import UnitLineage

        self.fields["share"].choices = UnitLineage.Share.choices
        self.fields["basis"].choices = [("", "—"), *UnitLineage.Basis.choices]
        self.fields["predecessor"].queryset = administered_units(user).exclude(pk=unit.pk)

    def clean(self):
        data = super().clean()
        part, whole = data.get("part_figure"), data.get("whole_figure")
        if data.get("basis"):
            if part is None or not whole:
                self.add_error("whole_figure", _("Give both figures: the part and the whole."))
            elif part > whole:
                self.add_error("part_figure", _("The part cannot be more than the whole."))
        elif part is not None or whole is not None:
            self.add_error("basis", _("Say what the figures are: population or area."))
        return data


class IssuingBodyForm(Bootstrap, forms.ModelForm):
    class Meta:
        model = IssuingBody
        fields = [
            "superior_name",
            "name",
            "symbol",
            "place_name",
            "signing_authority",
            "deputy_for",
            "signer_title",
            "signer_name",
            "recipients",
            "valid_from",
            "valid_to",
            "is_default",
        ]
        widgets = {
            "valid_from": DATE,
            "valid_to": DATE,
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }


class PersonForm(Bootstrap, forms.Form):
    """A new user with a first role on this unit or one of its units."""

    username = forms.CharField(label=_("user name"), max_length=150)
    last_name = forms.CharField(label=_("family and middle name"), max_length=150)
    first_name = forms.CharField(label=_("given name"), max_length=150)
    email = forms.EmailField(label=_("email"), required=False)
    password = forms.CharField(
        label=_("temporary password"),
        widget=forms.PasswordInput(render_value=True),
        help_text=_("Give it to the person; they must choose their own at the next sign-in."),
    )
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    def __init__(self, *args, user, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.subtree(unit)
        self.fields["unit"].initial = unit.pk

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("password"):
            try:
                validate_password(data["password"])
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class TemporaryPasswordForm(Bootstrap, forms.Form):
    password = forms.CharField(
        label=_("temporary password"),
        widget=forms.PasswordInput(render_value=True),
        help_text=_("Give it to the person; they must choose their own at the next sign-in."),
    )


class GrantForm(Bootstrap, forms.Form):
    """A role for an existing user, on a unit of the administrator's subtree."""

    username = forms.CharField(label=_("user name"), max_length=150)
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    def __init__(self, *args, user, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = Unit.objects.subtree(unit)
        self.fields["unit"].initial = unit.pk

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        person = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No active user has this user name."))
        return person

    def clean(self):
        data = super().clean()
        unit = data.get("unit")
        if unit is not None and not has_role(self.user, unit, {Role.ADMIN}):
            self.add_error("unit", _("You do not administer this unit."))
        return data
