from __future__ import annotations

import django_filters

from matchforum.marketplace.models import CooperationProfile, ProfileKind, Side
from matchforum.meetings.models import MeetingRequest, MeetingStatus, RequestStatus
from matchforum.organisations.models import Organisation, OrganisationKind


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    country = django_filters.CharFilter(max_length=2)
    track = django_filters.CharFilter(field_name="tracks__slug", max_length=50, distinct=True)

    class Meta:
        model = Organisation
        fields = ["kind", "country", "track"]


class ProfileFilter(django_filters.FilterSet):
    side = django_filters.ChoiceFilter(choices=Side.choices)
    kind = django_filters.ChoiceFilter(choices=ProfileKind.choices)
    organisation = django_filters.NumberFilter(field_name="organisation_id", min_value=1)
    track = django_filters.CharFilter(field_name="tracks__slug", max_length=50, distinct=True)

    class Meta:
        model = CooperationProfile
        fields = ["side", "kind", "organisation", "track"]


class MeetingRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices)
    box = django_filters.ChoiceFilter(
        choices=[("sent", "sent"), ("received", "received")], method="filter_box"
    )

    class Meta:
        model = MeetingRequest
        fields = ["status", "box"]

    def filter_box(self, queryset, name, value):
        from matchforum.core.tenancy import own_organisation_ids

        from .context import request_forum

        own = own_organisation_ids(self.request.user, request_forum(self.request))
        if value == "sent":
            return queryset.filter(sender_organisation_id__in=own)
        return queryset.filter(recipient_organisation_id__in=own)


class MeetingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)
