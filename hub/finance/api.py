"""Finance API: public aggregates (income by line, year and counterpart type; approved fee scales and each
comuna's fee) and staff-only endpoints (revenue records, computed membership states, the five principles).

Staff endpoints answer 401 to anonymous callers and 403 to signed-in people who are not Hub staff.
"""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from hub.core.access import is_hub_staff
from hub.core.api_params import year_query
from hub.core.pagination import Pagination200

from . import selectors
from .membership import membership_status
from .models import FeeScale, FrozenPopulation, Membership, RevenueRecord, ScaleStatus

router = Router(tags=["Finanzas"])


def staff_auth(request):
    user = request.user
    if not user.is_authenticated:
        return None
    if not is_hub_staff(user):
        raise HttpError(403, _("Solo el equipo del Hub puede consultar este recurso."))
    return user


class Detail(Schema):
    detail: str


class IncomeCell(Schema):
    year: int
    line: int
    line_label: str
    total_clp: int


class ActorCell(Schema):
    year: int
    actor_type: str
    actor_type_label: str
    total_clp: int


class IncomeOut(Schema):
    source: str
    by_line: list[IncomeCell]
    by_actor_type: list[ActorCell]
    total_clp: int


@router.get("/income", response=IncomeOut, url_name="finance_income")
def income(request, year: int | None = year_query()):
    """Published income (voided records excluded), by year × line and by year × counterpart type, in CLP."""
    rows = selectors.income_rows(year=year)
    by_line: dict[tuple, dict] = {}
    by_actor: dict[tuple, dict] = {}
    for r in rows:
        cell = by_line.setdefault((r["year"], r["line"]), {
            "year": r["year"], "line": r["line"], "line_label": r["line_label"], "total_clp": 0})
        cell["total_clp"] += r["total_clp"]
        actor = by_actor.setdefault((r["year"], r["actor_type"]), {
            "year": r["year"], "actor_type": r["actor_type"], "actor_type_label": r["actor_type_label"],
            "total_clp": 0})
        actor["total_clp"] += r["total_clp"]
    return {
        "source": selectors.SOURCE, "by_line": [by_line[k] for k in sorted(by_line)],
        "by_actor_type": [by_actor[k] for k in sorted(by_actor)], "total_clp": sum(r["total_clp"] for r in rows),
    }


class ScaleOut(Schema):
    id: int
    year: int
    name: str
    kind: str
    base_clp: int
    rate_per_inhabitant: str
    minimum_clp: int
    maximum_clp: int | None
    population_source: str
    decision_body: str
    decision_reference: str
    decision_date: datetime.date | None
    is_demo: bool

    @staticmethod
    def resolve_rate_per_inhabitant(obj) -> str:
        return str(obj.rate_per_inhabitant)


@router.get("/fee-scales", response=list[ScaleOut], url_name="finance_fee_scales")
def fee_scales(request):
    """Approved fee scales, newest first (drafts are never published)."""
    return list(FeeScale.objects.filter(status=ScaleStatus.APROBADA).order_by("-year"))


class FeeOut(Schema):
    cut: str
    comuna: str
    population: int
    typology: str
    fee_clp: int


@router.get("/fee-scales/{year}/fees", response=list[FeeOut], url_name="finance_fees")
@paginate(Pagination200)
def fees(request, year: int = Path(..., ge=1900, le=2100)):
    """Each comuna's fee for a year, with the population and typology frozen when the scale was approved."""
    scale = FeeScale.objects.filter(status=ScaleStatus.APROBADA, year=year).first()
    if scale is None:
        raise Http404(_("No hay una escala aprobada para ese año."))
    return [
        {"cut": f.comuna_id, "comuna": f.comuna.name, "population": f.population, "typology": f.typology,
         "fee_clp": f.fee_clp}
        for f in FrozenPopulation.objects.filter(scale=scale).select_related("comuna").order_by("comuna_id")
    ]


class RevenueOut(Schema):
    id: int
    line: int
    on: datetime.date
    amount_clp: int
    currency: str
    original_amount: str
    exchange_rate: str
    client_cut: str | None
    client_organization_id: int | None
    agreement_id: int
    recurrent: bool
    restricted: bool
    document_type: str
    document_number: str
    status: str
    is_demo: bool

    @staticmethod
    def resolve_client_cut(obj):
        return obj.client_comuna_id

    @staticmethod
    def resolve_original_amount(obj) -> str:
        return str(obj.original_amount)

    @staticmethod
    def resolve_exchange_rate(obj) -> str:
        return str(obj.exchange_rate)


@router.get("/revenue", response={200: list[RevenueOut], 401: Detail, 403: Detail}, auth=staff_auth,
            url_name="finance_revenue")
@paginate(Pagination200)
def revenue(request, year: int | None = year_query(), line: int | None = Query(None, ge=1, le=9)):
    """Staff only: every revenue record (voided ones included, with their status)."""
    qs = RevenueRecord.objects.order_by("-on", "-pk")
    if year:
        qs = qs.filter(on__year=year)
    if line:
        qs = qs.filter(line=line)
    return qs


class MembershipOut(Schema):
    cut: str
    comuna: str
    state: str
    state_label: str
    has_benefits: bool
    reason: str
    is_demo: bool


@router.get("/memberships", response={200: list[MembershipOut], 401: Detail, 403: Detail}, auth=staff_auth,
            url_name="finance_memberships")
@paginate(Pagination200)
def memberships(request):
    """Staff only: each membership with its state computed today (never stored)."""
    out = []
    for m in Membership.objects.select_related("comuna").prefetch_related("periods__payments").order_by("comuna_id"):
        status = membership_status(m)
        out.append({"cut": m.comuna_id, "comuna": m.comuna.name, "state": status.state, "state_label": status.label,
                    "has_benefits": status.has_benefits, "reason": status.reason, "is_demo": m.is_demo})
    return out


class Figure(Schema):
    label: str
    value: str


class CheckOut(Schema):
    principle: str
    label: str
    status: str
    summary: str
    figures: list[Figure]


class LineOut(Schema):
    line: int
    label: str
    year_clp: int
    year_pct: float | None
    rolling_clp: int
    rolling_pct: float | None
    months_to_breach: int | None
    status: str


class PrinciplesOut(Schema):
    year: int
    year_total_clp: int
    rolling_total_clp: int
    herfindahl: float | None
    checks: list[CheckOut]
    lines: list[LineOut]


@router.get("/principles", response={200: PrinciplesOut, 401: Detail, 403: Detail}, auth=staff_auth,
            url_name="finance_principles")
def principles(request, year: int | None = year_query()):
    """Staff only: the five principles as green/amber/red checks with their figures."""
    data = selectors.principle_checks(year=year)
    div = data["diversification"]
    return {
        "year": data["year"], "year_total_clp": div["year_total"], "rolling_total_clp": div["rolling_total"],
        "herfindahl": None if div["hhi"] is None else round(float(div["hhi"]), 4),
        "checks": [{"principle": c.principle, "label": str(c.label), "status": c.status, "summary": str(c.summary),
                    "figures": [{"label": str(k), "value": str(v)} for k, v in c.figures]} for c in data["checks"]],
        "lines": [{"line": s.line, "label": s.label, "year_clp": s.year_clp, "year_pct": s.year_pct,
                   "rolling_clp": s.rolling_clp, "rolling_pct": s.rolling_pct, "months_to_breach": s.months_to_breach,
                   "status": s.status} for s in div["lines"]],
    }
