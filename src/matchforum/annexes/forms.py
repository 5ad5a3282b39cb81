"""Forms of the annexes pages; the services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import text_limit

from .models import Annex, NdaAcceptance, OrganisationNda


class AnnexForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=text_limit(Annex, "title"))
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, PNG, JPEG, DOCX or XLSX. Or write a text below instead."),
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=text_limit(Annex, "text"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class OrganisationNdaForm(forms.Form):
    text = forms.CharField(
        label=_("Your organisation's NDA"),
        required=False,
        max_length=text_limit(OrganisationNda, "text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Leave empty to use the forum's template. A changed text needs a new acceptance."
        ),
    )


class NdaAcceptForm(forms.Form):
    signer_name = forms.CharField(
        label=_("Your full name"), max_length=text_limit(NdaAcceptance, "signer_name")
    )
    signer_organisation = forms.CharField(
        label=_("On behalf of (organisation)"),
        max_length=text_limit(NdaAcceptance, "signer_organisation"),
    )
    agree = forms.BooleanField(
        label=_("I have read the NDA above and accept it on behalf of this organisation.")
    )
    text_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
