"""The four institutional indicators of stage 8, defined once (synced to ResultsIndicator after migrate).

Names and the one-line meaning come word for word from the institutional document ("Indicador 1 — Cobertura:
Número de municipios beneficiados, desagregado por tipología comunal", ...); the formula is the Hub's method.
"""

from django.utils.translation import gettext_lazy as _

METHODOLOGY_VERSION = "1.0"

DEFINITIONS = [
    {
        "code": "cobertura",
        "name": _("Cobertura"),
        "level": "resultado",
        "definition": _("Número de municipios beneficiados, desagregado por tipología comunal."),
        "formula": _(
            "Una comuna está beneficiada en el periodo si tiene al menos una interacción completada: "
            "formación certificada, asistencia técnica cerrada, participación en un piloto, replicación de una "
            "práctica o solución, o un convenio firmado. Cobertura(tipología) = comunas beneficiadas de la "
            "tipología ÷ comunas de la tipología. El total es Σ beneficiadas ÷ Σ comunas (razón de sumas, nunca "
            "el promedio de las tasas por tipología). Cada comuna cuenta una sola vez aunque aparezca en varios "
            "módulos."
        ),
        "unit": "percent",
        "direction": "ascendente",
        "aggregation": "ratio",
        "disaggregations": ["tipologia", "region"],
        "source": _(
            "Registros de la plataforma (formación, asistencia, pilotos, red, convenios); comunas: Censo 2024."
        ),
        "order": 1,
    },
    {
        "code": "cartera",
        "name": _("Cartera"),
        "level": "producto",
        "definition": _("Número y diversidad de programas implementados, con metas anuales de crecimiento."),
        "formula": _(
            "Programas y soluciones implementados en el periodo (soluciones publicadas del portafolio, "
            "programas de formación, líneas de asistencia y soluciones replicadas), contados una vez cada uno. "
            "Diversidad: índice de Shannon H = −Σ p·ln p sobre las 25 celdas línea de trabajo × desafío, y el "
            "número de celdas vacías. Crecimiento = (N año − N año anterior) ÷ N año anterior, comparado con la "
            "meta del año."
        ),
        "unit": "count",
        "direction": "ascendente",
        "aggregation": "sum",
        "disaggregations": ["linea_trabajo", "desafio"],
        "source": _("Portafolio de soluciones, red de municipios y módulos de formación y asistencia."),
        "order": 2,
    },
    {
        "code": "impacto",
        "name": _("Impacto"),
        "level": "impacto",
        "definition": _(
            "Mejoras en procesos municipales, ahorros, calidad de servicio, reducción de brechas territoriales."
        ),
        "formula": _(
            "Mejoras documentadas en el periodo (pilotos cerrados con efecto registrado vs observado, "
            "recomendaciones de asistencia implementadas con su cambio de indicador). Solo un piloto con "
            "análisis pre-registrado respalda una afirmación causal; todo lo demás se rotula «descriptivo». "
            "Brechas: para cada indicador de desafío del Observatorio con numerador y denominador, la razón de "
            "sumas por tipología, la diferencia Metropolitanas − Rurales/semiurbanas y el componente entre "
            "tipologías del índice de Theil T_entre = Σ_g (N_g/N)·ln(r_g/r), por año."
        ),
        "unit": "count",
        "direction": "ascendente",
        "aggregation": "sum",
        "disaggregations": ["tipologia"],
        "source": _(
            "Pilotos, asistencia técnica y Observatorio municipal (fuentes públicas citadas en cada indicador)."
        ),
        "order": 3,
    },
    {
        "code": "articulacion",
        "name": _("Articulación"),
        "level": "resultado",
        "definition": _(
            "Cantidad y calidad de convenios, proyectos colaborativos y participación en agendas públicas."
        ),
        "formula": _(
            "Convenios firmados en el periodo por tipo de actor (Estado central, Municipios, Academia, Sector "
            "privado y cooperación internacional), cada convenio una vez en el total; calidad con rúbrica 0–4 "
            "(formalizado como condición, más un punto por activo, recursos compartidos, resultados y "
            "renovación), promedio = Σ puntajes ÷ convenios evaluados. Además: proyectos colaborativos en "
            "ejecución, sesiones de mesas técnicas realizadas y participaciones en agendas públicas registradas."
        ),
        "unit": "count",
        "direction": "ascendente",
        "aggregation": "sum",
        "disaggregations": ["tipo_actor"],
        "source": _("Convenios, mesas técnicas y proyectos del módulo de articulación; agenda de incidencia."),
        "order": 4,
    },
]


def sync_definitions(**kwargs) -> None:
    """post_migrate: create or update the four indicators from DEFINITIONS (baseline and targets untouched)."""
    from .models import ResultsIndicator

    for spec in DEFINITIONS:
        defaults = {k: (str(v) if k in ("name", "definition", "formula", "source") else v) for k, v in spec.items()}
        code = defaults.pop("code")
        defaults["methodology_version"] = METHODOLOGY_VERSION
        ResultsIndicator.objects.update_or_create(code=code, defaults=defaults)
