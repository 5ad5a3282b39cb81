from django.urls import path

from . import views

app_name = "agenda"
urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("agenda.pdf", views.pdf, name="pdf"),
    path("calendar/new/", views.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
