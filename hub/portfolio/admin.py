"""Back office. The reference lists (work lines, challenges, kinds, typologies) are code, not rows: no admin page
edits them. Staff add sub-themes, units, criteria, solutions and library items here or through the app pages."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import (
    EcosystemUnit,
    LibraryItem,
    QualityCriterion,
    Review,
    ServiceModel,
    Solution,
    Subscription,
    SubTheme,
    UnitProduct,
    UnitRelation,
)


@admin.register(SubTheme)
class SubThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "challenge", "is_demo"]
    list_filter = ["challenge"]
    search_fields = ["name"]


class UnitProductInline(admin.TabularInline):
    model = UnitProduct
    extra = 0


class UnitRelationInline(admin.TabularInline):
    model = UnitRelation
    fk_name = "source"
    extra = 0


@admin.register(EcosystemUnit)
class EcosystemUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "responsible", "is_demo"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitProductInline, UnitRelationInline]


@admin.register(UnitProduct)
class UnitProductAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "kind", "work_line", "challenge"]
    list_filter = ["kind", "work_line", "challenge"]


@admin.register(UnitRelation)
class UnitRelationAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "target"]
    list_filter = ["kind"]


@admin.register(QualityCriterion)
class QualityCriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active", "order"]
    list_editable = ["is_active", "order"]


class ServiceModelInline(admin.StackedInline):
    model = ServiceModel
    extra = 0


@admin.register(Solution)
class SolutionAdmin(admin.ModelAdmin):
    """Status is read-only here: it changes only through the review services (transition map)."""

    list_display = ["title", "status", "work_line", "challenge", "kind", "owner_unit", "is_demo"]
    list_filter = ["status", "work_line", "challenge", "kind"]
    search_fields = ["title", "summary"]
    readonly_fields = ["status", "submitted_at", "published_at", "retired_at", "created_at", "updated_at"]
    inlines = [ServiceModelInline]


@admin.register(ServiceModel)
class ServiceModelAdmin(admin.ModelAdmin):
    list_display = ["solution", "typology"]
    list_filter = ["typology"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Review history is evidence: readable, never edited."""

    list_display = ["solution", "criterion", "reviewer", "verdict", "created_at"]
    list_filter = ["verdict", "criterion"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LibraryItem)
class LibraryItemAdmin(admin.ModelAdmin):
    """Files are added through the library upload page, which checks size and content."""

    list_display = ["title", "kind", "year", "work_line", "challenge", "is_premium", "is_demo"]
    list_filter = ["kind", "work_line", "challenge", "is_premium", "year"]
    search_fields = ["title", "authors"]
    exclude = ["file"]
    readonly_fields = ["download", "file_size", "created_by", "created_at"]
    filter_horizontal = ["comunas", "regions"]

    @admin.display(description=_("archivo PDF"))
    def download(self, obj):
        # Files have no public URL: link to the download view, which checks access.
        return format_html('<a href="{}">{}</a>', obj.download_url, _("Descargar")) if obj.file else "—"

    def save_model(self, request, obj, form, change):
        from .services import library_item_update

        if change:
            library_item_update(acting_user=request.user, item=obj, data={})
        else:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        from .search import fts_sync

        fts_sync(form.instance)

    def delete_model(self, request, obj):
        from .services import library_item_delete

        library_item_delete(acting_user=request.user, item=obj)

    def delete_queryset(self, request, queryset):
        from .services import library_item_delete

        for obj in queryset:
            library_item_delete(acting_user=request.user, item=obj)


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "valid_until", "is_demo"]
    search_fields = ["user__username", "user__email"]
