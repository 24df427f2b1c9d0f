from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "hub.partners"
    label = "partners"
    verbose_name = _("Articulación")

    def ready(self):
        from hub.notifications.kinds import register_kind

        register_kind("agreement_expiring", _("Un convenio vence pronto"))
        from hub.core.privacy import declare_not_personal, register_personal_data
        from hub.core.registry import register_comuna_section

        from .models import Organization
        from .sections import comuna_section

        register_comuna_section(comuna_section, order=60)
        # Ley 21.719: an organisation keeps one contact person (name, e-mail, phone), found by e-mail.
        register_personal_data(Organization, ["contact_name", "contact_email", "contact_phone"], person_lookup=None)
        declare_not_personal(Organization, ["rut"], "RUT de la organización (persona jurídica), no de una persona.")
