from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("matchforum.core.urls")),
    path("accounts/", include("matchforum.accounts.urls")),
    path("console/", include("matchforum.console.urls")),
    path("outcomes/", include("matchforum.outcomes.urls")),
    path("admin/", admin.site.urls),
]
