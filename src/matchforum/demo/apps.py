from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "matchforum.demo"
    verbose_name = "Demo"
