"""Bulk writing of observations: diff against what is stored, then COPY (PostgreSQL) or executemany.

``observations_upsert`` is the one way imports and derived indicators write observations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection

from .models import ImportRun, Observation, ObservationChange

WRITE_BATCH = 5000
OBS_COLUMNS = ("value", "lower", "upper", "numerator", "denominator", "flag")
Row = tuple  # (value, lower, upper, numerator, denominator, flag)


def observations_upsert(
    *,
    rows: dict[tuple, Row],
    indicator_ids: Iterable[int],
    run: ImportRun | None,
    dry_run: bool = False,
    delete_missing: bool = False,
    progress: Callable[[float], None] | None = None,
    history: bool = False,
    row_numbers: dict[tuple, int] | None = None,
) -> dict:
    """Make the observations of ``indicator_ids`` match ``rows`` keyed (indicator_id, cut, period, dimension).

    Rows equal to what is stored are left alone (counted as unchanged); new keys are inserted (COPY on
    PostgreSQL, bulk_create elsewhere), changed ones updated. With ``delete_missing`` stored keys absent
    from ``rows`` are removed (used for derived indicators whose components disappeared).
    Every update and delete is logged in ObservationChange (old → new); creations too when ``history``.
    """
    plan = observations_plan(rows=rows, indicator_ids=indicator_ids, delete_missing=delete_missing)
    if dry_run:
        return plan.counts
    observations_apply(plan, run=run, progress=progress, history=history, row_numbers=row_numbers)
    return plan.counts


class Plan:
    """The diff between stored observations and the wanted rows: computed with reads only (no write lock)."""

    def __init__(self, to_create, to_update, stale, unchanged):
        self.to_create, self.to_update, self.stale = to_create, to_update, stale
        self.counts = {"created": len(to_create), "updated": len(to_update), "unchanged": unchanged,
                       "deleted": len(stale)}
        self.done = 1.0

    def split(self, size: int):
        """Sub-plans of at most ``size`` rows each (each written in its own short transaction on SQLite)."""
        items = [("c", x) for x in self.to_create] + [("u", x) for x in self.to_update] + \
            [("s", x) for x in self.stale]
        total = max(len(items), 1)
        for start in range(0, len(items), size):
            chunk = items[start : start + size]
            part = Plan([x for k, x in chunk if k == "c"], [x for k, x in chunk if k == "u"],
                        [x for k, x in chunk if k == "s"], 0)
            part.done = min(1.0, (start + size) / total)
            yield part


def observations_plan(*, rows: dict[tuple, Row], indicator_ids: Iterable[int], delete_missing: bool = False) -> Plan:
    existing: dict[tuple, tuple[int, Row]] = {}
    queryset = Observation.objects.filter(indicator_id__in=list(indicator_ids)).values_list(
        "id", "indicator_id", "comuna_id", "period", "dimension", *OBS_COLUMNS
    )
    for obs_id, indicator_id, cut, period, dimension, *values in queryset.iterator(chunk_size=20000):
        existing[(indicator_id, cut, period, dimension)] = (obs_id, tuple(values))
    to_create, to_update = [], []
    unchanged = 0
    for key, values in rows.items():
        current = existing.get(key)
        if current is None:
            to_create.append((key, values))
        elif current[1] != values:
            to_update.append((current[0], key, values, current[1]))
        else:
            unchanged += 1
    stale = [(obs_id, key, old) for key, (obs_id, old) in existing.items() if key not in rows] \
        if delete_missing else []
    return Plan(to_create, to_update, stale, unchanged)


def observations_apply(plan: Plan, *, run: ImportRun | None, progress=None, history: bool = False,
                       row_numbers: dict[tuple, int] | None = None) -> None:
    """Write a plan (call inside one short transaction)."""
    run_id = run.pk if run else None
    sha = run.file_sha256 if run else ""
    rows_of = row_numbers or {}
    to_create = sorted(plan.to_create)  # inserting in unique-index order keeps B-tree writes local (SQLite)
    _insert(to_create, run_id, progress)
    _update([(obs_id, key, values) for obs_id, key, values, _old in plan.to_update], run_id)
    for start in range(0, len(plan.stale), WRITE_BATCH):
        Observation.objects.filter(id__in=[s[0] for s in plan.stale[start : start + WRITE_BATCH]]).delete()
    changes = [
        ObservationChange(indicator_id=key[0], comuna_id=key[1], period=key[2], dimension=key[3], old_value=old[0],
                          new_value=values[0], old_row=list(old), run_id=run_id, file_sha256=sha, row=rows_of.get(key))
        for _obs_id, key, values, old in plan.to_update
    ]
    changes += [
        ObservationChange(indicator_id=key[0], comuna_id=key[1], period=key[2], dimension=key[3], old_value=old[0],
                          new_value=None, old_row=list(old), run_id=run_id, file_sha256=sha)
        for _obs_id, key, old in plan.stale
    ]
    if history:
        changes += [
            ObservationChange(indicator_id=key[0], comuna_id=key[1], period=key[2], dimension=key[3],
                              old_value=None, new_value=values[0], run_id=run_id, file_sha256=sha,
                              row=rows_of.get(key))
            for key, values in plan.to_create
        ]
    ObservationChange.objects.bulk_create(changes, batch_size=2000)


def _insert(items: list, run_id: int | None, progress: Callable[[float], None] | None) -> None:
    if not items:
        return
    if connection.vendor == "postgresql":
        _copy_insert(items, run_id)
        if progress:
            progress(1.0)
        return
    # Plain executemany: model instances and bulk_create's per-batch SQL cost more than the insert itself.
    table = Observation._meta.db_table
    sql = (
        f"INSERT INTO {table} (indicator_id, comuna_id, period, year, dimension, value, lower, upper, numerator, "
        "denominator, flag, import_run_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    total = len(items)
    with connection.cursor() as cursor:
        for start in range(0, total, WRITE_BATCH):
            cursor.executemany(sql, [
                (indicator_id, cut, period, int(period[:4]), dimension, value, lower, upper, num, den, flag, run_id)
                for (indicator_id, cut, period, dimension), (value, lower, upper, num, den, flag)
                in items[start : start + WRITE_BATCH]
            ])
            if progress:
                progress(min(1.0, (start + WRITE_BATCH) / total))


def _copy_insert(items: list, run_id: int | None) -> None:
    """PostgreSQL COPY: an order of magnitude faster than INSERTs for the CEAD aggregates.

    The COPY text is built here in large chunks (one write per chunk): psycopg's write_row costs
    more per row than the formatting itself.
    """
    table = Observation._meta.db_table
    columns = "indicator_id, comuna_id, period, year, dimension, value, lower, upper, numerator, denominator, " \
              "flag, import_run_id"
    run_text = _COPY_NULL if run_id is None else str(run_id)
    text = _CopyTexts()  # cut / period / dimension -> escaped text (few distinct values)
    years = _CopyYears()  # period -> its year as text
    null = _COPY_NULL

    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for start in range(0, len(items), COPY_CHUNK):
                lines = []
                append = lines.append
                for (indicator_id, cut, period, dimension), (value, lower, upper, num, den, flag) in \
                        items[start : start + COPY_CHUNK]:
                    append(
                        f"{indicator_id}\t{text[cut]}\t{text[period]}\t{years[period]}\t{text[dimension]}\t"
                        f"{float(value)!r}\t{null if lower is None else repr(float(lower))}\t"
                        f"{null if upper is None else repr(float(upper))}\t"
                        f"{null if num is None else repr(float(num))}\t"
                        f"{null if den is None else repr(float(den))}\t{text[flag]}\t{run_text}\n"
                    )
                copy.write("".join(lines))


class _CopyTexts(dict):
    def __missing__(self, value: str) -> str:
        escaped = self[value] = _copy_escape(value)
        return escaped


class _CopyYears(dict):
    def __missing__(self, period: str) -> str:
        year = self[period] = str(int(period[:4]))
        return year


_COPY_NULL = "\\N"
COPY_CHUNK = 20000


def _copy_escape(value: str) -> str:
    """Escape a string for COPY's text format (backslash, tab, newline, carriage return)."""
    return (
        str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def _update(items: list, run_id: int | None) -> None:
    if not items:
        return
    objects = [
        Observation(
            id=obs_id, value=value, lower=lower, upper=upper, numerator=numerator, denominator=denominator,
            flag=flag, import_run_id=run_id,
        )
        for obs_id, _key, (value, lower, upper, numerator, denominator, flag) in items
    ]
    Observation.objects.bulk_update(objects, [*OBS_COLUMNS, "import_run"], batch_size=500)


def missing_upsert(*, rows: dict[tuple, str], indicator_ids: Iterable[int], dry_run: bool = False) -> dict:
    """Make the MissingValue rows of ``indicator_ids`` equal ``rows`` {(indicator_id, cut, period, dimension): status}.

    A key that now has a number is no longer missing (the caller leaves it out of ``rows``)."""
    from .models import MissingValue

    existing = {
        (indicator_id, cut, period, dimension): (pk, status)
        for pk, indicator_id, cut, period, dimension, status in MissingValue.objects.filter(
            indicator_id__in=list(indicator_ids)
        ).values_list("id", "indicator_id", "comuna_id", "period", "dimension", "status")
    }
    create = [key for key in rows if key not in existing]
    update = [(existing[key][0], status) for key, status in rows.items() if key in existing
              and existing[key][1] != status]
    stale = [pk for key, (pk, _status) in existing.items() if key not in rows]
    counts = {"missing_created": len(create), "missing_updated": len(update), "missing_deleted": len(stale)}
    if dry_run:
        return counts
    for start in range(0, len(stale), WRITE_BATCH):
        MissingValue.objects.filter(id__in=stale[start : start + WRITE_BATCH]).delete()
    MissingValue.objects.bulk_create(
        [MissingValue(indicator_id=key[0], comuna_id=key[1], period=key[2], dimension=key[3], status=rows[key])
         for key in sorted(create)],
        batch_size=2000,
    )
    if update:
        MissingValue.objects.bulk_update([MissingValue(id=pk, status=status) for pk, status in update], ["status"],
                                         batch_size=500)
    return counts
