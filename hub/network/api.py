"""Open data of the network: published practices, their replications, and events (counts only)."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from hub.core.api_params import id_path, id_query
from hub.core.pagination import Pagination100
from hub.core.taxonomy import Challenge
from hub.territory.models import Typology

from . import selectors
from .models import ReplicationStatus

router = Router(tags=["Red de municipios"])


class ComunaRef(Schema):
    cut: str
    name: str
    region_code: str = Field(..., alias="region_id")
    typology: str


class PracticeOut(Schema):
    id: int
    title: str
    problem: str
    solution: str
    results: str
    challenge: str
    challenge_label: str = Field(..., alias="get_challenge_display")
    cost_clp: int | None
    contact_name: str = Field("", description="Solo si el contacto consintió en publicarlo (Ley 21.719).")
    contact_email: str = Field("", description="Solo si el contacto consintió en publicarlo (Ley 21.719).")
    comuna: ComunaRef
    published_at: datetime | None
    replication_count: int = 0
    is_demo: bool


    @staticmethod
    def resolve_contact_name(obj) -> str:
        return obj.contact_name if getattr(obj, "contact_consent", False) else ""

    @staticmethod
    def resolve_contact_email(obj) -> str:
        return obj.contact_email if getattr(obj, "contact_consent", False) else ""


class ReplicationOut(Schema):
    id: int
    practice_id: int | None
    practice_title: str = Field(..., alias="practice.title")
    origin_comuna: str = Field(..., alias="practice.comuna_id")
    comuna: ComunaRef
    status: str
    status_label: str = Field(..., alias="get_status_display")
    start_date: date | None
    end_date: date | None
    results: str
    lessons: str
    is_demo: bool


class PracticeDetailOut(PracticeOut):
    replications: list[ReplicationOut]


class EventOut(Schema):
    id: int
    title: str
    kind: str
    description: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    online_url: str
    capacity: int
    fee_member_clp: int
    fee_non_member_clp: int
    confirmed_count: int
    waiting_count: int
    is_demo: bool


class Message(Schema):
    detail: str


@router.get("/practices", response=list[PracticeOut], summary="Experiencias publicadas de la red")
@paginate(Pagination100)
def list_practices(
    request, q: str = "", challenge: Challenge | None = None, region: str = "", typology: Typology | None = None
):
    return selectors.practice_search(
        q=q,
        challenge=challenge.value if challenge else "",
        region=region,
        typology=typology.value if typology else "",
    )


@router.get(
    "/practices/{practice_id}",
    response={200: PracticeDetailOut, 404: Message},
    summary="Una experiencia publicada con sus replicaciones",
)
def get_practice(request, practice_id: int = id_path()):
    practice = (
        selectors.practice_search()
        .prefetch_related("replications__comuna", "replications__practice")
        .filter(pk=practice_id)
        .first()
    )
    if practice is None:
        raise HttpError(404, _("No existe una experiencia publicada con ese número."))
    return practice


@router.get("/replications", response=list[ReplicationOut], summary="Replicaciones de experiencias publicadas")
@paginate(Pagination100)
def list_replications(
    request, status: ReplicationStatus | None = None, comuna: str = "", practice: int | None = id_query()
):
    qs = selectors.public_replications().order_by("-created_at", "-pk")
    if status:
        qs = qs.filter(status=status.value)
    if comuna:
        qs = qs.filter(comuna_id=comuna)
    if practice is not None:
        qs = qs.filter(practice_id=practice)
    return qs


@router.get("/events", response=list[EventOut], summary="Eventos, congresos y premios (solo conteos de inscripción)")
@paginate(Pagination100)
def list_events(request):
    return selectors.event_list()


@router.get("/events/{event_id}", response={200: EventOut, 404: Message}, summary="Un evento")
def get_event(request, event_id: int = id_path()):
    event = selectors.event_list().filter(pk=event_id).first()
    if event is None:
        raise HttpError(404, _("No existe un evento con ese número."))
    return event
