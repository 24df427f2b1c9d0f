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

        register_all()
        # Every form's text is cleaned of invisible/bidi characters and capped in length, in one place.
        from hub.core.form_hygiene import install

        install()
        from hub.core.page_cache import connect_signals

        connect_signals()
