"""Who looked at my organisation (organisers: the audit log)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from matchforum.core.shortcuts import request_forum
from matchforum.core.tenancy import scoped

from .models import AuditEntry

PAGE_SIZE = 200


@login_required
def entries(request: HttpRequest) -> HttpResponse:
    rows = (
        scoped(AuditEntry, user=request.user, forum=request_forum(request))
        .select_related("actor_organisation", "organisation", "actor")
        .order_by("-created_at", "-pk")[:PAGE_SIZE]
    )
    return render(
        request,
        "audit/entries.html",
        {"entries": rows, "full_log": request.user.can_organise, "limit": PAGE_SIZE},
    )
