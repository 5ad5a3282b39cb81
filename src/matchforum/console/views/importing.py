"""Import of a registration list: upload, preview (a dry run), confirm; the template."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from matchforum.core.shortcuts import forum_or_404
from matchforum.forums.models import Forum
from matchforum.organisations.models import RegistrationImport, RegistrationImportState
from matchforum.organisations.registration_import import (
    RegistrationFileError,
    data_row_count,
    parse_registrations,
    read_table,
    report_from_json,
    template_csv,
    template_xlsx,
)
from matchforum.organisations.services import registration_import_start, registrations_import

from ..access import organiser_required
from ..forms import RegistrationImportForm

# Lists longer than this are checked and imported in the worker, with progress.
INLINE_MAX_ROWS = 500
SESSION_KEY = "registration_import"


@organiser_required
@require_http_methods(["GET", "POST"])
def registration_import(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
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
        approve = form.cleaned_data["approve"]
        try:
            table = read_table(content=upload.read(), filename=upload.name)
            if data_row_count(table) > INLINE_MAX_ROWS:
                job = registration_import_start(
                    forum=forum,
                    actor=request.user,
                    table=table,
                    filename=upload.name,
                    dry_run=True,
                    approve=approve,
                )
                return redirect("console:registration_import_job", pk=job.pk)
            parsed = parse_registrations(table)
        except RegistrationFileError as error:
            form.add_error("file", str(error))
        else:
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


@organiser_required
def registration_import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A background check or import: its progress (polled by htmx), then its report."""
    forum = forum_or_404(request)
    job = get_object_or_404(RegistrationImport, pk=pk, forum=forum)
    running = job.state in (RegistrationImportState.QUEUED, RegistrationImportState.RUNNING)
    if request.GET.get("live"):
        response = render(request, "console/_import_progress.html", {"job": job})
        if not running:
            response["HX-Refresh"] = "true"
        return response
    context: dict[str, object] = {"forum": forum, "job": job, "filename": job.filename}
    if job.report is not None:
        context.update(
            report=report_from_json(job.report),
            approve=job.approve,
            confirm_url=reverse("console:registration_import_confirm", args=[job.pk])
            if job.dry_run
            else "",
        )
    return render(request, "console/registration_import_job.html", context)


@organiser_required
@require_POST
def registration_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Import, in the worker, exactly the table a finished background check read."""
    forum = forum_or_404(request)
    checked = get_object_or_404(
        RegistrationImport,
        pk=pk,
        forum=forum,
        dry_run=True,
        state=RegistrationImportState.DONE,
    )
    job = registration_import_start(
        forum=forum,
        actor=request.user,
        table=checked.table,
        filename=checked.filename,
        dry_run=False,
        approve=checked.approve,
    )
    return redirect("console:registration_import_job", pk=job.pk)
