from django.urls import path

from . import views

app_name = "badges"
urlpatterns = [
    path("badge.pdf", views.own_badge_pdf, name="own"),
]
