"""API representations; protected fields (accreditation, organisation, status) are read-only."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from matchforum.api.fields import CountryCodeField
from matchforum.api.models import ApiToken, TokenScope
from matchforum.core.shortcuts import request_forum
from matchforum.core.text_limits import text_limit
from matchforum.forums.models import CapabilityTrack
from matchforum.marketplace.models import (
    MAX_COUNTRIES_OF_INTEREST,
    PROFILE_FIELDS,
    CooperationProfile,
    ProfileKind,
    Side,
    validate_country_codes,
)
from matchforum.meetings.models import Meeting, MeetingRequest, Priority, SessionWish
from matchforum.organisations.models import Organisation
from matchforum.recommendations.models import Dismissal, Recommendation
from matchforum.recommendations.selectors import (
    explanation_prose,
    explanation_reasons,
    explanation_shown,
    explanations_prepare,
    track_names_shown,
)
from matchforum.schedules.models import ScheduleVersion, SchedulingRun


class TrackSerializer(serializers.ModelSerializer):
    class Meta:
        model = CapabilityTrack
        fields = ["slug", "name", "is_coalition"]


class OrganisationSerializer(serializers.ModelSerializer):
    country = CountryCodeField(read_only=True)
    tracks = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "country",
            "kind",
            "website",
            "description",
            "size",
            "tracks",
            "visibility",
            "accreditation",
        ]
        read_only_fields = ["id", "name", "country", "kind", "accreditation"]


class ProfileSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    side = serializers.ChoiceField(choices=Side.choices)
    kind = serializers.ChoiceField(choices=ProfileKind.choices)
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    trl = serializers.IntegerField(min_value=1, max_value=9, required=False, allow_null=True)
    ticket_min_eur = serializers.IntegerField(
        min_value=0, max_value=10**12, required=False, allow_null=True
    )
    ticket_max_eur = serializers.IntegerField(
        min_value=0, max_value=10**12, required=False, allow_null=True
    )
    tracks = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=CapabilityTrack.objects.all(), required=False
    )
    countries_of_interest = serializers.ListField(
        child=serializers.RegexField(r"^[A-Z]{2}$"),
        max_length=MAX_COUNTRIES_OF_INTEREST,
        required=False,
        validators=[validate_country_codes],
    )

    class Meta:
        model = CooperationProfile
        fields = ["id", "organisation", *PROFILE_FIELDS, "updated_at"]
        read_only_fields = ["id", "organisation", "updated_at"]

    def validate(self, attrs):
        low = attrs.get("ticket_min_eur", getattr(self.instance, "ticket_min_eur", None))
        high = attrs.get("ticket_max_eur", getattr(self.instance, "ticket_max_eur", None))
        if low is not None and high is not None and high < low:
            raise serializers.ValidationError(
                {"ticket_max_eur": "The upper bound must not be below the lower bound."}
            )
        return attrs


class MeetingRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "sender_organisation",
            "recipient_organisation",
            "message",
            "session_wish",
            "priority",
            "about",
            "status",
            "decline_reason",
            "created_at",
            "responded_at",
            "expires_at",
        ]
        read_only_fields = fields


class MeetingRequestCreateSerializer(serializers.Serializer):
    recipient_organisation = serializers.IntegerField(min_value=1, max_value=2**62)
    message = serializers.CharField(
        max_length=text_limit(MeetingRequest, "message"), required=False, allow_blank=True
    )
    session_wish = serializers.ChoiceField(choices=SessionWish.choices, required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    about = serializers.IntegerField(
        min_value=1,
        max_value=2**62,
        required=False,
        allow_null=True,
        help_text="One of the recipient's offers or needs the request is about.",
    )


class AcceptSerializer(serializers.Serializer):
    slot = serializers.IntegerField(
        min_value=1,
        max_value=2**62,
        required=False,
        allow_null=True,
        help_text=(
            "Where the forum books at acceptance (live booking): one of the request's "
            "`places`; the meeting is scheduled there at once. Refused otherwise."
        ),
    )


class PlaceSerializer(serializers.Serializer):
    """A free time a meeting can take: its slot, and the table (none: online)."""

    slot = serializers.IntegerField(source="slot.pk")
    starts_at = serializers.DateTimeField(source="slot.starts_at")
    ends_at = serializers.DateTimeField(source="slot.ends_at")
    table_number = serializers.IntegerField(source="table.number", allow_null=True)


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=text_limit(MeetingRequest, "decline_reason"), required=False, allow_blank=True
    )


class MeetingSerializer(serializers.ModelSerializer):
    slot_starts_at = serializers.SerializerMethodField()
    slot_ends_at = serializers.SerializerMethodField()
    table_number = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_slot_starts_at(self, meeting: Meeting):
        return meeting.slot.starts_at.isoformat() if meeting.slot else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_slot_ends_at(self, meeting: Meeting):
        return meeting.slot.ends_at.isoformat() if meeting.slot else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_table_number(self, meeting: Meeting):
        return meeting.table.number if meeting.table else None

    class Meta:
        model = Meeting
        fields = [
            "id",
            "organisation_a",
            "organisation_b",
            "status",
            "mode",
            "priority",
            "slot",
            "slot_starts_at",
            "slot_ends_at",
            "table_number",
            "is_walk_in",
        ]
        read_only_fields = fields


class ScheduleVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScheduleVersion
        fields = ["id", "number", "status", "run", "statistics", "placements", "published_at"]
        read_only_fields = fields


class SchedulingRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchedulingRun
        fields = [
            "id",
            "kind",
            "status",
            "options",
            "progress",
            "result",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=256, style={"input_type": "password"})
    name = serializers.CharField(
        max_length=text_limit(ApiToken, "name"), required=False, allow_blank=True
    )
    scope = serializers.ChoiceField(
        choices=TokenScope.choices,
        default=TokenScope.READ_WRITE,
        help_text="`read`: GET only (any write answers 403); `read_write`: everything.",
    )
    expires_in_days = serializers.IntegerField(
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
        default=settings.API_TOKEN_DEFAULT_DAYS,
        help_text="The token stops working (401) this many days from now.",
    )
    otp = serializers.RegexField(
        r"^[0-9]{6,8}$",
        required=False,
        help_text="Code from the authenticator app, when the account has a second factor.",
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown once; store it safely.")
    prefix = serializers.CharField()
    scope = serializers.ChoiceField(choices=TokenScope.choices)
    expires_at = serializers.DateTimeField()


class AuditEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.CharField()
    actor_organisation = serializers.CharField(
        source="actor_organisation.name", default=None, allow_null=True
    )
    target_label = serializers.CharField()
    created_at = serializers.DateTimeField()


class CounterpartSerializer(serializers.ModelSerializer):
    """The recommended (or dismissed) organisation, as far as a listing shows it."""

    country = CountryCodeField(read_only=True)
    tracks = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "country", "kind", "tracks"]
        read_only_fields = fields


class PairMatchSerializer(serializers.Serializer):
    """The best need × offer pair of one direction, as the matcher stored it."""

    offer_title = serializers.CharField()
    need_title = serializers.CharField()
    score = serializers.FloatField()


class RecommendationListSerializer(serializers.ListSerializer):
    """Prepares what the reader may see of all the rows' explanations in one query."""

    def to_representation(self, data):
        rows = list(data.all() if hasattr(data, "all") else data)
        request = self.context.get("request")
        forum = request_forum(request) if request is not None else None
        if forum is not None:
            explanations_prepare(rows, forum=forum)
        return super().to_representation(rows)


class RecommendationSerializer(serializers.ModelSerializer):
    """One entry of the caller's "you may want to meet" list, with the page's explanation.

    `reasons` are worded in the request's language (Accept-Language), like the web page's;
    `text` is the matcher's own English sentence, given to English readers only.
    """

    counterpart = CounterpartSerializer(read_only=True)
    they_answer_you = serializers.SerializerMethodField()
    you_answer_them = serializers.SerializerMethodField()
    shared_tracks = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        list_serializer_class = RecommendationListSerializer
        fields = [
            "id",
            "rank",
            "score",
            "score_ab",
            "score_ba",
            "counterpart",
            "they_answer_you",
            "you_answer_them",
            "shared_tracks",
            "reasons",
            "text",
            "computed_at",
        ]
        read_only_fields = fields

    @staticmethod
    def _pair(explanation: dict, side: str) -> dict | None:
        pair = explanation.get(side)
        if not pair:
            return None
        return {
            "offer_title": pair.get("offer_title", ""),
            "need_title": pair.get("need_title", ""),
            "score": float(pair.get("score", 0.0)),
        }

    @extend_schema_field(PairMatchSerializer(allow_null=True))
    def get_they_answer_you(self, rec: Recommendation) -> dict | None:
        return self._pair(explanation_shown(rec), "they_answer_you")

    @extend_schema_field(PairMatchSerializer(allow_null=True))
    def get_you_answer_them(self, rec: Recommendation) -> dict | None:
        return self._pair(explanation_shown(rec), "you_answer_them")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_shared_tracks(self, rec: Recommendation) -> list[str]:
        return track_names_shown(rec.explanation.get("shared_tracks") or [])

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_reasons(self, rec: Recommendation) -> list[str]:
        return explanation_reasons(
            explanation=explanation_shown(rec), own=rec.organisation, other=rec.counterpart
        )

    @extend_schema_field(serializers.CharField())
    def get_text(self, rec: Recommendation) -> str:
        return explanation_prose(explanation=explanation_shown(rec))


class DismissalSerializer(serializers.ModelSerializer):
    """A counterpart the caller's organisation is not interested in (DELETE it to undo)."""

    counterpart = CounterpartSerializer(read_only=True)

    class Meta:
        model = Dismissal
        fields = ["id", "counterpart", "created_at"]
        read_only_fields = fields


class ApiTokenSerializer(serializers.ModelSerializer):
    """One of the caller's tokens: its name and first characters, never the secret."""

    current = serializers.SerializerMethodField(
        help_text="True for the token this request is authenticated with."
    )

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "scope",
            "created_at",
            "expires_at",
            "last_used_at",
            "current",
        ]
        read_only_fields = fields

    def get_current(self, token: ApiToken) -> bool:
        request = self.context.get("request")
        auth = getattr(request, "auth", None)
        return isinstance(auth, ApiToken) and auth.pk == token.pk
