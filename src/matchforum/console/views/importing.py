"""Import of a registration list: upload, preview (a dry run), confirm; the template."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from matchforum.forums.models import Forum
from matchforum.organisations.registration_import import (
    RegistrationFileError,
    parse_registrations,
    read_table,
    template_csv,
    template_xlsx,
)
from matchforum.organisations.services import registrations_import

from ..access import console_forum, organiser_required
from ..forms import RegistrationImportForm

# Larger lists take longer than a request should; they go through the command line.
CONSOLE_MAX_ROWS = 1000
SESSION_KEY = "registration_import"


@organiser_required
@require_http_methods(["GET", "POST"])
def registration_import(request: HttpRequest) -> HttpResponse:
    forum = console_forum()
    if request.method == "POST" and request.POST.get("action") == "confirm":
        return _confirm(request, forum)
    if request.method == "POST" and request.POST.get("action") == "discard":
        request.session.pop(SESSION_KEY, None)
    form = RegistrationImportForm(
        request.POST if request.POST.get("action") == "preview" else None,
        request.FILES or None,
    )
    context: dict[str, object] = {"forum": forum, "form": form}
    if request.POST.get("action") == "preview" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(content=upload.read(), filename=upload.name)
            if len(table) - 1 > CONSOLE_MAX_ROWS:
                raise RegistrationFileError(
                    _(
                        "The file has more than %(limit)d rows; import it with "
                        "manage.py import_registrations."
                    )
                    % {"limit": CONSOLE_MAX_ROWS}
                )
            parsed = parse_registrations(table)
        except RegistrationFileError as error:
            form.add_error("file", str(error))
        else:
            approve = form.cleaned_data["approve"]
            report = registrations_import(
                forum=forum, registrations=parsed, dry_run=True, approve=approve, actor=request.user
            )
            request.session[SESSION_KEY] = {
                "forum": forum.pk,
                "filename": upload.name,
                "table": table,
                "approve": approve,
            }
            context.update(report=report, filename=upload.name, approve=approve)
    return render(request, "console/registration_import.html", context)


def _confirm(request: HttpRequest, forum: Forum) -> HttpResponse:
    pending = request.session.pop(SESSION_KEY, None)
    form = RegistrationImportForm()
    if not pending or pending.get("forum") != forum.pk:
        messages.error(request, _("Nothing to import: upload the file again."))
        return render(request, "console/registration_import.html", {"forum": forum, "form": form})
    report = registrations_import(
        forum=forum,
        registrations=parse_registrations(pending["table"]),
        dry_run=False,
        approve=pending["approve"],
        actor=request.user,
    )
    context = {
        "forum": forum,
        "form": form,
        "report": report,
        "filename": pending["filename"],
        "approve": pending["approve"],
    }
    return render(request, "console/registration_import.html", context)


@organiser_required
def registration_template(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registrations-template.{fmt}"'
    return response
