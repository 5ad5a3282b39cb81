from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "matchforum.notifications"
    verbose_name = "Notifications"
