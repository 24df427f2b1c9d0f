"""Accent- and case-insensitive matching in the database, the same on SQLite and PostgreSQL.

``folded_contains(queryset, fields, q)`` keeps the rows where any of ``fields`` contains every word of ``q``,
ignoring accents and case: PostgreSQL compares ``lower(unaccent(field))`` (the extension is created by the
portfolio's search migration); SQLite compares ``hub_fold(field)``, a function registered on every connection
that does what ``hub.core.text.fold`` does in Python. "nunoa" finds "Ñuñoa" on both.
"""

from __future__ import annotations

import re
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import CharField, F, Func, Q, Value
from django.db.models.functions import Lower

from hub.core.text import fold


def register_sqlite_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("hub_fold", 1, lambda v: fold(v) if isinstance(v, str) else v,
                                              deterministic=True)


def _folded(field: str):
    if connection.vendor == "postgresql":
        return Lower(Func(F(field), function="unaccent", output_field=CharField()))
    return Func(F(field), function="hub_fold", output_field=CharField())


def words(q: str) -> list[str]:
    return [w for w in re.findall(r"\w+", fold(q or ""))[:8] if len(w) >= 2]


def folded_contains(queryset, fields: list[str], q: str):
    terms = words(q)
    if not terms:
        return queryset.none()
    annotations = {f"_fold_{i}": _folded(name) for i, name in enumerate(fields)}
    queryset = queryset.annotate(**annotations)
    per_word = [reduce(or_, [Q(**{f"{alias}__contains": Value(term)}) for alias in annotations]) for term in terms]
    return queryset.filter(reduce(and_, per_word))


def snippet(text: str, q: str, width: int = 160) -> str:
    """A piece of ``text`` around the first matching word (by folded position), with ellipses."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    folded = fold(text)
    positions = [folded.find(t) for t in words(q) if folded.find(t) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
