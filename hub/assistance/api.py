"""Open data of asistencia técnica: counts (no client detail) and the engagements whose client published the report."""

import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from hub.core.api_params import id_path
from hub.core.pagination import Pagination100

from . import access, selectors
from .models import Recommendation, RecommendationStatus

router = Router(tags=["Asistencia técnica"])


class CountOut(Schema):
    label: str
    count: int
    code: str = ""


class CountsOut(Schema):
    total: int
    closed: int
    by_challenge: list[CountOut]
    by_region: list[CountOut]
    by_typology: list[CountOut]
    source: str


class RecommendationOut(Schema):
    text: str
    owner: str
    due_date: datetime.date
    priority: str
    status: str
    status_label: str
    indicator: str | None
    baseline_value: float | None
    baseline_period: str


class EngagementOut(Schema):
    id: int
    title: str
    client: str
    comuna_cut: str | None
    region: str | None
    typology: str | None
    challenge: str
    challenge_label: str
    status: str
    final_report_on: datetime.date | None
    review_due: datetime.date | None
    summary: str
    recommendations: list[RecommendationOut]
    is_demo: bool

    @staticmethod
    def resolve_client(obj) -> str:
        return obj.client_name

    @staticmethod
    def resolve_comuna_cut(obj):
        return obj.comuna_id

    @staticmethod
    def resolve_region(obj):
        return obj.comuna.region.name if obj.comuna_id else None

    @staticmethod
    def resolve_typology(obj):
        return obj.comuna.typology if obj.comuna_id else None

    @staticmethod
    def resolve_challenge_label(obj) -> str:
        return obj.get_challenge_display()

    @staticmethod
    def resolve_summary(obj) -> str:
        return obj.report_summary

    @staticmethod
    def resolve_recommendations(obj) -> list[dict]:
        rows = []
        for r in obj.recommendations.all():
            status = r.status_on(updates=list(r.updates.all()))
            rows.append({
                "text": r.text, "owner": r.owner, "due_date": r.due_date, "priority": r.priority,
                "status": str(status), "status_label": str(RecommendationStatus(status).label),
                "indicator": r.indicator.code if r.indicator_id else None,
                "baseline_value": r.baseline_value, "baseline_period": r.baseline_period,
            })
        return rows


def _published():
    return access.published_engagements().select_related("comuna__region", "client_organization").prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.select_related("indicator").prefetch_related(
            "updates"))
    ).order_by("-final_report_on", "-pk")


@router.get("/counts", response=CountsOut, summary="Asistencias técnicas por desafío, región y tipología")
def assistance_counts(request):
    counts = selectors.public_counts()
    return {**counts, "source": _("Registro de asistencias técnicas del Hub Local; región y tipología de la comuna "
                                  "cliente.")}


@router.get("/engagements", response=list[EngagementOut], summary="Asistencias con informe publicado por el cliente")
@paginate(Pagination100)
def published_engagement_list(request):
    return _published()


@router.get("/engagements/{engagement_id}", response=EngagementOut, summary="Una asistencia con informe publicado")
def published_engagement_get(request, engagement_id: int = id_path()):
    e = _published().filter(pk=engagement_id).first()
    if e is None:
        raise Http404(_("No existe un informe publicado con ese número."))
    return e
