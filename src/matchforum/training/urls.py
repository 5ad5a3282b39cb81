from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.programme_list, name="programmes"),
    path("describe/", views.programme_describe, name="describe"),
    path("<int:pk>/", views.programme_detail, name="programme"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
]
