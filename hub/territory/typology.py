"""The Hub's rule that assigns each comuna one of the document's four typologies.

Deterministic, from Censo 2024 population and the three large metropolitan areas. Shown on screen
(``RULE_TEXT``) so everyone can see why a comuna got its category; staff can override it with an
official classification (import_typology), which the rule then never touches.
"""

from django.utils.translation import gettext_lazy as _

from hub.core.formatting import format_number

from .models import Typology

# Gran Santiago: the 32 comunas of the Provincia de Santiago plus Puente Alto and San Bernardo.
GRAN_SANTIAGO_PROVINCE = "131"
GRAN_SANTIAGO_EXTRA = {"13201": "Puente Alto", "13401": "San Bernardo"}
GRAN_VALPARAISO = {
    "05101": "Valparaíso",
    "05109": "Viña del Mar",
    "05103": "Concón",
    "05801": "Quilpué",
    "05804": "Villa Alemana",
}
GRAN_CONCEPCION = {
    "08101": "Concepción",
    "08110": "Talcahuano",
    "08112": "Hualpén",
    "08108": "San Pedro de la Paz",
    "08103": "Chiguayante",
    "08107": "Penco",
    "08111": "Tomé",
    "08102": "Coronel",
    "08106": "Lota",
    "08105": "Hualqui",
}
MAYORES_MIN = 100_000
URBANAS_MEDIANAS_MIN = 30_000

RULE_TEXT = [
    _(
        "Metropolitanas: comunas del Gran Santiago (las 32 comunas de la Provincia de Santiago, "
        "Puente Alto y San Bernardo), del Gran Valparaíso (Valparaíso, Viña del Mar, Concón, Quilpué, "
        "Villa Alemana) y del Gran Concepción (Concepción, Talcahuano, Hualpén, San Pedro de la Paz, "
        "Chiguayante, Penco, Tomé, Coronel, Lota, Hualqui)."
    ),
    _("Mayores: las demás comunas con 100.000 habitantes o más en el Censo 2024."),
    _("Urbanas medianas: las demás comunas con 30.000 a 99.999 habitantes."),
    _("Rurales/semiurbanas: las demás comunas, con menos de 30.000 habitantes (o sin dato censal)."),
]


def metropolitan_area(cut: str, province_code: str) -> str | None:
    if province_code == GRAN_SANTIAGO_PROVINCE or cut in GRAN_SANTIAGO_EXTRA:
        return "Gran Santiago"
    if cut in GRAN_VALPARAISO:
        return "Gran Valparaíso"
    if cut in GRAN_CONCEPCION:
        return "Gran Concepción"
    return None


def classify(cut: str, province_code: str, population: int | None) -> tuple[str, str]:
    """Return (typology, reason) for one comuna."""
    area = metropolitan_area(cut, province_code)
    if area:
        return Typology.METROPOLITANAS, f"Forma parte del {area}."
    if population is None:
        return Typology.RURALES_SEMIURBANAS, "Sin población censal: se asigna la categoría de menor escala."
    shown = format_number(population)
    if population >= MAYORES_MIN:
        return Typology.MAYORES, f"{shown} habitantes (Censo 2024), 100.000 o más."
    if population >= URBANAS_MEDIANAS_MIN:
        return Typology.URBANAS_MEDIANAS, f"{shown} habitantes (Censo 2024), entre 30.000 y 99.999."
    return Typology.RURALES_SEMIURBANAS, f"{shown} habitantes (Censo 2024), menos de 30.000."
