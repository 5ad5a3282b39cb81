from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import text_limit

from .models import MeetingRequest, SessionWish


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Short message"),
        required=False,
        max_length=text_limit(MeetingRequest, "message"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    session_wish = forms.ChoiceField(
        label=_("When would suit you?"), choices=SessionWish.choices, initial=SessionWish.ANY
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, shown to the sender)"),
        required=False,
        max_length=text_limit(MeetingRequest, "decline_reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
