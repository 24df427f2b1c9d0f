"""Open data of formación: the catalogue (programmes, cohorts with seat counts) and public certificate
verification. No learner's personal data is ever served here; a certificate shows only what it prints."""

from datetime import date

from django.db.models import Count, Q
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from hub.core.api_params import id_path
from hub.core.pagination import Pagination100

from . import access, credentials, selectors
from .models import Certificate, EnrolmentStatus

router = Router(tags=["Formación"])


class Message(Schema):
    detail: str


class ProgrammeOut(Schema):
    id: int
    title: str
    summary: str
    work_line: str
    challenge: str
    challenge_label: str = Field(..., alias="get_challenge_display")
    audience: str
    typologies: list[str]
    hours: int
    learning_outcomes: list[str] = Field(..., alias="outcomes_list")
    solution_id: int | None
    validity_months: int | None
    is_demo: bool


class CohortOut(Schema):
    id: int
    programme_id: int
    programme_title: str = Field(..., alias="programme.title")
    name: str
    status: str
    start_date: date
    end_date: date
    enrolment_deadline: date
    modality: str
    modality_label: str = Field(..., alias="get_modality_display")
    place: str
    region_code: str | None = Field(None, alias="region_id")
    capacity: int
    seats_taken: int
    seats_left: int
    waiting_count: int = 0
    fee_member_clp: int
    fee_other_clp: int
    instructors: str
    is_demo: bool


class SessionOut(Schema):
    id: int
    title: str
    starts_at: str
    duration_minutes: int
    place: str

    @staticmethod
    def resolve_starts_at(obj) -> str:
        return obj.starts_at.isoformat()


class CohortDetailOut(CohortOut):
    sessions: list[SessionOut]


class CertificateOut(Schema):
    code: str
    status: str = Field(..., description="vigente | revocada | reemplazada | expirada")
    status_reason: str
    status_changed_at: str | None
    replaced_by: str | None = Field(None, description="Código del certificado que lo reemplaza")
    verification_url: str
    kind: str
    title: str
    holder_name: str
    rut_masked: str = Field(..., description="RUT enmascarado tal como se imprime (nunca el RUT completo)")
    comuna: str
    programme: str
    cohort: str
    hours: int
    modality: str
    start_date: str
    end_date: str
    result: str
    grade: str
    attendance_pct: str
    criteria: str
    learning_outcomes: list[str]
    instructors: str
    issuer: str
    issuer_did: str
    issued_on: str
    valid_until: str
    pdf_sha256: str
    is_demo: bool


@router.get("/programmes", response=list[ProgrammeOut], summary="Programas de formación publicados")
@paginate(Pagination100)
def list_training_programmes(request):
    return access.programmes_for_user(None).order_by("title", "pk")


@router.get("/programmes/{programme_id}", response={200: ProgrammeOut, 404: Message}, summary="Un programa")
def get_training_programme(request, programme_id: int = id_path()):
    programme = access.programmes_for_user(None).filter(pk=programme_id).first()
    if programme is None:
        raise HttpError(404, "No existe un programa publicado con ese número.")
    return programme


class CohortFilters(Schema):
    challenge: str | None = Field(None, max_length=30, description="Código del desafío")
    modality: str | None = Field(None, max_length=20, description="presencial | b_learning | e_learning")
    region: str | None = Field(None, max_length=2, description="Código de región")
    desde: date | None = Field(None, description="Versiones que terminan desde esta fecha")
    hasta: date | None = Field(None, description="Versiones que empiezan hasta esta fecha")


@router.get("/cohorts", response=list[CohortOut], summary="Versiones (cohortes) del catálogo con cupos")
@paginate(Pagination100)
def list_training_cohorts(request, filters: Query[CohortFilters]):
    chosen = selectors.CatalogueFilters(challenge=filters.challenge or "", modality=filters.modality or "",
                                        region=filters.region or "", date_from=filters.desde, date_to=filters.hasta,
                                        include_past=True)
    return selectors.cohort_catalogue(None, chosen)


@router.get("/cohorts/{cohort_id}", response={200: CohortDetailOut, 404: Message}, summary="Una versión y sus sesiones")
def get_training_cohort(request, cohort_id: int = id_path()):
    cohort = (access.cohorts_for_user(None).filter(pk=cohort_id)
              .annotate(waiting_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.EN_ESPERA)))
              .prefetch_related("sessions").first())
    if cohort is None:
        raise HttpError(404, "No existe una versión publicada con ese número.")
    return cohort


@router.get("/certificates/{code}", response={200: CertificateOut, 404: Message},
            summary="Verificar un certificado por su código (público)")
def get_training_certificate(request, code: str):
    normal = credentials.normalise_code(code[:40])
    certificate = Certificate.objects.select_related("replaced_by").filter(code=normal).first() if normal \
        else None
    if certificate is None:
        raise HttpError(404, "No existe un certificado con ese código.")
    s = certificate.snapshot
    return {
        "code": certificate.code, "status": certificate.public_status(), "status_reason": certificate.status_reason,
        "status_changed_at": certificate.status_changed_at.isoformat() if certificate.status_changed_at else None,
        "replaced_by": certificate.replaced_by.code if certificate.replaced_by_id else None,
        "verification_url": credentials.site_url() + certificate.get_absolute_url(),
        "kind": certificate.kind, "title": s["title"], "holder_name": s["holder_name"],
        "rut_masked": s.get("rut_masked", ""),
        "comuna": s["comuna"], "learning_outcomes": s.get("learning_outcomes", []),
        "instructors": s["instructors"],
        "programme": s["programme"], "cohort": s["cohort"], "hours": s["hours"], "modality": s["modality"],
        "start_date": s["start_date"], "end_date": s["end_date"], "result": s["result_label"], "grade": s["grade"],
        "attendance_pct": s["attendance_pct"], "criteria": s["criteria"], "issuer": s["issuer"],
        "issuer_did": credentials.issuer_did(), "issued_on": s["issued_on"], "valid_until": s["valid_until"],
        "pdf_sha256": certificate.pdf_sha256, "is_demo": certificate.is_demo,
    }
