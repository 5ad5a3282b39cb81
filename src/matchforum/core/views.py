from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from matchforum.core.directory_cache import directory_generation
from matchforum.core.language import language_is_supported, user_set_preferred_language
from matchforum.core.selectors import delegate_home, forum_public_stats_cached
from matchforum.forums.selectors import tracks_all
from matchforum.meetings.forms import DeclineForm
from matchforum.organisations.selectors import delegate_for_user

from .shortcuts import request_forum


def home(request: HttpRequest) -> HttpResponse:
    """The forum's public page; a signed-in delegate sees their own home above it."""
    forum = request_forum(request)
    stats = forum_public_stats_cached(forum=forum) if forum else {}
    context = {"stats": stats, "tracks": tracks_all(), "mine": None}
    # The tracks grid is the same for every visitor in a language: rendered once and kept
    # under the directory's generation, which any change to a track renews (at once in
    # this process, within DIRECTORY_CACHE_SECONDS in the others, as the directory's).
    context["tracks_cache"] = {
        "seconds": max(settings.DIRECTORY_CACHE_SECONDS, 0),
        "generation": directory_generation(),
    }
    delegate = delegate_for_user(user=request.user, forum=forum) if forum else None
    if delegate is not None:
        context["mine"] = (
            delegate_home(delegate=delegate) if delegate.organisation.is_approved else None
        )
        context["delegate"] = delegate
        context["decline_form"] = DeclineForm()
    return render(request, "core/home.html", context)


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie and redirect), and the choice saved on a signed-in user."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language_is_supported(language):
        user_set_preferred_language(user=request.user, language=language)
    return response
