from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnexesConfig(AppConfig):
    name = "matchforum.annexes"
    verbose_name = _("Technical annexes under NDA")
