from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "hub.assistance"
    label = "assistance"
    verbose_name = _("Asistencia técnica")

    def ready(self):
        from hub.core.privacy import register_personal_data
        from hub.core.registry import (
            register_comuna_section,
            register_evidence,
            register_inbox,
            register_member_value,
        )
        from hub.notifications.kinds import register_kind

        from . import selectors
        from .models import Engagement, TeamMember
        from .sections import comuna_section

        register_comuna_section(comuna_section, order=75)
        register_evidence("cobertura", "assistance_closed", _("Asistencias técnicas cerradas"),
                          selectors.evidence_closed)
        register_evidence("impacto", "recommendation_implemented", _("Recomendaciones implementadas"),
                          selectors.evidence_implemented)
        register_member_value(selectors.member_value)
        register_inbox(selectors.inbox_items)
        register_kind("assistance_request_received", _("Nueva solicitud de asistencia técnica"))
        register_kind("assistance_proposal_sent", _("Propuesta de asistencia técnica para revisar"))
        register_kind("assistance_proposal_decided", _("Decisión del cliente sobre una propuesta"))
        register_kind("assistance_milestone_review", _("Hito de asistencia técnica para revisar"))
        register_kind("assistance_milestone_decided", _("Decisión del cliente sobre un hito"))
        register_kind("assistance_scope_change", _("Cambio de alcance por decidir"))
        register_kind("assistance_report_final", _("Informe final de asistencia técnica"))
        register_kind("assistance_review_due", _("Revisión de avance de recomendaciones"))
        # Ley 21.719: the request's contact is a named person; conflicts of interest are about a team member.
        register_personal_data(Engagement, ["contact_name", "contact_email", "contact_phone"],
                               person_lookup="requested_by")
        register_personal_data(TeamMember, ["conflict_description"], person_lookup="user")
