from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "matchforum.community"
    verbose_name = _("Coalitions and experience exchange")
