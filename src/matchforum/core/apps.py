from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "matchforum.core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from matchforum.core import directory_signals, task_log
        from matchforum.core.language import remember_language_at_sign_in

        directory_signals.connect()
        task_log.connect()
        user_logged_in.connect(remember_language_at_sign_in, dispatch_uid="remember_language")
