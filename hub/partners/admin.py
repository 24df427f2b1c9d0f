from django.contrib import admin

from .models import (
    AgreedAction,
    Agreement,
    AgreementParty,
    AgreementStatus,
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


def _is_signed(agreement) -> bool:
    return agreement is not None and agreement.pk is not None and agreement.status != AgreementStatus.BORRADOR


class SignedAgreementReadOnly:
    """Parties and amounts of a signed agreement are part of the public record: read-only once signed."""

    def has_add_permission(self, request, obj=None):
        return not _is_signed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _is_signed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_signed(obj) and super().has_delete_permission(request, obj)


class AgreementPartyInline(SignedAgreementReadOnly, admin.TabularInline):
    model = AgreementParty
    extra = 0
    autocomplete_fields = ["organization"]


class AgreementTransferInline(SignedAgreementReadOnly, admin.TabularInline):
    model = AgreementTransfer
    extra = 0
    autocomplete_fields = ["payer", "payee"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "start_date", "end_date", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["title", "purpose"]
    # Status changes go through the services (transition map, document check), not the admin.
    readonly_fields = ["status", "signed_on", "signed_document", "created_by", "created_at", "updated_at"]
    inlines = [AgreementPartyInline, AgreementTransferInline]
    filter_horizontal = ["projects"]

    def get_readonly_fields(self, request, obj=None):
        if _is_signed(obj):  # a signed agreement is the public record: only the services change it
            return [f.name for f in self.model._meta.fields] + ["projects"]
        return super().get_readonly_fields(request, obj)


# Parties and transfers are edited only inside their agreement (AgreementAdmin's inlines), where a signed
# agreement is read-only: no stand-alone admin for them.


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
