from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    name = "matchforum.twofactor"
    verbose_name = "Second factor (TOTP)"
