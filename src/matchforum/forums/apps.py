from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "matchforum.forums"
    verbose_name = "Forums"

    def ready(self) -> None:
        from . import signals  # noqa: F401
