"""Reads shared by the pilot pages, the API, the case document and the evaluation hooks."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hub.observatory.models import Indicator
from hub.territory.models import Comuna

from . import registration
from .models import Estimator, Pilot, PilotStatus, RegistrationVersion
from .selection import balance_table
from .services import current_content, registered_estimator_results

PILOT_COLOUR = "#e07a1f"
COMPARISON_COLOUR = "#2b6cb0"


def versions(pilot: Pilot) -> list[RegistrationVersion]:
    cached = getattr(pilot, "_versions", None)
    if cached is None:
        cached = list(pilot.versions.select_related("created_by").order_by("number"))
        pilot._versions = cached
    return cached


def late_registration(pilot: Pilot) -> bool:
    """«Registro tardío»: frozen after the intervention started, or not frozen while it already started."""
    all_versions = versions(pilot)
    if all_versions:
        return timezone.localtime(all_versions[0].created_at).date() > pilot.start_date
    return pilot.start_date < timezone.localdate()


@dataclass
class ComunaRow:
    cut: str
    name: str
    region: str
    typology: str
    role: str  # "piloto" | "comparacion"
    reason: str
    committed: bool
    latitude: float | None
    longitude: float | None


def comuna_rows(pilot: Pilot, content: dict) -> list[ComunaRow]:
    pilots, comparison = content.get("comunas_piloto") or [], content.get("comunas_comparacion") or []
    if not pilots:
        pilots = [c.comuna_id for c in pilot.candidates.all() if c.selected]
    reasons = {c.comuna_id: c.reason for c in pilot.candidates.all()}
    committed = {c.comuna_id for c in pilot.commitments.all()}
    comunas = {c.cut: c for c in Comuna.objects.filter(cut__in=[*pilots, *comparison]).select_related("region")}
    rows = []
    for role, cuts in (("piloto", pilots), ("comparacion", comparison)):
        for cut in cuts:
            comuna = comunas.get(cut)
            if comuna is None:
                continue
            rows.append(ComunaRow(cut, comuna.name, comuna.region.name, comuna.get_typology_display(), role,
                                  reasons.get(cut, "") if role == "piloto" else "", cut in committed,
                                  comuna.latitude, comuna.longitude))
    return rows


_NUMBER_PAIR = re.compile(r"(-?[0-9.]+) (-?[0-9.]+)")


def pilot_map(rows: list[ComunaRow]) -> dict:
    """An inline SVG map: every comuna outlined in grey, pilot and comparison comunas filled, with a dot each."""
    from hub.observatory.maps import projected_map

    projected = projected_map("")
    if projected is None or not rows:
        return {"available": False}
    roles = {r.cut: r.role for r in rows}
    out = [f'<svg class="pilot-map" viewBox="-10 -10 {projected.width + 20:g} {projected.height + 20:g}" role="img" '
           f'aria-label="{escape(_("Mapa de comunas piloto y de comparación"))}" preserveAspectRatio="xMidYMin meet">']
    dots = []
    for cut, name, d, *_centre in projected.paths:
        role = roles.get(cut)
        fill = PILOT_COLOUR if role == "piloto" else COMPARISON_COLOUR if role else "#e8ecef"
        out.append(f'<path d="{d}" fill="{fill}" stroke="#c3ccd3" stroke-width="0.4"><title>{escape(name)}</title>'
                   f'</path>')
        if role:
            points = [(float(x), float(y)) for x, y in _NUMBER_PAIR.findall(d)]
            if points:
                cx = (min(p[0] for p in points) + max(p[0] for p in points)) / 2
                cy = (min(p[1] for p in points) + max(p[1] for p in points)) / 2
                label = _("%(n)s (piloto)") if role == "piloto" else _("%(n)s (comparación)")
                dots.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="9" fill="{fill}" stroke="#fff" stroke-width="2">'
                            f'<title>{escape(label % {"n": name})}</title></circle>')
    out.extend(dots)
    out.append("</svg>")
    return {"available": True, "svg": mark_safe("".join(out)), "pilot_colour": PILOT_COLOUR,
            "comparison_colour": COMPARISON_COLOUR}


def _indicator_names(content: dict) -> dict[str, Indicator]:
    codes = [o.get("indicador") for o in content.get("resultados_primarios") or [] if o.get("indicador")]
    return {i.code: i for i in Indicator.objects.filter(code__in=codes).select_related("source")}


def outcome_rows(content: dict) -> list[dict]:
    indicators = _indicator_names(content)
    rows = []
    for outcome in content.get("resultados_primarios") or []:
        indicator = indicators.get(outcome.get("indicador") or "")
        rows.append({
            **outcome,
            "label": outcome.get("nombre") or (indicator.name_es if indicator else outcome.get("indicador")),
            "source": indicator.source.attribution if indicator else _("Medición propia del piloto"),
            "unit": indicator.get_unit_display() if indicator else outcome.get("unidad", ""),
            "direction_label": registration.DIRECTIONS.get(outcome.get("direccion"), ""),
        })
    return rows


def registered_vs_reported(pilot: Pilot) -> list[dict]:
    """Outcome by outcome: what version 1 registered, what the report uses, and whether it was switched."""
    all_versions = versions(pilot)
    if not all_versions:
        return []
    contents = [json.loads(v.canonical_json) for v in all_versions]

    def by_key(content):
        return {registration.outcome_key(o): o for o in content.get("resultados_primarios") or []}

    first, last = by_key(contents[0]), by_key(contents[-1])
    results = {r.outcome_key: r for r in registered_estimator_results(pilot)}
    rows = []
    for key in [*first, *[k for k in last if k not in first]]:
        change_version = None
        previous = first.get(key)
        for version, content in zip(all_versions[1:], contents[1:], strict=True):
            current = by_key(content).get(key)
            if current != previous:
                change_version = version
                break
        registered, reported = first.get(key), last.get(key)
        if registered and reported and change_version is None:
            status, css = _("Igual al registro"), "ok"
        elif change_version is not None and change_version.is_deviation:
            status, css = _("Desviación: cambiado después de ver resultados (v%(n)s)") % {"n": change_version.number}, \
                "danger"
        elif registered is None:
            status, css = _("Agregado en la enmienda v%(n)s") % {"n": change_version.number}, "warn"
        elif reported is None:
            status, css = _("Quitado en la enmienda v%(n)s") % {"n": change_version.number}, "warn"
        else:
            status, css = _("Modificado en la enmienda v%(n)s") % {"n": change_version.number}, "warn"
        rows.append({"key": key, "registered": registered, "reported": reported, "status": status, "css": css,
                     "deviation": bool(change_version and change_version.is_deviation),
                     "result": results.get(key)})
    return rows


def version_diff(pilot: Pilot, a: int, b: int) -> list[dict]:
    found = {v.number: v for v in versions(pilot)}
    if a not in found or b not in found:
        return []
    return registration.diff_lines(json.loads(found[a].canonical_json), json.loads(found[b].canonical_json),
                                   old_label=f"v{a}", new_label=f"v{b}")


def pilot_balance(pilot: Pilot, content: dict) -> list:
    selected = content.get("comunas_piloto") or [c.comuna_id for c in pilot.candidates.all() if c.selected]
    if not selected:
        return []
    rest = [c.comuna_id for c in pilot.candidates.all() if not c.selected]
    comparison = content.get("comunas_comparacion") or []
    outcomes = [(o["indicador"], o.get("nombre") or o["indicador"]) for o in content.get("resultados_primarios") or []
                if o.get("indicador")]
    tables = []
    if rest:
        tables.append({"title": _("Seleccionadas frente a candidatas no seleccionadas"),
                       "rows": balance_table(selected, rest, outcomes=outcomes, baseline=content.get("periodo_base"))})
    if comparison:
        tables.append({"title": _("Comunas piloto frente a comunas de comparación"),
                       "rows": balance_table(selected, comparison, outcomes=outcomes,
                                             baseline=content.get("periodo_base"))})
    return tables


def pilot_page(pilot: Pilot) -> dict:
    content = current_content(pilot)
    rows = comuna_rows(pilot, content)
    all_versions = versions(pilot)
    results = list(pilot.results.all())
    return {
        "pilot": pilot,
        "content": content,
        "frozen": bool(all_versions),
        "versions": all_versions,
        "first_version": all_versions[0] if all_versions else None,
        "latest_version": all_versions[-1] if all_versions else None,
        "amendments": all_versions[1:],
        "late": late_registration(pilot),
        "comunas": rows,
        "pilot_comunas": [r for r in rows if r.role == "piloto"],
        "comparison_comunas": [r for r in rows if r.role == "comparacion"],
        "map": pilot_map(rows),
        "outcomes": outcome_rows(content),
        "process_indicators": content.get("indicadores_proceso") or [],
        "estimator_label": Estimator(content.get("estimador", Estimator.DID)).label,
        "results": results,
        "report": registered_vs_reported(pilot),
        "adjustments": list(pilot.adjustments.select_related("recorded_by")),
        "is_closed": pilot.status == PilotStatus.CERRADO,
        "section_labels": registration.SECTION_LABELS,
        "steps": [{"label": s.label, "current": s == pilot.status} for s in PilotStatus],
    }


def pilot_list(qs, *, status: str = "", q: str = ""):
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(title__icontains=q)
    return qs.order_by("-start_date", "pk")
