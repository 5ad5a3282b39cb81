from __future__ import annotations

from zoneinfo import available_timezones

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from matchforum.accounts.services import user_set_time_zone
from matchforum.core.access import delegate_required
from matchforum.core.forms import form_add_service_error
from matchforum.core.shortcuts import next_path

from .models import REMINDER_CHOICES, Delivery
from .selectors import notifications_of, reminder_minutes_of
from .services import (
    notification_delivery_of,
    notification_mark_read,
    notification_preference_set,
    notifications_mark_all_read,
)

PAGE_SIZE = 20


@login_required
def centre(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_of(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/centre.html", {"page": page})


def _local(request: HttpRequest, target: str) -> bool:
    return target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    return redirect(next_path(request, reverse(fallback)))


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's own notifications read (another person's is not found)."""
    notification = get_object_or_404(notifications_of(user=request.user), pk=pk)
    notification_mark_read(notification=notification)
    if request.POST.get("open") and _local(request, notification.link):
        return redirect(notification.link)
    return _back(request, "notifications:centre")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked read."))
    return _back(request, "notifications:centre")


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=gettext_lazy("How should we e-mail you?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
    )
    reminder_minutes = forms.TypedChoiceField(
        label=gettext_lazy("Remind me before each meeting"),
        choices=REMINDER_CHOICES,
        coerce=int,
        help_text=gettext_lazy(
            "In your notifications, by e-mail as chosen above, and as an alarm in your "
            "calendar subscription."
        ),
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
            "reminder_minutes": reminder_minutes_of(user=request.user),
            "time_zone": request.user.time_zone,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user_set_time_zone(user=request.user, time_zone=form.cleaned_data["time_zone"])
                notification_preference_set(
                    user=request.user,
                    delivery=form.cleaned_data["delivery"],
                    reminder_minutes=form.cleaned_data["reminder_minutes"],
                )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Your settings are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
