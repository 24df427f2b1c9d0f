"""Library full-text search: ONE interface, two backends picked by the database engine.

``library_search(q, filters)`` returns the ranked queryset and the facet counts. PostgreSQL uses the
``hub_es`` text search configuration (unaccent + Spanish stemming, created in migration 0002);
SQLite uses the FTS5 table ``portfolio_library_fts`` (unicode61 with diacritics removed, bm25).
Both ignore accents and case: "gestion" finds "Gestión".
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from hub.core.taxonomy import Challenge, WorkLine

from .models import LibraryItem, LibraryKind

FTS_TABLE = "portfolio_library_fts"
PG_CONFIG = "hub_es"
FILTER_KEYS = ("work_line", "challenge", "kind", "typology", "year")


@dataclass
class SearchResult:
    items: QuerySet  # ranked best first when there is a query
    total: int
    facets: dict = field(default_factory=dict)  # key -> list of (code, label, count)
    query: str = ""


def _tokens(q: str) -> list[str]:
    return re.findall(r"\w+", q or "", flags=re.UNICODE)[:12]


# --- SQLite FTS5 ------------------------------------------------------------------------------------


def _fts_match(q: str) -> str:
    # Every word must appear (implicit AND); prefix match so "municip" finds "municipal".
    return " ".join(f'"{token}"*' for token in _tokens(q))


def fts_sync(item: LibraryItem) -> None:
    """Keep the FTS5 row of one item in step with the item (called by the services)."""
    if connection.vendor != "sqlite":
        return
    extra = " ".join([item.get_kind_display(), item.get_work_line_display(), item.get_challenge_display()])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [item.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, authors, summary, extra) VALUES (%s, %s, %s, %s, %s)",
            [item.pk, item.title, item.authors, item.summary, str(extra)],
        )


def fts_delete(item_id: int) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [item_id])


def _sqlite_match(qs: QuerySet, q: str) -> tuple[QuerySet, object]:
    match = _fts_match(q)
    ids = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
    # bm25 is lower-is-better; negate it so both backends sort by rank descending. Title weighs most.
    rank = RawSQL(
        f"SELECT -bm25({FTS_TABLE}, 10.0, 3.0, 2.0, 1.0) FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %s AND rowid = portfolio_libraryitem.id",
        [match],
        output_field=FloatField(),
    )
    return qs.filter(id__in=ids), rank


# --- PostgreSQL ---------------------------------------------------------------------------------------


def _pg_match(qs: QuerySet, q: str) -> tuple[QuerySet, object]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (
        SearchVector("title", weight="A", config=PG_CONFIG)
        + SearchVector("authors", weight="B", config=PG_CONFIG)
        + SearchVector("summary", weight="C", config=PG_CONFIG)
    )
    query = SearchQuery(" ".join(_tokens(q)), config=PG_CONFIG, search_type="plain")
    ids = LibraryItem.objects.annotate(document=vector).filter(document=query).values("id")
    return qs.filter(id__in=ids), SearchRank(vector, query)


# --- The one interface ---------------------------------------------------------------------------------


def _apply_filters(qs: QuerySet, filters: dict) -> QuerySet:
    for key in ("work_line", "challenge", "kind", "year"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    if filters.get("typology"):
        qs = qs.filter(comunas__typology=filters["typology"]).distinct()
    return qs


def _facets(qs: QuerySet) -> dict:
    from hub.territory.models import Typology

    ids = qs.values("id")
    base = LibraryItem.objects.filter(id__in=ids)

    def counts(field_name: str, choices) -> list[tuple]:
        rows = dict(
            base.values_list(field_name).annotate(n=Count("id", distinct=True)).values_list(field_name, "n")
        )
        return [(code, label, rows[code]) for code, label in choices if rows.get(code)]

    years = base.values_list("year").annotate(n=Count("id")).order_by("-year").values_list("year", "n")
    return {
        "work_line": counts("work_line", WorkLine.choices),
        "challenge": counts("challenge", Challenge.choices),
        "kind": counts("kind", LibraryKind.choices),
        "typology": counts("comunas__typology", Typology.choices),
        "year": [(str(year), str(year), n) for year, n in years],
    }


def library_search(q: str = "", filters: dict | None = None, queryset: QuerySet | None = None) -> SearchResult:
    """Items matching every word of ``q`` (accent- and case-insensitive), best first, plus facets."""
    filters = {k: v for k, v in (filters or {}).items() if k in FILTER_KEYS and v not in (None, "")}
    qs = _apply_filters(queryset if queryset is not None else LibraryItem.objects.all(), filters)
    q = (q or "").strip()
    if _tokens(q):
        matcher = _pg_match if connection.vendor == "postgresql" else _sqlite_match
        qs, rank = matcher(qs, q)
        facets = _facets(qs)
        items = qs.annotate(rank=rank).order_by(F("rank").desc(nulls_last=True), "-year", "title")
    else:
        facets = _facets(qs)
        items = qs.order_by("-year", "title")
    return SearchResult(items=items, total=items.count(), facets=facets, query=q)
