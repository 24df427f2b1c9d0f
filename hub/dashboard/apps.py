from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "hub.dashboard"
    label = "dashboard"
    verbose_name = _("Inicio por rol")

    def ready(self):
        from . import inbox

        inbox.register_all()
