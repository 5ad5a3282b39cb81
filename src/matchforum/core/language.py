"""The interface language: chosen in the switcher, remembered in a cookie and on the user.

Order of precedence: a signed-in user's saved choice, then the language cookie,
then the browser's Accept-Language (Django's LocaleMiddleware does the last two).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from matchforum.accounts.models import User


def language_is_supported(code: str) -> bool:
    return code in {c for c, _name in settings.LANGUAGES}


def user_language(user: User) -> str:
    """The language to write to this user in: their saved choice, else the site's default."""
    language = user.preferred_language
    return language if language_is_supported(language) else settings.LANGUAGE_CODE


def user_set_preferred_language(*, user: User, language: str) -> None:
    """Save the user's interface language (ignored when not one of the site's languages)."""
    if language_is_supported(language) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class UserLanguageMiddleware:
    """Apply a signed-in user's saved language and keep the cookie in step with it.

    Sits after AuthenticationMiddleware. On the first request after signing in the
    saved choice takes over from whatever the browser or cookie said.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = ""
        if user is not None and user.is_authenticated:
            language = user.preferred_language
            if language_is_supported(language) and language != request.LANGUAGE_CODE:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if (
            language_is_supported(language)
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
            and settings.LANGUAGE_COOKIE_NAME not in response.cookies
        ):
            set_language_cookie(response, language)
        return response


def remember_language_at_sign_in(sender: type, request: HttpRequest, user: User, **kwargs) -> None:
    """A user without a saved language keeps the one they were browsing in.

    That is the language LocaleMiddleware chose for this request. Not the thread's active
    language: that is whatever the previous request handled by the same thread left
    behind, and a sign-in outside the middleware (a test client's force_login, a
    programmatic login) would save a stranger's language on the account.
    """
    if user.preferred_language or request is None:
        return
    browsing_in = getattr(request, "LANGUAGE_CODE", "")
    if browsing_in:
        user_set_preferred_language(user=user, language=browsing_in)
