"""Small, deterministic observatory data for the page, API and download tests (not real figures).

The real catalogue codes are used so the pages behave as with the loaded data; values are synthetic and
only ever asserted against themselves.
"""

import pytest

from hub.observatory.models import Indicator, Observation, Source
from hub.territory.models import Comuna

LICENCE = "CC BY 4.0"


def _indicator(code, source, **fields):
    defaults = {
        "name_es": code.replace("_", " ").capitalize(),
        "name_en": code,
        "definition": f"Definición de {code}.",
        "unit": "count",
        "theme": "seguridad",
        "source": source,
        "periodicity": "year",
        "direction": "neutral",
        "aggregation": "sum",
        "decimals": 0,
    }
    defaults.update(fields)
    indicator, _ = Indicator.objects.update_or_create(code=code, defaults=defaults)
    return indicator


def build(*, comunas: int = 20, years: int = 3, months: int = 3, first_year: int = 2021) -> dict:
    """Indicators with values for the first `comunas` comunas (by CUT, always including Ñuñoa and Temuco)."""
    cead = Source.objects.update_or_create(
        code="cead",
        defaults={
            "institution": "Subsecretaría de Prevención del Delito",
            "dataset": "CEAD",
            "licence": LICENCE,
            "attribution": "CEAD, Subsecretaría de Prevención del Delito",
        },
    )[0]
    mds = Source.objects.update_or_create(
        code="mds_pobreza",
        defaults={"institution": "MDSF", "dataset": "Pobreza comunal", "licence": "",
                  "attribution": "Observatorio Social, Ministerio de Desarrollo Social y Familia"},
    )[0]
    casos = _indicator("casos_policiales", cead, direction="higher_worse")
    mensual = _indicator("casos_policiales_mensual", cead, periodicity="month")
    poblacion = _indicator("poblacion_proyectada", cead, theme="contexto", unit="persons")
    tasa = _indicator(
        "tasa_casos_policiales", cead, unit="per_100k", aggregation="ratio", numerator=casos,
        denominator=poblacion, scale=100000, decimals=1,
    )
    pobreza = _indicator(
        "pobreza_multidimensional", mds, theme="contexto", unit="percent", aggregation="none", decimals=1
    )
    oculto = _indicator("componente_privado", cead, is_public=False)
    chosen = list(Comuna.objects.exclude(cut__in=["13120", "09101"]).order_by("cut")[: max(comunas - 2, 0)])
    chosen += list(Comuna.objects.filter(cut__in=["13120", "09101"]))
    rows = []
    for i, comuna in enumerate(chosen, start=1):
        for y in range(years):
            year = first_year + y
            period = str(year)
            cases = float(100 * i + y)
            people = float(10000 + 1000 * i)
            rows += [
                Observation(indicator=casos, comuna=comuna, period=period, year=year, value=cases),
                Observation(indicator=poblacion, comuna=comuna, period=period, year=year, value=people),
                Observation(indicator=tasa, comuna=comuna, period=period, year=year, value=cases / people * 1e5,
                            numerator=cases, denominator=people),
                Observation(indicator=oculto, comuna=comuna, period=period, year=year, value=1.0),
                Observation(indicator=casos, comuna=comuna, period=period, year=year, value=1.0, dimension="Robo"),
            ]
            for m in range(1, months + 1):
                rows.append(Observation(indicator=mensual, comuna=comuna, period=f"{year}-{m:02d}", year=year,
                                        value=float(i + m)))
        rows.append(Observation(indicator=pobreza, comuna=comuna, period="2022", year=2022, value=10.0 + i / 2,
                                lower=8.0 + i / 2, upper=12.0 + i / 2))
    Observation.objects.bulk_create(rows)
    return {"casos": casos, "mensual": mensual, "poblacion": poblacion, "tasa": tasa, "pobreza": pobreza,
            "oculto": oculto, "comunas": chosen, "last_year": str(first_year + years - 1)}


@pytest.fixture(autouse=False)
def clear_observatory_cache():
    """Cached reads are keyed by a data version; clearing keeps each test independent of the previous one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
