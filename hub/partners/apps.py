from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "hub.partners"
    label = "partners"
    verbose_name = _("Articulación")

    def ready(self):
        from hub.core.registry import register_comuna_section

        from .sections import comuna_section

        register_comuna_section(comuna_section, order=60)
