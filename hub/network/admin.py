from django.contrib import admin

from .models import Award, AwardCategory, Event, Nomination, Practice, Registration, Replication


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "comuna", "challenge", "status", "published_at", "is_demo"]
    list_filter = ["status", "challenge", "comuna__region", "is_demo"]
    search_fields = ["title", "comuna__name"]
    autocomplete_fields = ["comuna"]
    raw_id_fields = ["author", "reviewed_by"]
    # Status changes go through the services (transition map, StateChange log), never through the admin.
    readonly_fields = ["status", "search_text", "submitted_at", "published_at", "created_at", "updated_at"]
    list_select_related = ["comuna"]


@admin.register(Replication)
class ReplicationAdmin(admin.ModelAdmin):
    list_display = ["practice", "solution", "comuna", "status", "start_date", "end_date", "is_demo"]
    list_filter = ["status", "comuna__region", "is_demo"]
    search_fields = ["practice__title", "comuna__name"]
    autocomplete_fields = ["comuna", "practice"]
    raw_id_fields = ["recorded_by", "solution"]
    readonly_fields = ["status"]
    list_select_related = ["practice", "comuna"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "comuna", "organization", "status", "fee_clp", "attended"]
    readonly_fields = ["status", "fee_clp", "attended"]  # seats, waiting list and attendance: the services
    autocomplete_fields = ["comuna"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "capacity", "fee_member_clp", "fee_non_member_clp", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["title"]
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "comuna", "organization", "status", "fee_clp", "attended"]
    list_filter = ["status", "attended", "event"]
    search_fields = ["name", "email", "comuna__name"]
    autocomplete_fields = ["comuna"]
    raw_id_fields = ["registered_by"]
    readonly_fields = ["status", "fee_clp", "attended"]


class AwardCategoryInline(admin.TabularInline):
    model = AwardCategory
    extra = 0


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "event", "is_demo"]
    inlines = [AwardCategoryInline]


@admin.register(AwardCategory)
class AwardCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "award", "challenge"]
    list_filter = ["award"]
    search_fields = ["name", "award__name"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["practice", "category", "is_winner"]
    list_filter = ["is_winner", "category__award"]
    autocomplete_fields = ["practice", "category"]
