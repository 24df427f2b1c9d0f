"""The API's error answers: Spanish validation messages, and every error status documented in OpenAPI.

Ninja answers a bad parameter with pydantic's English messages; ``spanish_errors`` rewrites each one by its
error type (the location and type stay, so clients can still act on them). ``document_errors`` adds the
401/403/404/422/429 answers, with one error schema, to every operation of the schema.
"""

from __future__ import annotations

MESSAGES = {
    "missing": "Falta este parámetro; es obligatorio.",
    "int_parsing": "Debe ser un número entero.",
    "int_type": "Debe ser un número entero.",
    "float_parsing": "Debe ser un número (use punto decimal).",
    "float_type": "Debe ser un número.",
    "bool_parsing": "Debe ser true o false.",
    "string_type": "Debe ser un texto.",
    "string_too_long": "El texto es demasiado largo (máximo {max_length} caracteres).",
    "string_too_short": "El texto es demasiado corto (mínimo {min_length} caracteres).",
    "string_pattern_mismatch": "El formato no es válido.",
    "greater_than_equal": "Debe ser mayor o igual que {ge}.",
    "greater_than": "Debe ser mayor que {gt}.",
    "less_than_equal": "Debe ser menor o igual que {le}.",
    "less_than": "Debe ser menor que {lt}.",
    "enum": "Valor no permitido; use uno de: {expected}.",
    "literal_error": "Valor no permitido; use uno de: {expected}.",
    "date_from_datetime_parsing": "Debe ser una fecha AAAA-MM-DD.",
    "date_parsing": "Debe ser una fecha AAAA-MM-DD.",
    "datetime_parsing": "Debe ser una fecha y hora ISO 8601.",
    "json_invalid": "El cuerpo no es JSON válido.",
    "list_type": "Debe ser una lista.",
    "dict_type": "Debe ser un objeto JSON.",
    "model_attributes_type": "Debe ser un objeto JSON.",
}


def _spanish(error: dict) -> dict:
    if error.get("type") == "value_error":
        # Our own validators already speak Spanish; pydantic only prefixes them.
        return {**error, "msg": str(error.get("msg", "")).removeprefix("Value error, ")}
    template = MESSAGES.get(error.get("type", ""))
    if template is None:
        return error
    context = {k: (", ".join(map(str, v)) if isinstance(v, list | tuple) else v)
               for k, v in (error.get("ctx") or {}).items()}
    try:
        message = template.format(**context)
    except (KeyError, IndexError):
        message = template.split(";")[0].split("(")[0].strip().rstrip(":") + "."
    out = {k: v for k, v in error.items() if k not in ("msg", "ctx", "url", "input")}
    out["msg"] = message
    return out


def spanish_errors(errors: list[dict]) -> list[dict]:
    return [_spanish(e) if isinstance(e, dict) else e for e in errors]


ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {
            "description": "Qué falló: un texto, o una lista de errores con su ubicación (loc) y mensaje (msg).",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
        },
        "retry_after": {"type": "integer", "description": "Segundos a esperar (solo en 429)."},
    },
    "required": ["detail"],
}
DESCRIPTIONS = {
    "401": "Debe autenticarse (inicie sesión).",
    "403": "No tiene permiso para esta operación.",
    "404": "No existe (o no es visible para usted).",
    "422": "Parámetros no válidos: cada error dice cuál y por qué.",
    "429": "Demasiadas solicitudes: espere los segundos que indica Retry-After.",
}


def document_errors(schema: dict) -> dict:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            # Ninja keys its own answers by int (404), so compare as text: a JSON object can't hold both.
            existing = {str(key) for key in operation["responses"]}
            for code, description in DESCRIPTIONS.items():
                if code not in existing:
                    operation["responses"][code] = {
                        "description": description, "content": {"application/json": {"schema": reference}},
                    }
    return schema
