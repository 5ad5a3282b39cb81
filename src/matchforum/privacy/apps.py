from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "matchforum.privacy"
    verbose_name = "Personal-data rights"
