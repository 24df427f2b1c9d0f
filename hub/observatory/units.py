"""Units of measure as data: lookup by code, symbol or name (ignoring case and accents), display and validation.

``MeasureUnit`` rows are seeded by migration 0006 with the units the catalogue uses; staff add more from the
import page (an unknown unit in a mapping is created and listed in the preview). ``Indicator.unit`` holds the
unit code, so catalogue entries keep working.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

# code, symbol, name_es, name_en, display, kind, min, max, whole  (also copied into migration 0006)
SEED = [
    ("count", "", "número", "number", "number", "count", 0, None, True),
    ("persons", "", "personas", "persons", "number", "count", 0, None, True),
    ("percent", "%", "porcentaje", "percent", "suffix", "percent", 0, 100, False),
    ("per_100k", "", "por 100.000 hab.", "per 100,000 inhabitants", "number", "rate", 0, None, False),
    ("per_10k", "", "por 10.000 hab.", "per 10,000 inhabitants", "number", "rate", 0, None, False),
    ("per_1000", "", "por 1.000 hab.", "per 1,000 inhabitants", "number", "rate", 0, None, False),
    ("clp", "$", "pesos (CLP)", "Chilean pesos (CLP)", "prefix", "magnitude", None, None, True),
    ("clp_per_person", "$", "pesos por persona", "pesos per person", "prefix", "magnitude", None, None, True),
    ("m2", "m²", "metros cuadrados", "square metres", "suffix", "magnitude", 0, None, True),
    ("m2_per_person", "m²", "m² por hab.", "m² per inhabitant", "suffix", "magnitude", 0, None, False),
    ("index", "", "índice de 0 a 1", "index from 0 to 1", "number", "magnitude", 0, 1, False),
    ("metres", "m", "metros", "metres", "suffix", "magnitude", 0, None, False),
    ("minutes", "min", "minutos", "minutes", "suffix", "magnitude", 0, None, False),
]


@dataclass(frozen=True)
class UnitRule:
    code: str
    symbol: str
    name_es: str
    display: str
    kind: str
    min_value: float | None
    max_value: float | None
    whole: bool


def fold(text) -> str:
    """Lowercase without accents or surrounding spaces: «Índice» -> «indice»."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().split())


_CACHE: dict[str, UnitRule] | None = None


def clear_cache(**_kwargs) -> None:
    global _CACHE
    _CACHE = None


def rules() -> dict[str, UnitRule]:
    global _CACHE
    if _CACHE is None:
        from .models import MeasureUnit

        _CACHE = {
            u.code: UnitRule(u.code, u.symbol, u.name_es, u.display, u.kind, u.min_value, u.max_value, u.whole)
            for u in MeasureUnit.objects.all()
        }
    return _CACHE


def rule(code: str) -> UnitRule:
    found = rules().get(code)
    if found is None:  # a unit code not (yet) in the table: validate loosely, show the bare number
        return UnitRule(code, "", code, "number", "magnitude", None, None, False)
    return found


def unit_label(code: str) -> str:
    found = rules().get(code)
    return found.name_es if found else code


def match_unit(text) -> str | None:
    """The code of the unit whose code, symbol or name equals ``text`` ignoring case and accents."""
    wanted = fold(text)
    if not wanted:
        return None
    aliases = {"%": "percent", "porcentaje": "percent", "percentage": "percent", "numero": "count",
               "personas": "persons", "habitantes": "persons", "pesos": "clp", "metros": "metres",
               "minutos": "minutes", "indice": "index"}
    table = rules()
    for code, unit in table.items():
        if wanted in {fold(code), fold(unit.name_es)} or (unit.symbol and wanted == fold(unit.symbol)
                                                           and code == _first_with_symbol(table, unit.symbol)):
            return code
    alias = aliases.get(wanted)
    return alias if alias in table else None


def _first_with_symbol(table: dict[str, UnitRule], symbol: str) -> str:
    return min(code for code, unit in table.items() if unit.symbol == symbol)


def check_value(value: float, unit: UnitRule, *, minimum=None, maximum=None) -> str:
    """Why ``value`` is impossible in ``unit`` ("" when it is fine). Declared ranges override the unit's."""
    if not math.isfinite(value):
        return "El valor no es un número finito."
    low = minimum if minimum is not None else unit.min_value
    high = maximum if maximum is not None else unit.max_value
    name = unit.name_es
    if unit.kind == "count":
        if value < 0:
            return f"Un conteo ({name}) no puede ser negativo: {value:g}."
        if not float(value).is_integer():
            return f"Un conteo ({name}) debe ser entero: {value:g}."
    if unit.kind == "rate" and value < 0:
        return f"Una tasa ({name}) no puede ser negativa: {value:g}."
    if low is not None and value < low:
        return f"El valor {value:g} está bajo el mínimo admitido ({low:g}) para {name}."
    if high is not None and value > high:
        return f"El valor {value:g} supera el máximo admitido ({high:g}) para {name}."
    return ""


def format_with_unit(text: str, code: str) -> str:
    unit = rule(code)
    if unit.display == "suffix" and unit.symbol:
        return f"{text} {unit.symbol}"
    if unit.display == "prefix" and unit.symbol:
        return f"{unit.symbol}{text}"
    return text
