from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
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
    )
