from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("status/", views.status, name="status"),
    path("details/", views.details, name="details"),
    path("delegates/", views.delegates, name="delegates"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke_view, name="invitation_revoke"),
    path("availability/", views.availability, name="availability"),
]
