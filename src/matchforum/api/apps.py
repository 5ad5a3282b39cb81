from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "matchforum.api"
    verbose_name = "REST API"
