from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from matchforum.core.text_limits import text_limit
from matchforum.forums.models import CapabilityTrack
from matchforum.organisations.models import Delegate, Organisation, OrganisationKind
from matchforum.organisations.names import name_clean
from matchforum.organisations.selectors import name_clash_message, organisation_name_clash

from .models import User


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def _user_for_validation(self) -> User:
        return User(
            email=self.cleaned_data.get("email", ""),
            full_name=self.cleaned_data.get("full_name", ""),
        )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first, self._user_for_validation())
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignUpForm(PasswordPairMixin):
    organisation_name = forms.CharField(
        label=_("Organisation name"), max_length=text_limit(Organisation, "name")
    )
    country = LazyTypedChoiceField(label=_("Country"), choices=countries)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=text_limit(Organisation, "website"),
    )
    description = forms.CharField(
        label=_("What your organisation does"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=text_limit(Organisation, "description"),
    )
    tracks = forms.ModelMultipleChoiceField(
        label=_("Capability tracks"),
        queryset=CapabilityTrack.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    full_name = forms.CharField(label=_("Your full name"), max_length=text_limit(User, "full_name"))
    role = forms.CharField(
        label=_("Your role"), max_length=text_limit(Delegate, "role"), required=False
    )
    email = forms.EmailField(label=_("Your e-mail address"))
    field_order = [
        "organisation_name",
        "country",
        "kind",
        "website",
        "description",
        "tracks",
        "full_name",
        "role",
        "email",
        "password1",
        "password2",
    ]

    def __init__(self, *args, forum=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum

    def clean_email(self) -> str:
        # Whether the address has an account is never said here (the view tells the owner
        # by e-mail instead), or the form would tell anyone who has an account.
        return self.cleaned_data["email"].strip().lower()

    def clean_organisation_name(self) -> str:
        name = name_clean(self.cleaned_data["organisation_name"])
        clash = self.forum and organisation_name_clash(forum=self.forum, name=name)
        if clash:
            raise forms.ValidationError(name_clash_message(existing=clash.name, name=name))
        return name


class InvitationAcceptForm(PasswordPairMixin):
    full_name = forms.CharField(label=_("Your full name"), max_length=text_limit(User, "full_name"))
    role = forms.CharField(
        label=_("Your role"), max_length=text_limit(Delegate, "role"), required=False
    )
    field_order = ["full_name", "role", "password1", "password2"]

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def _user_for_validation(self) -> User:
        return User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"))


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
