"""Regional and national values of an indicator, recomputed from comunas. Never an average of rates.

For the pages/API helpers (selectors.py):

    from hub.observatory.aggregation import aggregate, aggregate_by_region

    aggregate(indicator, rows) -> float | None
        ``indicator``: an Indicator (or anything with ``aggregation`` and ``scale``).
        ``rows``: the comuna observations to combine — Observation objects, dicts or
        ``.values("value", "numerator", "denominator")`` rows.
        - SUM   (counts, populations, money components): sum of ``value``.
        - RATIO (tasa_casos_policiales, aps_por_10mil_hab, finance %, inversion_por_habitante):
          sum(numerator) / sum(denominator) * scale over the rows that have both components
          (derived_recompute stores them on every ratio observation). Rows without components
          are ignored; returns None if the denominator sum is 0.
        - NONE  (pobreza_*: small-area estimates): None — there is no honest aggregate.
        Returns None when there are no usable rows.

    aggregate_by_region(indicator, period, dimension="") -> {region code: value | None}
    aggregate_national(indicator, period, dimension="") -> value | None
        One query each; convenient for region tables, the national reference line and rankings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

SUM = "sum"
RATIO = "ratio"
NONE = "none"


def _get(row: Any, name: str):
    if isinstance(row, dict):
        return row.get(name)
    return getattr(row, name, None)


def aggregate(indicator: Any, rows: Iterable[Any]) -> float | None:
    """Combine comuna rows of ``indicator`` into one value (see module docstring)."""
    kind = str(_get(indicator, "aggregation"))
    if kind == SUM:
        values = [_get(row, "value") for row in rows]
        values = [v for v in values if v is not None]
        return float(sum(values)) if values else None
    if kind == RATIO:
        numerator = denominator = 0.0
        used = 0
        for row in rows:
            num, den = _get(row, "numerator"), _get(row, "denominator")
            if num is None or den is None:
                continue
            numerator += num
            denominator += den
            used += 1
        if not used or denominator == 0:
            return None
        return numerator / denominator * float(_get(indicator, "scale") or 1.0)
    return None


def aggregate_by_region(indicator: Any, period: str, dimension: str = "") -> dict[str, float | None]:
    """{region code: aggregated value} for one period, from the comuna observations."""
    from .models import Observation

    rows = Observation.objects.filter(indicator=indicator, period=period, dimension=dimension).values(
        "comuna__region_id", "value", "numerator", "denominator"
    )
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["comuna__region_id"]].append(row)
    return {region: aggregate(indicator, items) for region, items in sorted(groups.items())}


def aggregate_national(indicator: Any, period: str, dimension: str = "") -> float | None:
    from .models import Observation

    rows = Observation.objects.filter(indicator=indicator, period=period, dimension=dimension).values(
        "value", "numerator", "denominator"
    )
    return aggregate(indicator, rows)
