from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.forms import form_add_service_error
from matchforum.core.permissions import require_organiser
from matchforum.core.shortcuts import forum_or_404, found_or_404
from matchforum.forums.committee import can_lead_coalition
from matchforum.forums.selectors import tracks_all

from . import selectors, services
from .forms import CoalitionPageForm, ReplyForm, ReportForm, ThreadForm
from .models import PostReport, ReportStatus


@login_required
def track_list(request: HttpRequest) -> HttpResponse:
    return render(request, "community/track_list.html", {"tracks": tracks_all()})


@login_required
def track_detail(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_or_404(request)
    track = found_or_404(selectors.track_get(slug=slug))
    is_member = selectors.coalition_is_member(user=request.user, forum=forum, track=track)
    context = {
        "track": track,
        "is_member": is_member,
        "may_lead": can_lead_coalition(request.user, forum, track),
        "threads": selectors.coalition_threads(forum=forum, track=track) if is_member else [],
        **selectors.coalition_overview(user=request.user, forum=forum, track=track),
    }
    return render(request, "community/track_detail.html", context)


@login_required
def coalition_curate(request: HttpRequest, slug: str) -> HttpResponse:
    """The lead team's page editor: a pinned note and featured needs and offers."""
    forum = forum_or_404(request)
    track = found_or_404(selectors.track_get(slug=slug))
    if not can_lead_coalition(request.user, forum, track):
        raise PermissionDenied(_("Only the coalition's lead country team does this."))
    page = selectors.coalition_page(forum=forum, track=track)
    form = CoalitionPageForm(
        request.POST or None,
        profiles=selectors.coalition_curatable_profiles(
            user=request.user, forum=forum, track=track
        ),
        initial={
            "pinned_note": page.pinned_note if page else "",
            "featured": list(page.featured.values_list("pk", flat=True)) if page else [],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.coalition_page_curate(
                user=request.user,
                forum=forum,
                track=track,
                pinned_note=form.cleaned_data["pinned_note"],
                featured=list(form.cleaned_data["featured"]),
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The coalition page is updated."))
            return redirect("community:track", slug=track.slug)
    return render(request, "community/coalition_curate.html", {"track": track, "form": form})


@login_required
def coalition_figures(request: HttpRequest, slug: str) -> HttpResponse:
    """The coalition's meeting figures, for its lead team (the service refuses others)."""
    forum = forum_or_404(request)
    track = found_or_404(selectors.track_get(slug=slug))
    figures = services.coalition_figures_open(user=request.user, forum=forum, track=track)
    return render(request, "community/coalition_figures.html", {"track": track, "figures": figures})


@login_required
def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_or_404(request)
    track = found_or_404(selectors.track_get(slug=slug))
    if not selectors.coalition_is_member(user=request.user, forum=forum, track=track):
        raise Http404
    form = ThreadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_start(
                user=request.user,
                forum=forum,
                track=track,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                files=form.cleaned_data["attachments"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The thread is open."))
            return redirect("community:thread", pk=thread.pk)
    return render(request, "community/thread_new.html", {"track": track, "form": form})


@login_required
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    thread = found_or_404(selectors.thread_get_for_member(user=request.user, forum=forum, pk=pk))
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.thread_reply(
                user=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                files=form.cleaned_data["attachments"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect("community:thread", pk=thread.pk)
    context = {
        "thread": thread,
        "posts": selectors.thread_posts(thread=thread),
        "form": form,
        "may_moderate": can_lead_coalition(request.user, forum, thread.track),
    }
    return render(request, "community/thread_detail.html", context)


@login_required
@require_POST
def thread_lock(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    thread = found_or_404(selectors.thread_get_for_member(user=request.user, forum=forum, pk=pk))
    locked = request.POST.get("locked") == "1"
    services.thread_set_locked(moderator=request.user, thread=thread, locked=locked)
    messages.success(request, _("The thread is locked.") if locked else _("The thread is open."))
    return redirect("community:thread", pk=thread.pk)


@login_required
@require_POST
def post_hide(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    post = found_or_404(selectors.post_get_for_member(user=request.user, forum=forum, pk=pk))
    hidden = request.POST.get("hidden") == "1"
    services.post_set_hidden(moderator=request.user, post=post, hidden=hidden)
    messages.success(request, _("The post is hidden.") if hidden else _("The post is shown again."))
    return redirect("community:thread", pk=post.thread_id)


@login_required
def post_report(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    post = found_or_404(selectors.post_get_for_member(user=request.user, forum=forum, pk=pk))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_report(user=request.user, post=post, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. The organisers will look at this post."))
            return redirect("community:thread", pk=post.thread_id)
    return render(request, "community/post_report.html", {"post": post, "form": form})


@login_required
def report_queue(request: HttpRequest) -> HttpResponse:
    require_organiser(request.user)
    forum = forum_or_404(request)
    return render(
        request, "community/report_queue.html", {"reports": selectors.reports_open(forum=forum)}
    )


@login_required
@require_POST
def report_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    require_organiser(request.user)
    forum = forum_or_404(request)
    report = found_or_404(
        PostReport.objects.filter(
            pk=pk, post__thread__forum=forum, status=ReportStatus.OPEN
        ).first()
    )
    hide = request.POST.get("action") == "hide"
    services.report_resolve(moderator=request.user, report=report, hide_post=hide)
    messages.success(request, _("The report is closed."))
    return redirect("community:reports")


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    forum = forum_or_404(request)
    attachment = found_or_404(
        selectors.attachment_get_for_member(user=request.user, forum=forum, pk=pk)
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
