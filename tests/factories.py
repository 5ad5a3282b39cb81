"""factory_boy factories, one per model, building valid rows with few queries."""

from __future__ import annotations

import datetime as dt
import hashlib

import factory
from django.utils import timezone

from matchforum.accounts.models import User
from matchforum.forums.models import Forum
from matchforum.forums.services import forum_create
from matchforum.marketplace.models import CooperationProfile
from matchforum.meetings.models import MeetingRequest
from matchforum.organisations.models import Accreditation, Delegate, Organisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password("correct horse battery staple")


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
