"""The pre-registration document: its schema, validation, canonical JSON, hash and version diffs.

Canonical form: ``json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` encoded as
UTF-8; the SHA-256 of those bytes is the fingerprint shown publicly. Anyone can recompute it from the
downloaded JSON (RECOMPUTE_SNIPPET). The content holds only strings, integers, floats, lists and dicts.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Estimator

MAX_PRIMARY = 3
PERIOD_RE = re.compile(r"^[0-9]{4}$")
DIRECTIONS = {"higher_better": _("Más alto es mejor"), "higher_worse": _("Más alto es peor")}

# Sections of the registration, in display order, with their labels (also the unit of "changed_fields").
SECTIONS = [
    ("hipotesis", _("Hipótesis")),
    ("resultados_primarios", _("Resultados primarios")),
    ("indicadores_proceso", _("Indicadores de proceso")),
    ("periodo_base", _("Periodo de línea base")),
    ("periodos_seguimiento", _("Periodos de seguimiento")),
    ("comunas_piloto", _("Comunas piloto")),
    ("comunas_comparacion", _("Comunas de comparación")),
    ("estimador", _("Estimador")),
    ("datos_faltantes", _("Tratamiento de datos faltantes")),
    ("regla_exito", _("Regla de éxito")),
]
SECTION_LABELS = dict(SECTIONS)

SUCCESS_RULE = (
    "Un resultado primario cumple su umbral cuando la mejora estimada (en la dirección registrada) es al menos "
    "el umbral y el intervalo de confianza al 95 % no incluye el cero. El caso se califica «éxito» solo si todos "
    "los resultados primarios cumplen su umbral; si no, «aprendizaje»."
)

RECOMPUTE_SNIPPET = (
    "python3 -c \"import sys,json,hashlib; d=json.load(open(sys.argv[1],encoding='utf-8')); "
    "print(hashlib.sha256(json.dumps(d,sort_keys=True,separators=(',',':'),ensure_ascii=False)"
    ".encode('utf-8')).hexdigest())\" preregistro.json"
)


def canonical_json(content: dict) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_sha256(content: dict) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def pretty_json(content: dict) -> str:
    return json.dumps(content, sort_keys=True, indent=2, ensure_ascii=False)


def empty_content() -> dict:
    return {
        "hipotesis": "",
        "resultados_primarios": [],
        "indicadores_proceso": [],
        "periodo_base": [],
        "periodos_seguimiento": [],
        "comunas_piloto": [],
        "comunas_comparacion": [],
        "estimador": Estimator.DID.value,
        "datos_faltantes": "",
        "regla_exito": SUCCESS_RULE,
    }


def outcome_key(outcome: dict) -> str:
    """Stable identity of an outcome across versions: its observatory indicator, else its name."""
    return outcome.get("indicador") or "propio:" + (outcome.get("nombre") or "").strip().lower()


def validate_content(content: dict, *, indicator_codes: set[str], comuna_cuts: set[str], for_freeze: bool) -> None:
    """Raise ValidationError (Spanish, one message per problem) when the registration is not complete/valid."""
    errors: list[str] = []
    primary = content.get("resultados_primarios") or []
    if len(primary) > MAX_PRIMARY:
        errors.append(_("Registre como máximo %(n)s resultados primarios (hay %(m)s).") % {"n": MAX_PRIMARY,
                                                                                           "m": len(primary)})
    keys = set()
    for i, outcome in enumerate(primary, start=1):
        code = outcome.get("indicador") or ""
        if code and code not in indicator_codes:
            errors.append(_("Resultado %(i)s: el indicador «%(c)s» no existe en el observatorio.")
                          % {"i": i, "c": code})
        if not code and not (outcome.get("nombre") and outcome.get("definicion")):
            errors.append(_("Resultado %(i)s: elija un indicador del observatorio o escriba nombre y definición.")
                          % {"i": i})
        if outcome.get("direccion") not in DIRECTIONS:
            errors.append(_("Resultado %(i)s: indique si más alto es mejor o peor.") % {"i": i})
        if not isinstance(outcome.get("umbral"), (int, float)) or outcome["umbral"] < 0:
            errors.append(_("Resultado %(i)s: el umbral de éxito debe ser un número mayor o igual a cero.") % {"i": i})
        key = outcome_key(outcome)
        if key in keys:
            errors.append(_("Resultado %(i)s está repetido.") % {"i": i})
        keys.add(key)
    for name in ("periodo_base", "periodos_seguimiento"):
        periods = content.get(name) or []
        bad = [p for p in periods if not PERIOD_RE.match(str(p))]
        if bad:
            errors.append(_("%(s)s: use años de cuatro cifras (p. ej. 2021); revise %(b)s.")
                          % {"s": SECTION_LABELS[name], "b": ", ".join(map(str, bad))})
    base, follow = content.get("periodo_base") or [], content.get("periodos_seguimiento") or []
    if base and follow and max(base) >= min(follow):
        errors.append(_("Los periodos de seguimiento deben ser posteriores a la línea base."))
    for name in ("comunas_piloto", "comunas_comparacion"):
        unknown = [c for c in content.get(name) or [] if c not in comuna_cuts]
        if unknown:
            errors.append(_("%(s)s: códigos CUT desconocidos %(u)s.") % {"s": SECTION_LABELS[name],
                                                                         "u": ", ".join(unknown)})
    overlap = set(content.get("comunas_piloto") or []) & set(content.get("comunas_comparacion") or [])
    if overlap:
        errors.append(_("Una comuna piloto no puede ser de comparación: %(c)s.") % {"c": ", ".join(sorted(overlap))})
    if content.get("estimador") not in Estimator.values:
        errors.append(_("Elija un estimador registrado."))
    if for_freeze:
        if not (content.get("hipotesis") or "").strip():
            errors.append(_("Escriba al menos una hipótesis antes de congelar."))
        if not primary:
            errors.append(_("Registre al menos un resultado primario antes de congelar."))
        if len(base) < 2:
            errors.append(_("La línea base necesita al menos dos periodos (para revisar tendencias previas)."))
        if not follow:
            errors.append(_("Indique al menos un periodo de seguimiento."))
        if not content.get("comunas_piloto"):
            errors.append(_("Seleccione las comunas piloto antes de congelar."))
        if len(content.get("comunas_comparacion") or []) < 2:
            errors.append(_("Indique al menos dos comunas de comparación."))
        if not (content.get("datos_faltantes") or "").strip():
            errors.append(_("Explique cómo tratará los datos faltantes."))
    if errors:
        raise ValidationError(errors)


def changed_sections(old: dict, new: dict) -> list[str]:
    return [key for key, _label in SECTIONS if old.get(key) != new.get(key)]


def diff_lines(old: dict, new: dict, *, old_label: str, new_label: str) -> list[dict]:
    """A unified diff of the pretty JSON of two versions, as rows {kind, text} for the template."""
    rows = []
    for line in difflib.unified_diff(
        pretty_json(old).splitlines(), pretty_json(new).splitlines(), fromfile=old_label, tofile=new_label,
        lineterm="", n=2,
    ):
        if line.startswith(("+++", "---")):
            kind = "file"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "del"
        else:
            kind = "ctx"
        rows.append({"kind": kind, "text": line})
    return rows
