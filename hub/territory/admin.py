from django.contrib import admin

from .models import Comuna, Province, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "abbreviation", "order"]
    ordering = ["order"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(Comuna)
class ComunaAdmin(admin.ModelAdmin):
    list_display = ["cut", "name", "region", "population_2024", "typology", "typology_source", "is_amuch_member"]
    list_filter = ["region", "typology", "typology_source", "is_amuch_member"]
    search_fields = ["name", "search_name", "cut"]
    readonly_fields = ["search_name"]
    list_select_related = ["region"]
