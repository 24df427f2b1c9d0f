from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "hub.finance"
    label = "finance"
    verbose_name = _("Membresía y finanzas")

    def ready(self):
        from hub.core.registry import register_inbox
        from hub.notifications.kinds import register_kind

        from .selectors import inbox_items

        register_kind("membership_fee_issued", _("Se emitió la cuota AMUCH de su comuna"), email=True)
        register_inbox(inbox_items)
