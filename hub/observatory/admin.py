from django.contrib import admin

from .models import ImportRun, Indicator, Observation, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["code", "institution", "dataset", "licence"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_es", "theme", "unit", "periodicity", "aggregation", "source"]
    list_filter = ["theme", "periodicity", "aggregation"]
    search_fields = ["code", "name_es", "name_en"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "comuna", "period", "dimension", "value", "lower", "upper", "numerator", "denominator"]
    list_filter = ["indicator"]
    search_fields = ["comuna__name", "comuna__cut"]
    raw_id_fields = ["comuna", "import_run"]
    list_select_related = ["indicator", "comuna"]
    show_full_result_count = False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "started_at", "importer", "file_name", "dry_run", "status", "rows_read", "rows_loaded", "rows_unchanged",
        "rows_rejected",
    ]
    list_filter = ["importer", "status"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]
