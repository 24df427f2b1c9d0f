from django.contrib import admin

from .models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "actor_type", "comuna", "is_demo"]
    list_filter = ["actor_type", "is_demo"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["comuna"]
