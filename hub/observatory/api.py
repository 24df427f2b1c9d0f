"""Open-data API of the observatory: public indicators and their comuna values, with source and licence."""

import re

from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.pagination import paginate

from hub.core.pagination import Pagination1000
from hub.territory.models import Comuna, Region, Typology
from hub.territory.selectors import comuna_get

from . import downloads, fast_api, selectors

router = Router(tags=["Observatorio"])

MAX_LIMIT = 1000
PERIOD_RE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$")


class SourceOut(Schema):
    code: str
    institution: str
    dataset: str
    url: str
    licence: str = Field(..., description="Licencia declarada por la fuente; vacía si la fuente no declara una.")
    attribution: str


class IndicatorOut(Schema):
    code: str
    name: str = Field(..., alias="name_es")
    name_en: str
    definition: str
    unit: str
    unit_label: str = Field(..., alias="get_unit_display")
    theme: str
    periodicity: str
    direction: str
    aggregation: str
    decimals: int
    source: SourceOut


class IndicatorDetailOut(IndicatorOut):
    periods: list[str] = Field(..., description="Periodos con datos, del más reciente al más antiguo.")


class ValueOut(Schema):
    cut: str
    comuna: str
    period: str
    value: float | None = Field(..., description="Nulo cuando la fuente no informa un número (ver status).")
    lower: float | None = None
    upper: float | None = None
    numerator: float | None = Field(None, description="Componentes de los indicadores de razón.")
    denominator: float | None = None
    status: str = Field("", description="Motivo informado por la fuente cuando no hay valor; falta no es cero.")
    flag: str = Field("", description="Alerta de calidad: el valor queda fuera de rankings y agregados.")


class ValuesPage(Schema):
    indicator: str
    period: str
    source: str
    count: int
    limit: int
    offset: int
    items: list[ValueOut]


class ErrorOut(Schema):
    detail: str


def _indicator_or_404(code: str):
    indicator = selectors.indicator_get(code)
    if indicator is None:
        raise HttpError(404, f"No existe un indicador público con el código «{code}».")
    return indicator


def _invalid(param: str, message: str) -> ValidationError:
    return ValidationError([{"loc": ["query", param], "msg": message, "type": "value_error"}])


@router.get("/indicators", response=list[IndicatorOut], summary="Indicadores públicos del observatorio")
@paginate(Pagination1000)
def list_indicators(request):
    return selectors.public_indicators().order_by("theme", "code")


@router.get(
    "/indicators/{code}",
    response={200: IndicatorDetailOut, 404: ErrorOut},
    summary="Un indicador público, con su fuente y sus periodos",
)
def get_indicator(request, code: str):
    indicator = _indicator_or_404(code)
    indicator.periods = selectors.indicator_periods(indicator)
    return indicator


@router.get(
    "/indicators/{code}/values",
    response={200: ValuesPage, 404: ErrorOut, 422: dict},
    summary="Valores comunales de un indicador en un periodo",
    description=(
        "Periodos anuales «2024» o mensuales «2024-03»; sin periodo, el más reciente. Filtros opcionales por "
        "región (código de 2 dígitos), tipología y comuna (código CUT). `format=csv` devuelve todas las filas "
        "filtradas en CSV con la línea de fuente al comienzo."
    ),
)
def indicator_values(
    request,
    code: str,
    period: str = Query("", description="AAAA o AAAA-MM"),
    region: str = Query("", description="Código de región, p. ej. 13"),
    typology: str = Query("", description="Tipología comunal: " + ", ".join(Typology.values)),
    cut: str = Query("", description="Código CUT de 5 dígitos"),
    dimension: str = Query("", description="Desagregación publicada (p. ej. un delito o «Mujeres · A»); "
                                           "vacío = el total"),
    as_of: str = Query("", description="AAAA-MM-DD: los valores tal como estaban publicados ese día"),
    format: str = Query("json", description="json o csv"),
    # Bounds checked below rather than with le=/ge= so the 422 explains them in Spanish.
    limit: int = Query(100, description=f"Filas por página, de 1 a {MAX_LIMIT}"),
    offset: int = Query(0, description="Filas que se saltan (0 o más)"),
):
    # Warm answers are final bytes (fast_api): no query, no re-validation; the schema above stays the contract.
    key = fast_api.cache_key(
        "values", code, period, region, typology, cut, format, limit, offset, translation.get_language()
    )
    if (hit := fast_api.cached_response(key)) is not None:
        return hit
    indicator = _indicator_or_404(code)
    if not 1 <= limit <= MAX_LIMIT:
        raise _invalid("limit", f"limit debe estar entre 1 y {MAX_LIMIT} filas por página.")
    if offset < 0:
        raise _invalid("offset", "offset no puede ser negativo.")
    if period and not PERIOD_RE.match(period):
        raise _invalid("period", "El periodo debe tener la forma AAAA (p. ej. 2024) o AAAA-MM (p. ej. 2024-03).")
    if typology and typology not in Typology.values:
        raise _invalid("typology", "Tipología desconocida; use una de: " + ", ".join(Typology.values) + ".")
    if region and not Region.objects.filter(code=region).exists():
        raise _invalid("region", "Región desconocida; use el código de 2 dígitos, p. ej. 13 o 05.")
    if format not in {"json", "csv"}:
        raise _invalid("format", "Formato desconocido; use json o csv.")
    if cut:
        comuna_get(cut)  # the one 404 for an unknown CUT
    day = None
    if as_of:
        from datetime import date

        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            raise _invalid("as_of", "as_of debe ser una fecha AAAA-MM-DD, p. ej. 2025-01-31.") from None
    if dimension:
        from .history import dimension_period, dimension_rows

        dimension = dimension[:120]
        period = period or dimension_period(indicator, dimension)
        rows = dimension_rows(indicator, period, dimension) if period else []
    else:
        if not period:
            period = selectors.default_period(selectors.indicator_periods(indicator))
        rows = selectors.period_rows(indicator, period) if period else []
    if day is not None:
        from .history import rows_as_of

        rows = rows_as_of(indicator, rows, day, dimension)
    rows = selectors.sort_rows(selectors.filter_rows(rows, region=region, typology=typology, cut=cut), "name")
    if format == "csv":
        return fast_api.store(
            key, downloads.csv_response(rows, indicator, period, excel=False), headers=("Content-Disposition",)
        )
    items = [
        {"cut": r.cut, "comuna": r.name, "period": r.period, "value": r.value, "lower": r.lower, "upper": r.upper,
         "numerator": r.numerator, "denominator": r.denominator, "status": "", "flag": r.flag}
        for r in rows
    ]
    if not dimension:
        items += values_missing(indicator, period, region=region, typology=typology, cut=cut)
    if len(items) > len(rows):
        from hub.core.text import fold

        items.sort(key=lambda item: fold(item["comuna"]))
    return fast_api.json_response(
        key,
        {
            "indicator": indicator.code,
            "period": period,
            "source": str(selectors.source_line(indicator, period)),
            "count": len(items),
            "limit": limit,
            "offset": offset,
            "items": items[offset : offset + limit],
        },
    )


class SeriesValueOut(Schema):
    period: str
    value: float | None = Field(..., description="Nulo cuando la fuente no informa un número (ver status).")
    lower: float | None = None
    upper: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    status: str = ""
    flag: str = ""


class SeriesOut(Schema):
    indicator: str
    cut: str
    comuna: str
    source: str
    count: int
    items: list[SeriesValueOut]


@router.get(
    "/comunas/{cut}/series",
    response={200: SeriesOut, 404: ErrorOut, 422: dict},
    summary="Serie completa de un indicador en una comuna",
    description="Todos los periodos de un indicador para una comuna, del más antiguo al más reciente.",
)
def comuna_series(request, cut: str, indicator: str = Query(..., description="Código del indicador")):
    key = fast_api.cache_key("series", cut, indicator, translation.get_language())
    if (hit := fast_api.cached_response(key)) is not None:
        return hit
    found = _indicator_or_404(indicator)
    comuna = Comuna.objects.filter(cut=cut).first()
    if comuna is None:
        raise HttpError(404, f"No existe una comuna con el código CUT «{cut}».")
    return fast_api.json_response(key, fast_api.series_payload(found, comuna))


def values_missing(indicator, period: str, *, region: str, typology: str, cut: str) -> list[dict]:
    """Comunas the source reports without a number: present with their status, never as a number."""
    if not period:
        return []
    missing = selectors.period_missing(indicator, period)
    if typology:
        typed = set(Comuna.objects.filter(typology=typology).values_list("cut", flat=True))
        missing = [m for m in missing if m[0] in typed]
    return [
        {"cut": c, "comuna": name, "period": period, "value": None, "lower": None, "upper": None, "numerator": None,
         "denominator": None, "status": status, "flag": ""}
        for c, name, status in missing
        if (not region or c[:2] == region) and (not cut or c == cut)
    ]


from . import api_open  # noqa: E402,F401  - registers the aggregates, dictionary and package endpoints
