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
    # One of the recipient's offers or needs; the service checks the forum's rules.
    about = forms.IntegerField(label=_("About"), required=False, min_value=1, max_value=2**62)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, shown to the sender)"),
        required=False,
        max_length=text_limit(MeetingRequest, "decline_reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CancelForm(forms.Form):
    # No max_length here: the service refuses a reason over its limit with the count.
    reason = forms.CharField(
        label=_("Reason (both sides are told it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoveForm(forms.Form):
    """A free slot for the meeting (the choices come from `meeting_move_places`)."""

    slot = forms.TypedChoiceField(label=_("Propose a new time"), coerce=int)

    def __init__(self, *args: object, places: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = places


class AnySlotChoiceField(forms.TypedChoiceField):
    """Offers the free slots, takes any slot id: a time taken since the page was shown is
    refused by the service with the reason, not as "not one of the choices"."""

    def valid_value(self, value: object) -> bool:
        return str(value).isdigit()


class BookForm(MoveForm):
    """Accept a request and book one of its free slots (from `meeting_request_places`)."""

    slot = AnySlotChoiceField(label=_("Pick a time"), coerce=int, widget=forms.RadioSelect)
