"""Shared answers for directory reads: the organisation list and the offers-and-needs search.

Most callers see the same directory (every approved, listed organisation and its published
profiles), so a page of it is the same for all of them: it is serialised once and kept in
the cache for DIRECTORY_CACHE_SECONDS under the query string, the forum, the host and the
directory's generation (core/directory_cache.py), which every change to what the page
shows renews. Only callers whose visible rows are exactly the public ones share it:

* delegates all of whose organisations in the forum are approved and listed, and, for
  profiles, have no unpublished profile (a delegate also sees their own drafts);
* and whose own published profiles are all of a classification they may see (the
  forum's rules, marketplace/visibility.py: the owner always sees its own); the key
  also holds the classifications the caller may see, so two callers share a page only
  when the rules let them see the same rows, and a rule change holds at once;
* never organisers or vetting officers (they see the whole forum), delegates of an
  organisation awaiting vetting or unlisted, or users without a seat.

Everyone else gets a freshly built answer, exactly as before, and nothing of theirs is
stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import translation
from rest_framework.request import Request
from rest_framework.response import Response

from matchforum.core.directory_cache import directory_generation
from matchforum.core.shortcuts import request_forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.marketplace.visibility import classifications_for
from matchforum.organisations.selectors import organisation_is_public

from .context import request_seats


def sees_public_directory(request: Request, *, with_drafts: bool) -> bool:
    """Whether the caller's visible rows are exactly the public directory.

    `with_drafts`: the listing would also show the caller's own unpublished profiles.
    """
    user = request.user
    if not user.is_authenticated or user.can_vet:
        return False
    seats = request_seats(request)
    if not seats or not all(
        organisation_is_public(organisation=seat.organisation) for seat in seats
    ):
        return False
    if with_drafts:
        # Its own drafts, and its own items of a classification it may not see (the owner
        # always sees its own), are not the shared rows.
        own = [seat.organisation_id for seat in seats]
        return not CooperationProfile.objects.filter(
            Q(is_active=False) | ~Q(classification__in=_classifications_seen(request)),
            organisation_id__in=own,
        ).exists()
    return True


def _classifications_seen(request: Request) -> list[str]:
    forum = request_forum(request)
    if forum is None:
        return []
    return classifications_for([seat.organisation for seat in request_seats(request)], forum)


def shared_list(
    request: Request, *, kind: str, with_drafts: bool, build: Callable[[], Response]
) -> Response:
    """The list answer from the shared cache when the caller sees the public directory;
    otherwise (or on a miss) `build()`, storing a successful public answer."""
    timeout = settings.DIRECTORY_CACHE_SECONDS
    forum = request_forum(request)
    if timeout <= 0 or forum is None or not sees_public_directory(request, with_drafts=with_drafts):
        return build()
    # Host and query string are the caller's input: hashed, so the key stays short and safe
    # for every cache backend (memcached and the database cache limit key length).
    asked = hashlib.sha256(
        f"{request.get_host()}\n{request.META.get('QUERY_STRING', '')}".encode()
    ).hexdigest()[:32]
    key = ":".join(
        [
            "matchforum:directory",
            kind,
            str(forum.pk),
            directory_generation(),
            ",".join(_classifications_seen(request)),
            translation.get_language() or "",
            asked,
        ]
    )
    data = cache.get(key)
    if data is not None:
        return Response(data)
    response = build()
    if response.status_code == 200:
        cache.set(key, response.data, timeout)
    return response


class SharedDirectoryListMixin:
    """A viewset whose `list` is a directory page, shared as :func:`shared_list` says.

    `directory_kind` names the page in the cache; `directory_with_drafts` says whether a
    caller's own unpublished rows would be listed too.
    """

    directory_kind: str
    directory_with_drafts = False

    def list(self, request: Request, *args, **kwargs) -> Response:
        return shared_list(
            request,
            kind=self.directory_kind,
            with_drafts=self.directory_with_drafts,
            build=lambda: super(SharedDirectoryListMixin, self).list(request, *args, **kwargs),
        )
