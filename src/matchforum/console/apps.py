from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "matchforum.console"
    verbose_name = "Organiser console"
