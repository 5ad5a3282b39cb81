"""The demo forum shows the coalitions, news and training pages with content."""

from __future__ import annotations

import pytest
from django.core import mail

from matchforum.community.models import PostReport, Thread
from matchforum.demo.services import demo_forum_seed
from matchforum.news.models import Article, CommentStatus
from matchforum.organisations.models import Accreditation
from matchforum.training.models import TrainingProgramme

pytestmark = pytest.mark.django_db


def test_the_demo_has_threads_news_and_training_written_by_vetted_members():
    result = demo_forum_seed(size="small", seed=7, scale=0.25, write_credentials=False)
    assert result.counts["threads"] == Thread.objects.count() == 3
    assert result.counts["articles"] == Article.objects.filter(is_published=True).count() == 3
    assert result.counts["programmes"] == TrainingProgramme.objects.count() > 0
    for thread in Thread.objects.all():
        for post in thread.posts.all():
            assert post.author_organisation.accreditation == Accreditation.APPROVED
            assert post.author_organisation.tracks.filter(pk=thread.track_id).exists()
    assert PostReport.objects.filter(status="open").count() == 1
    statuses = {c.status for a in Article.objects.all() for c in a.comments.all()}
    assert statuses == {CommentStatus.APPROVED, CommentStatus.PENDING}
    assert mail.outbox == []
