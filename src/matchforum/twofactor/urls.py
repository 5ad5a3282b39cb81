from django.urls import path

from . import views

app_name = "twofactor"
urlpatterns = [
    path("", views.enrol, name="enrol"),
    path("verify/", views.verify, name="verify"),
]
