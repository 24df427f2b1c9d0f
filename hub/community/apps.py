from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "hub.community"
    label = "community"
    verbose_name = _("Comunidad de práctica")

    def ready(self):
        from hub.core.privacy import register_personal_data
        from hub.core.registry import register_inbox, register_search
        from hub.notifications.kinds import register_kind

        from .models import Answer, Question, Report
        from .selectors import moderation_inbox, search_questions

        register_kind("community_answer", _("Nueva respuesta en una pregunta que sigue"), email=True)
        register_kind("community_accepted", _("Su respuesta fue aceptada"), email=True)
        register_kind("community_new_question", _("Nueva pregunta en un desafío que sigue"), email=False)
        register_kind("community_hidden", _("Una publicación suya fue ocultada por moderación"), email=True)
        register_kind("community_report", _("Reporte de abuso en la comunidad (equipo)"), email=True)
        register_kind("weekly_digest", _("Resumen semanal"), email=True)
        register_search(search_questions)
        register_inbox(moderation_inbox)
        # Ley 21.719: what a person writes in the community is their personal data.
        register_personal_data(Question, ["title", "body", "body_html", "search_text"], person_lookup="author")
        register_personal_data(Answer, ["body", "body_html"], person_lookup="author")
        register_personal_data(Report, ["detail"], person_lookup="reporter")
