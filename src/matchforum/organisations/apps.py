from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "matchforum.organisations"
    verbose_name = "Organisations"
