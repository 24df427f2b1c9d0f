from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoryConfig(AppConfig):
    name = "hub.observatory"
    label = "observatory"
    verbose_name = _("Observatorio")

    def ready(self):
        from hub.core.registry import register_comuna_section

        from .views import comuna_section

        # After the territory's own blocks, before other apps' activity sections.
        register_comuna_section(comuna_section, order=20)
