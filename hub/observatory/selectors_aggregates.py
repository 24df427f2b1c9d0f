"""Aggregates of an indicator by country, region or typology, and the challenge headlines of the home page.

Rules (the same everywhere, also in ``selectors.aggregate_series``):
- sum: Σ value of the comunas;
- ratio: Σ numerator ÷ Σ denominator × scale over the comunas that have both components;
- none (small-area estimates, indices, SINIM's own percentages): no aggregate, never an average of rates.
Flagged values (quality alerts) are left out and counted in ``comunas_excluded``; comunas the source
reports without a number are counted in ``comunas_missing``. Two queries whatever the number of comunas.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass

from django.db.models import Count

from hub.territory.models import Region, Typology

from . import catalogue
from .models import Aggregation, Indicator, MissingValue, Observation
from .selectors import cached, data_version, default_period, indicator_periods, public_indicators, source_line

LEVELS = ("country", "region", "typology")


@dataclass
class Aggregate:
    level: str
    key: str
    name: str
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    comunas: int
    comunas_excluded: int
    comunas_missing: int


def _group_keys(level: str, region: str, typology: str) -> str:
    if level == "region":
        return region
    if level == "typology":
        return typology or ""
    return "CL"


def aggregates(indicator: Indicator, *, level: str, period: str) -> list[dict]:
    """One aggregate per group of ``level`` for ``period`` (see module docstring)."""
    return cached(
        "aggregates",
        indicator.pk,
        level,
        period,
        compute=lambda: [asdict(a) for a in _aggregates(indicator, level, period)],
    )


def _aggregates(indicator: Indicator, level: str, period: str) -> list[Aggregate]:
    groups: dict[str, dict] = {}

    def group(key: str) -> dict:
        return groups.setdefault(
            key, {"num": 0.0, "den": 0.0, "sum": 0.0, "n": 0, "excluded": 0, "missing": 0, "pairs": 0}
        )

    rows = Observation.objects.filter(indicator=indicator, period=period, dimension="").values_list(
        "comuna__region_id", "comuna__typology", "value", "numerator", "denominator", "flag"
    )
    for region, typology, value, num, den, flag in rows:
        g = group(_group_keys(level, region, typology))
        if flag:
            g["excluded"] += 1
            continue
        g["n"] += 1
        g["sum"] += value
        if num is not None and den is not None:
            g["num"] += num
            g["den"] += den
            g["pairs"] += 1
    missing = (
        MissingValue.objects.filter(indicator=indicator, period=period, dimension="")
        .values("comuna__region_id", "comuna__typology")
        .annotate(n=Count("id"))
    )
    for item in missing:
        group(_group_keys(level, item["comuna__region_id"], item["comuna__typology"]))["missing"] += item["n"]
    if level == "region":
        names = dict(Region.objects.values_list("code", "name"))
    elif level == "typology":
        names = {**{code: str(label) for code, label in Typology.choices}, "": "Sin tipología"}
    else:
        names = {"CL": "Chile"}
    out = []
    for key in sorted(groups):
        g = groups[key]
        value = numerator = denominator = None
        if indicator.aggregation == Aggregation.SUM and g["n"]:
            value = g["sum"]
        elif indicator.aggregation == Aggregation.RATIO and g["pairs"] and g["den"]:
            numerator, denominator = g["num"], g["den"]
            value = numerator / denominator * indicator.scale
        out.append(
            Aggregate(
                level,
                key,
                names.get(key, key),
                period,
                value,
                numerator,
                denominator,
                g["n"],
                g["excluded"],
                g["missing"],
            )
        )
    return out


# --- Challenge headlines (home page and comuna page) -----------------------------------------------------------


def headline_codes() -> dict[str, tuple[str, ...]]:
    return catalogue.HEADLINES


def challenge_headlines() -> list[dict]:
    """Per challenge, each headline indicator's national figure at its default period, with source and year.

    Aggregated indicators show the national aggregate; the others (indices, SINIM percentages) show the median
    of the comunas, said as such. Cached with the data version."""
    version = data_version()
    return cached("headlines", "v1", version=version, compute=_challenge_headlines)


def _challenge_headlines() -> list[dict]:
    from hub.core.taxonomy import Challenge

    wanted = {code for codes in catalogue.HEADLINES.values() for code in codes}
    indicators = {ind.code: ind for ind in public_indicators().filter(code__in=wanted)}
    out = []
    for challenge in Challenge:
        items = []
        for code in catalogue.HEADLINES.get(challenge.value, ()):
            indicator = indicators.get(code)
            if indicator is None:
                continue
            period = default_period(indicator_periods(indicator))
            if not period:
                continue
            national = _aggregates(indicator, "country", period)
            figure = national[0] if national else None
            value, is_median, n = (figure.value if figure else None), False, (figure.comunas if figure else 0)
            if indicator.aggregation == Aggregation.NONE:
                values = list(
                    Observation.objects.filter(indicator=indicator, period=period, dimension="", flag="").values_list(
                        "value", flat=True
                    )
                )
                value, is_median, n = (statistics.median(values) if values else None), True, len(values)
            if value is None:
                continue
            items.append(
                {
                    "indicator": indicator,
                    "period": period,
                    "value": value,
                    "is_median": is_median,
                    "comunas": n,
                    "excluded": figure.comunas_excluded if figure else 0,
                    "source": source_line(indicator, period, retrieved=False),
                }
            )
        out.append({"challenge": challenge, "items": items})
    return out
