from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("matchforum.core.urls")),
    path("accounts/", include("matchforum.accounts.urls")),
    path("coalitions/", include("matchforum.community.urls")),
    path("news/", include("matchforum.news.urls")),
    path("training/", include("matchforum.training.urls")),
    path("admin/", admin.site.urls),
]
