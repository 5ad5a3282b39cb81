"""Forum news: organisers publish, vetted delegates comment, comments are pre-moderated."""

from __future__ import annotations

import pytest

from matchforum.forums.models import CapabilityTrack
from matchforum.news.models import Article, Comment, CommentStatus
from matchforum.organisations.models import Accreditation
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_organiser_publishes_an_article_delegates_cannot(
    client, forum, organiser, make_delegate
):
    delegate = make_delegate()
    client.force_login(delegate.user)
    assert client.get("/news/new/").status_code == 403
    assert (
        client.post("/news/new/", {"title": "x", "body": "y", "language": "en"}).status_code == 403
    )

    client.force_login(organiser)
    form_page = client.get("/news/new/").content.decode()
    assert 'for="id_title" class="required"' in form_page
    assert 'for="id_is_published" class="required"' not in form_page
    demining = CapabilityTrack.objects.get(slug="demining")
    response = client.post(
        "/news/new/",
        {
            "title": "Demining coalition meets",
            "body": "Room 2.",
            "language": "lt",
            "tracks": [demining.pk],
            "is_published": "on",
        },
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.is_published and article.published_at is not None
    assert article.author == organiser
    assert list(article.tracks.all()) == [demining]


def test_a_missing_title_rerenders_the_form_with_the_input(client, forum, organiser):
    client.force_login(organiser)
    response = client.post("/news/new/", {"title": "", "body": "Keep this body", "language": "en"})
    assert response.status_code == 200
    assert "Keep this body" in response.content.decode()
    assert Article.objects.count() == 0


def test_drafts_are_404_for_delegates(client, forum, make_delegate):
    draft = ArticleFactory(forum=forum, is_published=False, published_at=None, title="Draft plan")
    client.force_login(make_delegate().user)
    assert client.get(f"/news/{draft.pk}/").status_code == 404
    assert "Draft plan" not in client.get("/news/").content.decode()


def test_comments_wait_for_moderation_and_never_show_an_email(
    client, forum, organiser, make_delegate
):
    article = ArticleFactory(forum=forum)
    author = make_delegate(name="Daugava Demining")
    author.user.full_name = "Jānis Ozols"
    author.user.save()
    reader = make_delegate()

    client.force_login(author.user)
    response = client.post(f"/news/{article.pk}/", {"body": "Count us in."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    own_view = client.get(f"/news/{article.pk}/").content.decode()
    assert "Count us in." in own_view  # the author sees their own pending comment

    client.force_login(reader.user)
    assert "Count us in." not in client.get(f"/news/{article.pk}/").content.decode()
    assert (
        client.post(f"/news/comments/{comment.pk}/moderate/", {"decision": "approve"}).status_code
        == 403
    )

    client.force_login(organiser)
    assert "Count us in." in client.get("/news/moderation/").content.decode()
    client.post(f"/news/comments/{comment.pk}/moderate/", {"decision": "approve"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_by == organiser

    client.force_login(reader.user)
    page = client.get(f"/news/{article.pk}/").content.decode()
    assert "Count us in." in page
    assert "Jānis Ozols" in page and "Daugava Demining" in page
    assert author.user.email not in page
    assert "@" not in page.split('id="comments"')[1]

    client.force_login(organiser)
    client.post(f"/news/comments/{comment.pk}/moderate/", {"decision": "hide"})
    client.force_login(reader.user)
    assert "Count us in." not in client.get(f"/news/{article.pk}/").content.decode()


def test_only_delegates_of_approved_organisations_comment(client, forum, make_delegate):
    article = ArticleFactory(forum=forum)
    pending = make_delegate(accreditation=Accreditation.PENDING)
    client.force_login(pending.user)
    page = client.get(f"/news/{article.pk}/").content.decode()
    assert "Your comment" not in page
    assert client.post(f"/news/{article.pk}/", {"body": "Hello"}).status_code == 403
    assert Comment.objects.count() == 0


def test_an_empty_comment_is_refused_with_a_field_error(client, forum, make_delegate):
    article = ArticleFactory(forum=forum)
    client.force_login(make_delegate().user)
    response = client.post(f"/news/{article.pk}/", {"body": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["body"]
    assert 'class="required"' in response.content.decode()


def test_read_also_lists_published_articles_by_shared_tracks(client, forum, make_delegate):
    tracks = {t.slug: t for t in CapabilityTrack.objects.all()}
    article = ArticleFactory(forum=forum, title="Main")
    article.tracks.set([tracks["demining"], tracks["unmanned-systems"]])
    both = ArticleFactory(forum=forum, title="Shares both")
    both.tracks.set([tracks["demining"], tracks["unmanned-systems"]])
    one = ArticleFactory(forum=forum, title="Shares one")
    one.tracks.set([tracks["demining"]])
    draft = ArticleFactory(forum=forum, title="Draft sharing", is_published=False)
    draft.tracks.set([tracks["demining"]])
    unrelated = ArticleFactory(forum=forum, title="Unrelated")
    unrelated.tracks.set([tracks["space"]])

    client.force_login(make_delegate().user)
    response = client.get(f"/news/{article.pk}/")
    assert [a.title for a in response.context["related"]] == ["Shares both", "Shares one"]
