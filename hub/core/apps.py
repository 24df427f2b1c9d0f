from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hub.core"
    label = "core"
    verbose_name = _("Núcleo")

    def ready(self):
        # Every model of every hub.* app gets an audit trail (see hub/core/audit.py for the exceptions).
        # All models are imported before any ready() runs, so apps listed after core are covered too.
        from hub.core.audit import register_all
        from hub.core.privacy import declare_known_fields

        register_all()
        from hub.core.page_cache import connect_signals

        connect_signals()
        declare_known_fields()
