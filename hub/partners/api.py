"""Open data of the articulación: organisations and published agreements. Drafts never leave through the API."""

import datetime
from enum import StrEnum

from ninja import Router, Schema
from ninja.pagination import paginate

from hub.core.api_params import id_path, id_query, year_query
from hub.core.pagination import Pagination200

from . import access, selectors
from .models import ActorType, OrganizationKind

router = Router(tags=["Articulación"])


class PublicStatus(StrEnum):
    """Statuses a published agreement can have; drafts are never returned."""

    firmado = "firmado"
    vigente = "vigente"
    finalizado = "finalizado"
    terminado = "terminado"


class OrganizationOut(Schema):
    id: int
    name: str
    short_name: str
    actor_type: str
    actor_type_label: str
    kind: str
    kind_label: str
    country: str
    rut: str
    comuna_cut: str | None
    website: str
    is_demo: bool

    @staticmethod
    def resolve_actor_type_label(obj) -> str:
        return obj.get_actor_type_display()

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_rut(obj) -> str:
        return obj.rut_display

    @staticmethod
    def resolve_comuna_cut(obj) -> str | None:
        return obj.comuna_id


class PartyOut(Schema):
    organization_id: int
    organization: str
    actor_type: str
    role: str
    role_label: str


class TransferOut(Schema):
    payer: str
    payee: str
    amount_clp: int
    concept: str


class SolutionRefOut(Schema):
    id: int
    title: str


class AgreementOut(Schema):
    id: int
    title: str
    purpose: str
    status: str
    status_label: str
    start_date: datetime.date
    end_date: datetime.date
    signed_on: datetime.date | None
    parties: list[PartyOut]
    transfers: list[TransferOut]
    solutions: list[SolutionRefOut]
    total_amount_clp: int
    is_demo: bool

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_parties(obj) -> list[dict]:
        return selectors.agreement_row(obj).parties

    @staticmethod
    def resolve_transfers(obj) -> list[dict]:
        return selectors.agreement_row(obj).transfers

    @staticmethod
    def resolve_solutions(obj) -> list[dict]:
        # The public API shows only published solutions, whoever asks (prefetched by public_agreements_api).
        return [{"id": s.pk, "title": s.title} for s in obj.public_solutions]


@router.get("/organizations", response=list[OrganizationOut], summary="Organizaciones socias")
@paginate(Pagination200)
def list_organizations(request, q: str = "", actor_type: ActorType | None = None, kind: OrganizationKind | None = None):
    return selectors.organization_search(
        q=q, actor_type=actor_type.value if actor_type else "", kind=kind.value if kind else ""
    )


@router.get("/organizations/{organization_id}", response=OrganizationOut, summary="Una organización")
def get_organization(request, organization_id: int = id_path()):
    return access.access_organization(request.user, organization_id)


@router.get("/agreements", response=list[AgreementOut], summary="Convenios públicos (firmados)")
@paginate(Pagination200)
def list_agreements(
    request,
    q: str = "",
    actor_type: ActorType | None = None,
    status: PublicStatus | None = None,
    year: int | None = year_query(),
    organization: int | None = id_query(),
):
    qs = selectors.agreement_filter(
        selectors.public_agreements_api(),
        q=q,
        actor_type=actor_type.value if actor_type else "",
        status=status.value if status else "",
        year=year,
        organization=organization,
    )
    return qs


@router.get("/agreements/{agreement_id}", response=AgreementOut, summary="Un convenio público")
def get_agreement(request, agreement_id: int = id_path()):
    return access.access_agreement(None, agreement_id, queryset=selectors.public_agreements_api())
