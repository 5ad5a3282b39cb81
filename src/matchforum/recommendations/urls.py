from django.urls import path

from . import views

app_name = "recommendations"
urlpatterns = [
    path("", views.recommendation_list, name="list"),
    path("<int:organisation_pk>/not-interested/", views.dismiss, name="dismiss"),
    path("<int:organisation_pk>/undo/", views.undismiss, name="undismiss"),
]
