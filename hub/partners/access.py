"""Who sees and who changes the articulación: the one place that decides.

Reading: organisations and projects are public; signed agreements (firmado, vigente, finalizado,
terminado) are public, a draft is visible to Hub staff and to partners whose organisation is one of
its parties (anyone else gets a 404, so a draft does not reveal it exists); working groups are seen by
staff, their members and partners of a member organisation; an organisation's contact person only by
staff and its own members.
Writing: only Hub staff create and change organisations, agreements, working groups and projects
(a partner proposes, the Hub records); who may sign an agreement is ``can_sign_agreement``.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff, is_member_of_organization, is_partner

from .models import (
    PUBLISHED_STATUSES,
    AgreedAction,
    Agreement,
    AgreementParty,
    AgreementStatus,
    AgreementTransfer,
    Organization,
    Project,
    WorkingGroup,
    WorkingGroupSession,
)

# Writing ----------------------------------------------------------------------------------------------------------


def can_manage_partners(user) -> bool:
    """Organisations, agreements, working groups and projects are recorded by the Hub team."""
    return is_hub_staff(user)


def can_sign_agreement(user, agreement: Agreement) -> bool:
    """Only Hub staff marks an agreement as signed (and uploads the signed PDF)."""
    return is_hub_staff(user)


def require_manage_partners(user) -> None:
    if not can_manage_partners(user):
        raise PermissionDenied(_("Solo el equipo del Hub registra organizaciones, convenios, mesas y proyectos."))


def require_sign_agreement(user, agreement: Agreement) -> None:
    if not can_sign_agreement(user, agreement):
        raise PermissionDenied(_("Solo el equipo del Hub puede marcar un convenio como firmado."))


# Organisations ----------------------------------------------------------------------------------------------------


def organizations_for_user(user) -> QuerySet[Organization]:
    """The directory is public."""
    return Organization.objects.select_related("comuna")


def access_organization(user, pk: int, *, write: bool = False) -> Organization:
    organization = organizations_for_user(user).filter(pk=pk).first()
    if organization is None:
        raise Http404(_("No existe esa organización."))
    if write:
        require_manage_partners(user)
    return organization


def can_see_contact(user, organization: Organization) -> bool:
    if is_hub_staff(user):
        return True
    if is_member_of_organization(user, organization):
        return True
    return False


# Agreements -------------------------------------------------------------------------------------------------------


def with_agreement_details(qs: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """Parties, transfers and their organisations in a fixed number of queries, whatever the number of rows."""
    return qs.prefetch_related(
        Prefetch("parties", queryset=AgreementParty.objects.select_related("organization")),
        "transfers__payer",
        "transfers__payee",
    )


def published_agreements() -> QuerySet[Agreement]:
    """The public register: what the transparency page, the CSV and the API show to anyone."""
    return with_agreement_details(Agreement.objects.filter(status__in=PUBLISHED_STATUSES))


def can_see_drafts(user) -> bool:
    """Staff sees every draft; a partner sees the drafts where their organisation is a party."""
    return is_hub_staff(user) or is_partner(user)


def agreements_for_user(user) -> QuerySet[Agreement]:
    """Every agreement the user may see: the public ones, plus drafts where they have a say."""
    visible = Q(status__in=PUBLISHED_STATUSES)
    if is_hub_staff(user):
        visible |= Q(status=AgreementStatus.BORRADOR)
    elif is_partner(user):
        visible |= Q(status=AgreementStatus.BORRADOR, parties__organization_id=user.organization_id)
    ids = Agreement.objects.filter(visible).values("pk")
    return with_agreement_details(Agreement.objects.filter(pk__in=ids))


def access_agreement(user, pk: int, *, write: bool = False, queryset: QuerySet[Agreement] | None = None) -> Agreement:
    """The agreement if the user may see it; a 404 otherwise, so drafts do not reveal they exist.

    ``queryset`` narrows further (e.g. the API passes the published register so drafts never leave).
    """
    qs = agreements_for_user(user)
    if queryset is not None:
        qs = queryset.filter(pk__in=qs.values("pk"))
    agreement = qs.filter(pk=pk).first()
    if agreement is None:
        raise Http404(_("No existe un convenio público con ese número."))
    if write:
        require_manage_partners(user)
    return agreement


def access_agreement_party(user, agreement_pk: int, party_pk: int) -> AgreementParty:
    agreement = access_agreement(user, agreement_pk, write=True)
    party = agreement.parties.filter(pk=party_pk).select_related("organization", "agreement").first()
    if party is None:
        raise Http404(_("Esa organización no es parte de este convenio."))
    return party


def access_agreement_transfer(user, agreement_pk: int, transfer_pk: int) -> AgreementTransfer:
    agreement = access_agreement(user, agreement_pk, write=True)
    transfer = agreement.transfers.filter(pk=transfer_pk).select_related("agreement").first()
    if transfer is None:
        raise Http404(_("Ese monto no pertenece a este convenio."))
    return transfer


# Working groups ---------------------------------------------------------------------------------------------------


def working_groups_for_user(user) -> QuerySet[WorkingGroup]:
    if not getattr(user, "is_authenticated", False):
        return WorkingGroup.objects.none()
    if is_hub_staff(user):
        return WorkingGroup.objects.all()
    visible = Q(members__user=user)
    if is_partner(user):
        visible |= Q(organizations__id=user.organization_id)
    ids = WorkingGroup.objects.filter(visible).values("pk")
    return WorkingGroup.objects.filter(pk__in=ids)


def access_working_group(user, pk: int, *, write: bool = False) -> WorkingGroup:
    group = working_groups_for_user(user).filter(pk=pk).first()
    if group is None:
        raise Http404(_("No existe esa mesa técnica o no forma parte de ella."))
    if write:
        require_manage_partners(user)
    return group


def access_session(user, pk: int, *, write: bool = False) -> WorkingGroupSession:
    session = WorkingGroupSession.objects.select_related("group").filter(pk=pk).first()
    if session is None or not working_groups_for_user(user).filter(pk=session.group_id).exists():
        raise Http404(_("No existe esa sesión de mesa técnica."))
    if write:
        require_manage_partners(user)
    return session


def access_action(user, pk: int, *, write: bool = False) -> AgreedAction:
    action = AgreedAction.objects.select_related("session__group").filter(pk=pk).first()
    if action is None or not working_groups_for_user(user).filter(pk=action.session.group_id).exists():
        raise Http404(_("No existe ese acuerdo de mesa técnica."))
    if write:
        require_manage_partners(user)
    return action


# Projects ---------------------------------------------------------------------------------------------------------


def projects_for_user(user) -> QuerySet[Project]:
    """Collaborative projects are public."""
    return Project.objects.prefetch_related("organizations", "comunas")


def access_project(user, pk: int, *, write: bool = False) -> Project:
    project = projects_for_user(user).filter(pk=pk).first()
    if project is None:
        raise Http404(_("No existe ese proyecto."))
    if write:
        require_manage_partners(user)
    return project
