from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "matchforum.agenda"
    verbose_name = "Agenda"
