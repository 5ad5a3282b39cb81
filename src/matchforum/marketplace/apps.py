from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "matchforum.marketplace"
    verbose_name = "Marketplace"
