"""The observatory's indicator catalogue: every indicator code the platform knows, with its source.

This module is declarative data; ``services.catalogue_sync()`` writes it into the database
(idempotent, keyed by ``code``). Pages, API and importers rely on these codes, so never rename one:
add a new code and retire the old one instead.

Ratio indicators (``aggregation == ratio``) are never imported: ``services.derived_recompute()``
computes them for every comuna from their ``numerator`` / ``denominator`` indicators, and regional
or national values are recomputed from sums of the components (``selectors.aggregate_series``).
Their components are indicators of their own; the ones that make no sense on their own are
``is_public=False``.

Every challenge has indicators from a public comunal file (SINIM by theme, NUDOS, FONASA: see
``data/README.md``). Licences are written as each source states them; a derived indicator's source lists
the licence of every component. ``HEADLINES`` names the figures shown per challenge on the home page and
on each comuna page.
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
    retrieved: str = ""
    file_name: str = ""


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


# Attribution texts, licences and dates follow data/README.md. Never guess a licence: when the source states
# none, say so and ask for the citation.
NOT_STATED = "no declarada — cite la fuente"
SINIM_LICENCE = "atribución, sin fines comerciales por confirmar (CC BY-NC)"
RECEIVED = "no registrada (copia recibida el 2026-12-01)"
SINIM_URL = "https://datos.sinim.gov.cl/datos_municipales.php"
SINIM_RETRIEVED = "API SINIM, enero-febrero 2025; descarga web 2024-06-15"

SOURCES: list[SourceSpec] = [
    SourceSpec(
        code="cead",
        institution="Subsecretaría de Prevención del Delito",
        dataset="CEAD: casos policiales por comuna, mes y delito (Carabineros y PDI)",
        url="https://cead.spd.gob.cl/estadisticas-delictuales/",
        licence="",
        attribution="CEAD, Subsecretaría de Prevención del Delito (casos policiales, Carabineros y PDI)",
        retrieved=RECEIVED,
        file_name="observatory/cead_casos_policiales_mensual_2018_2025.csv.gz",
    ),
    SourceSpec(
        code="ine_censo_2024",
        institution="Instituto Nacional de Estadísticas (INE)",
        dataset="Censo de Población y Vivienda 2024",
        url="https://censo2024.ine.gob.cl/resultados/",
        licence="CC BY 4.0",
        attribution="INE, Censo de Población y Vivienda 2024",
        retrieved=RECEIVED,
        file_name="territory/censo2024_comunal.json",
    ),
    SourceSpec(
        code="ine_proyecciones",
        institution="Instituto Nacional de Estadísticas (INE)",
        dataset="Proyecciones de población por comuna 2002-2035 (base Censo 2017)",
        url="https://www.ine.gob.cl/estadisticas/sociales/demografia-y-vitales/proyecciones-de-poblacion",
        licence=NOT_STATED,
        attribution="INE, proyecciones de población (base Censo 2017)",
        retrieved=RECEIVED,
        file_name="territory/ine_proyecciones_poblacion_2002_2035.csv.gz",
    ),
    SourceSpec(
        code="cead_ine",
        institution="Subsecretaría de Prevención del Delito e INE",
        dataset="CEAD casos policiales; INE proyecciones de población (base Censo 2017)",
        url="https://cead.spd.gob.cl/estadisticas-delictuales/",
        licence=f"CEAD: {NOT_STATED}; INE proyecciones: {NOT_STATED}",
        retrieved=RECEIVED,
        attribution="CEAD, Subsecretaría de Prevención del Delito; INE, proyecciones de población",
    ),
    SourceSpec(
        code="mds_pobreza_ingresos",
        institution="Ministerio de Desarrollo Social y Familia",
        dataset="Estimaciones comunales de la tasa de pobreza por ingresos 2022 (SAE)",
        url="https://observatorio.ministeriodesarrollosocial.gob.cl/storage/docs/pobreza-comunal/2022/"
            "Estimaciones_Tasa_Pobreza_Ingresos_Comunas_2022.xlsx",
        licence=NOT_STATED,
        attribution="Observatorio Social, Ministerio de Desarrollo Social y Familia",
        retrieved="2026-08-13",
        file_name="observatory/mds_pobreza_comunal_2022.json.gz",
    ),
    SourceSpec(
        code="mds_pobreza",
        institution="Ministerio de Desarrollo Social y Familia",
        dataset="Estimaciones comunales de pobreza multidimensional 2022 (SAE)",
        url="https://observatorio.ministeriodesarrollosocial.gob.cl/storage/docs/pobreza-comunal/2022/"
            "Estimaciones_Indice_Pobreza_Multidimensional_Comunas_2022.xlsx",
        licence=NOT_STATED,
        attribution="Observatorio Social, Ministerio de Desarrollo Social y Familia",
        retrieved="2026-08-13",
        file_name="observatory/mds_pobreza_comunal_2022.json.gz",
    ),
    SourceSpec(
        code="minsal_establecimientos",
        institution="Ministerio de Salud (MINSAL)",
        dataset="Registro de establecimientos de salud (registro sin fecha de corte)",
        url="https://datos.gob.cl/",
        licence="CC0",
        attribution="MINSAL, datos.gob.cl",
        retrieved=RECEIVED,
        file_name="observatory/minsal_establecimientos_salud.csv.gz",
    ),
    SourceSpec(
        code="minsal_ine",
        institution="Ministerio de Salud (MINSAL) e INE",
        dataset="Registro de establecimientos de salud; Censo de Población y Vivienda 2024",
        url="https://datos.gob.cl/",
        licence="MINSAL: CC0; INE Censo 2024: CC BY 4.0",
        attribution="MINSAL, datos.gob.cl; INE, Censo de Población y Vivienda 2024",
        retrieved=RECEIVED,
    ),
    SourceSpec(
        code="sinim",
        institution="SUBDERE",
        dataset="SINIM: ingresos y gastos municipales 2024",
        url=SINIM_URL,
        licence=SINIM_LICENCE,
        attribution="SINIM, SUBDERE",
        retrieved=RECEIVED,
        file_name="observatory/sinim_finanzas_municipales_2024.json",
    ),
    SourceSpec(
        code="sinim_ine",
        institution="SUBDERE e INE",
        dataset="SINIM: gastos municipales 2024; Censo de Población y Vivienda 2024",
        url=SINIM_URL,
        licence=f"SINIM: {SINIM_LICENCE}; INE Censo 2024: CC BY 4.0",
        attribution="SINIM, SUBDERE; INE, Censo de Población y Vivienda 2024",
        retrieved=RECEIVED,
    ),
    SourceSpec(
        code="sinim_rrhh",
        institution="SUBDERE",
        dataset="SINIM: recursos humanos municipales 2019-2023 (planta, contrata, honorarios, profesionalización)",
        url=SINIM_URL,
        licence=SINIM_LICENCE,
        attribution="SINIM, SUBDERE",
        retrieved="API SINIM, enero-febrero 2025",
        file_name="observatory/sinim_capital_humano_municipal.csv.gz",
    ),
    SourceSpec(
        code="sinim_salud",
        institution="SUBDERE",
        dataset="SINIM: salud municipal 2018-2023 (población inscrita validada por FONASA, cobertura, gasto, CESFAM)",
        url=SINIM_URL,
        licence=SINIM_LICENCE,
        attribution="SINIM, SUBDERE",
        retrieved=SINIM_RETRIEVED,
        file_name="observatory/sinim_salud_aps.csv.gz",
    ),
    SourceSpec(
        code="sinim_ambiental",
        institution="SUBDERE",
        dataset="SINIM: gestión ambiental y territorial 2018-2023 (aseo, áreas verdes, alumbrado)",
        url=SINIM_URL,
        licence=SINIM_LICENCE,
        attribution="SINIM, SUBDERE",
        retrieved=SINIM_RETRIEVED,
        file_name="observatory/sinim_gestion_ambiental.csv.gz",
    ),
    SourceSpec(
        code="sinim_seguridad",
        institution="SUBDERE",
        dataset="SINIM: seguridad municipal 2018-2023 (cámaras, inspectores, vehículos)",
        url=SINIM_URL,
        licence=SINIM_LICENCE,
        attribution="SINIM, SUBDERE",
        retrieved="descarga web SINIM 2024-06-15",
        file_name="observatory/sinim_seguridad_municipal.csv.gz",
    ),
    SourceSpec(
        code="sinim_ine_proy",
        institution="SUBDERE e INE",
        dataset="SINIM (datos municipales por tema); INE, proyecciones de población del mismo año",
        url=SINIM_URL,
        licence=f"SINIM: {SINIM_LICENCE}; INE proyecciones: {NOT_STATED}",
        attribution="SINIM, SUBDERE; INE, proyecciones de población (base Censo 2017)",
        retrieved=SINIM_RETRIEVED,
    ),
    SourceSpec(
        code="nudos",
        institution="Núcleo Milenio de Desigualdades y Oportunidades Digitales (NUDOS)",
        dataset="Índice de Digitalización Comunal (IDC) 2024 y 2025",
        url="https://github.com/jbkunst/shiny-app-inclusion-digital",
        licence=NOT_STATED,
        attribution="NUDOS (2025). Índice de Digitalización Comunal (IDC) 2025. Núcleo Milenio de Desigualdades y "
                    "Oportunidades Digitales. Santiago, Chile",
        retrieved="2025-09-09",
        file_name="observatory/nudos_indice_digitalizacion_comunal_2024_2025.csv",
    ),
    SourceSpec(
        code="fonasa",
        institution="Fondo Nacional de Salud (FONASA)",
        dataset="Datos abiertos FONASA: beneficiarios 2023 por comuna y tramo",
        url="https://datosabiertos.fonasa.cl/dimensiones-beneficiarios/",
        licence=NOT_STATED,
        attribution="FONASA",
        retrieved="2025-02-12",
        file_name="observatory/fonasa_beneficiarios_comuna_tramo_2023.csv",
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
        source="mds_pobreza_ingresos",
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


def _component(code: str, name_es: str, name_en: str, sinim: str, unit: str, theme: str, source: str,
               money: bool = False) -> IndicatorSpec:
    """A SINIM variable used only as a part of a ratio (not public on its own)."""
    what = "Monto anual en pesos nominales (SINIM publica miles de pesos: se multiplica por 1.000)" if money \
        else "Valor anual"
    return IndicatorSpec(
        code=code, name_es=name_es, name_en=name_en, unit=unit, theme=theme, source=source, is_public=False,
        definition=f"{what} de la variable SINIM {sinim} informada por el municipio (componente de una razón).",
    )


PER_INHABITANT = "la población proyectada por el INE para el mismo año"

INDICATORS += [
    # --- Capital humano municipal (SINIM, recursos humanos) --------------------------------------------------
    IndicatorSpec(
        code="profesionalizacion_municipal",
        name_es="Nivel de profesionalización municipal",
        name_en="Municipal professionalisation level",
        definition="Porcentaje de profesionales en la dotación municipal de planta y contrata, tal como lo publica "
                   "el SINIM (variable 738). No se agrega: SINIM no publica sus componentes.",
        unit=_U.PERCENT, theme=_T.CAPITAL_HUMANO, source="sinim_rrhh", direction=_D.HIGHER_BETTER,
        aggregation=_A.NONE, decimals=1,
    ),
    IndicatorSpec(
        code="funcionarios_planta_contrata",
        name_es="Funcionarios municipales de planta y contrata",
        name_en="Municipal staff (permanent and fixed-term)",
        definition="Número de funcionarios municipales de planta más contrata (SINIM, variable 4071).",
        unit=_U.PERSONS, theme=_T.CAPITAL_HUMANO, source="sinim_rrhh",
    ),
    _component("sinim_honorarios", "Personal a honorarios", "Fee-based staff", "4069", _U.PERSONS,
               _T.CAPITAL_HUMANO, "sinim_rrhh"),
    IndicatorSpec(
        code="sinim_dotacion_con_honorarios", name_es="Planta, contrata y honorarios",
        name_en="Permanent, fixed-term and fee-based staff",
        definition="Suma de las variables SINIM 4071 (planta y contrata) y 4069 (honorarios) del mismo año; "
                   "solo cuando ambas están informadas (componente).",
        unit=_U.PERSONS, theme=_T.CAPITAL_HUMANO, source="sinim_rrhh", is_public=False,
    ),
    _component("sinim_funcionarias_mujeres", "Funcionarias de planta y contrata", "Women staff", "4073",
               _U.PERSONS, _T.CAPITAL_HUMANO, "sinim_rrhh"),
    IndicatorSpec(
        code="funcionarios_por_1000_hab",
        name_es="Funcionarios de planta y contrata por 1.000 habitantes",
        name_en="Municipal staff per 1,000 inhabitants",
        definition=f"Funcionarios de planta y contrata (SINIM 4071) por cada 1.000 habitantes, usando "
                   f"{PER_INHABITANT}.",
        unit=_U.PER_1000, theme=_T.CAPITAL_HUMANO, source="sinim_ine_proy", aggregation=_A.RATIO,
        numerator="funcionarios_planta_contrata", denominator="poblacion_proyectada", scale=1000, decimals=2,
    ),
    IndicatorSpec(
        code="honorarios_pct",
        name_es="Personal a honorarios sobre la dotación total",
        name_en="Fee-based staff share",
        definition="Personal a honorarios (SINIM 4069) como porcentaje de planta, contrata y honorarios "
                   "(4071 + 4069).",
        unit=_U.PERCENT, theme=_T.CAPITAL_HUMANO, source="sinim_rrhh", direction=_D.HIGHER_WORSE,
        aggregation=_A.RATIO, numerator="sinim_honorarios", denominator="sinim_dotacion_con_honorarios",
        scale=100, decimals=1,
    ),
    IndicatorSpec(
        code="mujeres_funcionarias_pct",
        name_es="Mujeres en la dotación de planta y contrata",
        name_en="Women in municipal staff",
        definition="Funcionarias mujeres de planta y contrata (SINIM 4073) como porcentaje del total de planta y "
                   "contrata (4071).",
        unit=_U.PERCENT, theme=_T.CAPITAL_HUMANO, source="sinim_rrhh", aggregation=_A.RATIO,
        numerator="sinim_funcionarias_mujeres", denominator="funcionarios_planta_contrata", scale=100, decimals=1,
    ),
    IndicatorSpec(
        code="gasto_personal_umbral_legal",
        name_es="Gasto en personal respecto del límite legal",
        name_en="Personnel spending against the legal ceiling",
        definition="Gasto en personal como porcentaje del límite legal del 42 % de los ingresos propios, tal como "
                   "lo publica el SINIM (variable 4341). No se agrega.",
        unit=_U.PERCENT, theme=_T.CAPITAL_HUMANO, source="sinim_rrhh", direction=_D.HIGHER_WORSE,
        aggregation=_A.NONE, decimals=1,
    ),
    IndicatorSpec(
        code="capacitacion_gasto_personal_pct",
        name_es="Gasto en capacitación sobre gasto en personal",
        name_en="Training spending as a share of personnel spending",
        definition="Gasto en capacitación como porcentaje del gasto en personal, tal como lo publica el SINIM "
                   "(variable 1106). No se agrega.",
        unit=_U.PERCENT, theme=_T.CAPITAL_HUMANO, source="sinim_rrhh", direction=_D.HIGHER_BETTER,
        aggregation=_A.NONE, decimals=2,
    ),
    # --- APS (SINIM salud, FONASA) ---------------------------------------------------------------------------
    IndicatorSpec(
        code="aps_poblacion_inscrita",
        name_es="Población inscrita en APS municipal",
        name_en="Population registered in municipal primary care",
        definition="Población inscrita en la atención primaria municipal validada por FONASA (SINIM, variable 787). "
                   "Se inscribe donde se atiende, que puede no ser la comuna de residencia.",
        unit=_U.PERSONS, theme=_T.APS, source="sinim_salud",
    ),
    IndicatorSpec(
        code="aps_cobertura",
        name_es="Cobertura de la APS municipal",
        name_en="Municipal primary care coverage",
        definition="Cobertura de la atención primaria municipal en porcentaje, tal como la publica el SINIM "
                   "(variable 788). No se agrega.",
        unit=_U.PERCENT, theme=_T.APS, source="sinim_salud", direction=_D.HIGHER_BETTER, aggregation=_A.NONE,
        decimals=1,
    ),
    _component("sinim_gasto_salud", "Gasto en salud municipal", "Municipal health spending", "1128", _U.CLP,
               _T.APS, "sinim_salud", money=True),
    IndicatorSpec(
        code="aps_gasto_por_inscrito",
        name_es="Gasto en salud municipal por inscrito",
        name_en="Municipal health spending per registered person",
        definition="Gasto en salud municipal (SINIM 1128, en pesos nominales: miles × 1.000) dividido por la "
                   "población inscrita validada por FONASA (787) del mismo año. Pesos nominales de cada año.",
        unit=_U.CLP_PER_PERSON, theme=_T.APS, source="sinim_salud", aggregation=_A.RATIO,
        numerator="sinim_gasto_salud", denominator="aps_poblacion_inscrita", scale=1, decimals=0,
    ),
    IndicatorSpec(
        code="aps_cesfam",
        name_es="Centros de Salud Familiar (CESFAM) municipales",
        name_en="Municipal family health centres (CESFAM)",
        definition="Número de CESFAM de administración municipal informados al SINIM (variable MCESFAM).",
        unit=_U.COUNT, theme=_T.APS, source="sinim_salud", direction=_D.HIGHER_BETTER,
    ),
    IndicatorSpec(
        code="fonasa_beneficiarios",
        name_es="Beneficiarios de FONASA",
        name_en="FONASA beneficiaries",
        definition="Personas beneficiarias de FONASA registradas en la comuna (total del archivo de FONASA), con "
                   "la desagregación por tramo A, B, C y D. Población con derecho a la APS pública.",
        unit=_U.PERSONS, theme=_T.APS, source="fonasa",
    ),
    # --- Sostenibilidad ambiental (SINIM gestión ambiental) ---------------------------------------------------
    _component("sinim_areas_verdes_m2", "Áreas verdes con mantención", "Maintained green areas", "MAVM", _U.M2,
               _T.AMBIENTAL, "sinim_ambiental"),
    _component("sinim_gasto_aseo", "Gasto en aseo, recolección y vertederos", "Cleaning and waste spending",
               "3923", _U.CLP, _T.AMBIENTAL, "sinim_ambiental", money=True),
    _component("sinim_derechos_aseo", "Ingresos por derechos de aseo", "Cleaning fees income", "3954", _U.CLP,
               _T.AMBIENTAL, "sinim_ambiental", money=True),
    _component("sinim_gasto_alumbrado", "Gasto en mantención del alumbrado público", "Public lighting spending",
               "3925", _U.CLP, _T.AMBIENTAL, "sinim_ambiental", money=True),
    IndicatorSpec(
        code="areas_verdes_m2_por_hab",
        name_es="Áreas verdes con mantención por habitante",
        name_en="Maintained green area per inhabitant",
        definition=f"Metros cuadrados de áreas verdes con mantención municipal (SINIM MAVM) por habitante, usando "
                   f"{PER_INHABITANT}.",
        unit=_U.M2_PER_PERSON, theme=_T.AMBIENTAL, source="sinim_ine_proy", direction=_D.HIGHER_BETTER,
        aggregation=_A.RATIO, numerator="sinim_areas_verdes_m2", denominator="poblacion_proyectada", decimals=2,
    ),
    IndicatorSpec(
        code="gasto_aseo_por_hab",
        name_es="Gasto en aseo y recolección por habitante",
        name_en="Cleaning and waste spending per inhabitant",
        definition=f"Gasto en servicios de aseo, recolección de basura y vertederos (SINIM 3923, miles × 1.000 = "
                   f"pesos nominales) por habitante, usando {PER_INHABITANT}.",
        unit=_U.CLP_PER_PERSON, theme=_T.AMBIENTAL, source="sinim_ine_proy", aggregation=_A.RATIO,
        numerator="sinim_gasto_aseo", denominator="poblacion_proyectada", decimals=0,
    ),
    IndicatorSpec(
        code="cobertura_derechos_aseo_pct",
        name_es="Cobertura del gasto en aseo con derechos de aseo",
        name_en="Cleaning spending covered by cleaning fees",
        definition="Ingresos por derechos de aseo (SINIM 3954) como porcentaje del gasto en aseo, recolección y "
                   "vertederos (3923) del mismo año.",
        unit=_U.PERCENT, theme=_T.AMBIENTAL, source="sinim_ambiental", direction=_D.HIGHER_BETTER,
        aggregation=_A.RATIO, numerator="sinim_derechos_aseo", denominator="sinim_gasto_aseo", scale=100,
        decimals=1,
    ),
    IndicatorSpec(
        code="gasto_alumbrado_por_hab",
        name_es="Gasto en alumbrado público por habitante",
        name_en="Public lighting spending per inhabitant",
        definition=f"Gasto en mantención del alumbrado público (SINIM 3925, miles × 1.000 = pesos nominales) por "
                   f"habitante, usando {PER_INHABITANT}.",
        unit=_U.CLP_PER_PERSON, theme=_T.AMBIENTAL, source="sinim_ine_proy", aggregation=_A.RATIO,
        numerator="sinim_gasto_alumbrado", denominator="poblacion_proyectada", decimals=0,
    ),
    # --- Seguridad: recursos municipales (SINIM), junto a CEAD ------------------------------------------------
    IndicatorSpec(
        code="camaras_vigilancia",
        name_es="Cámaras de televigilancia municipales",
        name_en="Municipal surveillance cameras",
        definition="Número de cámaras de televigilancia municipales informadas al SINIM (variable MNSEGCIUCA).",
        unit=_U.COUNT, theme=_T.SEGURIDAD, source="sinim_seguridad",
    ),
    _component("sinim_inspectores_seguridad", "Guardias e inspectores municipales de seguridad",
               "Municipal security inspectors", "MNSEGCIUIN", _U.PERSONS, _T.SEGURIDAD, "sinim_seguridad"),
    IndicatorSpec(
        code="inspectores_seguridad_por_10mil_hab",
        name_es="Inspectores municipales de seguridad por 10.000 habitantes",
        name_en="Municipal security inspectors per 10,000 inhabitants",
        definition=f"Guardias, inspectores y vigilantes municipales (SINIM MNSEGCIUIN) por cada 10.000 habitantes, "
                   f"usando {PER_INHABITANT}.",
        unit=_U.PER_10K, theme=_T.SEGURIDAD, source="sinim_ine_proy", aggregation=_A.RATIO,
        numerator="sinim_inspectores_seguridad", denominator="poblacion_proyectada", scale=10000, decimals=2,
    ),
    # --- Transformación digital (NUDOS) ------------------------------------------------------------------------
    IndicatorSpec(
        code="indice_digitalizacion_comunal",
        name_es="Índice de Digitalización Comunal (IDC)",
        name_en="Comunal Digitalisation Index (IDC)",
        definition="Índice de Digitalización Comunal de NUDOS (escala 0 a 1, estandarizado a media 0,5): "
                   "conectividad del hogar, educación digital y municipio digital. Las ediciones 2024 y 2025 usan "
                   "bases distintas; compárelas con cuidado. No se agrega.",
        unit=_U.INDEX, theme=_T.DIGITAL, source="nudos", direction=_D.HIGHER_BETTER, aggregation=_A.NONE,
        decimals=3,
    ),
    IndicatorSpec(
        code="municipio_digital",
        name_es="Subíndice municipio digital",
        name_en="Digital municipality subindex",
        definition="Subíndice «municipio digital» del IDC de NUDOS (0 a 1): 34 elementos del sitio web oficial del "
                   "municipio (pagos, trámites y servicios en línea; información y transparencia). Mide solo la "
                   "oferta web a la ciudadanía. No se agrega.",
        unit=_U.INDEX, theme=_T.DIGITAL, source="nudos", direction=_D.HIGHER_BETTER, aggregation=_A.NONE,
        decimals=3,
    ),
]

# Quality flags of the files (data/observatory/PROVENANCE_sinim_nudos_fonasa.md), as shown on screen.
FLAG_LABELS: dict[str, str] = {
    "dotacion_reportada_cero": "dotación de planta y contrata informada como 0",
    "inscritos_menor_100": "población inscrita informada menor que 100 (posible APS no municipal)",
    "denominador_inscritos_menor_100": "gasto por inscrito con menos de 100 inscritos",
    "supera_superficie_comunal": "superficie mayor que la de la comuna",
    "plazas_parques_mayor_100km2": "superficie de plazas o parques mayor que 100 km²",
}

# The figures shown per challenge on the home page and on each comuna page (codes of public indicators).
HEADLINES: dict[str, tuple[str, ...]] = {
    "seguridad": ("tasa_casos_policiales", "camaras_vigilancia", "inspectores_seguridad_por_10mil_hab"),
    "aps": ("aps_poblacion_inscrita", "aps_gasto_por_inscrito", "fonasa_beneficiarios"),
    "capital_humano": ("profesionalizacion_municipal", "funcionarios_por_1000_hab", "honorarios_pct"),
    "ambiental": ("areas_verdes_m2_por_hab", "gasto_aseo_por_hab", "cobertura_derechos_aseo_pct"),
    "digital": ("indice_digitalizacion_comunal", "municipio_digital"),
}

INDICATORS_BY_CODE: dict[str, IndicatorSpec] = {spec.code: spec for spec in INDICATORS}
SOURCES_BY_CODE: dict[str, SourceSpec] = {spec.code: spec for spec in SOURCES}

# Ratio indicators whose denominator has a single fixed period (a census): the ratio for any period of the
# numerator uses that period of the denominator.
FIXED_DENOMINATOR_PERIOD: dict[str, str] = {"poblacion_censo_2024": "2024"}
