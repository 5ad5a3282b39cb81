from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import text_limit

from .models import TrainingProgramme, TrainingRequest


class ProgrammeForm(forms.Form):
    profile = forms.ModelChoiceField(label=_("Training offer"), queryset=None)
    starts_on = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    location = forms.CharField(
        label=_("Location"), max_length=text_limit(TrainingProgramme, "location")
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10000)
    language = forms.ChoiceField(label=_("Language of instruction"), choices=settings.LANGUAGES)
    eligibility = forms.CharField(
        label=_("Who may take part"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=text_limit(TrainingProgramme, "eligibility"),
    )

    def __init__(self, *args: object, profiles=None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = profiles


class JoinRequestForm(forms.Form):
    participants = forms.IntegerField(label=_("People"), min_value=1, max_value=1000, initial=1)
    message = forms.CharField(
        label=_("Message to the provider"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=text_limit(TrainingRequest, "message"),
    )
