"""A delegate prints their own badge; organisers print anyone's from the console."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from matchforum.core.access import delegate_required
from matchforum.core.pdf import FontMissing

from .printing import badges_pdf


@delegate_required
def own_badge_pdf(request: HttpRequest) -> HttpResponse:
    try:
        body = badges_pdf(delegates=[request.delegate])
    except FontMissing as error:
        return render(request, "agenda/pdf_unavailable.html", {"error": str(error)}, status=503)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="badge.pdf"'
    return response
