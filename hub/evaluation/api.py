"""Open data of the evaluation: the four indicators (same numbers as every screen), closed periods and the
frozen annual reports. Value reports per comuna are not public and never leave through this API."""

import datetime
from enum import StrEnum

from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Router, Schema

from hub.core.api_params import id_path, year_query

from .models import AnnualReport, Period, ResultsIndicator
from .reports import report_bytes
from .results import headline, indicator_values

router = Router(tags=["Evaluación"])


class IndicatorCode(StrEnum):
    cobertura = "cobertura"
    cartera = "cartera"
    impacto = "impacto"
    articulacion = "articulacion"


class IndicatorOut(Schema):
    code: str
    name: str
    definition: str
    formula: str
    unit: str
    direction: str
    aggregation: str
    disaggregations: list[str]
    source: str
    methodology_version: str
    url: str
    method_url: str
    headline: dict


class IndicatorsOut(Schema):
    year: int
    state: str
    start: str
    end: str
    cutoff: str | None = None
    sha256: str | None = None
    methodology_version: str
    corrections: list[dict]
    indicators: list[IndicatorOut]


class IndicatorDetailOut(IndicatorsOut):
    detail: dict


class PeriodOut(Schema):
    year: int
    status: str
    cutoff: datetime.date | None
    sha256: str | None


class ReportOut(Schema):
    id: int
    year: int
    cutoff: datetime.date
    sha256: str
    url: str
    json_url: str


def _year(year):
    return year or datetime.date.today().year


def _payload(year: int, codes: list[str]) -> dict:
    data = indicator_values(year)
    heads = headline(data)
    defs = {d.code: d for d in ResultsIndicator.objects.all()}
    items = []
    for code in codes:
        d = defs.get(code)
        if d is None:
            continue
        items.append(
            {
                "code": code,
                "name": d.name,
                "definition": d.definition,
                "formula": d.formula,
                "unit": d.unit,
                "direction": d.direction,
                "aggregation": d.aggregation,
                "disaggregations": list(d.disaggregations),
                "source": d.source,
                "methodology_version": d.methodology_version,
                "url": reverse("evaluation:indicator_detail", args=[code]),
                "method_url": reverse("evaluation:method", args=[code]),
                "headline": heads[code],
            }
        )
    return {
        "year": year,
        "state": data["state"],
        "start": data["start"],
        "end": data["end"],
        "cutoff": data.get("cutoff"),
        "sha256": data.get("sha256"),
        "methodology_version": data["methodology_version"],
        "corrections": data["corrections"],
        "indicators": items,
        "_data": data,
    }


@router.get("/indicators", response=IndicatorsOut, summary="Los cuatro indicadores de evaluación de un año")
def evaluation_indicators(request, year: int | None = year_query()):
    payload = _payload(_year(year), [c.value for c in IndicatorCode])
    payload.pop("_data")
    return payload


@router.get("/indicators/{code}", response=IndicatorDetailOut, summary="Un indicador con sus desagregaciones")
def evaluation_indicator(request, code: IndicatorCode, year: int | None = year_query()):
    payload = _payload(_year(year), [code.value])
    data = payload.pop("_data")
    payload["detail"] = data["indicators"][code.value]
    return payload


@router.get("/periods", response=list[PeriodOut], summary="Periodos de evaluación (cerrados con su huella)")
def evaluation_periods(request):
    out = []
    for p in Period.objects.select_related("snapshot").order_by("-year")[:100]:
        snap = getattr(p, "snapshot", None) if p.is_closed else None
        out.append(
            {
                "year": p.year,
                "status": p.status,
                "cutoff": snap.cutoff if snap else None,
                "sha256": snap.sha256 if snap else None,
            }
        )
    return out


@router.get("/reports", response=list[ReportOut], summary="Memorias anuales publicadas")
def evaluation_reports(request):
    return [
        {
            "id": r.pk,
            "year": r.year,
            "cutoff": r.cutoff,
            "sha256": r.sha256,
            "url": r.get_absolute_url(),
            "json_url": reverse("evaluation:report_json", args=[r.pk]),
        }
        for r in AnnualReport.objects.only("pk", "year", "cutoff", "sha256").order_by("-year", "-created_at")[:100]
    ]


@router.get("/reports/{report_id}", response={200: dict}, summary="Datos congelados de una memoria (JSON canónico)")
def evaluation_report(request, report_id: int = id_path()):
    report = AnnualReport.objects.filter(pk=report_id).first()
    if report is None:
        raise Http404
    response = HttpResponse(report_bytes(report.data), content_type="application/json")
    response["X-Content-SHA256"] = report.sha256
    return response
