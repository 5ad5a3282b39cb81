"""View decorators that find the signed-in delegate and enforce who may see a page.

Anonymous visitors are sent to sign in; a signed-in person without a delegate seat at
the current forum gets 403; pages that need an approved organisation show a notice to
delegates whose organisation is still being vetted (they see only their own data).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from matchforum.organisations.selectors import delegate_for_user

from .shortcuts import forum_or_404

View = Callable[..., HttpResponse]


def delegate_required(view: View | None = None, *, approved: bool = False):
    """Set `request.forum` and `request.delegate`, or refuse.

    With `approved=True` a delegate of a not (yet) approved organisation gets the
    awaiting-approval notice instead of the page.
    """

    def decorate(func: View) -> View:
        @login_required
        @wraps(func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            forum = forum_or_404(request)
            delegate = delegate_for_user(user=request.user, forum=forum)
            if delegate is None:
                raise PermissionDenied(_("You are not a delegate at this forum."))
            request.forum = forum
            request.delegate = delegate
            if approved and not delegate.organisation.is_approved:
                return render(
                    request,
                    "organisations/awaiting_approval.html",
                    {"organisation": delegate.organisation},
                )
            return func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
