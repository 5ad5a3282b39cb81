from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "matchforum.core"
    verbose_name = "Core"
