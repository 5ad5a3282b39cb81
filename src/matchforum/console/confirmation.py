"""The console's confirmation step for irreversible actions (see core/confirmation.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from matchforum.core.confirmation import FIELD, confirmation_matches, confirmation_token


def confirmed(request: HttpRequest, *, action: str, subject: Iterable[object]) -> bool:
    """Whether this POST carries the token of the confirmation page of exactly this action."""
    return confirmation_matches(
        request.POST.get(FIELD), user_id=request.user.pk, action=action, subject=subject
    )


def confirmation_page(
    request: HttpRequest,
    *,
    action: str,
    subject: Iterable[object],
    title: str,
    consequences: Sequence[str],
    confirm_label: str,
    back_url: str,
    fields: Sequence[tuple[str, object]] = (),
) -> HttpResponse:
    """The page that says what will happen and asks again, posting back to the same URL."""
    token = confirmation_token(user_id=request.user.pk, action=action, subject=subject)
    return render(
        request,
        "console/confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "confirm_label": confirm_label,
            "back_url": back_url,
            "action_url": request.get_full_path(),
            "fields": fields,
            "token": token,
        },
    )
