from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "hub.notifications"
    label = "notifications"
    verbose_name = _("Notificaciones")

    def ready(self):
        from hub.core.privacy import declare_not_personal, register_personal_data

        from .kinds import register_kind
        from .models import Notification, Preference

        register_kind("test", _("Aviso de prueba"), email=False)
        register_personal_data(Notification, ["title", "body"], person_lookup="recipient")
        declare_not_personal(Preference, ["email"], "Es una casilla (recibir por correo sí/no), no una dirección.")
