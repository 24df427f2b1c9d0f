from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "hub.search"
    label = "search"
    verbose_name = _("Búsqueda del sitio")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import providers
        from .folding import register_sqlite_fold

        connection_created.connect(register_sqlite_fold, dispatch_uid="hub-search-fold")
        providers.register_all()
