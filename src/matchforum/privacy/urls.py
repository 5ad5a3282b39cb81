from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.my_data, name="my-data"),
    path("export/", views.my_data_export, name="export"),
]
