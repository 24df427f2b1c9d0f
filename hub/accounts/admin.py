from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "role", "organization", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    filter_horizontal = ["comunas", "groups", "user_permissions"]
    autocomplete_fields = ["organization"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Rol en el Hub"), {"fields": ["role", "comunas", "organization", "position", "phone"]}),
        (_("Datos personales y auditoría (Ley 21.719)"), {"fields": ["privacy_tools"]}),
    )
    readonly_fields = ["privacy_tools"]

    @admin.display(description=_("Herramientas"))
    def privacy_tools(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        export = reverse("core:privacy_export") + f"?username={obj.username}"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            export, _("Exportar sus datos (JSON)"),
            reverse("core:privacy_erase", args=[obj.pk]), _("Anonimizar a petición de la persona"),
            reverse("core:audit_object", args=["accounts", "user", obj.pk]), _("Ver auditoría"),
        )
