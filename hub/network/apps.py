from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "hub.network"
    label = "network"
    verbose_name = _("Red de municipios")

    def ready(self):
        from hub.notifications.kinds import register_kind

        register_kind("review_requested", _("Una experiencia o solución espera su revisión"))
        register_kind("practice_returned", _("Su experiencia fue devuelta con observaciones"))
        register_kind("practice_published", _("Su experiencia fue publicada"))
        register_kind("event_seat_offered", _("Se liberó un cupo para usted en un evento"))
        from hub.core.privacy import register_personal_data
        from hub.core.registry import register_comuna_section

        from .models import Practice, Registration
        from .sections import comuna_network_section

        register_comuna_section(comuna_network_section, order=70)
        # Ley 21.719: the contact of a practice may be a named official; registrants are people found by e-mail.
        register_personal_data(Practice, ["contact_name", "contact_email"], person_lookup="author")
        register_personal_data(Registration, ["name", "email"], person_lookup=None)
