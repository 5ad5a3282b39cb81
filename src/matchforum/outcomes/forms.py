from django import forms
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import text_limit

from .models import FollowUpSurvey, MeetingOutcome, OutcomeKind


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What came of the meeting"), choices=OutcomeKind.choices)
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=text_limit(MeetingOutcome, "note"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SurveyForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What came of the meeting since"), choices=OutcomeKind.choices
    )
    note = forms.CharField(
        label=_("Anything to add"),
        required=False,
        max_length=text_limit(FollowUpSurvey, "note"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
