"""The one results engine: the four indicators computed from the evidence other apps register.

Every screen, report and API call reads ``indicator_values(year)``: a closed period returns its frozen
snapshot (with audited corrections applied and both values kept); an open one is computed live. Rates are
always ratios of sums; no figure is ever the average of rates.

What a registered source returns (``hub.core.registry.Evidence``), per indicator:

- cobertura: one record per completed interaction with ``cut`` = the comuna benefited (kinds such as
  "training_certified", "assistance_closed", "pilot_participation"; a kind starting with "pilot" also feeds
  the roadmap's stage 6 typology check). A comuna counts once whatever the number of records.
- cartera: one record per programme implemented, with ``work_line`` and ``challenge`` and
  ``extra["key"]`` (e.g. "solution:12", "programme:3") so the same programme from two modules counts once.
- impacto: one record per documented improvement; ``extra`` may carry "key", "preregistered" (bool),
  "pilot_url", "metric", "before", "after", "registered_effect", "observed_effect", "saving_clp" (int).
  Only preregistered pilot records are labelled causal; the rest are "descriptiva".
- articulacion: ``extra["category"]`` in agreements / projects / sessions / agenda (default: agenda) and
  ``extra["key"]``; agreements carry ``actor_type`` and ``extra["score"]`` (0–4 or None).
"""

from __future__ import annotations

import datetime
import json
import math
from collections import defaultdict

from django.db.models import Count, Sum

from hub.core.registry import Evidence, evidence_sources
from hub.core.taxonomy import Challenge, EvaluationIndicator, WorkLine
from hub.territory.models import Typology

from .definitions import METHODOLOGY_VERSION

ROUND = 6
INDICATORS = list(EvaluationIndicator.values)


# --- helpers ------------------------------------------------------------------------------------------------


def canonical_json(data) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same data always gives the same bytes (and the same SHA-256)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), ROUND)


def ratio(numerator: float, denominator: float) -> float | None:
    return _r(numerator / denominator) if denominator else None


def year_window(year: int, cutoff: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if cutoff is not None and cutoff < end:
        end = max(cutoff, start)
    return start, end


def collect(indicator: str, start: datetime.date, end: datetime.date) -> list[tuple[str, str, list[Evidence]]]:
    """[(source kind, source label, evidence within [start, end])] from every registered source."""
    out = []
    for kind, label, func in evidence_sources(indicator):
        items = [e for e in func(start, end) if start <= e.on <= end]
        items.sort(key=lambda e: (e.on.isoformat(), e.cut, e.kind, e.label, e.url))
        out.append((kind, str(label), items))
    return out


def _ev(e: Evidence) -> dict:
    return {"kind": e.kind, "label": str(e.label), "on": e.on.isoformat(), "url": e.url}


def _comunas() -> dict[str, dict]:
    from hub.territory.models import Comuna

    rows = Comuna.objects.values_list("cut", "name", "typology", "region_id", "region__name", "population_2024")
    return {
        cut: {"cut": cut, "name": name, "typology": typ or "", "region": reg, "region_name": rname, "pop": pop or 0}
        for cut, name, typ, reg, rname, pop in rows
    }


def _sources_summary(groups) -> list[dict]:
    return [{"kind": kind, "label": label, "records": len(items)} for kind, label, items in groups]


# --- Cobertura ----------------------------------------------------------------------------------------------


def compute_cobertura(start: datetime.date, end: datetime.date) -> dict:
    groups = collect("cobertura", start, end)
    comunas = _comunas()
    behind: dict[str, list[dict]] = defaultdict(list)
    records = unknown = 0
    for _kind, _label, items in groups:
        for e in items:
            records += 1
            if e.cut not in comunas:
                unknown += 1
                continue
            entry = _ev(e)
            if entry not in behind[e.cut]:
                behind[e.cut].append(entry)
    benefited = set(behind)
    by_typology = []
    for typ in Typology:
        members = [c for c in comunas.values() if c["typology"] == typ.value]
        n_ben = sum(1 for c in members if c["cut"] in benefited)
        by_typology.append(
            {
                "typology": typ.value,
                "label": str(typ.label),
                "benefited": n_ben,
                "comunas": len(members),
                "rate": ratio(n_ben, len(members)),
            }
        )
    regions: dict[str, dict] = {}
    for c in comunas.values():
        row = regions.setdefault(
            c["region"], {"region": c["region"], "label": c["region_name"], "benefited": 0, "comunas": 0}
        )
        row["comunas"] += 1
        row["benefited"] += c["cut"] in benefited
    by_region = [{**row, "rate": ratio(row["benefited"], row["comunas"])} for _, row in sorted(regions.items())]
    pop_total = sum(c["pop"] for c in comunas.values())
    pop_ben = sum(comunas[cut]["pop"] for cut in benefited)
    listing = [
        {
            "cut": cut,
            "name": comunas[cut]["name"],
            "typology": comunas[cut]["typology"],
            "evidence": sorted(behind[cut], key=lambda x: (x["on"], x["kind"], x["label"])),
        }
        for cut in sorted(benefited, key=lambda k: (comunas[k]["name"], k))
    ]
    return {
        "code": "cobertura",
        "value": ratio(len(benefited), len(comunas)),
        "numerator": len(benefited),
        "denominator": len(comunas),
        "by_typology": by_typology,
        "by_region": by_region,
        "population_weighted": ratio(pop_ben, pop_total),
        "comunas": listing,
        "records": records,
        "counted_once": records - unknown - len(benefited),
        "unknown_comuna": unknown,
        "sources": _sources_summary(groups),
    }


# --- Cartera ------------------------------------------------------------------------------------------------


def _programmes(start, end) -> tuple[list[dict], list]:
    groups = collect("cartera", start, end)
    seen: dict[str, dict] = {}
    for _kind, _label, items in groups:
        for e in items:
            key = str(e.extra.get("key") or f"{e.kind}:{e.label}")
            if key in seen:
                continue
            seen[key] = {**_ev(e), "key": key, "work_line": e.work_line, "challenge": e.challenge}
    return sorted(seen.values(), key=lambda x: (x["on"], x["key"])), groups


def shannon(counts: list[int]) -> float:
    total = sum(counts)
    if not total:
        return 0.0
    return -sum((c / total) * math.log(c / total) for c in counts if c)


def compute_cartera(start: datetime.date, end: datetime.date, *, target: float | None = None) -> dict:
    items, groups = _programmes(start, end)
    cells = {(w, c): 0 for w in WorkLine.values for c in Challenge.values}
    unclassified = 0
    for item in items:
        if (item["work_line"], item["challenge"]) in cells:
            cells[(item["work_line"], item["challenge"])] += 1
        else:
            unclassified += 1
    counts = list(cells.values())
    h = shannon(counts)
    prev_start = start.replace(year=start.year - 1)
    prev_end = (
        end.replace(year=end.year - 1)
        if not (end.month == 2 and end.day == 29)
        else end.replace(year=end.year - 1, day=28)
    )
    previous = len(_programmes(prev_start, prev_end)[0])
    growth = ratio(len(items) - previous, previous) if previous else None
    matrix = [
        {"work_line": w.value, "label": str(w.label), "cells": [cells[(w.value, c)] for c in Challenge.values]}
        for w in WorkLine
    ]
    return {
        "code": "cartera",
        "value": len(items),
        "previous": previous,
        "growth": growth,
        "target": target,
        "target_met": None if target is None else len(items) >= target,
        "shannon": _r(h),
        "shannon_max": _r(math.log(len(cells))),
        "empty_cells": sum(1 for v in counts if v == 0),
        "cells": len(cells),
        "unclassified": unclassified,
        "challenges": [{"challenge": c.value, "label": str(c.label)} for c in Challenge],
        "matrix": matrix,
        "items": items,
        "sources": _sources_summary(groups),
    }


# --- Impacto ------------------------------------------------------------------------------------------------

GAP_HIGH = Typology.METROPOLITANAS.value
GAP_LOW = Typology.RURALES_SEMIURBANAS.value


def theil_between(groups: dict[str, tuple[float, float]]) -> float | None:
    """Between-group Theil of a ratio r = N/D with groups g: T = Σ_g (N_g/N)·ln(r_g/r) (weights by denominator)."""
    usable = {g: (n, d) for g, (n, d) in groups.items() if n > 0 and d > 0}
    num = sum(n for n, _ in usable.values())
    den = sum(d for _, d in usable.values())
    if not usable or num <= 0 or den <= 0:
        return None
    r = num / den
    return sum((n / num) * math.log((n / d) / r) for n, d in usable.values())


def territorial_gaps(until_year: int) -> list[dict]:
    """Per challenge indicator of the observatory (ratio with components): by year, rate per typology, the
    difference Metropolitanas − Rurales/semiurbanas and the between-typology Theil. Two queries in total."""
    from hub.observatory.models import Aggregation, Indicator, Observation, Periodicity

    indicators = list(
        Indicator.objects.filter(
            theme__in=Challenge.values, aggregation=Aggregation.RATIO, periodicity=Periodicity.YEAR, is_public=True
        )
        .select_related("source")
        .order_by("code")
    )
    if not indicators:
        return []
    rows = (
        Observation.objects.filter(
            indicator__in=indicators,
            dimension="",
            year__lte=until_year,
            numerator__isnull=False,
            denominator__isnull=False,
        )
        .exclude(comuna__typology="")
        .values("indicator_id", "year", "comuna__typology")
        .annotate(n=Sum("numerator"), d=Sum("denominator"), comunas=Count("comuna"))
        .order_by("indicator_id", "year", "comuna__typology")
    )
    data: dict[int, dict[int, dict[str, tuple[float, float]]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        data[row["indicator_id"]][row["year"]][row["comuna__typology"]] = (row["n"] or 0.0, row["d"] or 0.0)
    out = []
    for ind in indicators:
        years = []
        for year in sorted(data.get(ind.pk, {})):
            groups = data[ind.pk][year]
            rates = {g: (n / d * ind.scale if d else None) for g, (n, d) in groups.items()}
            high, low = rates.get(GAP_HIGH), rates.get(GAP_LOW)
            years.append(
                {
                    "year": year,
                    "rates": {t.value: _r(rates.get(t.value)) for t in Typology},
                    "difference": _r(high - low) if high is not None and low is not None else None,
                    "theil_between": _r(theil_between(groups)),
                }
            )
        if not years:
            continue
        first, last = years[0], years[-1]
        out.append(
            {
                "indicator": ind.code,
                "name": ind.name_es,
                "challenge": ind.theme,
                "direction": ind.direction,
                "source": ind.source.attribution,
                "years": years[-8:],
                "delta_theil": _r(last["theil_between"] - first["theil_between"])
                if first["theil_between"] is not None and last["theil_between"] is not None
                else None,
                "base_year": first["year"],
                "last_year": last["year"],
            }
        )
    return out


def compute_impacto(start: datetime.date, end: datetime.date) -> dict:
    groups = collect("impacto", start, end)
    improvements = []
    seen = set()
    for _kind, _label, items in groups:
        for e in items:
            key = str(e.extra.get("key") or f"{e.kind}:{e.label}:{e.cut}")
            if key in seen:
                continue
            seen.add(key)
            causal = bool(e.extra.get("preregistered")) and bool(e.extra.get("pilot_url") or e.kind.startswith("pilot"))
            improvements.append(
                {
                    **_ev(e),
                    "cut": e.cut,
                    "challenge": e.challenge,
                    "evidence_level": "causal" if causal else "descriptiva",
                    "pilot_url": str(e.extra.get("pilot_url", "")) if causal else "",
                    "metric": str(e.extra.get("metric", "")),
                    "before": e.extra.get("before"),
                    "after": e.extra.get("after"),
                    "registered_effect": e.extra.get("registered_effect"),
                    "observed_effect": e.extra.get("observed_effect"),
                    "saving_clp": e.extra.get("saving_clp"),
                }
            )
    improvements.sort(key=lambda x: (x["on"], x["kind"], x["label"]))
    savings = sum(int(i["saving_clp"]) for i in improvements if isinstance(i["saving_clp"], int))
    return {
        "code": "impacto",
        "value": len(improvements),
        "causal": sum(1 for i in improvements if i["evidence_level"] == "causal"),
        "descriptive": sum(1 for i in improvements if i["evidence_level"] == "descriptiva"),
        "savings_clp": savings,
        "improvements": improvements,
        "gaps": territorial_gaps(end.year),
        "sources": _sources_summary(groups),
    }


# --- Articulación -------------------------------------------------------------------------------------------

CATEGORY_BY_KIND = {"agreement_signed": "agreements", "project": "projects", "working_group_session": "sessions"}
CATEGORIES = ["agreements", "projects", "sessions", "agenda"]


def compute_articulacion(start: datetime.date, end: datetime.date) -> dict:
    from hub.partners.models import ActorType

    groups = collect("articulacion", start, end)
    by_category: dict[str, dict[str, dict]] = {c: {} for c in CATEGORIES}
    actor_rows = {a.value: {"actor_type": a.value, "label": str(a.label), "agreements": set()} for a in ActorType}
    scores: dict[str, int | None] = {}
    for _kind, _label, items in groups:
        for e in items:
            category = str(e.extra.get("category") or CATEGORY_BY_KIND.get(e.kind, "agenda"))
            key = str(e.extra.get("key") or f"{e.kind}:{e.label}:{e.on.isoformat()}")
            by_category.setdefault(category, {}).setdefault(key, {**_ev(e), "key": key})
            if category == "agreements":
                if e.actor_type in actor_rows:
                    actor_rows[e.actor_type]["agreements"].add(key)
                score = e.extra.get("score")
                if key not in scores or scores[key] is None:
                    scores[key] = score if isinstance(score, int) else None
    rated = [s for s in scores.values() if s is not None]
    by_actor = [
        {"actor_type": row["actor_type"], "label": row["label"], "agreements": len(row["agreements"])}
        for row in actor_rows.values()
    ]
    distribution = [{"score": s, "agreements": sum(1 for x in rated if x == s)} for s in range(5)]
    lists = {c: sorted(v.values(), key=lambda x: (x["on"], x["key"])) for c, v in by_category.items()}
    return {
        "code": "articulacion",
        "value": len(lists["agreements"]),
        "by_actor": by_actor,
        "quality_mean": ratio(sum(rated), len(rated)),
        "quality_rated": len(rated),
        "quality_unrated": len(scores) - len(rated),
        "quality_distribution": distribution,
        "projects": len(lists["projects"]),
        "sessions": len(lists["sessions"]),
        "agenda": len(lists["agenda"]),
        "lists": lists,
        "sources": _sources_summary(groups),
    }


# --- All four, frozen or live -------------------------------------------------------------------------------


def _targets(year: int) -> dict[str, float]:
    from .models import IndicatorTarget

    return {t.indicator.code: t.value for t in IndicatorTarget.objects.filter(year=year).select_related("indicator")}


def compute_one(code: str, start, end, *, targets: dict | None = None) -> dict:
    if code == "cobertura":
        return compute_cobertura(start, end)
    if code == "cartera":
        return compute_cartera(start, end, target=(targets or {}).get("cartera"))
    if code == "impacto":
        return compute_impacto(start, end)
    if code == "articulacion":
        return compute_articulacion(start, end)
    raise KeyError(code)


def compute_all(year: int, *, cutoff: datetime.date | None = None) -> dict:
    start, end = year_window(year, cutoff)
    targets = _targets(year)
    values = {code: compute_one(code, start, end, targets=targets) for code in INDICATORS}
    for code, row in values.items():
        row["target"] = targets.get(code) if code != "cartera" else row["target"]
    return {
        "year": year,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "methodology_version": METHODOLOGY_VERSION,
        "indicators": values,
    }


def indicator_values(year: int) -> dict:
    """The one read every screen and the API use. Closed period: the snapshot plus corrections; else live."""
    from .models import Period

    period = Period.objects.filter(year=year).select_related("snapshot").first()
    snapshot = getattr(period, "snapshot", None) if period and period.is_closed else None
    if snapshot is None:
        data = compute_all(year, cutoff=datetime.date.today() if year == datetime.date.today().year else None)
        data["state"] = "provisional"
        data["corrections"] = []
        return data
    data = json.loads(snapshot.data)
    data["state"] = "cerrado"
    data["sha256"] = snapshot.sha256
    data["corrections"] = []
    for correction in period.corrections.order_by("created_at", "pk"):
        data["indicators"][correction.indicator] = correction.corrected
        data["corrections"].append(
            {
                "indicator": correction.indicator,
                "original_value": correction.original.get("value"),
                "corrected_value": correction.corrected.get("value"),
                "reason": correction.reason,
                "on": correction.created_at.date().isoformat(),
            }
        )
    return data


def headline(data: dict) -> dict[str, dict]:
    """The four headline figures as shown on every screen and in the API (one place decides what they are)."""
    ind = data["indicators"]
    return {
        "cobertura": {
            "value": ind["cobertura"]["value"],
            "numerator": ind["cobertura"]["numerator"],
            "denominator": ind["cobertura"]["denominator"],
        },
        "cartera": {
            "value": ind["cartera"]["value"],
            "shannon": ind["cartera"]["shannon"],
            "empty_cells": ind["cartera"]["empty_cells"],
            "growth": ind["cartera"]["growth"],
        },
        "impacto": {"value": ind["impacto"]["value"], "causal": ind["impacto"]["causal"]},
        "articulacion": {
            "value": ind["articulacion"]["value"],
            "quality_mean": ind["articulacion"]["quality_mean"],
            "projects": ind["articulacion"]["projects"],
            "sessions": ind["articulacion"]["sessions"],
        },
    }
