"""Report data: the annual report (memoria anual) from a frozen snapshot, the per-member value report, and the
hand-drawn SVG bar charts both use (inline in HTML and PDF, no plotting library).
"""

from __future__ import annotations

import datetime
import json
import statistics
from html import escape

from django.utils.translation import gettext as _

from hub.core.documents import sha256_hex
from hub.core.registry import member_value_sources

from .results import canonical_json, compute_all, headline

# --- Annual report --------------------------------------------------------------------------------------------


def annual_report_data(year: int, cutoff: datetime.date) -> dict:
    """Everything the annual report shows, computed once at the cut-off date (then frozen as canonical JSON)."""
    from hub.roadmap.selectors import roadmap_summary

    data = compute_all(year, cutoff=cutoff)
    data["cutoff"] = cutoff.isoformat()
    data["headline"] = headline(data)
    data["roadmap"] = roadmap_summary(until=cutoff)
    return data


def freeze(data: dict) -> tuple[str, str]:
    """(canonical JSON text, SHA-256 of its UTF-8 bytes)."""
    raw = canonical_json(data)
    return raw.decode(), sha256_hex(raw)


def report_bytes(text: str) -> bytes:
    """The open-data JSON of a frozen report: re-serialised from the stored data, byte-identical to the hash."""
    return canonical_json(json.loads(text))


def report_csv_rows(data: dict) -> list[list]:
    """Flat rows (indicator, breakdown, key, value) for the CSV download."""
    ind = data["indicators"]
    rows: list[list] = []
    cob = ind["cobertura"]
    rows.append(["cobertura", "total", "tasa", cob["value"]])
    rows.append(["cobertura", "total", "comunas_beneficiadas", cob["numerator"]])
    rows.append(["cobertura", "total", "comunas", cob["denominator"]])
    for t in cob["by_typology"]:
        rows.append(["cobertura", t["label"], "comunas_beneficiadas", t["benefited"]])
        rows.append(["cobertura", t["label"], "comunas", t["comunas"]])
        rows.append(["cobertura", t["label"], "tasa", t["rate"]])
    car = ind["cartera"]
    for key in ("value", "previous", "growth", "target", "shannon", "empty_cells"):
        rows.append(["cartera", "total", key, car[key]])
    imp = ind["impacto"]
    for key in ("value", "causal", "descriptive", "savings_clp"):
        rows.append(["impacto", "total", key, imp[key]])
    for gap in imp["gaps"]:
        for y in gap["years"]:
            rows.append(["impacto", f"{gap['indicator']} {y['year']}", "diferencia", y["difference"]])
            rows.append(["impacto", f"{gap['indicator']} {y['year']}", "theil_entre", y["theil_between"]])
    art = ind["articulacion"]
    for row in art["by_actor"]:
        rows.append(["articulacion", row["label"], "convenios", row["agreements"]])
    for key in ("value", "quality_mean", "projects", "sessions", "agenda"):
        rows.append(["articulacion", "total", key, art[key]])
    return rows


# --- SVG charts -----------------------------------------------------------------------------------------------


def bar_chart_svg(
    rows: list[tuple[str, float | None]],
    *,
    title: str,
    max_value: float | None = None,
    fmt=lambda v: f"{v:g}",
    width: int = 520,
    bar_height: int = 18,
) -> str:
    """A horizontal bar chart as inline SVG: one labelled bar per row; empty value shown as "sin dato"."""
    gap, pad = 6, 4
    label_w = int(min(width * 0.45, max([len(str(label)) for label, _v in rows] + [8]) * 6.4 + 12))
    values = [v for _, v in rows if v is not None]
    top = max_value if max_value is not None else (max(values) if values else 1)
    top = top or 1
    height = pad * 2 + len(rows) * (bar_height + gap) + 16
    plot_w = width - label_w - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Hub Sans, DejaVu Sans, sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    y = pad + 12
    for label, value in rows:
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_height - 5}" text-anchor="end" fill="#1d2a33">'
            f"{escape(str(label))}</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{label_w + 4}" y="{y + bar_height - 5}" fill="#5b6770">{escape(_("sin dato"))}</text>'
            )
        else:
            w = max(1.0, plot_w * max(0.0, float(value)) / top)
            parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="#0b4f6c"/>')
            parts.append(
                f'<text x="{label_w + w + 4:.1f}" y="{y + bar_height - 5}" fill="#1d2a33">{escape(fmt(value))}</text>'
            )
        y += bar_height + gap
    parts.append("</svg>")
    return "".join(parts)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def annual_charts(data: dict) -> dict[str, str]:
    ind = data["indicators"]
    cob = ind["cobertura"]["by_typology"]
    art = ind["articulacion"]["by_actor"]
    car = ind["cartera"]["matrix"]
    return {
        "cobertura": bar_chart_svg(
            [(t["label"], t["rate"]) for t in cob], title=_("Cobertura por tipología"), max_value=1, fmt=pct
        ),
        "articulacion": bar_chart_svg(
            [(r["label"][:42], r["agreements"]) for r in art],
            title=_("Convenios por tipo de actor"),
            fmt=lambda v: f"{int(v)}",
        ),
        "cartera": bar_chart_svg(
            [(r["label"][:42], sum(r["cells"])) for r in car],
            title=_("Programas por línea de trabajo"),
            fmt=lambda v: f"{int(v)}",
        ),
    }


# --- Per-member value report ------------------------------------------------------------------------------------

BENEFITS = [
    ("training_seat", _("Cupos en programas de formación"), "/formacion/"),
    ("certificate", _("Certificaciones de funcionarios"), "/formacion/"),
    ("assistance", _("Asistencia técnica especializada"), "/asistencia/"),
    ("pilot", _("Participación en pilotos"), "/pilotos/"),
    ("library_download", _("Descargas de la biblioteca"), "/portafolio/biblioteca/"),
    ("event_seat", _("Cupos en eventos de la red"), "/red/"),
    ("replication_support", _("Acompañamiento de replicaciones"), "/red/experiencias/"),
]


def fee_paid(comuna, year: int) -> int | None:
    """The membership fee paid in the year, from hub.finance once it provides it; None = not recorded."""
    try:
        from hub.finance import membership
    except ImportError:  # pragma: no cover
        return None
    func = getattr(membership, "fee_paid", None)
    if func is None:
        return None
    value = func(comuna, year)
    return int(value) if value is not None else None


def value_items(comuna, start, end) -> list[dict]:
    merged: dict[tuple, dict] = {}
    for source in member_value_sources():
        for item in source(comuna, start, end):
            key = (item.kind, item.unit_price_clp)
            row = merged.setdefault(
                key,
                {
                    "kind": item.kind,
                    "label": str(item.label),
                    "quantity": 0,
                    "unit_price_clp": int(item.unit_price_clp),
                    "url": item.url,
                },
            )
            row["quantity"] += int(item.quantity)
    rows = sorted(merged.values(), key=lambda r: (r["kind"], r["unit_price_clp"]))
    for row in rows:
        row["value_clp"] = row["quantity"] * row["unit_price_clp"]
    return rows


def member_value_data(comuna, year: int, *, peers: list | None = None, cache: dict | None = None) -> dict:
    """Services used at list price vs fee, peers of the same typology, benefits not yet used. An estimate."""
    from hub.finance.membership import is_member
    from hub.territory.models import Comuna

    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    cache = {} if cache is None else cache

    def items_of(c):
        if c.cut not in cache:
            cache[c.cut] = value_items(c, start, end)
        return cache[c.cut]

    items = items_of(comuna)
    total = sum(r["value_clp"] for r in items)
    fee = fee_paid(comuna, year)
    if peers is None:
        peers = [
            c
            for c in Comuna.objects.filter(typology=comuna.typology).exclude(cut=comuna.cut).order_by("cut")
            if is_member(c, end)
        ]
    peer_totals = []
    peer_kinds: dict[str, int] = {}
    for peer in peers:
        rows = items_of(peer)
        peer_totals.append(sum(r["value_clp"] for r in rows))
        for kind in {r["kind"] for r in rows if r["quantity"]}:
            peer_kinds[kind] = peer_kinds.get(kind, 0) + 1
    used = {r["kind"] for r in items if r["quantity"]}
    unused = [
        {
            "kind": kind,
            "label": str(label),
            "url": url,
            "peers_using": peer_kinds.get(kind, 0),
        }
        for kind, label, url in BENEFITS
        if kind not in used
    ]
    return {
        "cut": comuna.cut,
        "comuna": comuna.name,
        "typology": comuna.typology,
        "typology_label": comuna.get_typology_display(),
        "year": year,
        "is_estimate": True,
        "items": items,
        "estimated_value_clp": total,
        "fee_paid_clp": fee,
        "value_ratio": round(total / fee, 2) if fee else None,
        "peers": {
            "count": len(peers),
            "median_value_clp": int(statistics.median(peer_totals)) if peer_totals else None,
            "using": [{"kind": k, "comunas": v} for k, v in sorted(peer_kinds.items())],
        },
        "unused": unused,
    }
