"""Open data of the policy agenda: items the Hub follows with their stage history, participation and presence."""

import datetime
from enum import StrEnum

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from hub.core.api_params import id_path, year_query
from hub.core.pagination import Pagination200
from hub.core.taxonomy import Challenge

from . import selectors
from .models import AgendaItem, InternationalNetwork, ItemKind, ItemStage, Mention, Participation

router = Router(tags=["Incidencia"])

ChallengeEnum = StrEnum("ChallengeEnum", {c: c for c in Challenge.values})
KindEnum = StrEnum("KindEnum", {c: c for c in ItemKind.values})
StageEnum = StrEnum("StageEnum", {c: c for c in ItemStage.values})


class PositionOut(Schema):
    kind: str
    title: str
    on: datetime.date
    committee: str
    link: str
    is_demo: bool


class EvidenceOut(Schema):
    kind: str
    label: str
    indicator_code: str | None
    link: str

    @staticmethod
    def resolve_indicator_code(obj) -> str | None:
        return obj.indicator_id


class ItemOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    boletin: str
    chamber: str
    institution: str
    stage: str
    stage_label: str
    stage_since: datetime.date
    challenges: list[str]
    official_url: str
    is_demo: bool

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_stage_label(obj) -> str:
        return obj.get_stage_display()

    @staticmethod
    def resolve_challenges(obj) -> list[str]:
        return obj.challenge_codes


class ItemDetailOut(ItemOut):
    summary: str
    positions: list[PositionOut]
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_positions(obj) -> list:
        return list(obj.positions.all())

    @staticmethod
    def resolve_evidence(obj) -> list:
        return list(obj.evidence.all())


class HistoryOut(Schema):
    from_stage: str
    to_stage: str
    on: datetime.date
    recorded_at: datetime.datetime
    note: str


class ParticipationOut(Schema):
    id: int
    on: datetime.date
    title: str
    body_kind: str
    body_name: str
    kind: str
    document_title: str
    document_url: str
    agenda_item_id: int | None
    network: str | None
    challenge: str
    is_demo: bool

    @staticmethod
    def resolve_network(obj) -> str | None:
        return str(obj.network) if obj.network_id else None


class MentionOut(Schema):
    id: int
    kind: str
    title: str
    outlet: str
    on: datetime.date
    url: str
    challenge: str
    is_demo: bool


class ActivityOut(Schema):
    on: datetime.date
    title: str
    url: str
    is_demo: bool


class NetworkOut(Schema):
    id: int
    name: str
    short_name: str
    relation: str
    since_year: int | None
    url: str
    activities: list[ActivityOut]
    is_demo: bool

    @staticmethod
    def resolve_activities(obj) -> list:
        return list(obj.activities.all())


@router.get("/items", response=list[ItemOut], summary="Temas de la agenda de incidencia")
@paginate(Pagination200)
def agenda_list_items(request, q: str = "", kind: KindEnum | None = None, stage: StageEnum | None = None,
               challenge: ChallengeEnum | None = None):
    return selectors.item_search(q=q[:100], kind=kind.value if kind else "", stage=stage.value if stage else "",
                                 challenge=challenge.value if challenge else "")


def _item(item_id: int) -> AgendaItem:
    from .access import access_item

    try:
        return access_item(None, item_id)
    except Http404:
        from ninja.errors import HttpError

        raise HttpError(404, _("No existe un tema de la agenda con ese número.")) from None


@router.get("/items/{item_id}", response=ItemDetailOut, summary="Un tema de la agenda, con posición y evidencia")
def agenda_get_item(request, item_id: int = id_path()):
    return _item(item_id)


@router.get("/items/{item_id}/history", response=list[HistoryOut], summary="Historia de etapas de un tema")
def agenda_item_history(request, item_id: int = id_path()):
    return selectors.item_history(_item(item_id))


@router.get("/participations", response=list[ParticipationOut], summary="Participación en agendas públicas")
@paginate(Pagination200)
def agenda_list_participations(request, year: int | None = year_query()):
    qs = Participation.objects.select_related("network")
    if year:
        qs = qs.filter(on__year=year)
    return qs


@router.get("/mentions", response=list[MentionOut], summary="Publicaciones y menciones en prensa")
@paginate(Pagination200)
def agenda_list_mentions(request):
    return Mention.objects.all()


@router.get("/networks", response=list[NetworkOut], summary="Redes internacionales y sus actividades")
@paginate(Pagination200)
def agenda_list_networks(request):
    return InternationalNetwork.objects.prefetch_related("activities")
