from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("profiles", views.ProfileViewSet, basename="profile")
router.register("meeting-requests", views.MeetingRequestViewSet, basename="meeting-request")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agenda", views.AgendaViewSet, basename="agenda")
router.register("schedules", views.ScheduleVersionViewSet, basename="schedule")
router.register("scheduling-runs", views.SchedulingRunViewSet, basename="scheduling-run")
router.register("profile-views", views.ProfileViewLogViewSet, basename="profile-view")
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
router.register("auth/tokens", views.ApiTokenViewSet, basename="token")
router.register("dismissals", views.DismissalViewSet, basename="dismissal")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/auth/token/", views.TokenView.as_view(), name="token"),
    path("v1/", include(router.urls)),
]
