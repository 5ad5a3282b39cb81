from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "matchforum.forums"
    verbose_name = "Forums"
