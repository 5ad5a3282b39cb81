from django.urls import path

from . import views

app_name = "outcomes"
urlpatterns = [
    path("", views.my_outcomes, name="list"),
    path("<int:pk>/", views.record, name="record"),
    path("survey/<str:token>/", views.survey, name="survey"),
]
