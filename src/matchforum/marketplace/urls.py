from django.urls import path

from . import views

app_name = "marketplace"
urlpatterns = [
    path("", views.search, name="search"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("mine/", views.my_profiles, name="my_profiles"),
    path("mine/preview/", views.preview, name="preview"),
    path("mine/new/", views.profile_new, name="profile_new"),
    path("mine/<int:pk>/", views.profile_edit, name="profile_edit"),
    path("mine/<int:pk>/delete/", views.profile_remove, name="profile_delete"),
]
