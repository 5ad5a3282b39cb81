"""REST API views. Thin: reads go through tenant scoping, writes through the services."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from matchforum.audit.models import AuditEntry
from matchforum.audit.services import profile_view_record
from matchforum.core.shortcuts import request_forum
from matchforum.core.tenancy import require_scoped, scoped
from matchforum.forums.selectors import forum_slots
from matchforum.marketplace.models import CooperationProfile
from matchforum.marketplace.services import profile_create, profile_delete, profile_update
from matchforum.meetings import services as meeting_services
from matchforum.meetings.models import Meeting, MeetingRequest, MeetingStatus
from matchforum.meetings.participants import takes_part
from matchforum.organisations.models import Delegate, Organisation
from matchforum.recommendations.models import Dismissal, Recommendation
from matchforum.recommendations.selectors import dismissed_by, recommendations_for
from matchforum.recommendations.services import dismissal_create, dismissal_undo
from matchforum.schedules.models import ScheduleVersion, SchedulingRun
from matchforum.twofactor.services import totp_confirmed_device

from . import filters, serializers
from .context import request_delegate
from .directory import SharedDirectoryListMixin
from .models import ApiToken
from .permissions import IsDelegate, IsDelegateForWrites, IsOrganiser
from .representations import (
    meeting_rows,
    meetings_data,
    organisation_data,
    recommendations_data,
)
from .selectors import api_tokens_of
from .services import api_token_create, api_token_revoke
from .throttling import SignInThrottle


class ScopedViewMixin:
    """Every API view over organisation-owned data gets its rows from `scoped()`.

    `get_queryset` is final: subclasses say which model and how to narrow it
    (`scoped_model`, `narrow`), and the guard refuses anything unscoped.
    """

    scoped_model: type
    lookup_value_regex = "[0-9]+"
    write_actions = frozenset({"create", "update", "partial_update", "destroy"})

    def narrow(self, queryset: QuerySet) -> QuerySet:
        return queryset

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return self.scoped_model._default_manager.none()
        queryset = scoped(
            self.scoped_model,
            user=self.request.user,
            forum=request_forum(self.request),
            for_write=getattr(self, "action", None) in self.write_actions,
        )
        return require_scoped(self.narrow(queryset))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # A single object asked for without a query string: every filter backend would
        # leave the rows as they are (django-filter would still build and validate its
        # form), so none is run. With a query string they apply as ever.
        if getattr(self, "action", None) == "retrieve" and not self.request.query_params:
            return queryset
        return super().filter_queryset(queryset)

    def caller_delegate(self) -> Delegate:
        delegate = request_delegate(self.request)
        if delegate is None:
            raise PermissionDenied("Only delegates may do this.")
        return delegate


@extend_schema_view(
    list=extend_schema(summary="Organisations the caller may see"),
    retrieve=extend_schema(summary="One visible organisation (404 when hidden)"),
    partial_update=extend_schema(summary="Edit the caller's own organisation"),
    update=extend_schema(summary="Edit the caller's own organisation"),
)
class OrganisationViewSet(
    SharedDirectoryListMixin,
    ScopedViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organisations, visible per organisations/selectors.py. Accreditation is read-only."""

    scoped_model = Organisation
    directory_kind = "organisations"
    serializer_class = serializers.OrganisationSerializer
    permission_classes = [IsDelegateForWrites]
    filterset_class = filters.OrganisationFilter
    search_fields = ["name", "description"]
    ordering_fields = ["name", "country"]

    def narrow(self, queryset: QuerySet) -> QuerySet:
        return queryset.prefetch_related("tracks").order_by("name", "pk")

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        own = request_delegate(request)  # first: its seats are the scoping's own organisations
        organisation = self.get_object()
        if own is None:
            profile_view_record(organisation=organisation, request=request)
        else:
            # Known already: one query fewer.
            profile_view_record(
                organisation=organisation, request=request, viewer_organisation=own.organisation
            )
        # The serializer's JSON, written without its field objects (api/representations.py).
        return Response(organisation_data(organisation))


class ProfileViewSet(SharedDirectoryListMixin, ScopedViewMixin, viewsets.ModelViewSet):
    """Offers and needs. Everyone reads the visible ones; delegates edit their own."""

    scoped_model = CooperationProfile
    directory_kind = "profiles"
    directory_with_drafts = True  # a delegate also lists their own unpublished ones
    serializer_class = serializers.ProfileSerializer
    permission_classes = [IsDelegateForWrites]
    filterset_class = filters.ProfileFilter
    search_fields = ["title", "description"]
    ordering_fields = ["title", "updated_at"]

    def narrow(self, queryset: QuerySet) -> QuerySet:
        return queryset.prefetch_related("tracks").order_by("organisation__name", "pk")

    # Writes go through the marketplace services, as the web pages' do: the same rules,
    # and recommendations follow the change in the background.
    def perform_create(self, serializer) -> None:
        fields = dict(serializer.validated_data)
        fields.pop("organisation", None)  # the caller's own, whatever the body says
        tracks = fields.pop("tracks", ())
        delegate = self.caller_delegate()
        serializer.instance = profile_create(
            organisation=delegate.organisation, editor=delegate, tracks=tracks, **fields
        )

    def perform_update(self, serializer) -> None:
        fields = dict(serializer.validated_data)
        fields.pop("organisation", None)
        tracks = fields.pop("tracks", None)
        serializer.instance = profile_update(
            profile=serializer.instance, editor=self.caller_delegate(), tracks=tracks, **fields
        )

    def perform_destroy(self, instance: CooperationProfile) -> None:
        profile_delete(profile=instance, editor=self.caller_delegate())


@extend_schema_view(
    create=extend_schema(
        request=serializers.MeetingRequestCreateSerializer,
        responses={201: serializers.MeetingRequestSerializer},
        summary="Send a meeting request",
    ),
    accept=extend_schema(
        request=serializers.AcceptSerializer, responses={200: serializers.MeetingSerializer}
    ),
    places=extend_schema(
        responses={200: serializers.PlaceSerializer(many=True)},
        summary="Free times the request's meeting can be booked at (live booking)",
    ),
    decline=extend_schema(
        request=serializers.DeclineSerializer,
        responses={200: serializers.MeetingRequestSerializer},
    ),
    withdraw=extend_schema(request=None, responses={200: serializers.MeetingRequestSerializer}),
)
class MeetingRequestViewSet(
    ScopedViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Meeting requests sent or received by the caller's organisation.

    Every change goes through meetings/services.py, which holds the rules.
    """

    scoped_model = MeetingRequest
    serializer_class = serializers.MeetingRequestSerializer
    permission_classes = [IsDelegateForWrites]
    filterset_class = filters.MeetingRequestFilter
    ordering_fields = ["created_at"]
    write_actions = frozenset({"accept", "decline", "withdraw"})

    def narrow(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("-created_at", "-pk")

    def create(self, request: Request, *args, **kwargs) -> Response:
        body = serializers.MeetingRequestCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        sender = self.caller_delegate()
        recipient = (
            scoped(Organisation, user=request.user, forum=request_forum(request))
            .filter(pk=body.validated_data["recipient_organisation"])
            .first()
        )
        if recipient is None:
            raise NotFound("No such organisation.")
        options = {k: v for k, v in body.validated_data.items() if k != "recipient_organisation"}
        if "priority" in options:
            options["priority"] = int(options["priority"])
        if options.get("about") is not None:
            # Only an item the caller may see is found; the service checks requesting.
            options["about"] = (
                scoped(CooperationProfile, user=request.user, forum=request_forum(request))
                .filter(pk=options["about"], organisation=recipient, is_active=True)
                .first()
            )
            if options["about"] is None:
                raise NotFound("No such offer or need.")
        else:
            options.pop("about", None)
        sent = meeting_services.meeting_request_send(
            sender=sender, recipient_organisation=recipient, **options
        )
        return Response(self.get_serializer(sent).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        meeting_request, responder = self.get_object(), self.caller_delegate()
        # The slot comes in a JSON body; a bodyless accept (as before live booking) has none.
        has_json = request.content_type.startswith("application/json")
        body = serializers.AcceptSerializer(data=request.data if has_json else {})
        body.is_valid(raise_exception=True)
        slot = None
        if body.validated_data.get("slot") is not None:
            slot = (
                forum_slots(forum=request_forum(request))
                .filter(pk=body.validated_data["slot"])
                .first()
            )
            if slot is None:
                raise ValidationError({"slot": ["No such slot in this forum."]})
        meeting = meeting_services.meeting_request_accept(
            meeting_request=meeting_request, responder=responder, slot=slot
        )
        return Response(serializers.MeetingSerializer(meeting).data)

    @action(detail=True, methods=["get"])
    def places(self, request: Request, pk: str | None = None) -> Response:
        meeting_request = self.get_object()
        delegate = self.caller_delegate()
        if (
            not request_forum(request).live_booking
            or meeting_request.recipient_organisation_id != delegate.organisation_id
        ):
            raise NotFound("No free times to book for this request.")
        places = meeting_services.meeting_request_places(
            meeting_request=meeting_request, responder=delegate
        )
        rows = [{"slot": slot, "table": table} for slot, table in places]
        return Response(serializers.PlaceSerializer(rows, many=True).data)

    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        body = serializers.DeclineSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        declined = meeting_services.meeting_request_decline(
            meeting_request=self.get_object(),
            responder=self.caller_delegate(),
            reason=body.validated_data.get("reason", ""),
        )
        return Response(self.get_serializer(declined).data)

    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        withdrawn = meeting_services.meeting_request_withdraw(
            meeting_request=self.get_object(), delegate=self.caller_delegate()
        )
        return Response(self.get_serializer(withdrawn).data)


class MeetingViewSet(ScopedViewMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings of the caller's organisation (organisers: every meeting of the forum)."""

    scoped_model = Meeting
    serializer_class = serializers.MeetingSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = filters.MeetingFilter

    def narrow(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("slot", "table").order_by("slot__starts_at", "pk")


class AgendaViewSet(ScopedViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's own placed meetings, in time order."""

    scoped_model = Meeting
    serializer_class = serializers.MeetingSerializer
    permission_classes = [IsDelegate]
    filter_backends: list = []

    def narrow(self, queryset: QuerySet) -> QuerySet:
        delegate = self.caller_delegate()
        return (
            queryset.filter(takes_part(delegate))
            .filter(status__in=[MeetingStatus.SCHEDULED, MeetingStatus.HELD])
            .select_related("slot", "table")
            .order_by("slot__starts_at", "pk")
        )

    def list(self, request: Request, *args, **kwargs) -> Response:
        # The serializer's JSON, written from values() rows (api/representations.py).
        rows = meeting_rows(self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(rows)
        if page is not None:
            return self.get_paginated_response(meetings_data(page))
        return Response(meetings_data(rows))


@extend_schema_view(
    list=extend_schema(summary="The caller's organisation's recommendations, best first"),
    retrieve=extend_schema(summary="One recommendation of the caller's organisation"),
    dismiss=extend_schema(
        request=None,
        responses={201: serializers.DismissalSerializer},
        summary="Not interested: never recommend this organisation again (undo: DELETE "
        "the dismissal)",
    ),
)
class RecommendationViewSet(
    ScopedViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """ "You may want to meet": the stored recommendations of the caller's organisation.

    The same rows and explanation as the web page (recommendations/selectors.py):
    dismissed and no-longer-visible counterparts are left out. Delegates of an
    organisation that is not approved get an empty list.
    """

    scoped_model = Recommendation
    serializer_class = serializers.RecommendationSerializer
    permission_classes = [IsDelegate]
    filter_backends: list = []
    write_actions = frozenset({"dismiss"})

    def narrow(self, queryset: QuerySet) -> QuerySet:
        organisation = self.caller_delegate().organisation
        return recommendations_for(organisation=organisation, within=queryset).select_related(
            "organisation"
        )

    def list(self, request: Request, *args, **kwargs) -> Response:
        # The serializer's JSON, written without its field objects (api/representations.py).
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        if page is not None:
            return self.get_paginated_response(recommendations_data(list(page), request=request))
        return Response(recommendations_data(list(queryset), request=request))

    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        recommendation = self.get_object()
        dismissal = dismissal_create(
            delegate=self.caller_delegate(), counterpart=recommendation.counterpart
        )
        return Response(
            serializers.DismissalSerializer(dismissal).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(summary="Organisations the caller's organisation is not interested in"),
    retrieve=extend_schema(summary="One dismissal of the caller's organisation"),
    destroy=extend_schema(summary="Undo: the organisation may be recommended again"),
)
class DismissalViewSet(
    ScopedViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """ "Not interested" marks of the caller's organisation; deleting one undoes it."""

    scoped_model = Dismissal
    serializer_class = serializers.DismissalSerializer
    permission_classes = [IsDelegate]
    filter_backends: list = []
    write_actions = frozenset({"destroy"})

    def narrow(self, queryset: QuerySet) -> QuerySet:
        organisation = self.caller_delegate().organisation
        return (
            dismissed_by(organisation=organisation, within=queryset)
            .prefetch_related("counterpart__tracks")
            .order_by("-created_at", "-pk")
        )

    def perform_destroy(self, instance: Dismissal) -> None:
        dismissal_undo(delegate=self.caller_delegate(), counterpart=instance.counterpart)


class ScheduleVersionViewSet(viewsets.ReadOnlyModelViewSet):
    """Published schedule versions of the current forum (organisers)."""

    serializer_class = serializers.ScheduleVersionSerializer
    lookup_value_regex = "[0-9]+"
    permission_classes = [IsOrganiser]
    filter_backends: list = []

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return ScheduleVersion.objects.none()
        return ScheduleVersion.objects.filter(forum=request_forum(self.request)).order_by("-number")


class SchedulingRunViewSet(viewsets.ReadOnlyModelViewSet):
    """Scheduling runs of the current forum (organisers). Starting runs: see the console."""

    serializer_class = serializers.SchedulingRunSerializer
    lookup_value_regex = "[0-9]+"
    permission_classes = [IsOrganiser]
    filter_backends: list = []

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return SchedulingRun.objects.none()
        return SchedulingRun.objects.filter(forum=request_forum(self.request)).order_by(
            "-created_at", "-pk"
        )


class ProfileViewLogViewSet(ScopedViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Who looked at the caller's organisation (organisers: the whole audit log)."""

    scoped_model = AuditEntry
    serializer_class = serializers.AuditEntrySerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list = []

    def narrow(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("actor_organisation").order_by("-created_at", "-pk")


class TokenView(APIView):
    """Exchange an e-mail address and password for an API token (shown once)."""

    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes = [SignInThrottle]

    @extend_schema(
        request=serializers.TokenRequestSerializer,
        responses={201: serializers.TokenResponseSerializer},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        body = serializers.TokenRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=body.validated_data["email"],
            password=body.validated_data["password"],
        )
        if user is None:
            raise PermissionDenied("Wrong e-mail address or password, or too many attempts.")
        device = totp_confirmed_device(user=user)
        if device is not None and not device.verify_token(body.validated_data.get("otp", "")):
            raise PermissionDenied("This account has a second factor: give the code (otp).")
        token, raw = api_token_create(
            user=user,
            name=body.validated_data.get("name", ""),
            scope=body.validated_data["scope"],
            days=body.validated_data["expires_in_days"],
        )
        return Response(
            {
                "token": raw,
                "prefix": token.prefix,
                "scope": token.scope,
                "expires_at": token.expires_at,
            },
            status=status.HTTP_201_CREATED,
        )


@extend_schema_view(
    list=extend_schema(summary="The caller's own API tokens (never the secret itself)"),
    destroy=extend_schema(summary="Revoke one of the caller's own tokens"),
    current=extend_schema(
        request=None,
        responses={204: None},
        summary="Revoke the token this request is authenticated with (sign out)",
    ),
)
class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """A user's API tokens. Tokens belong to a person, not an organisation: everyone sees
    and revokes only their own; another person's token is not found."""

    serializer_class = serializers.ApiTokenSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list = []
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return api_tokens_of(user=self.request.user)

    def perform_destroy(self, instance: ApiToken) -> None:
        api_token_revoke(token=instance)

    @action(detail=False, methods=["delete"])
    def current(self, request: Request) -> Response:
        token = request.auth
        if not isinstance(token, ApiToken):
            raise ValidationError({"detail": _("This request was not made with an API token.")})
        api_token_revoke(token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)
