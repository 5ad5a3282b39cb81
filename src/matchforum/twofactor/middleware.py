"""After signing in with a password, people with a second factor must give a code first."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .services import totp_confirmed_device

OPEN_PREFIXES = ("/static/", "/api/")  # the API has its own rule (token issue asks a code)


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and request.path not in self._open_paths()
            and totp_confirmed_device(user=user) is not None
        ):
            return redirect(f"{reverse('twofactor:verify')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def _open_paths() -> set[str]:
        return {reverse("twofactor:verify"), reverse("accounts:logout")}
