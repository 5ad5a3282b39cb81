from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from matchforum.core.selectors import forum_public_stats
from matchforum.forums.selectors import forum_current, tracks_all


def home(request: HttpRequest) -> HttpResponse:
    forum = forum_current()
    stats = forum_public_stats(forum=forum) if forum else {}
    return render(request, "core/home.html", {"stats": stats, "tracks": tracks_all()})


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
