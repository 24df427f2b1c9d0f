"""Open data of the pilots: pre-registered pilots, their comunas, registration versions (with hashes) and results.

Pilots in design never leave through the API for the public; the same access rules as the pages apply.
"""

import json
from enum import StrEnum

from ninja import Router, Schema
from ninja.pagination import paginate

from hub.core.api_params import id_path
from hub.core.pagination import Pagination100

from . import access

router = Router(tags=["Pilotos"])


class StatusFilter(StrEnum):
    preregistrado = "preregistrado"
    en_implementacion = "en_implementacion"
    en_medicion = "en_medicion"
    cerrado = "cerrado"


class PilotOut(Schema):
    id: int
    title: str
    status: str
    status_label: str
    solution_id: int | None
    training_programme_name: str
    start_date: str
    end_date: str
    budget_clp: int
    result_label: str
    registration_sha256: str | None
    pilot_comunas: list[str]
    is_demo: bool
    url: str

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_start_date(obj) -> str:
        return obj.start_date.isoformat()

    @staticmethod
    def resolve_end_date(obj) -> str:
        return obj.end_date.isoformat()

    @staticmethod
    def resolve_registration_sha256(obj) -> str | None:
        versions = list(obj.versions.all())
        return versions[-1].sha256 if versions else None

    @staticmethod
    def resolve_pilot_comunas(obj) -> list[str]:
        return sorted(c.comuna_id for c in obj.candidates.all() if c.selected)

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class VersionOut(Schema):
    number: int
    created_at: str
    sha256: str
    timing: str
    is_deviation: bool
    reason: str
    changed_fields: list[str]
    content: dict

    @staticmethod
    def resolve_created_at(obj) -> str:
        return obj.created_at.isoformat()

    @staticmethod
    def resolve_content(obj) -> dict:
        return json.loads(obj.canonical_json)


class ResultOut(Schema):
    outcome_key: str
    outcome_name: str
    estimator: str
    version_number: int
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    threshold: float | None
    threshold_met: bool


class PilotDetailOut(PilotOut):
    objective: str
    versions: list[VersionOut]
    results: list[ResultOut]

    @staticmethod
    def resolve_versions(obj) -> list:
        return list(obj.versions.all())

    @staticmethod
    def resolve_results(obj) -> list:
        return list(obj.results.all())


def _queryset(request):
    return access.pilots_for_user(request.user).prefetch_related("versions", "candidates").order_by("-start_date", "pk")


@router.get("/", response=list[PilotOut], summary="Pilotos preregistrados")
@paginate(Pagination100)
def list_pilots(request, status: StatusFilter | None = None):
    qs = _queryset(request)
    if status:
        qs = qs.filter(status=status.value)
    return qs


@router.get("/{pilot_id}", response=PilotDetailOut, summary="Un piloto y su preregistro")
def get_pilot(request, pilot_id: int = id_path()):
    pilot = access.access_pilot(request.user, pilot_id)
    return _queryset(request).prefetch_related("results").get(pk=pilot.pk)


