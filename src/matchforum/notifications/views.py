from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matchforum.core.access import delegate_required

from .models import Delivery
from .services import notification_delivery_of, notification_preference_set


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=gettext_lazy("How should we e-mail you?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
    )


@delegate_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(
        request.POST or None,
        initial={"delivery": notification_delivery_of(user=request.user)},
    )
    if request.method == "POST" and form.is_valid():
        notification_preference_set(user=request.user, delivery=form.cleaned_data["delivery"])
        messages.success(request, _("Your e-mail preference is saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
