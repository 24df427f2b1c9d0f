from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hub.accounts"
    label = "accounts"
    verbose_name = _("Cuentas y roles")

    def ready(self):
        from hub.accounts.admin_site import secure_admin_login
        from hub.accounts.models import User
        from hub.core.privacy import register_personal_data

        register_personal_data(
            User, ["username", "first_name", "last_name", "email", "phone", "position"], person_lookup=""
        )
        secure_admin_login()
