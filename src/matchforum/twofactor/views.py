from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from matchforum.core.shortcuts import next_path

from .services import (
    may_enrol,
    qr_svg,
    totp_confirm,
    totp_confirmed_device,
    totp_disable,
    totp_pending_device,
)


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    if not may_enrol(request.user):
        raise PermissionDenied
    confirmed = totp_confirmed_device(user=request.user)
    if request.method == "POST" and request.POST.get("action") == "disable" and confirmed:
        totp_disable(user=request.user)
        return redirect("twofactor:enrol")
    device = totp_pending_device(user=request.user)
    error = ""
    if request.method == "POST" and request.POST.get("action") == "confirm":
        if totp_confirm(device=device, token=request.POST.get("token", "")):
            otp_login(request, device)
            return redirect("twofactor:enrol")
        error = _("That code is not right. Check the time on your phone and try again.")
    uri = device.config_url
    return render(
        request,
        "twofactor/enrol.html",
        {
            "confirmed": confirmed,
            "otpauth_uri": uri,
            # qrcode's own SVG output: markup generated from the URI, no user text in it.
            "qr": mark_safe(qr_svg(uri)),  # noqa: S308  # nosec B308 B703
            "error": error,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    device = totp_confirmed_device(user=request.user)
    next_url = next_path(request, "/")
    if device is None or request.user.is_verified():
        return redirect(next_url)
    error = ""
    if request.method == "POST":
        if device.verify_token(request.POST.get("token", "").strip().replace(" ", "")):
            otp_login(request, device)
            return redirect(next_url)
        error = _("That code is not right.")
    return render(request, "twofactor/verify.html", {"error": error, "next": next_url})
