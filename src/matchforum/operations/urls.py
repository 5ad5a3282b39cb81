from django.urls import path

from . import views

app_name = "operations"
urlpatterns = [
    path("health/live", views.live, name="health-live"),
    path("health/ready", views.ready, name="health-ready"),
]
