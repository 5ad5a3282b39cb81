from __future__ import annotations

from zoneinfo import available_timezones

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matchforum.accounts.services import user_set_time_zone
from matchforum.core.access import delegate_required
from matchforum.core.forms import form_add_service_error

from .models import Delivery
from .services import notification_delivery_of, notification_preference_set


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=gettext_lazy("How should we e-mail you?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
    )
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Your own time zone"),
        required=False,
        help_text=gettext_lazy("Times are shown in the forum's time zone and also in yours."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
        self.fields["time_zone"].choices = [("", gettext_lazy("Same as the forum"))] + [
            (zone, zone.replace("_", " ")) for zone in zones
        ]


@delegate_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(
        request.POST or None,
        initial={
            "delivery": notification_delivery_of(user=request.user),
            "time_zone": request.user.time_zone,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_set_time_zone(user=request.user, time_zone=form.cleaned_data["time_zone"])
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            notification_preference_set(user=request.user, delivery=form.cleaned_data["delivery"])
            messages.success(request, _("Your settings are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
