from django.contrib import admin

from .models import (
    AgreedAction,
    Agreement,
    AgreementParty,
    AgreementTransfer,
    Organization,
    Project,
    WorkingGroup,
    WorkingGroupMember,
    WorkingGroupSession,
)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "actor_type", "kind", "rut", "country", "comuna", "is_demo"]
    list_filter = ["actor_type", "kind", "is_demo"]
    search_fields = ["name", "short_name", "rut"]
    autocomplete_fields = ["comuna"]


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    autocomplete_fields = ["organization"]


class AgreementTransferInline(admin.TabularInline):
    model = AgreementTransfer
    extra = 0
    autocomplete_fields = ["payer", "payee"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "start_date", "end_date", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["title", "purpose"]
    # Status changes go through the services (transition map, document check), not the admin.
    readonly_fields = ["status", "signed_on", "created_by", "created_at", "updated_at"]
    inlines = [AgreementPartyInline, AgreementTransferInline]
    filter_horizontal = ["projects"]


@admin.register(AgreementParty)
class AgreementPartyAdmin(admin.ModelAdmin):
    list_display = ["agreement", "organization", "role"]
    autocomplete_fields = ["agreement", "organization"]


@admin.register(AgreementTransfer)
class AgreementTransferAdmin(admin.ModelAdmin):
    list_display = ["agreement", "payer", "payee", "amount_clp", "concept"]
    autocomplete_fields = ["agreement", "payer", "payee"]


class MemberInline(admin.TabularInline):
    model = WorkingGroupMember
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "is_demo"]
    search_fields = ["name"]
    filter_horizontal = ["organizations"]
    inlines = [MemberInline]


@admin.register(WorkingGroupMember)
class WorkingGroupMemberAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "organization", "role"]


class ActionInline(admin.TabularInline):
    model = AgreedAction
    extra = 0


@admin.register(WorkingGroupSession)
class WorkingGroupSessionAdmin(admin.ModelAdmin):
    list_display = ["group", "date", "title"]
    inlines = [ActionInline]


@admin.register(AgreedAction)
class AgreedActionAdmin(admin.ModelAdmin):
    list_display = ["description", "owner", "due_date", "done"]
    list_filter = ["done"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "budget_clp", "start_date", "end_date", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["name"]
    filter_horizontal = ["organizations", "comunas"]
