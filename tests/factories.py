"""factory_boy factories, one per model, building valid rows with few queries."""

from __future__ import annotations

import datetime as dt
import hashlib

import factory
from django.utils import timezone

from matchforum.accounts.models import User
from matchforum.agenda.models import CalendarToken
from matchforum.forums.models import CommitteeMembership, CommitteeRole, CommitteeTeam, Forum
from matchforum.forums.selectors import forum_slots
from matchforum.forums.services import forum_create
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import Meeting, MeetingRequest
from matchforum.news.models import Article
from matchforum.notifications.models import Notification
from matchforum.organisations.models import Accreditation, Delegate, Invitation, Organisation
from matchforum.recommendations.models import Dismissal, Recommendation
from matchforum.training.models import TrainingProgramme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password("correct horse battery staple")

    # Not fields: a seat on the chair team of the (first) forum, the way the migration
    # moved the old global flags (`UserFactory(is_organiser=True)`).
    is_organiser = False
    is_vetting_officer = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        organiser = kwargs.pop("is_organiser")
        vetting_officer = kwargs.pop("is_vetting_officer")
        user = super()._create(model_class, *args, **kwargs)
        if organiser:
            committee_seat(user, role=CommitteeRole.ORGANISER)
        if vetting_officer:
            committee_seat(user, role=CommitteeRole.VETTING_OFFICER)
        return user


def committee_seat(
    user: User, *, role: str = CommitteeRole.VETTING_OFFICER, country: str = "", forum=None
) -> CommitteeMembership:
    """Give `user` a role in a committee team (the chair unless `country`) of the forum."""
    forum = forum or Forum.objects.first() or forum_build()
    team, _created = CommitteeTeam.objects.get_or_create(forum=forum, country=country)
    membership = CommitteeMembership.objects.create(team=team, user=user, role=role)
    user.committee_roles_changed()
    return membership


def forum_build(**overrides: object) -> Forum:
    """A two-day forum with morning and afternoon sessions of 30-minute slots."""
    fields = {
        "name": "Test Forum",
        "slug": "test-forum",
        "days": [dt.date(2027, 3, 16), dt.date(2027, 3, 17)],
        "sessions": [("morning", dt.time(9), dt.time(11)), ("afternoon", dt.time(14), dt.time(16))],
        "tables": 3,
        "online_capacity_per_slot": 1,
    }
    fields.update(overrides)
    return forum_create(**fields)


def forum_running_today_build(**overrides: object) -> Forum:
    """A forum from yesterday to the day after tomorrow, so that today is a forum day in any
    time zone and on-site actions such as check-in fall on one."""
    today = dt.date.today()
    days = [today + dt.timedelta(days=offset) for offset in (-1, 0, 1, 2)]
    return forum_build(days=days, **overrides)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    forum = factory.LazyFunction(lambda: Forum.objects.first() or forum_build())
    name = factory.Sequence(lambda n: f"Organisation {n}")
    country = "UA"
    kind = "producer"
    accreditation = Accreditation.APPROVED


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Business development"


class CooperationProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationProfile

    organisation = factory.SubFactory(OrganisationFactory)
    side = "offer"
    kind = "product"
    title = factory.Sequence(lambda n: f"Offer {n}")
    description = "A passive RF detector for small drones."
    language = "en"


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    sender = factory.SubFactory(DelegateFactory)
    sender_organisation = factory.LazyAttribute(lambda o: o.sender.organisation)
    recipient_organisation = factory.SubFactory(OrganisationFactory)
    forum = factory.LazyAttribute(lambda o: o.sender_organisation.forum)
    pair_low = factory.LazyAttribute(
        lambda o: min(o.sender_organisation.pk, o.recipient_organisation.pk)
    )
    pair_high = factory.LazyAttribute(
        lambda o: max(o.sender_organisation.pk, o.recipient_organisation.pk)
    )
    created_at = factory.LazyFunction(timezone.now)


def meeting_build(a: Delegate, b: Delegate, **fields: object) -> Meeting:
    """An accepted meeting between two delegates of different organisations."""
    low, high = sorted((a.organisation_id, b.organisation_id))
    values = {
        "forum": a.organisation.forum,
        "organisation_a": a.organisation,
        "organisation_b": b.organisation,
        "delegate_a": a,
        "delegate_b": b,
        "pair_low": low,
        "pair_high": high,
        "created_at": timezone.now(),
    }
    values.update(fields)
    return Meeting.objects.create(**values)


def realistic_forum_build(
    *, organisations: int = 60, meetings: int = 150, seed: int = 7, **forum_fields: object
) -> Forum:
    """A forum of `organisations` approved organisations (one delegate each) and `meetings`
    accepted meetings between random pairs, with some session wishes, must-meets and
    unavailable slots: big enough to exercise the scheduler, small enough for a test."""
    import random

    from matchforum.meetings.models import Priority, SessionWish

    rng = random.Random(seed)
    fields = {
        "slug": f"realistic-{seed}",
        "name": "Realistic Forum",
        "sessions": [("morning", dt.time(9), dt.time(12)), ("afternoon", dt.time(14), dt.time(17))],
        "tables": 12,
        "online_capacity_per_slot": 2,
    }
    fields.update(forum_fields)
    forum = forum_build(**fields)
    countries = ["UA", "LT", "LV", "EE", "PL", "DE", "GB", "US"]
    kinds = ["producer", "investor", "buyer", "research", "association"]
    delegates = [
        DelegateFactory(
            user__password=None,  # no password hashing: 60 users stay fast
            organisation=OrganisationFactory(
                forum=forum,
                name=f"{forum.slug} organisation {n}",
                country=rng.choice(countries),
                kind=rng.choice(kinds),
            ),
        )
        for n in range(organisations)
    ]
    slots = list(forum_slots(forum=forum))
    for delegate in rng.sample(delegates, k=organisations // 6):
        delegate.unavailable_slots.add(*rng.sample(slots, k=2))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < meetings:
        i, j = sorted(rng.sample(range(organisations), 2))
        pairs.add((i, j))
    for i, j in sorted(pairs):
        meeting_build(
            delegates[i],
            delegates[j],
            session_wish=rng.choice(
                [SessionWish.ANY] * 4 + [SessionWish.MORNING, SessionWish.AFTERNOON]
            ),
            priority=Priority.MUST if rng.random() < 0.2 else Priority.NICE,
        )
    return forum


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    token = factory.Sequence(lambda n: f"invitation-token-{n:06d}")
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    organisation = factory.SubFactory(OrganisationFactory)
    counterpart = factory.SubFactory(OrganisationFactory)
    forum = factory.LazyAttribute(lambda o: o.organisation.forum)
    rank = 1
    score = 0.5
    score_ab = 0.5
    score_ba = 0.5
    explanation = factory.LazyFunction(dict)
    computed_at = factory.LazyFunction(timezone.now)


class DismissalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dismissal

    organisation = factory.SubFactory(OrganisationFactory)
    counterpart = factory.SubFactory(OrganisationFactory)


class CalendarTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarToken

    delegate = factory.SubFactory(DelegateFactory)
    token = factory.Sequence(lambda n: f"calendar-token-{n:06d}")


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "request_received"
    dedupe_key = factory.Sequence(lambda n: f"test:{n}")
    subject = "Something happened"
    body = "Details."
    created_at = factory.LazyFunction(timezone.now)


def schedule_publish_live(*, forum: Forum, user: User | None = None):
    """Publish the live placements as they are, without a run (tests place meetings by hand)."""
    from matchforum.schedules.mapping import live_placements
    from matchforum.schedules.services import schedule_version_create

    return schedule_version_create(
        forum=forum, run=None, user=user, placements=live_placements(forum=forum), changed=[]
    )


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    forum = factory.LazyFunction(lambda: Forum.objects.first() or forum_build())
    title = factory.Sequence(lambda n: f"Announcement {n}")
    body = "The demining coalition meets on the first morning."
    language = "en"
    is_published = True
    published_at = factory.LazyFunction(timezone.now)


class TrainingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProgramme

    profile = factory.SubFactory(CooperationProfileFactory, kind="training", title="EOD course")
    starts_on = dt.date(2027, 4, 5)
    ends_on = dt.date(2027, 4, 16)
    location = "Vilnius"
    capacity = 4
    language = "en"


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """An API token; the raw value is on `.raw` (the row holds only its hash)."""

    class Meta:
        model = "api.ApiToken"

    user = factory.SubFactory(UserFactory)
    prefix = factory.Sequence(lambda n: f"t{n:07d}")
    key_hash = factory.LazyAttribute(
        lambda o: hashlib.sha256(f"mf_{o.prefix}-test-secret".encode()).hexdigest()
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = super()._create(model_class, *args, **kwargs)
        token.raw = f"mf_{token.prefix}-test-secret"
        return token


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "audit.AuditEntry"

    action = "organisation.viewed"
