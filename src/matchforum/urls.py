from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("matchforum.core.urls")),
    path("accounts/", include("matchforum.accounts.urls")),
    path("accounts/my-data/", include("matchforum.privacy.urls")),
    path("accounts/two-factor/", include("matchforum.twofactor.urls")),
    path("audit/", include("matchforum.audit.urls")),
    path("api/", include("matchforum.api.urls")),
    path("admin/", admin.site.urls),
]
