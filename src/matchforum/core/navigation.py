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


def _delegate_only(request: HttpRequest) -> bool:
    return request.user.is_authenticated and not request.user.can_vet


ENTRIES: list[NavEntry] = [
    NavEntry(_("Home"), "core:home", _signed_in),
    NavEntry(_("Outcomes"), "outcomes:list", _delegate_only),
    NavEntry(_("Vetting"), "console:vetting", _vetting),
    NavEntry(_("Console"), "console:home", _organiser),
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
