from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "matchforum.recommendations"
    verbose_name = "Recommendations"
