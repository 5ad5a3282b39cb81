"""Demo content of the coalitions, news and training pages (deterministic, no e-mails).

The texts are in `data/community.json` (read through `phrasebook()`). Rows are written
directly, like the rest of the demo, so that no notification task is queued for the
demo people.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from matchforum.accounts.models import User
from matchforum.community.models import Post, PostReport, Thread
from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.news.models import Article, Comment, CommentStatus
from matchforum.organisations.models import Accreditation, Delegate
from matchforum.training.models import EnrolmentStatus, TrainingProgramme, TrainingRequest

from . import generator as g
from .phrasebook import phrasebook


def _member(forum: Forum, track: CapabilityTrack, skip: set[int]) -> Delegate | None:
    """A delegate of an approved organisation in the track, demo accounts first."""
    members = Delegate.objects.filter(
        organisation__forum=forum,
        organisation__accreditation=Accreditation.APPROVED,
        organisation__tracks=track,
    ).exclude(organisation_id__in=skip)
    accounts = members.filter(user__email__in=[a.email for a in g.ACCOUNTS])
    return accounts.order_by("pk").first() or members.order_by("pk").first()


def demo_community_seed(*, forum: Forum) -> dict[str, int]:
    """Threads, news with comments and training programmes for the demo forum."""
    now = timezone.now()
    tracks = {t.slug: t for t in CapabilityTrack.objects.all()}
    organiser = User.objects.filter(email=f"organiser@{g.EMAIL_DOMAIN}").first()
    counts = {"threads": 0, "posts": 0, "articles": 0, "comments": 0, "programmes": 0}

    content = phrasebook()
    for index, entry in enumerate(content.threads):
        track, bodies = tracks[entry["track"]], entry["posts"]
        authors: list[Delegate] = []
        for _body in bodies:
            author = _member(forum, track, {a.organisation_id for a in authors})
            authors.append(author or authors[-1])
        if not authors or authors[0] is None:
            continue
        started = now - dt.timedelta(days=6 - index, hours=3)
        thread = Thread.objects.create(
            forum=forum,
            track=track,
            kind=entry["kind"],
            title=entry["title"],
            author=authors[0].user,
            last_post_at=started,
        )
        posts = []
        for position, (body, author) in enumerate(zip(bodies, authors, strict=True)):
            post = Post.objects.create(
                thread=thread,
                author=author.user,
                author_organisation=author.organisation,
                body=body,
            )
            posts.append(post)
            Post.objects.filter(pk=post.pk).update(
                created_at=started + dt.timedelta(hours=5 * position)
            )
        thread.last_post_at = started + dt.timedelta(hours=5 * (len(posts) - 1))
        thread.save(update_fields=["last_post_at"])
        counts["threads"] += 1
        counts["posts"] += len(posts)
        if entry["report_last_post"] and len(posts) > 1:
            PostReport.objects.create(
                post=posts[-1], reporter=authors[0].user, reason=entry["report_last_post"]
            )

    for index, entry in enumerate(content.articles):
        slugs = entry["tracks"]
        article = Article.objects.create(
            forum=forum,
            title=entry["title"],
            body=entry["body"],
            language="en",
            is_published=True,
            published_at=now - dt.timedelta(days=5 - index),
            author=organiser,
        )
        article.tracks.set([tracks[s] for s in slugs])
        counts["articles"] += 1
        commenter = _member(forum, tracks[slugs[0]], set())
        if commenter is not None:
            Comment.objects.create(
                article=article,
                author=commenter.user,
                author_organisation=commenter.organisation,
                body="We will be there with our latest results.",
                status=CommentStatus.APPROVED if index != 1 else CommentStatus.PENDING,
                moderated_by=organiser if index != 1 else None,
                moderated_at=now if index != 1 else None,
            )
            counts["comments"] += 1

    offers = (
        CooperationProfile.objects.filter(
            organisation__forum=forum,
            organisation__accreditation=Accreditation.APPROVED,
            kind="training",
            side="offer",
            is_active=True,
        )
        .select_related("organisation")
        .order_by("pk")[:4]
    )
    trainees = list(
        Delegate.objects.filter(
            organisation__forum=forum,
            organisation__accreditation=Accreditation.APPROVED,
            organisation__country="UA",
        ).order_by("pk")[:3]
    )
    for index, offer in enumerate(offers):
        starts = forum.ends_on + dt.timedelta(days=14 + 7 * index)
        programme = TrainingProgramme.objects.create(
            profile=offer,
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=11),
            location=f"{offer.organisation.country.name}",
            capacity=12,
            language=offer.language,
            eligibility="Personnel of Ukrainian units and services nominated by their command.",
        )
        counts["programmes"] += 1
        for position, trainee in enumerate(trainees):
            if trainee.organisation_id == offer.organisation_id:
                continue
            TrainingRequest.objects.create(
                programme=programme,
                delegate=trainee,
                organisation=trainee.organisation,
                participants=2 + position,
                message="Nominated personnel are ready to travel.",
                status=EnrolmentStatus.ACCEPTED if position == 0 else EnrolmentStatus.PENDING,
            )
    return counts
