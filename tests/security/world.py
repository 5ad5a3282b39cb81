"""A small forum with one object of each kind, seen from six roles.

Roles: anonymous, `other` (delegate of another approved organisation), `unapproved`
(delegate of a pending organisation), `own` (delegate of the organisation that owns
the objects), `vetting` (vetting officer), `organiser`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from matchforum.agenda.models import CalendarToken
from matchforum.annexes.models import text_version
from matchforum.annexes.services import annex_create, nda_accept
from matchforum.badges.models import BadgeBatch, BadgeBatchState
from matchforum.community.models import Attachment, Post, PostReport, Thread
from matchforum.community.services import post_report, thread_start
from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.meetings.services import meeting_place
from matchforum.news.models import Article, Comment
from matchforum.organisations.models import (
    Accreditation,
    Delegate,
    Invitation,
    Organisation,
    RegistrationImport,
    RegistrationImportState,
    Visibility,
)
from matchforum.outcomes.models import FollowUpSurvey
from matchforum.recommendations.models import Dismissal, Recommendation
from matchforum.schedules.models import ScheduleVersion, SchedulingRun
from matchforum.training.models import TrainingProgramme, TrainingRequest
from tests.factories import (
    ApiTokenFactory,
    ArticleFactory,
    CalendarTokenFactory,
    CooperationProfileFactory,
    DelegateFactory,
    DismissalFactory,
    InvitationFactory,
    MeetingRequestFactory,
    NotificationFactory,
    OrganisationFactory,
    RecommendationFactory,
    TrainingProgrammeFactory,
    UserFactory,
    forum_build,
)

ROLES = ["anonymous", "other", "unapproved", "own", "vetting", "organiser"]
PASSWORD = "correct horse battery staple"


@dataclass
class World:
    forum: Forum
    users: dict
    own_org: Organisation
    other_org: Organisation
    pending_org: Organisation
    hidden_org: Organisation
    unlisted_org: Organisation
    partner_org: Organisation
    target_org: Organisation
    own_delegate: Delegate
    own_profile: object
    own_hidden_profile: object
    request_in: MeetingRequest
    request_out: MeetingRequest
    meeting: Meeting
    version: ScheduleVersion
    run: SchedulingRun
    track: CapabilityTrack
    thread: Thread
    post: Post
    attachment: Attachment
    report: PostReport
    article: Article
    comment: Comment
    programme: TrainingProgramme
    training_request: TrainingRequest
    calendar_token: CalendarToken
    invitation: Invitation
    survey: FollowUpSurvey
    other_delegate: Delegate
    recommendation: Recommendation
    dismissal: Dismissal
    own_token: object
    registration_import: RegistrationImport
    notification: object
    other_offer: object
    other_annex: object
    acceptance: object
    badge_batch: BadgeBatch


def _meeting(forum, a: Delegate, b: Delegate) -> Meeting:
    low, high = sorted([a.organisation_id, b.organisation_id])
    return Meeting.objects.create(
        forum=forum,
        organisation_a=a.organisation,
        organisation_b=b.organisation,
        delegate_a=a,
        delegate_b=b,
        pair_low=low,
        pair_high=high,
        created_at=timezone.now(),
    )


def build_world() -> World:
    forum = forum_build()
    own_org = OrganisationFactory(forum=forum, name="Own Org")
    other_org = OrganisationFactory(forum=forum, name="Other Org")
    pending_org = OrganisationFactory(
        forum=forum, name="Pending Org", accreditation=Accreditation.PENDING
    )
    hidden_org = OrganisationFactory(
        forum=forum, name="Hidden Pending Org", accreditation=Accreditation.PENDING
    )
    unlisted_org = OrganisationFactory(
        forum=forum, name="Unlisted Org", visibility=Visibility.UNLISTED
    )
    partner_org = OrganisationFactory(forum=forum, name="Partner Org")
    target_org = OrganisationFactory(forum=forum, name="Target Org")
    third_org = OrganisationFactory(forum=forum, name="Third Org")
    fourth_org = OrganisationFactory(forum=forum, name="Fourth Org")
    own = DelegateFactory(organisation=own_org, user__email="own@example.org")
    other = DelegateFactory(organisation=other_org, user__email="other@example.org")
    unapproved = DelegateFactory(organisation=pending_org, user__email="pending@example.org")
    third = DelegateFactory(organisation=third_org)
    DelegateFactory(organisation=fourth_org)
    partner = DelegateFactory(organisation=partner_org)
    DelegateFactory(organisation=target_org)
    users = {
        "anonymous": None,
        "other": other.user,
        "unapproved": unapproved.user,
        "own": own.user,
        "vetting": UserFactory(email="vetting@example.org", is_vetting_officer=True),
        "organiser": UserFactory(email="organiser@example.org", is_organiser=True),
    }
    own_profile = CooperationProfileFactory(organisation=own_org, title="Own offer")
    own_hidden_profile = CooperationProfileFactory(
        organisation=own_org, title="Own draft", is_active=False
    )
    request_in = MeetingRequestFactory(sender=third, recipient_organisation=own_org)
    request_out = MeetingRequestFactory(sender=own, recipient_organisation=fourth_org)
    meeting = _meeting(forum, own, partner)
    slot = forum.days.first().sessions.first().slots.first()
    meeting_place(meeting=meeting, slot=slot, table=forum.tables.first())
    run = SchedulingRun.objects.create(forum=forum, created_by=users["organiser"])
    registration_import = RegistrationImport.objects.create(
        forum=forum,
        created_by=users["organiser"],
        filename="list.csv",
        dry_run=True,
        state=RegistrationImportState.DONE,
        report={"dry_run": True},
    )
    version = ScheduleVersion.objects.create(
        forum=forum,
        number=1,
        status="published",
        run=run,
        placements=[],
        published_by=users["organiser"],
        published_at=timezone.now(),
    )
    # The own organisation belongs to a coalition track; the other organisation does not.
    track = CapabilityTrack.objects.create(
        slug="security-demining", name="Demining", is_coalition=True, lead_country="LT"
    )
    own_org.tracks.add(track)
    pending_org.tracks.add(track)
    thread = thread_start(
        user=own.user,
        forum=forum,
        track=track,
        kind="lessons",
        title="Mine clearance",
        body="Who has field experience?",
    )
    post = thread.posts.first()
    attachment = Attachment.objects.create(
        post=post,
        file=ContentFile(b"notes", name="notes.txt"),
        original_name="notes.txt",
        content_type="text/plain",
        size=5,
    )
    report = post_report(user=own.user, post=post, reason="Off topic.")
    article = ArticleFactory(forum=forum, title="Welcome")
    comment = Comment.objects.create(
        article=article, author=own.user, author_organisation=own_org, body="Thanks!"
    )
    programme = TrainingProgrammeFactory(
        profile=CooperationProfileFactory(organisation=own_org, kind="training", title="EOD")
    )
    training_request = TrainingRequest.objects.create(
        programme=programme, delegate=other, organisation=other_org
    )
    calendar_token = CalendarTokenFactory(delegate=own, token="security-calendar-token")
    invitation = InvitationFactory(organisation=own_org, invited_by=own, token="security-invite")
    notification = NotificationFactory(user=own.user, link="/agenda/")
    survey = FollowUpSurvey.objects.create(
        meeting=meeting,
        organisation=own_org,
        delegate=own,
        months_after=3,
        token="security-survey-token",
        sent_at=timezone.now(),
    )
    # The own organisation is recommended the partner, and is not interested in the third;
    # the explanation quotes real items, as the matcher's do (a quoted item no reader may
    # see is dropped from what is shown)
    radar = CooperationProfileFactory(organisation=partner_org, side="offer", title="Radar")
    sensors = CooperationProfileFactory(organisation=own_org, side="need", title="Sensors")
    recommendation = RecommendationFactory(
        organisation=own_org,
        counterpart=partner_org,
        explanation={
            "they_answer_you": {
                "offer_title": "Radar",
                "need_title": "Sensors",
                "score": 0.8,
                "offer_id": radar.pk,
                "need_id": sensors.pk,
            },
            "you_answer_them": None,
            "shared_tracks": ["Demining"],
            "text": "Partner Org offers *Radar*.",
        },
    )
    dismissal = DismissalFactory(organisation=own_org, counterpart=third_org, dismissed_by=own)
    own_token = ApiTokenFactory(user=own.user, name="laptop")
    # The other organisation's offer has a text annex; the own organisation accepted its NDA.
    forum.nda_template = "Keep the annexes confidential."
    forum.save(update_fields=["nda_template"])
    other_offer = CooperationProfileFactory(organisation=other_org, title="Other offer")
    other_annex = annex_create(
        offer=other_offer, editor=other, title="Test report", text="Range 2.4 km."
    )
    acceptance = nda_accept(
        offer=other_offer,
        delegate=own,
        signer_name="Own Person",
        signer_organisation="Own Org",
        text_sha256=text_version(forum.nda_template),
    )
    return World(
        forum=forum,
        users=users,
        own_org=own_org,
        other_org=other_org,
        pending_org=pending_org,
        hidden_org=hidden_org,
        unlisted_org=unlisted_org,
        partner_org=partner_org,
        target_org=target_org,
        own_delegate=own,
        own_profile=own_profile,
        own_hidden_profile=own_hidden_profile,
        request_in=request_in,
        request_out=request_out,
        meeting=meeting,
        version=version,
        run=run,
        registration_import=registration_import,
        badge_batch=BadgeBatch.objects.create(
            forum=forum, state=BadgeBatchState.DONE, pdf=b"%PDF-1.4 test"
        ),
        track=track,
        thread=thread,
        post=post,
        attachment=attachment,
        report=report,
        article=article,
        comment=comment,
        programme=programme,
        training_request=training_request,
        calendar_token=calendar_token,
        invitation=invitation,
        survey=survey,
        other_delegate=other,
        recommendation=recommendation,
        dismissal=dismissal,
        own_token=own_token,
        notification=notification,
        other_offer=other_offer,
        other_annex=other_annex,
        acceptance=acceptance,
    )
