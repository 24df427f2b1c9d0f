from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoryConfig(AppConfig):
    name = "hub.observatory"
    label = "observatory"
    verbose_name = _("Observatorio")

    def ready(self):
        from hub.notifications.kinds import register_kind

        register_kind("import_finished", _("Su importación terminó"))
        register_kind("import_failed", _("Su importación no se completó"))
        from hub.core.registry import register_comuna_section

        from .views import comuna_section

        # After the territory's own blocks, before other apps' activity sections.
        register_comuna_section(comuna_section, order=20)
        from hub.core.page_cache import register_version_source

        from .selectors import data_version

        register_version_source(data_version)  # cached pages change when an import changes the figures
        from hub.core.registry import register_boundaries

        from .maps import projected_map

        register_boundaries(projected_map)

        from django.db.models.signals import post_delete, post_save

        from .models import MeasureUnit
        from .units import clear_cache

        post_save.connect(clear_cache, sender=MeasureUnit, dispatch_uid="observatory_units_save")
        post_delete.connect(clear_cache, sender=MeasureUnit, dispatch_uid="observatory_units_delete")
