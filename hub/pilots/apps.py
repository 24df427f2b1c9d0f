from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "hub.pilots"
    label = "pilots"
    verbose_name = _("Pilotos")

    def ready(self):
        from hub.core.privacy import register_personal_data
        from hub.core.registry import register_evidence
        from hub.notifications.kinds import register_kind

        from . import evidence, services
        from .models import Commitment

        register_kind(services.KIND_COMMITMENT, _("Comuna seleccionada para un piloto: falta su compromiso"))
        register_kind(services.KIND_AMENDMENT, _("Nueva versión del preregistro de un piloto"))
        # The municipal counterpart of a commitment is a named official (Ley 21.719).
        register_personal_data(Commitment, ["counterpart"], person_lookup=None)
        register_evidence("cobertura", "pilot_participation", _("Comunas participantes en pilotos"),
                          evidence.pilot_participation)
        register_evidence("impacto", "pilot_result", _("Resultados de pilotos cerrados"), evidence.pilot_results)
