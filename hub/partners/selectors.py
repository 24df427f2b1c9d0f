"""Reads of the partners app, and the one place that says who may see what.

Agreements: signed ones (firmado, vigente, finalizado, terminado) are public; a draft is visible to Hub
staff and to partners whose organisation is one of its parties. Working groups: staff, people who are
members, and partners of a member organisation. Organisations and projects are public; an
organisation's contact person is shown only to staff and to its own members.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff, is_member_of_organization, is_partner

from .models import (
    PUBLISHED_STATUSES,
    AgreedAction,
    Agreement,
    AgreementParty,
    AgreementStatus,
    Organization,
    Project,
    WorkingGroup,
)

EXPIRING_DAYS = 60

# Organisations ---------------------------------------------------------------------------------------------------


def organization_search(*, q: str = "", actor_type: str = "", kind: str = "") -> QuerySet[Organization]:
    qs = Organization.objects.select_related("comuna")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(rut__icontains=q.replace(".", "")))
    if actor_type:
        qs = qs.filter(actor_type=actor_type)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def access_organization(user, pk: int) -> Organization:
    organization = Organization.objects.select_related("comuna").filter(pk=pk).first()
    if organization is None:
        raise Http404(_("No existe esa organización."))
    return organization


def can_see_contact(user, organization: Organization) -> bool:
    if is_hub_staff(user):
        return True
    if is_member_of_organization(user, organization):
        return True
    return False


# Agreements ------------------------------------------------------------------------------------------------------


def _with_details(qs: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return qs.prefetch_related(
        Prefetch("parties", queryset=AgreementParty.objects.select_related("organization")),
        "transfers__payer",
        "transfers__payee",
    )


def published_agreements() -> QuerySet[Agreement]:
    return _with_details(Agreement.objects.filter(status__in=PUBLISHED_STATUSES))


def agreements_for_user(user) -> QuerySet[Agreement]:
    """Every agreement the user may see: the public ones, plus drafts where they have a say."""
    visible = Q(status__in=PUBLISHED_STATUSES)
    if is_hub_staff(user):
        visible |= Q(status=AgreementStatus.BORRADOR)
    elif is_partner(user):
        visible |= Q(status=AgreementStatus.BORRADOR, parties__organization_id=user.organization_id)
    ids = Agreement.objects.filter(visible).values("pk")
    return _with_details(Agreement.objects.filter(pk__in=ids))


def access_agreement(user, pk: int) -> Agreement:
    """The agreement if the user may see it; a 404 otherwise, so drafts do not reveal they exist."""
    agreement = agreements_for_user(user).filter(pk=pk).first()
    if agreement is None:
        raise Http404(_("No existe un convenio público con ese número."))
    return agreement


def agreement_filter(
    qs: QuerySet[Agreement],
    *,
    q: str = "",
    actor_type: str = "",
    status: str = "",
    year: int | None = None,
    organization: int | None = None,
) -> QuerySet[Agreement]:
    if q:
        matching = Agreement.objects.filter(
            Q(title__icontains=q)
            | Q(purpose__icontains=q)
            | Q(parties__organization__name__icontains=q)
            | Q(parties__organization__short_name__icontains=q)
        ).values("pk")
        qs = qs.filter(pk__in=matching)
    if actor_type:
        qs = qs.filter(pk__in=AgreementParty.objects.filter(organization__actor_type=actor_type).values("agreement"))
    if status:
        qs = qs.filter(status=status)
    if year:
        # In force at some point of that year.
        qs = qs.filter(start_date__year__lte=year, end_date__year__gte=year)
    if organization:
        qs = qs.filter(pk__in=AgreementParty.objects.filter(organization_id=organization).values("agreement"))
    return qs


def agreement_years() -> list[int]:
    years: set[int] = set()
    for start, end in Agreement.objects.filter(status__in=PUBLISHED_STATUSES).values_list("start_date", "end_date"):
        years.update(range(start.year, end.year + 1))
    return sorted(years, reverse=True)


def agreements_expiring(*, today: datetime.date | None = None, days: int = EXPIRING_DAYS) -> QuerySet[Agreement]:
    today = today or timezone.localdate()
    return _with_details(
        Agreement.objects.filter(
            status__in=[AgreementStatus.FIRMADO, AgreementStatus.VIGENTE],
            end_date__gte=today,
            end_date__lte=today + datetime.timedelta(days=days),
        ).order_by("end_date")
    )


def agreement_solutions(user, agreement: Agreement):
    """Linked solutions the user may see, by the portfolio's own access rule (published ones for the public)."""
    from hub.portfolio.selectors import solutions_for_user

    return solutions_for_user(user).filter(agreements=agreement)


@dataclass
class AgreementRow:
    """One agreement as the transparency page, the CSV and the API show it."""

    id: int
    title: str
    purpose: str
    status: str
    status_label: str
    start_date: datetime.date
    end_date: datetime.date
    signed_on: datetime.date | None
    parties: list[dict]
    transfers: list[dict]
    total_amount_clp: int
    is_demo: bool


def agreement_row(agreement: Agreement) -> AgreementRow:
    parties = [
        {
            "organization_id": p.organization_id,
            "organization": p.organization.name,
            "actor_type": p.organization.actor_type,
            "actor_type_label": p.organization.get_actor_type_display(),
            "role": p.role,
            "role_label": p.get_role_display(),
        }
        for p in agreement.parties.all()
    ]
    transfers = [
        {"payer": t.payer.name, "payee": t.payee.name, "amount_clp": t.amount_clp, "concept": t.concept}
        for t in agreement.transfers.all()
    ]
    return AgreementRow(
        id=agreement.pk,
        title=agreement.title,
        purpose=agreement.purpose,
        status=agreement.status,
        status_label=agreement.get_status_display(),
        start_date=agreement.start_date,
        end_date=agreement.end_date,
        signed_on=agreement.signed_on,
        parties=parties,
        transfers=transfers,
        total_amount_clp=sum(t["amount_clp"] for t in transfers),
        is_demo=agreement.is_demo,
    )


# Working groups --------------------------------------------------------------------------------------------------


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


def access_working_group(user, pk: int) -> WorkingGroup:
    group = working_groups_for_user(user).filter(pk=pk).first()
    if group is None:
        raise Http404(_("No existe esa mesa técnica o no forma parte de ella."))
    return group


def overdue_actions(*, today: datetime.date | None = None, group: WorkingGroup | None = None) -> QuerySet[AgreedAction]:
    """Agreed actions whose due date has passed and that are not done."""
    today = today or timezone.localdate()
    qs = AgreedAction.objects.filter(done=False, due_date__lt=today).select_related(
        "session__group", "owner__user", "owner__organization"
    )
    if group is not None:
        qs = qs.filter(session__group=group)
    return qs.order_by("due_date")


# Projects --------------------------------------------------------------------------------------------------------


def project_search(*, q: str = "", status: str = "", organization: int | None = None) -> QuerySet[Project]:
    qs = Project.objects.prefetch_related("organizations", "comunas")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(description__icontains=q))
    if status:
        qs = qs.filter(status=status)
    if organization:
        qs = qs.filter(pk__in=Project.objects.filter(organizations__id=organization).values("pk"))
    return qs


def comuna_partnerships(user, comuna) -> dict:
    municipality = Organization.objects.filter(comuna=comuna).first()
    agreements = agreement_filter(agreements_for_user(user), organization=municipality.pk)[:10] if municipality else []
    projects = Project.objects.filter(comunas=comuna)[:10]
    return {"municipality": municipality, "agreements": list(agreements), "projects": list(projects)}
