"""Reading the history of values: last change per observation ("actualizado el", "revisado") and ``as_of``."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Max
from django.utils import timezone

from .models import ObservationChange


def last_revisions(indicator_id: int, keys: list[tuple[str, str, str]] | None = None) -> dict:
    """{(cut, period, dimension): (changed_at, previous value or None)} for the latest change of each value."""
    qs = ObservationChange.objects.filter(indicator_id=indicator_id, reverted=False)
    latest = dict(
        ((cut, period, dim), last_id)
        for cut, period, dim, last_id in qs.values("comuna_id", "period", "dimension").annotate(
            last=Max("id")).values_list("comuna_id", "period", "dimension", "last")
    )
    if keys is not None:
        latest = {k: v for k, v in latest.items() if k in set(keys)}
    rows = ObservationChange.objects.filter(id__in=list(latest.values())).values_list(
        "comuna_id", "period", "dimension", "changed_at", "old_value")
    return {(c, p, d): (at, old) for c, p, d, at, old in rows}


def values_as_of(indicator_id: int, day: date, current: dict[tuple[str, str, str], float]) -> dict:
    """The values of an indicator as they stood at the end of ``day``: undo every later change, newest first."""
    moment = timezone.make_aware(datetime.combine(day, time.max))
    values = dict(current)
    later = ObservationChange.objects.filter(indicator_id=indicator_id, changed_at__gt=moment).order_by("-id")
    for cut, period, dim, old in later.values_list("comuna_id", "period", "dimension", "old_value"):
        if old is None:
            values.pop((cut, period, dim), None)
        else:
            values[(cut, period, dim)] = old
    return values


def dimensions(indicator) -> list[str]:
    """The breakdowns an indicator publishes (besides the total "")."""
    from .models import Observation

    return list(Observation.objects.filter(indicator=indicator).exclude(dimension="").order_by("dimension")
                .values_list("dimension", flat=True).distinct()[:500])


def dimension_period(indicator, dimension: str) -> str:
    from .models import Observation

    return (Observation.objects.filter(indicator=indicator, dimension=dimension).order_by("-period")
            .values_list("period", flat=True).first()) or ""


def dimension_rows(indicator, period: str, dimension: str) -> list:
    """The comuna rows of one breakdown (same shape as selectors.period_rows, ranked by value)."""
    from .models import Observation
    from .selectors import TYPOLOGY_LABELS, Row, assign_ranks, displayed_decimals

    raw = Observation.objects.filter(indicator=indicator, period=period, dimension=dimension).values_list(
        "comuna_id", "comuna__name", "comuna__region_id", "comuna__region__name", "comuna__typology",
        "value", "lower", "upper", "numerator", "denominator", "flag",
    )
    rows = [
        Row(cut, name, rcode, rname, typ or "", str(TYPOLOGY_LABELS.get(typ, "")), period, value, lower, upper,
            0, num, den, flag or "")
        for cut, name, rcode, rname, typ, value, lower, upper, num, den, flag in raw
    ]
    rows.sort(key=lambda r: (-r.value, r.name))
    assign_ranks(rows, displayed_decimals(indicator))
    return rows


def rows_as_of(indicator, rows: list, day: date, dimension: str = "") -> list:
    """``rows`` as they stood at the end of ``day`` (values created later drop out, revised ones go back)."""
    from dataclasses import replace

    current = {(r.cut, r.period, dimension): r.value for r in rows}
    then = values_as_of(indicator.pk, day, current)
    out = []
    for r in rows:
        key = (r.cut, r.period, dimension)
        if key not in then:
            continue
        out.append(r if then[key] == r.value else replace(r, value=then[key], numerator=None, denominator=None))
    return out
