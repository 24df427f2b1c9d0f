"""Reads of the observatory shared by the pages, the comuna dashboard, downloads and the open-data API.

Every function answers one question with a fixed number of queries, whatever the number of comunas or
periods (tests/test_query_counts.py holds this). Regional and national figures are recomputed from
comuna values: counts are summed, ratios are sum(numerator) / sum(denominator) * scale, and indicators
that cannot be aggregated (small-area poverty estimates) get no aggregate at all, never an average of rates.
"""

from __future__ import annotations

import hashlib
import statistics
from dataclasses import astuple, dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import CHALLENGE_DESCRIPTIONS, Challenge
from hub.territory.models import Comuna, Region, Typology

from .models import Aggregation, ImportRun, Indicator, IndicatorTheme, MissingValue, Observation

THEME_ORDER = [
    IndicatorTheme.SEGURIDAD,
    IndicatorTheme.APS,
    IndicatorTheme.CAPITAL_HUMANO,
    IndicatorTheme.AMBIENTAL,
    IndicatorTheme.DIGITAL,
    IndicatorTheme.FINANZAS,
    IndicatorTheme.CONTEXTO,
]
NO_SOURCE_YET = _("No hay cifras cargadas para este desafío: ejecute «manage.py load_open_data».")
CACHE_SECONDS = 600
_MISSING = object()


def data_version() -> str:
    """A stamp that changes whenever observations are added or an import finishes (one tiny query).

    Imports always leave an ImportRun; bulk inserts move the highest observation id. The cache keys of the
    expensive reads below include it, so a new import is visible at once without any invalidation hook.
    Read once per request (hub.core.page_cache.memoised).
    """
    from hub.core.page_cache import memoised

    return memoised("observatory:data_version", _data_version)


def _data_version() -> str:
    obs, runs = Observation._meta.db_table, ImportRun._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT MAX(id) FROM {obs}), (SELECT MAX(id) FROM {runs}), "
                       f"(SELECT MAX(finished_at) FROM {runs})")
        stamp = ":".join(str(part) for part in cursor.fetchone())
    return hashlib.md5(stamp.encode(), usedforsecurity=False).hexdigest()[:16]


def cached(name: str, *parts, compute, version: str | None = None):
    """Cache a read keyed by the data version; None results are cached too."""
    key = f"observatory:{name}:{version or data_version()}:" + ":".join(str(p) for p in parts).replace(" ", "_")
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


SORTS = {"value": _("mayor valor primero"), "value_asc": _("menor valor primero"), "name": _("nombre")}


# --- Indicators ---------------------------------------------------------------------------------------------


def public_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(is_public=True).select_related("source")


def indicator_get(code: str) -> Indicator | None:
    """A public indicator by code; private components and unknown codes are both None (404)."""
    return public_indicators().select_related("numerator", "denominator").filter(code=code).first()


def source_line(indicator: Indicator, period: str = "", *, retrieved: bool = True) -> str:
    source = indicator.source
    text = f"Fuente: {source.attribution}"
    if period:
        text += f", {period}"
    licence = source.licence or _("no declarada por la fuente")
    text = f"{text} · {_('licencia')} {licence}"
    if retrieved and source.retrieved:
        text += f" · {_('obtenido')}: {source.retrieved}"
    return text


def default_period(periods: list[str]) -> str:
    """The one default-period rule: the latest period with observed data up to the current year (never a
    2035 projection). ``periods`` is newest first, as ``indicator_periods`` returns it."""
    this_year = timezone.localdate().year
    return next((p for p in periods if int(p[:4]) <= this_year), periods[-1] if periods else "")


def indicator_catalogue() -> list[dict]:
    """Public indicators grouped by the five challenges, then finance and context, with their latest period."""
    indicators = list(public_indicators().order_by("name_es"))
    latest = latest_periods()
    groups = []
    for theme in THEME_ORDER:
        items = [
            {"indicator": ind, "latest_period": latest.get(ind.pk)} for ind in indicators if ind.theme == theme
        ]
        groups.append(
            {
                "theme": theme.value,
                "label": theme.label,
                "is_challenge": theme.value in Challenge.values,
                "description": CHALLENGE_DESCRIPTIONS.get(theme.value, ""),
                "items": items,
                "empty_message": NO_SOURCE_YET if not items else "",
            }
        )
    return groups


def latest_periods(version: str | None = None) -> dict[int, str]:
    """{indicator_id: latest period with comuna data} for every indicator."""
    return cached(
        "latest",
        version=version,
        # Projections run to 2035: "latest" means the latest period up to the current year.
        compute=lambda: dict(
            Observation.objects.filter(dimension="", year__lte=timezone.localdate().year)
            .values("indicator_id")
            .annotate(latest=Max("period"))
            .values_list("indicator_id", "latest")
        ),
    )


def indicator_periods(indicator: Indicator) -> list[str]:
    """Periods with comuna data, newest first."""
    return cached(
        "periods",
        indicator.pk,
        compute=lambda: list(
            Observation.objects.filter(indicator=indicator, dimension="")
            .order_by("-period")
            .values_list("period", flat=True)
            .distinct()
        ),
    )


def monthly_companion(indicator: Indicator) -> Indicator | None:
    """The monthly series published next to a yearly indicator (casos_policiales → casos_policiales_mensual)."""
    if indicator.periodicity != "year":
        return None
    return public_indicators().filter(code=f"{indicator.code}_mensual").first()


# --- Comuna values and rankings -----------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    cut: str
    name: str
    region_code: str
    region: str
    typology: str
    typology_label: str
    period: str
    value: float
    lower: float | None = None
    upper: float | None = None
    rank: int = 0
    numerator: float | None = None
    denominator: float | None = None
    flag: str = ""
    # Indicators with confidence bounds (poverty): the range of ranks compatible with the intervals.
    rank_low: int = 0
    rank_high: int = 0

    @property
    def ranked(self) -> bool:
        return not self.flag

    @property
    def rank_range(self) -> bool:
        return bool(self.rank_low and self.rank_high and self.rank_low != self.rank_high)


TYPOLOGY_LABELS = dict(Typology.choices)


def period_rows(indicator: Indicator, period: str, version: str | None = None) -> list[Row]:
    """Every comuna's value for one period with its national rank (1 = highest value; ties share a rank)."""
    # Cached as plain tuples: unpickling 346 dataclass instances costs ten times more than tuples.
    raw = cached(
        "rows",
        indicator.pk,
        period,
        version=version,
        compute=lambda: [astuple(row) for row in _period_rows(indicator, period)],
    )
    return [Row(*values) for values in raw]


def _period_rows(indicator: Indicator, period: str) -> list[Row]:
    raw = (
        Observation.objects.filter(indicator=indicator, period=period, dimension="")
        .values_list(
            "comuna_id", "comuna__name", "comuna__region_id", "comuna__region__name", "comuna__typology",
            "value", "lower", "upper", "numerator", "denominator", "flag",
        )
    )
    rows = [
        Row(cut, name, rcode, rname, typ or "", str(TYPOLOGY_LABELS.get(typ, "")), period, value, lower, upper,
            0, num, den, flag or "")
        for cut, name, rcode, rname, typ, value, lower, upper, num, den, flag in raw
    ]
    rows.sort(key=lambda r: (-r.value, r.name))
    assign_ranks(rows, displayed_decimals(indicator))
    return rows


def displayed_decimals(indicator: Indicator) -> int:
    """The decimals a value is shown with (money, counts and m² never show decimals)."""
    return 0 if indicator.unit in {"clp", "clp_per_person", "count", "persons", "m2"} else indicator.decimals


def assign_ranks(rows: list[Row], decimals: int) -> None:
    """National rank, 1 = highest value, that never overstates a difference.

    - Flagged values (quality alerts) get no rank (0) and do not push anyone down.
    - Values that display the same (rounded to the indicator's decimals) share the rank.
    - With confidence bounds, each comuna also gets the range of ranks its interval allows: best = 1 + the
      comunas whose lower bound is above its upper bound; worst = the comunas whose upper bound is not below its
      lower bound. Pages show that range instead of a strict position.
    ``rows`` must be sorted by value, highest first.
    """
    ranked = [r for r in rows if not r.flag]
    previous = None
    for position, row in enumerate(ranked, start=1):
        shown = round(row.value, decimals)
        row.rank = previous[1] if previous is not None and previous[0] == shown else position
        previous = (shown, row.rank)
    for row in rows:
        if row.flag:
            row.rank = 0
    bounded = [r for r in ranked if r.lower is not None and r.upper is not None]
    if len(bounded) != len(ranked) or not ranked:
        return
    import bisect

    lowers = sorted(r.lower for r in bounded)
    uppers = sorted(r.upper for r in bounded)
    n = len(bounded)
    for row in bounded:
        surely_above = n - bisect.bisect_right(lowers, row.upper)  # lower_j > upper_i
        surely_below = bisect.bisect_left(uppers, row.lower)  # upper_j < lower_i
        row.rank_low = 1 + surely_above
        row.rank_high = n - surely_below


def period_missing(indicator: Indicator, period: str, version: str | None = None) -> list[tuple[str, str, str]]:
    """[(cut, comuna name, reason)] of the comunas the source reports WITHOUT a number for the period."""
    return cached(
        "missing",
        indicator.pk,
        period,
        version=version,
        compute=lambda: list(
            MissingValue.objects.filter(indicator=indicator, period=period, dimension="")
            .order_by("comuna__name")
            .values_list("comuna_id", "comuna__name", "status")
        ),
    )


def missing_summary(missing: list[tuple[str, str, str]]) -> list[tuple[str, int]]:
    """[(reason, number of comunas)], most frequent first."""
    counts: dict[str, int] = {}
    for _cut, _name, status in missing:
        counts[status] = counts.get(status, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def filter_rows(rows: list[Row], *, region: str = "", typology: str = "", cut: str = "") -> list[Row]:
    return [
        r
        for r in rows
        if (not region or r.region_code == region)
        and (not typology or r.typology == typology)
        and (not cut or r.cut == cut)
    ]


def sort_rows(rows: list[Row], sort: str) -> list[Row]:
    if sort == "name":
        from hub.core.text import fold

        return sorted(rows, key=lambda r: fold(r.name))
    if sort == "value_asc":
        return sorted(rows, key=lambda r: (r.value, r.name))
    return sorted(rows, key=lambda r: (-r.value, r.name))


def typology_distribution(rows: list[Row]) -> list[dict]:
    """Median, minimum and maximum per typology (the document's four comunal typologies)."""
    out = []
    for code, label in Typology.choices:
        values = [r.value for r in rows if r.typology == code and not r.flag]
        if values:
            out.append(
                {
                    "typology": code,
                    "label": label,
                    "n": len(values),
                    "median": statistics.median(values),
                    "min": min(values),
                    "max": max(values),
                }
            )
    return out


# --- Aggregation ----------------------------------------------------------------------------------------------


def aggregate_series(indicator: Indicator, *, region: str = "") -> list[tuple[str, float]]:
    return cached("series", indicator.pk, region, compute=lambda: _aggregate_series(indicator, region=region))


def _aggregate_series(indicator: Indicator, *, region: str = "") -> list[tuple[str, float]]:
    """National (or regional) value per period, recomputed from comuna values in one query.

    sum: the sum of comuna values. ratio: sum(numerator) / sum(denominator) * scale over the comunas that have
    both components. none: no aggregate (an average of comuna rates would mislead).
    """
    if indicator.aggregation == Aggregation.NONE:
        return []
    qs = Observation.objects.filter(indicator=indicator, dimension="", flag="")  # flagged values never aggregate
    if region:
        qs = qs.filter(comuna__region_id=region)
    if indicator.aggregation == Aggregation.RATIO:
        both = Q(numerator__isnull=False, denominator__isnull=False)
        grouped = (
            qs.values("period")
            .annotate(num=Sum("numerator", filter=both), den=Sum("denominator", filter=both))
            .order_by("period")
        )
        return [
            (g["period"], g["num"] / g["den"] * indicator.scale)
            for g in grouped
            if g["num"] is not None and g["den"]
        ]
    grouped = qs.values("period").annotate(total=Sum("value"), n=Count("id")).order_by("period")
    return [(g["period"], g["total"]) for g in grouped]


def aggregate_at(series: list[tuple[str, float]], period: str) -> float | None:
    return dict(series).get(period)


# --- Comuna dashboard -----------------------------------------------------------------------------------------


@dataclass
class DashboardItem:
    indicator: Indicator
    period: str
    value: float | None
    lower: float | None
    upper: float | None
    rank: int
    total: int
    typology_median: float | None
    typology_n: int
    peer_median: float | None
    peer_n: int
    source: str = ""
    flag: str = ""
    status: str = ""  # the source's reason when the comuna has no number (missing is not zero)
    rank_low: int = 0
    rank_high: int = 0
    headline: bool = False

    @property
    def rank_range(self) -> bool:
        return bool(self.rank_low and self.rank_high and self.rank_low != self.rank_high)


@dataclass
class DashboardGroup:
    theme: str
    label: str
    items: list[DashboardItem] = field(default_factory=list)
    empty_message: str = ""

    @property
    def headlines(self) -> list[DashboardItem]:
        return [item for item in self.items if item.headline]

    @property
    def others(self) -> list[DashboardItem]:
        return [item for item in self.items if not item.headline]


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def latest_rows(indicators: list[Indicator]) -> dict[int, list[Row]]:
    """Each indicator's comuna rows at its latest national period (cached reads: one query when warm)."""
    version = data_version()
    latest = latest_periods(version)
    wanted = {ind.pk: ind for ind in indicators if ind.pk in latest}
    keys = {pk: f"observatory:rows:{version}:{pk}:{latest[pk]}" for pk in wanted}  # the keys period_rows uses
    found = cache.get_many(list(keys.values()))
    cold = [pk for pk, key in keys.items() if key not in found]
    if cold:  # one query for every cold indicator, not one each
        query = Q()
        for pk in cold:
            query |= Q(indicator_id=pk, period=latest[pk])
        by_indicator: dict[int, list[Row]] = {pk: [] for pk in cold}
        raw = Observation.objects.filter(query, dimension="").values_list(
            "indicator_id", "comuna_id", "comuna__name", "comuna__region_id", "comuna__region__name",
            "comuna__typology", "value", "lower", "upper", "numerator", "denominator", "flag",
        )
        for pk, cut, name, rcode, rname, typ, value, lower, upper, num, den, flag in raw:
            by_indicator[pk].append(
                Row(cut, name, rcode, rname, typ or "", str(TYPOLOGY_LABELS.get(typ, "")), latest[pk], value, lower,
                    upper, 0, num, den, flag or "")
            )
        fresh = {}
        for pk, rows in by_indicator.items():
            rows.sort(key=lambda r: (-r.value, r.name))
            assign_ranks(rows, displayed_decimals(wanted[pk]))
            fresh[keys[pk]] = [astuple(row) for row in rows]
        cache.set_many(fresh, CACHE_SECONDS)
        found.update(fresh)
    return {pk: [Row(*values) for values in found[keys[pk]]] for pk in wanted}


def comuna_dashboard(comuna: Comuna, peers: list[str]) -> list[DashboardGroup]:
    """Per challenge, each public indicator's latest value for the comuna (headline indicators first), its
    national rank, and the medians of its typology and of its peer group (similar comunas). The latest period
    is the latest national one with observed data, so every comuna is ranked among the same comunas and year.
    A comuna the source reports without a number shows the source's reason; a flagged value shows its alert
    and has no rank."""
    from .catalogue import HEADLINES

    headline_codes = {code for codes in HEADLINES.values() for code in codes}
    indicators = list(public_indicators().order_by("name_es"))
    peer_set = set(peers)
    groups = {theme.value: DashboardGroup(theme.value, theme.label) for theme in THEME_ORDER}
    version = data_version()
    latest = latest_periods(version)
    all_rows = latest_rows(indicators)
    missing = {
        (indicator_id, period): status
        for indicator_id, period, status in MissingValue.objects.filter(comuna=comuna, dimension="").values_list(
            "indicator_id", "period", "status"
        )
    }
    for indicator in indicators:
        rows = all_rows.get(indicator.pk, [])
        mine = next((r for r in rows if r.cut == comuna.cut), None)
        period = latest.get(indicator.pk, "")
        status = missing.get((indicator.pk, period), "") if mine is None else ""
        if mine is None and not status:
            continue
        clean = [r for r in rows if not r.flag]
        same_typology = [r.value for r in clean if comuna.typology and r.typology == comuna.typology]
        peer_values = [r.value for r in clean if r.cut in peer_set]
        groups[indicator.theme].items.append(
            DashboardItem(
                indicator=indicator,
                period=period,
                value=mine.value if mine else None,
                lower=mine.lower if mine else None,
                upper=mine.upper if mine else None,
                rank=mine.rank if mine else 0,
                total=len(clean),
                typology_median=_median(same_typology),
                typology_n=len(same_typology),
                peer_median=_median(peer_values),
                peer_n=len(peer_values),
                source=source_line(indicator, period),
                flag=mine.flag if mine else "",
                status=status,
                rank_low=mine.rank_low if mine else 0,
                rank_high=mine.rank_high if mine else 0,
                headline=indicator.code in headline_codes,
            )
        )
    for group in groups.values():
        group.items.sort(key=lambda item: not item.headline)
        if not group.items and group.theme in Challenge.values:
            group.empty_message = NO_SOURCE_YET
    ordered = [groups[theme.value] for theme in THEME_ORDER]
    return [group for group in ordered if group.items or group.empty_message]


# --- Comparison -----------------------------------------------------------------------------------------------


def comparison(comunas: list[Comuna]) -> list[dict]:
    """One row per public indicator with the latest national period and each comuna's value (or None)."""
    indicators = list(public_indicators())
    order = {theme.value: i for i, theme in enumerate(THEME_ORDER)}
    rows = []
    all_rows = latest_rows(indicators)
    for indicator in sorted(indicators, key=lambda i: (order.get(i.theme, 99), i.name_es)):
        by_cut = {r.cut: r for r in all_rows.get(indicator.pk, [])}
        cells = [by_cut.get(c.cut) for c in comunas]
        if not any(cells):
            continue
        period = next(cell.period for cell in cells if cell)
        rows.append(
            {
                "indicator": indicator,
                "period": period,
                "values": [cell.value if cell else None for cell in cells],
                "flags": [cell.flag if cell else "" for cell in cells],
                "cells": [(cell.value if cell else None, cell.flag if cell else "") for cell in cells],
                "source": source_line(indicator, period),
            }
        )
    return rows


def regions() -> QuerySet[Region]:
    return Region.objects.all()
