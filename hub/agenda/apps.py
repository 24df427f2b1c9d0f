from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "hub.agenda"
    label = "agenda"
    verbose_name = _("Incidencia y posicionamiento")

    def ready(self):
        from hub.core.privacy import register_personal_data
        from hub.core.registry import register_evidence, register_search

        from .models import Participation
        from .selectors import participation_evidence, search_items

        register_evidence(
            "articulacion", "agenda_participation", _("Participación en agendas públicas"), participation_evidence
        )
        register_search(search_items)
        # The names of the staff who represented the Hub in a public session.
        register_personal_data(Participation, ["represented_by"], person_lookup=None)
