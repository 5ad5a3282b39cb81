from django.apps import AppConfig


class BadgesConfig(AppConfig):
    name = "matchforum.badges"
    verbose_name = "Badges"
