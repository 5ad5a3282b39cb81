from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("matchforum.core.urls")),
    path("", include("matchforum.operations.urls")),
    path("accounts/", include("matchforum.accounts.urls")),
    path("console/", include("matchforum.console.urls")),
    path("outcomes/", include("matchforum.outcomes.urls")),
    path("organisation/", include("matchforum.organisations.urls")),
    path("marketplace/", include("matchforum.marketplace.urls")),
    path("annexes/", include("matchforum.annexes.urls")),
    path("meetings/", include("matchforum.meetings.urls")),
    path("recommendations/", include("matchforum.recommendations.urls")),
    path("agenda/", include("matchforum.agenda.urls")),
    path("badge/", include("matchforum.badges.urls")),
    path("notifications/", include("matchforum.notifications.urls")),
    path("coalitions/", include("matchforum.community.urls")),
    path("news/", include("matchforum.news.urls")),
    path("training/", include("matchforum.training.urls")),
    path("accounts/my-data/", include("matchforum.privacy.urls")),
    path("accounts/two-factor/", include("matchforum.twofactor.urls")),
    path("audit/", include("matchforum.audit.urls")),
    path("api/", include("matchforum.api.urls")),
    path("admin/", admin.site.urls),
]
