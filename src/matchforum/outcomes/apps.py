from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "matchforum.outcomes"
    verbose_name = "Meeting outcomes"
