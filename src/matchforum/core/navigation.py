"""The main navigation: each entry says who sees it; apps add entries here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    visible: Callable[[HttpRequest], bool]


def _signed_in(request: HttpRequest) -> bool:
    return request.user.is_authenticated


def _organiser(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.can_organise


def _vetting(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.can_vet


def _delegate(request: HttpRequest) -> bool:
    """Signed in and a delegate of an organisation at the current forum."""
    from matchforum.core.shortcuts import request_forum
    from matchforum.organisations.selectors import delegate_for_user

    if not request.user.is_authenticated:
        return False
    if not hasattr(request, "_nav_delegate"):
        forum = request_forum(request)
        request._nav_delegate = forum and delegate_for_user(user=request.user, forum=forum)
    return bool(request._nav_delegate)


def _approved_delegate(request: HttpRequest) -> bool:
    return _delegate(request) and request._nav_delegate.organisation.is_approved


ENTRIES: list[NavEntry] = [
    NavEntry(_("Home"), "core:home", _signed_in),
    NavEntry(_("Marketplace"), "marketplace:search", _approved_delegate),
    NavEntry(_("You may want to meet"), "recommendations:list", _approved_delegate),
    NavEntry(_("Requests"), "meetings:inbox", _approved_delegate),
    NavEntry(_("My agenda"), "agenda:agenda", _delegate),
    NavEntry(_("My organisation"), "organisations:status", _delegate),
    NavEntry(_("Outcomes"), "outcomes:list", _delegate),
    NavEntry(_("Coalitions"), "community:tracks", _signed_in),
    NavEntry(_("Training"), "training:programmes", _signed_in),
    NavEntry(_("News"), "news:articles", _signed_in),
    NavEntry(_("Vetting"), "console:vetting", _vetting),
    NavEntry(_("Console"), "console:home", _organiser),
    NavEntry(_("Moderation"), "community:reports", _organiser),
]


def nav_items(request: HttpRequest) -> list[dict[str, object]]:
    items = []
    for entry in ENTRIES:
        if not entry.visible(request):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "url": url, "active": request.path == url})
    return items
