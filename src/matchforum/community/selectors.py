"""Reads of coalitions and their experience exchange, always through membership.

A coalition's members are the delegates of approved organisations working in its
track, and the organisers. Everyone else gets nothing (the views answer 404).
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from matchforum.accounts.models import User
from matchforum.core.tenancy import scoped
from matchforum.forums.committee import can_lead_coalition
from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.marketplace.models import CooperationProfile, Side
from matchforum.marketplace.visibility import visible_items
from matchforum.meetings.models import (
    ACTIVE_MEETING_STATUSES,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    RequestStatus,
)
from matchforum.organisations.models import Accreditation, Delegate, Organisation, Visibility

from .models import Attachment, CoalitionPage, Post, PostReport, ReportStatus, Thread


def track_get(*, slug: str) -> CapabilityTrack | None:
    return CapabilityTrack.objects.filter(slug=slug).first()


def coalition_member_delegate(
    *, user: User, forum: Forum, track: CapabilityTrack
) -> Delegate | None:
    """The user's delegate row that makes them a member of the coalition, if any."""
    if not user.is_authenticated:
        return None
    return (
        Delegate.objects.filter(
            user=user,
            organisation__forum=forum,
            organisation__accreditation=Accreditation.APPROVED,
            organisation__tracks=track,
        )
        .select_related("organisation")
        .first()
    )


def coalition_is_member(*, user: User, forum: Forum, track: CapabilityTrack) -> bool:
    """Vetted delegates in the track, and those who lead the coalition (its lead country's
    committee team, the chair's organisers), who read its threads to moderate them."""
    if not user.is_authenticated:
        return False
    if can_lead_coalition(user, forum, track):
        return True
    return coalition_member_delegate(user=user, forum=forum, track=track) is not None


def coalition_overview(*, user: User, forum: Forum, track: CapabilityTrack) -> dict[str, object]:
    """What the track page shows: listed approved members, open offers and needs, counts."""
    visible = scoped(Organisation, user=user, forum=forum)
    members = visible.filter(
        tracks=track, accreditation=Accreditation.APPROVED, visibility=Visibility.LISTED
    ).order_by("name")
    listed = CooperationProfile.objects.filter(
        organisation__in=members, tracks=track, is_active=True
    )
    profiles = (
        visible_items(user, forum, listed).select_related("organisation").order_by("-created_at")
    )
    in_track = Organisation.objects.filter(forum=forum, tracks=track)
    meetings = Meeting.objects.filter(forum=forum).filter(
        Q(organisation_a__in=in_track) | Q(organisation_b__in=in_track)
    )
    page = coalition_page(forum=forum, track=track)
    featured = list(profiles.filter(pk__in=page.featured.values("pk"))) if page is not None else []
    return {
        "members": members,
        "pinned_note": page.pinned_note if page is not None else "",
        "featured_offers": [p for p in featured if p.side == Side.OFFER],
        "featured_needs": [p for p in featured if p.side == Side.NEED],
        "offers": profiles.filter(side=Side.OFFER)[:20],
        "needs": profiles.filter(side=Side.NEED)[:20],
        "meetings_held": meetings.filter(status=MeetingStatus.HELD).count(),
        "meetings_scheduled": meetings.filter(status=MeetingStatus.SCHEDULED).count(),
    }


def coalition_page(*, forum: Forum, track: CapabilityTrack) -> CoalitionPage | None:
    return CoalitionPage.objects.filter(forum=forum, track=track).first()


def coalition_curatable_profiles(
    *, user: User, forum: Forum, track: CapabilityTrack
) -> QuerySet[CooperationProfile]:
    """What the lead team may feature: the published needs and offers of the coalition's
    approved, listed members, as the page lists them."""
    members = scoped(Organisation, user=user, forum=forum).filter(
        tracks=track, accreditation=Accreditation.APPROVED, visibility=Visibility.LISTED
    )
    return (
        CooperationProfile.objects.filter(organisation__in=members, tracks=track, is_active=True)
        .select_related("organisation")
        .order_by("side", "organisation__name", "title")
    )


def coalition_meeting_figures(*, forum: Forum, track: CapabilityTrack) -> dict[str, int]:
    """The coalition's meeting figures: requests, meetings and meetings held that involve
    one of the organisations working in its track."""
    in_track = Organisation.objects.filter(forum=forum, tracks=track).values("pk")
    requests = MeetingRequest.objects.filter(forum=forum).filter(
        Q(sender_organisation__in=in_track) | Q(recipient_organisation__in=in_track)
    )
    meetings = Meeting.objects.filter(forum=forum).filter(
        Q(organisation_a__in=in_track) | Q(organisation_b__in=in_track)
    )
    return {
        "requests": requests.count(),
        "requests_accepted": requests.filter(status=RequestStatus.ACCEPTED).count(),
        "meetings": meetings.filter(status__in=ACTIVE_MEETING_STATUSES).count(),
        "held": meetings.filter(status=MeetingStatus.HELD).count(),
    }


def coalition_threads(*, forum: Forum, track: CapabilityTrack) -> QuerySet[Thread]:
    return (
        Thread.objects.filter(forum=forum, track=track)
        .select_related("author")
        .annotate(post_count=Count("posts", filter=Q(posts__is_hidden=False)))
    )


def thread_get_for_member(*, user: User, forum: Forum, pk: int) -> Thread | None:
    thread = Thread.objects.filter(forum=forum, pk=pk).select_related("track").first()
    if thread is None or not coalition_is_member(user=user, forum=forum, track=thread.track):
        return None
    return thread


def thread_posts(*, thread: Thread) -> QuerySet[Post]:
    return thread.posts.select_related("author", "author_organisation").prefetch_related(
        "attachments"
    )


def post_get_for_member(*, user: User, forum: Forum, pk: int) -> Post | None:
    post = Post.objects.filter(thread__forum=forum, pk=pk).select_related("thread__track").first()
    if post is None or not coalition_is_member(user=user, forum=forum, track=post.thread.track):
        return None
    return post


def attachment_get_for_member(*, user: User, forum: Forum, pk: int) -> Attachment | None:
    attachment = (
        Attachment.objects.filter(post__thread__forum=forum, pk=pk)
        .select_related("post__thread__track")
        .first()
    )
    if attachment is None:
        return None
    post = attachment.post
    if not coalition_is_member(user=user, forum=forum, track=post.thread.track):
        return None
    if post.is_hidden and not can_lead_coalition(user, forum, post.thread.track):
        return None
    return attachment


def reports_open(*, forum: Forum) -> QuerySet[PostReport]:
    return (
        PostReport.objects.filter(post__thread__forum=forum, status=ReportStatus.OPEN)
        .select_related("post__thread__track", "post__author", "reporter")
        .order_by("created_at", "pk")
    )


def thread_participants_to_notify(*, post: Post) -> list[User]:
    """Earlier authors of the thread, without the author of this post, once each."""
    ids = (
        Post.objects.filter(thread=post.thread, created_at__lte=post.created_at)
        .exclude(author=post.author)
        .values_list("author_id", flat=True)
        .distinct()
    )
    return list(User.objects.filter(pk__in=set(ids), is_active=True))
