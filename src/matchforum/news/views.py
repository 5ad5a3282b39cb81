from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchforum.core.forms import form_add_service_error
from matchforum.core.permissions import require_organiser
from matchforum.core.shortcuts import forum_or_404, found_or_404

from . import selectors, services
from .forms import ArticleForm, CommentForm
from .models import Comment, CommentStatus


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    forum = forum_or_404(request)
    articles = selectors.articles_visible_to(user=request.user, forum=forum)
    return render(request, "news/article_list.html", {"articles": articles})


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum = forum_or_404(request)
    article = found_or_404(selectors.article_get_visible(user=request.user, forum=forum, pk=pk))
    can_comment = (
        article.is_published
        and selectors.commenter_delegate(user=request.user, forum=forum) is not None
    )
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if not can_comment:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.comment_post(
                    user=request.user, article=article, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(
                    request, _("Thank you. Your comment appears once an organiser approves it.")
                )
                return redirect("news:article", pk=article.pk)
    context = {
        "article": article,
        "comments": selectors.article_comments_visible(user=request.user, article=article),
        "related": selectors.articles_related(article=article),
        "form": form,
        "can_comment": can_comment,
    }
    return render(request, "news/article_detail.html", context)


def _article_form_view(request: HttpRequest, pk: int | None) -> HttpResponse:
    require_organiser(request.user)
    forum = forum_or_404(request)
    article = None
    initial = {"language": request.LANGUAGE_CODE}
    if pk is not None:
        article = found_or_404(selectors.article_get_visible(user=request.user, forum=forum, pk=pk))
        initial = {
            "title": article.title,
            "body": article.body,
            "language": article.language,
            "tracks": list(article.tracks.all()),
            "is_published": article.is_published,
        }
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_save(
                author=request.user, forum=forum, article=article, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The article is saved."))
            return redirect("news:article", pk=article.pk)
    return render(request, "news/article_form.html", {"form": form, "article": article})


@login_required
def article_create(request: HttpRequest) -> HttpResponse:
    return _article_form_view(request, None)


@login_required
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _article_form_view(request, pk)


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    require_organiser(request.user)
    forum = forum_or_404(request)
    comments = selectors.comments_awaiting_moderation(forum=forum)
    return render(request, "news/moderation_queue.html", {"comments": comments})


@login_required
@require_POST
def comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    require_organiser(request.user)
    forum = forum_or_404(request)
    comment = found_or_404(Comment.objects.filter(pk=pk, article__forum=forum).first())
    status = (
        CommentStatus.APPROVED
        if request.POST.get("decision") == "approve"
        else CommentStatus.HIDDEN
    )
    services.comment_moderate(moderator=request.user, comment=comment, status=status)
    messages.success(
        request,
        _("The comment is approved.")
        if status == CommentStatus.APPROVED
        else _("The comment is hidden."),
    )
    if request.POST.get("back") == "article":
        return redirect("news:article", pk=comment.article_id)
    return redirect("news:moderation")
