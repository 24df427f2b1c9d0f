from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "hub.portfolio"
    label = "portfolio"
    verbose_name = _("Portafolio y biblioteca")

    def ready(self):
        from hub.core.registry import register_comuna_section

        from .sections import comuna_section

        register_comuna_section(comuna_section, order=40)
