from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "matchforum.meetings"
    verbose_name = "Meetings"
