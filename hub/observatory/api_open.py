"""Open-data endpoints of the observatory beside ``api.py``: aggregates, the data dictionary, the Data Package
descriptor and the bulk zip. Registered on the same router (imported at the end of ``api.py``)."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Query, Schema

from . import open_data, selectors
from .api import PERIOD_RE, ErrorOut, _indicator_or_404, _invalid, router
from .selectors_aggregates import LEVELS, aggregates


class AggregateOut(Schema):
    level: str
    key: str
    name: str
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    comunas: int
    comunas_excluded: int
    comunas_missing: int


class AggregatesPage(Schema):
    indicator: str
    aggregation: str
    level: str
    period: str
    source: str
    note: str
    items: list[AggregateOut]


NOTES = {
    "sum": "Suma de los valores comunales.",
    "ratio": "Σ numerador ÷ Σ denominador × escala sobre las comunas con ambos componentes; nunca un promedio de "
    "tasas.",
    "none": "Este indicador no se agrega (estimación o porcentaje publicado por la fuente): value es nulo.",
}


@router.get(
    "/indicators/{code}/aggregates",
    response={200: AggregatesPage, 404: ErrorOut, 422: dict},
    summary="Valor de un indicador para el país, cada región o cada tipología",
    description=(
        "level=country|region|typology; sin periodo, el último con datos observados. Las comunas con alerta de "
        "calidad quedan fuera (comunas_excluded) y las que la fuente no informa se cuentan en comunas_missing."
    ),
)
def indicator_aggregates(
    request,
    code: str,
    level: str = Query("country", description="country, region o typology"),
    period: str = Query("", description="AAAA o AAAA-MM"),
):
    indicator = _indicator_or_404(code)
    if level not in LEVELS:
        raise _invalid("level", "Nivel desconocido; use country, region o typology.")
    if period and not PERIOD_RE.match(period):
        raise _invalid("period", "El periodo debe tener la forma AAAA (p. ej. 2024) o AAAA-MM (p. ej. 2024-03).")
    period = period or selectors.default_period(selectors.indicator_periods(indicator))
    return {
        "indicator": indicator.code,
        "aggregation": indicator.aggregation,
        "level": level,
        "period": period,
        "source": str(selectors.source_line(indicator, period)),
        "note": NOTES.get(indicator.aggregation, ""),
        "items": aggregates(indicator, level=level, period=period) if period else [],
    }


@router.get(
    "/indicators.csv",
    summary="Diccionario de datos de los indicadores públicos (CSV)",
    description="Código, definición, unidad, agregación, componentes, fuente, URL, licencia y fecha.",
)
def indicators_dictionary(request):
    response = HttpResponse(open_data.dictionary_csv().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="diccionario_indicadores.csv"'
    return response


@router.get(
    "/datapackage.json",
    summary="Catálogo de datos abiertos (Frictionless Data Package)",
    description="Un recurso por indicador público con su fuente, licencia, fecha de obtención y esquema.",
)
def indicators_datapackage(request):
    import json

    body = json.dumps(open_data.datapackage(), ensure_ascii=False, indent=2).encode("utf-8")
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@router.get(
    "/datapackage.zip",
    summary="Descarga masiva: todos los indicadores públicos (ZIP de CSV)",
    description="Un CSV por indicador (todos los periodos), el diccionario y datapackage.json.",
)
def indicators_bulk(request):
    response = HttpResponse(open_data.bulk_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="hub-local-observatorio.zip"'
    return response
