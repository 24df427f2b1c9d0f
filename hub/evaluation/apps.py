from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "hub.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluación")

    def ready(self):
        from hub.notifications.kinds import register_kind

        from .definitions import sync_definitions
        from .sources import register_all

        register_all()
        post_migrate.connect(sync_definitions, sender=self, dispatch_uid="evaluation_sync_definitions")
        register_kind("evaluation_value_batch_done", _("Reportes de valor generados"), email=False)
