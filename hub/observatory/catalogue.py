"""The observatory's indicator catalogue: every indicator code the platform knows, with its source.

This module is declarative data; ``services.catalogue_sync()`` writes it into the database
(idempotent, keyed by ``code``). Pages, API and importers rely on these codes, so never rename one:
add a new code and retire the old one instead.

Ratio indicators (``aggregation == ratio``) are never imported: ``services.derived_recompute()``
computes them for every comuna from their ``numerator`` / ``denominator`` indicators, and regional
or national values are recomputed from sums of the components (``selectors.aggregate_series``).
Their components are indicators of their own; the ones that make no sense on their own are
``is_public=False``.

Human capital, environment and digital transformation have no public comunal file yet: the
catalogue deliberately has no indicator for them (the pages say "sin datos públicos aún").
"""

from dataclasses import dataclass

from .models import Aggregation, Direction, IndicatorTheme, Periodicity, Unit


@dataclass(frozen=True)
class SourceSpec:
    code: str
    institution: str
    dataset: str
    url: str
    licence: str
    attribution: str


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name_es: str
    name_en: str
    definition: str
    unit: str
    theme: str
    source: str
    periodicity: str = Periodicity.YEAR
    direction: str = Direction.NEUTRAL
    aggregation: str = Aggregation.SUM
    numerator: str = ""
    denominator: str = ""
    scale: float = 1.0
    decimals: int = 0
    is_public: bool = True


# Attribution texts follow /work/shared/data/README.md (the "source (licence)" column).
# A licence left empty means the README states none for that file: we do not guess one.
SOURCES: list[SourceSpec] = [
    SourceSpec(
        code="cead",
        institution="Subsecretaría de Prevención del Delito",
        dataset="CEAD: casos policiales por comuna, mes y delito (Carabineros y PDI)",
        url="https://cead.spd.gob.cl/estadisticas-delictuales/",
        licence="",
        attribution="CEAD, Subsecretaría de Prevención del Delito (casos policiales, Carabineros y PDI)",
    ),
    SourceSpec(
        code="ine_censo_2024",
        institution="Instituto Nacional de Estadísticas (INE)",
        dataset="Censo de Población y Vivienda 2024",
        url="https://censo2024.ine.gob.cl/",
        licence="CC BY 4.0",
        attribution="INE, Censo de Población y Vivienda 2024",
    ),
    SourceSpec(
        code="ine_proyecciones",
        institution="Instituto Nacional de Estadísticas (INE)",
        dataset="Proyecciones de población por comuna 2002-2035 (base Censo 2017)",
        url="https://www.ine.gob.cl/estadisticas/sociales/demografia-y-vitales/proyecciones-de-poblacion",
        licence="",
        attribution="INE, proyecciones de población (base Censo 2017)",
    ),
    SourceSpec(
        code="cead_ine",
        institution="Subsecretaría de Prevención del Delito e INE",
        dataset="CEAD casos policiales; INE proyecciones de población (base Censo 2017)",
        url="https://cead.spd.gob.cl/estadisticas-delictuales/",
        licence="",
        attribution="CEAD, Subsecretaría de Prevención del Delito; INE, proyecciones de población",
    ),
    SourceSpec(
        code="mds_pobreza",
        institution="Ministerio de Desarrollo Social y Familia",
        dataset="Estimaciones comunales de pobreza por ingresos y multidimensional 2022 (SAE)",
        url="https://observatorio.ministeriodesarrollosocial.gob.cl/pobreza-comunal",
        licence="",
        attribution="Observatorio Social, Ministerio de Desarrollo Social y Familia",
    ),
    SourceSpec(
        code="minsal_establecimientos",
        institution="Ministerio de Salud (MINSAL)",
        dataset="Registro de establecimientos de salud",
        url="https://datos.gob.cl/",
        licence="CC0",
        attribution="MINSAL, datos.gob.cl",
    ),
    SourceSpec(
        code="minsal_ine",
        institution="Ministerio de Salud (MINSAL) e INE",
        dataset="Registro de establecimientos de salud; Censo de Población y Vivienda 2024",
        url="https://datos.gob.cl/",
        licence="",
        attribution="MINSAL, datos.gob.cl; INE, Censo de Población y Vivienda 2024",
    ),
    SourceSpec(
        code="sinim",
        institution="SUBDERE",
        dataset="SINIM: ingresos y gastos municipales 2024",
        url="https://datos.sinim.gov.cl/",
        licence="",
        attribution="SINIM, SUBDERE",
    ),
    SourceSpec(
        code="sinim_ine",
        institution="SUBDERE e INE",
        dataset="SINIM: gastos municipales 2024; Censo de Población y Vivienda 2024",
        url="https://datos.sinim.gov.cl/",
        licence="",
        attribution="SINIM, SUBDERE; INE, Censo de Población y Vivienda 2024",
    ),
]

_T = IndicatorTheme
_U = Unit
_D = Direction
_A = Aggregation
_P = Periodicity

CEAD_DEFINITION = (
    "Casos policiales registrados por Carabineros y PDI en la comuna (denuncias más detenciones en flagrancia), "
    "suma de los 30 delitos y faltas del archivo comunal del CEAD."
)


def _sinim_component(code: str, name_es: str, name_en: str, field: str) -> IndicatorSpec:
    return IndicatorSpec(
        code=code,
        name_es=name_es,
        name_en=name_en,
        definition=f"Monto anual en pesos del campo «{field}» informado por el municipio al SINIM (componente).",
        unit=_U.CLP,
        theme=_T.FINANZAS,
        source="sinim",
        is_public=False,
    )


INDICATORS: list[IndicatorSpec] = [
    # Context: population and poverty.
    IndicatorSpec(
        code="poblacion_censo_2024",
        name_es="Población censada 2024",
        name_en="Census population 2024",
        definition="Personas efectivamente censadas en la comuna en el Censo de Población y Vivienda 2024.",
        unit=_U.PERSONS,
        theme=_T.CONTEXTO,
        source="ine_censo_2024",
    ),
    IndicatorSpec(
        code="poblacion_proyectada",
        name_es="Población proyectada",
        name_en="Projected population",
        definition="Población estimada al 30 de junio de cada año por el INE (proyecciones base Censo 2017).",
        unit=_U.PERSONS,
        theme=_T.CONTEXTO,
        source="ine_proyecciones",
    ),
    IndicatorSpec(
        code="pobreza_ingresos",
        name_es="Pobreza por ingresos",
        name_en="Income poverty rate",
        definition=(
            "Porcentaje de personas en situación de pobreza por ingresos, estimación para áreas pequeñas (SAE) "
            "con intervalo de confianza. No se agrega a nivel regional: un promedio de tasas sería engañoso."
        ),
        unit=_U.PERCENT,
        theme=_T.CONTEXTO,
        source="mds_pobreza",
        direction=_D.HIGHER_WORSE,
        aggregation=_A.NONE,
        decimals=1,
    ),
    IndicatorSpec(
        code="pobreza_multidimensional",
        name_es="Pobreza multidimensional",
        name_en="Multidimensional poverty rate",
        definition=(
            "Porcentaje de personas en situación de pobreza multidimensional, estimación para áreas pequeñas "
            "(SAE) con intervalo de confianza. No se agrega a nivel regional."
        ),
        unit=_U.PERCENT,
        theme=_T.CONTEXTO,
        source="mds_pobreza",
        direction=_D.HIGHER_WORSE,
        aggregation=_A.NONE,
        decimals=1,
    ),
    # Security.
    IndicatorSpec(
        code="casos_policiales",
        name_es="Casos policiales",
        name_en="Police cases",
        definition=CEAD_DEFINITION + " Total anual; la desagregación guarda cada delito.",
        unit=_U.COUNT,
        theme=_T.SEGURIDAD,
        source="cead",
        direction=_D.HIGHER_WORSE,
    ),
    IndicatorSpec(
        code="casos_policiales_mensual",
        name_es="Casos policiales mensuales",
        name_en="Police cases per month",
        definition=CEAD_DEFINITION + " Total mensual.",
        unit=_U.COUNT,
        theme=_T.SEGURIDAD,
        source="cead",
        periodicity=_P.MONTH,
        direction=_D.HIGHER_WORSE,
    ),
    IndicatorSpec(
        code="tasa_casos_policiales",
        name_es="Tasa de casos policiales",
        name_en="Police cases per 100,000 inhabitants",
        definition=(
            "Casos policiales del año por cada 100.000 habitantes, usando la población proyectada por el INE "
            "para el mismo año."
        ),
        unit=_U.PER_100K,
        theme=_T.SEGURIDAD,
        source="cead_ine",
        direction=_D.HIGHER_WORSE,
        aggregation=_A.RATIO,
        numerator="casos_policiales",
        denominator="poblacion_proyectada",
        scale=100000,
        decimals=1,
    ),
    # Primary health care.
    IndicatorSpec(
        code="aps_establecimientos_municipales",
        name_es="Establecimientos de APS municipal",
        name_en="Municipal primary care facilities",
        definition=(
            "Establecimientos de salud de primer nivel de atención y dependencia municipal con estado vigente "
            "en el registro de MINSAL (corte del archivo descargado), contados por comuna. El periodo indica el "
            "año de la población de referencia (Censo 2024)."
        ),
        unit=_U.COUNT,
        theme=_T.APS,
        source="minsal_establecimientos",
        direction=_D.HIGHER_BETTER,
    ),
    IndicatorSpec(
        code="aps_por_10mil_hab",
        name_es="Establecimientos de APS municipal por 10.000 habitantes",
        name_en="Municipal primary care facilities per 10,000 inhabitants",
        definition="Establecimientos de APS municipal vigentes por cada 10.000 habitantes censados en 2024.",
        unit=_U.PER_10K,
        theme=_T.APS,
        source="minsal_ine",
        direction=_D.HIGHER_BETTER,
        aggregation=_A.RATIO,
        numerator="aps_establecimientos_municipales",
        denominator="poblacion_censo_2024",
        scale=10000,
        decimals=2,
    ),
    # Municipal finance: components (non-public) then ratios.
    _sinim_component("sinim_ingresos_totales", "Ingresos totales municipales", "Total municipal income",
                     "ingresos_totales"),
    _sinim_component("sinim_gastos_totales", "Gastos totales municipales", "Total municipal spending",
                     "gastos_totales"),
    _sinim_component("sinim_ingresos_propios_permanentes", "Ingresos propios permanentes",
                     "Own permanent income", "ingresos_propios_permanentes"),
    _sinim_component("sinim_fondo_comun_municipal", "Ingresos por Fondo Común Municipal",
                     "Municipal Common Fund income", "fondo_comun_municipal"),
    _sinim_component("sinim_gasto_personal", "Gasto en personal", "Personnel spending", "gasto_personal"),
    _sinim_component("sinim_gasto_inversion", "Gasto en inversión", "Investment spending", "gasto_inversion"),
    IndicatorSpec(
        code="autonomia_financiera",
        name_es="Autonomía financiera",
        name_en="Financial autonomy",
        definition="Ingresos propios permanentes como porcentaje de los ingresos totales del municipio.",
        unit=_U.PERCENT,
        theme=_T.FINANZAS,
        source="sinim",
        direction=_D.HIGHER_BETTER,
        aggregation=_A.RATIO,
        numerator="sinim_ingresos_propios_permanentes",
        denominator="sinim_ingresos_totales",
        scale=100,
        decimals=1,
    ),
    IndicatorSpec(
        code="dependencia_fcm",
        name_es="Dependencia del Fondo Común Municipal",
        name_en="Dependence on the Municipal Common Fund",
        definition="Ingresos por Fondo Común Municipal como porcentaje de los ingresos totales del municipio.",
        unit=_U.PERCENT,
        theme=_T.FINANZAS,
        source="sinim",
        direction=_D.NEUTRAL,
        aggregation=_A.RATIO,
        numerator="sinim_fondo_comun_municipal",
        denominator="sinim_ingresos_totales",
        scale=100,
        decimals=1,
    ),
    IndicatorSpec(
        code="gasto_personal_pct",
        name_es="Gasto en personal sobre gasto total",
        name_en="Personnel spending share",
        definition="Gasto en personal como porcentaje de los gastos totales del municipio.",
        unit=_U.PERCENT,
        theme=_T.FINANZAS,
        source="sinim",
        direction=_D.NEUTRAL,
        aggregation=_A.RATIO,
        numerator="sinim_gasto_personal",
        denominator="sinim_gastos_totales",
        scale=100,
        decimals=1,
    ),
    IndicatorSpec(
        code="inversion_por_habitante",
        name_es="Inversión municipal por habitante",
        name_en="Municipal investment per inhabitant",
        definition="Gasto municipal en inversión del año dividido por la población censada 2024, en pesos.",
        unit=_U.CLP,
        theme=_T.FINANZAS,
        source="sinim_ine",
        direction=_D.HIGHER_BETTER,
        aggregation=_A.RATIO,
        numerator="sinim_gasto_inversion",
        denominator="poblacion_censo_2024",
        scale=1,
        decimals=0,
    ),
]

INDICATORS_BY_CODE: dict[str, IndicatorSpec] = {spec.code: spec for spec in INDICATORS}
SOURCES_BY_CODE: dict[str, SourceSpec] = {spec.code: spec for spec in SOURCES}

# Ratio indicators whose denominator has a single fixed period (a census): the ratio for any period of the
# numerator uses that period of the denominator.
FIXED_DENOMINATOR_PERIOD: dict[str, str] = {"poblacion_censo_2024": "2024"}
