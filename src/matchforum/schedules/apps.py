from django.apps import AppConfig


class SchedulesConfig(AppConfig):
    name = "matchforum.schedules"
    verbose_name = "Schedules"
