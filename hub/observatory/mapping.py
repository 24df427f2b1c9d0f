"""The generic importer's mapping: validation with Spanish errors naming the key, and code normalisation.

See docs/importing.md for the format. ``validate_mapping`` returns the mapping with defaults filled in or
raises ``ImportStructureError`` whose message names the offending key (``indicators[2].unit``...).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .importers.base import ImportStructureError
from .units import fold

CODE_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
TOP_KEYS = {
    "format", "delimiter", "encoding", "sheet", "indicator", "period", "dimension", "columns", "period_format",
    "indicators", "create_indicators", "code_map", "source", "public", "periodicity",
}
COLUMN_KEYS = {"cut", "indicator", "period", "value", "lower", "upper", "dimension", "numerator", "denominator"}
INDICATOR_KEYS = {
    "code", "column", "name_es", "name_en", "definition", "unit", "theme", "aggregation", "direction",
    "numerator_column", "denominator_column", "scale", "decimals", "min", "max", "public", "periodicity",
}
CREATE_KEYS = {"name", "name_en", "unit", "theme", "definition"}
SOURCE_KEYS = {"code", "institution", "dataset", "url", "licence", "attribution"}
AGGREGATIONS = {"sum", "ratio", "none"}
DIRECTIONS = {"higher_better", "higher_worse", "neutral"}
PERIODICITIES = {"year", "month"}
ENCODINGS = {"auto", "utf-8", "utf-8-sig", "utf8", "latin-1", "latin1", "iso-8859-1", "cp1252", "windows-1252"}
DELIMITERS = {"auto", ",", ";", "\t", "|", "tab"}
MAX_CODE = 60


def normalise_code(raw) -> str:
    """«Tasa Delitos (%)» -> «tasa_delitos»: lowercase ASCII snake case; "" when nothing usable is left."""
    text = fold(raw)
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return text[:MAX_CODE].rstrip("_")


def resolve_code(raw, code_map: dict[str, str]) -> tuple[str, str]:
    """(code, error): the code_map entry if any, else the normalised code, else an error naming code_map."""
    text = str(raw or "").strip()
    if text in code_map:
        return code_map[text], ""
    code = normalise_code(text)
    if not code:
        return "", (f"El código de indicador «{text}» no se puede normalizar: agréguelo a «code_map» "
                    f'(p. ej. "code_map": {{"{text}": "mi_indicador"}}).')
    return code, ""


def load_mapping(source) -> dict:
    """A validated mapping from a dict, a JSON string or a path to a JSON file."""
    if source is None:
        return validate_mapping({})
    if isinstance(source, dict):
        mapping = source
    else:
        text = str(source)
        if text.endswith(".json") and "\n" not in text and Path(text).is_file():
            text = Path(text).read_text(encoding="utf-8")
        try:
            mapping = json.loads(text)
        except ValueError as exc:
            raise ImportStructureError(f"La definición (mapping) no es JSON válido: {exc}.") from exc
    return validate_mapping(mapping)


def _fail(key: str, message: str):
    raise ImportStructureError(f"Definición, clave «{key}»: {message}")


def _text(value, key: str, *, max_length: int = 300) -> str:
    if not isinstance(value, str):
        _fail(key, "debe ser un texto.")
    if len(value) > max_length:
        _fail(key, f"supera los {max_length} caracteres.")
    return value


def validate_mapping(mapping) -> dict:
    if not isinstance(mapping, dict):
        raise ImportStructureError("La definición (mapping) debe ser un objeto JSON.")
    unknown = sorted(set(mapping) - TOP_KEYS)
    if unknown:
        raise ImportStructureError(
            f"Claves desconocidas en la definición: {', '.join(unknown)} (válidas: {', '.join(sorted(TOP_KEYS))})."
        )
    out = dict(mapping)
    fmt = out.get("format")
    if fmt is not None and fmt not in {"csv", "json", "xlsx"}:
        _fail("format", "use «csv», «json» o «xlsx».")
    encoding = out.get("encoding", "auto") or "auto"
    if _text(encoding, "encoding").lower() not in ENCODINGS:
        _fail("encoding", "use «auto», «utf-8», «latin-1» o «cp1252».")
    out["encoding"] = encoding.lower()
    delimiter = out.get("delimiter", "auto") or "auto"
    if _text(delimiter, "delimiter") not in DELIMITERS:
        _fail("delimiter", "use «auto», «,», «;», «|» o «tab».")
    out["delimiter"] = "\t" if delimiter == "tab" else delimiter
    for key in ("sheet", "indicator", "period", "dimension", "period_format"):
        if key in out and out[key] is not None:
            _text(out[key], key)
    if "periodicity" in out and out["periodicity"] not in PERIODICITIES:
        _fail("periodicity", "use «year» o «month».")
    if "public" in out and not isinstance(out["public"], bool):
        _fail("public", "debe ser true o false.")
    columns = out.get("columns") or {}
    if not isinstance(columns, dict):
        _fail("columns", "debe ser un objeto {\"cut\": \"columna\", ...}.")
    bad = sorted(set(columns) - COLUMN_KEYS)
    if bad:
        _fail(f"columns.{bad[0]}", f"no es una columna conocida (válidas: {', '.join(sorted(COLUMN_KEYS))}).")
    for name, value in columns.items():
        if name == "dimension" and isinstance(value, list):
            if not value or not all(isinstance(v, str) and v for v in value):
                _fail("columns.dimension", "una lista de nombres de columna no vacíos.")
            continue
        if not isinstance(value, str) or not value:
            _fail(f"columns.{name}", "debe ser el nombre de una columna del archivo.")
    out["columns"] = columns
    code_map = out.get("code_map") or {}
    if not isinstance(code_map, dict):
        _fail("code_map", "debe ser un objeto {\"código en el archivo\": \"codigo\"}.")
    for raw, code in code_map.items():
        if not isinstance(code, str) or not CODE_RE.match(code) or len(code) > MAX_CODE:
            _fail(f"code_map.{raw}", f"«{code}» no es un código válido (minúsculas, dígitos y «_»).")
    out["code_map"] = code_map
    source = out.get("source")
    if source is not None:
        if isinstance(source, dict):
            bad = sorted(set(source) - SOURCE_KEYS)
            if bad:
                _fail(f"source.{bad[0]}", f"clave desconocida (válidas: {', '.join(sorted(SOURCE_KEYS))}).")
            for key, value in source.items():
                _text(value, f"source.{key}", max_length=500)
            if not source.get("code") or not normalise_code(source["code"]):
                _fail("source.code", "falta el código de la fuente.")
        elif not isinstance(source, str):
            _fail("source", "el código de una fuente existente o un objeto con code, institution, dataset…")
    create = out.get("create_indicators")
    if create is not None:
        if not isinstance(create, dict):
            _fail("create_indicators", "debe ser un objeto {\"name\": \"columna\", \"unit\": \"columna\"...}.")
        bad = sorted(set(create) - CREATE_KEYS)
        if bad:
            _fail(f"create_indicators.{bad[0]}", f"clave desconocida (válidas: {', '.join(sorted(CREATE_KEYS))}).")
        if not create.get("name"):
            _fail("create_indicators.name", "indique la columna con el nombre del indicador.")
        for key, value in create.items():
            _text(value, f"create_indicators.{key}")
    indicators = out.get("indicators")
    if indicators is not None:
        if not isinstance(indicators, list) or not indicators:
            _fail("indicators", "debe ser una lista no vacía de objetos {\"code\", \"column\", ...}.")
        if out.get("indicator") or columns.get("indicator"):
            _fail("indicators", "no se combina con «indicator» ni con «columns.indicator».")
        seen = set()
        out["indicators"] = [_indicator_item(item, i, code_map, seen) for i, item in enumerate(indicators)]
    elif out.get("indicator"):
        code, error = resolve_code(out["indicator"], code_map)
        if error:
            _fail("indicator", error)
        out["indicator"] = code
    return out


def _indicator_item(item, index: int, code_map: dict, seen: set) -> dict:
    where = f"indicators[{index}]"
    if not isinstance(item, dict):
        _fail(where, "debe ser un objeto.")
    bad = sorted(set(item) - INDICATOR_KEYS)
    if bad:
        _fail(f"{where}.{bad[0]}", f"clave desconocida (válidas: {', '.join(sorted(INDICATOR_KEYS))}).")
    if not item.get("code"):
        _fail(f"{where}.code", "falta el código del indicador.")
    code, error = resolve_code(item["code"], code_map)
    if error:
        _fail(f"{where}.code", error)
    if code in seen:
        _fail(f"{where}.code", f"el código «{code}» se repite.")
    seen.add(code)
    out = dict(item, code=code)
    has_parts = bool(item.get("numerator_column")) and bool(item.get("denominator_column"))
    if not item.get("column") and not has_parts:
        _fail(f"{where}.column", "indique la columna del valor (o numerator_column y denominator_column).")
    for key in ("column", "numerator_column", "denominator_column", "name_es", "name_en", "unit", "theme"):
        if key in item and item[key] is not None:
            _text(item[key], f"{where}.{key}")
    if bool(item.get("numerator_column")) != bool(item.get("denominator_column")):
        _fail(f"{where}.denominator_column", "numerator_column y denominator_column van juntos.")
    if "aggregation" in item and item["aggregation"] not in AGGREGATIONS:
        _fail(f"{where}.aggregation", "use «sum», «ratio» o «none».")
    if "direction" in item and item["direction"] not in DIRECTIONS:
        _fail(f"{where}.direction", "use «higher_better», «higher_worse» o «neutral».")
    if "periodicity" in item and item["periodicity"] not in PERIODICITIES:
        _fail(f"{where}.periodicity", "use «year» o «month».")
    for key in ("scale", "min", "max"):
        if key in item and (isinstance(item[key], bool) or not isinstance(item[key], (int, float))):
            _fail(f"{where}.{key}", "debe ser un número.")
    if "scale" in item and not item["scale"] > 0:
        _fail(f"{where}.scale", "debe ser mayor que cero.")
    if "decimals" in item and (not isinstance(item["decimals"], int) or not 0 <= item["decimals"] <= 6):
        _fail(f"{where}.decimals", "un entero de 0 a 6.")
    if "public" in item and not isinstance(item["public"], bool):
        _fail(f"{where}.public", "debe ser true o false.")
    if has_parts and "aggregation" not in item:
        out["aggregation"] = "ratio"
    return out
