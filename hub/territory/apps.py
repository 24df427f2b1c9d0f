from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "hub.territory"
    label = "territory"
    verbose_name = _("Territorio")

    def ready(self):
        from hub.core.registry import register_home_context

        from .selectors import home_summary

        register_home_context(home_summary)
