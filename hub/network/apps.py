from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "hub.network"
    label = "network"
    verbose_name = _("Red de municipios")

    def ready(self):
        from hub.core.registry import register_comuna_section

        from .sections import comuna_network_section

        register_comuna_section(comuna_network_section, order=70)
