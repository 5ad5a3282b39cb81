#!/usr/bin/env python3
"""Check, on a seeded database, that the recommendations and agenda lists the API writes
with plain functions (api/representations.py) are byte for byte the serializers' JSON.

Reads only (no token is issued: the requests are authenticated in-process):

    DATABASE_URL=postgres://… python bench/load/compare_representations.py [--delegates 100]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchforum.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "compare-representations-only-not-a-secret")
os.environ.setdefault("LOG_LEVEL", "ERROR")


def main() -> int:
    import django

    django.setup()
    from django.utils import translation
    from rest_framework import mixins
    from rest_framework.test import APIRequestFactory, force_authenticate

    from matchforum.api.views import AgendaViewSet, RecommendationViewSet
    from matchforum.forums.selectors import forum_current
    from matchforum.meetings.models import Meeting
    from matchforum.organisations.models import Delegate
    from matchforum.recommendations.models import Recommendation

    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=100)
    args = parser.parse_args()

    class RecommendationsBySerializer(RecommendationViewSet):
        def list(self, request, *a, **kw):
            return mixins.ListModelMixin.list(self, request, *a, **kw)

    class AgendaBySerializer(AgendaViewSet):
        def list(self, request, *a, **kw):
            return mixins.ListModelMixin.list(self, request, *a, **kw)

    def render(viewset, user, query: str, language: str) -> tuple[int, bytes]:
        request = APIRequestFactory().get(f"/api/v1/x/{query}", HTTP_ACCEPT_LANGUAGE=language)
        force_authenticate(request, user=user)
        with translation.override(language):
            response = viewset.as_view({"get": "list"})(request)
            response.render()
        return response.status_code, response.content

    forum = forum_current()
    with_lists = set(
        Recommendation.objects.filter(forum=forum).values_list("organisation_id", flat=True)
    )
    with_meetings = set(
        Meeting.objects.filter(forum=forum, status__in=["scheduled", "held"]).values_list(
            "delegate_a_id", flat=True
        )
    )
    # Delegates with a list, and delegates with an agenda (half each).
    seated = Delegate.objects.filter(organisation__forum=forum).select_related("user")
    half = max(args.delegates // 2, 1)
    delegates = list(seated.filter(organisation_id__in=with_lists).order_by("pk")[:half]) + list(
        seated.filter(pk__in=with_meetings).order_by("pk")[:half]
    )
    compared = differing = non_empty = 0
    pairs = [
        (RecommendationViewSet, RecommendationsBySerializer, ["", "?page_size=200"]),
        (AgendaViewSet, AgendaBySerializer, [""]),
    ]
    for delegate in delegates:
        for language in ["en", "uk", "lt", "lv", "et", "pl"]:
            for ours, theirs, queries in pairs:
                for query in queries:
                    got = render(ours, delegate.user, query, language)
                    expected = render(theirs, delegate.user, query, language)
                    compared += 1
                    non_empty += b'"results":[]' not in expected[1]
                    if got != expected:
                        differing += 1
                        print(f"differs: delegate {delegate.pk} {language} {ours.__name__}{query}")
    print(
        f"{len(delegates)} delegates, {compared} answers compared ({non_empty} not empty), "
        f"{differing} differ"
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
