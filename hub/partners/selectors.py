"""Reads of the partners app (searches, filters, the public row of an agreement, overdue actions).

Who may see what is decided in ``access.py``; these functions take an already visible queryset or read
only public rows.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .access import agreements_for_user, published_agreements, with_agreement_details
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


# Agreements ------------------------------------------------------------------------------------------------------


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
    return with_agreement_details(
        Agreement.objects.filter(
            status__in=[AgreementStatus.FIRMADO, AgreementStatus.VIGENTE],
            end_date__gte=today,
            end_date__lte=today + datetime.timedelta(days=days),
        ).order_by("end_date")
    )


def public_agreements_api() -> QuerySet[Agreement]:
    """The published register with its published solutions prefetched (``public_solutions``): a fixed
    number of queries however many agreements a page holds."""
    from hub.portfolio.access import solutions_for_user

    return published_agreements().prefetch_related(
        Prefetch("solutions", queryset=solutions_for_user(None), to_attr="public_solutions")
    )


def agreement_solutions(user, agreement: Agreement):
    """Linked solutions the user may see, by the portfolio's own access rule (published ones for the public)."""
    from hub.portfolio.access import solutions_for_user

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
