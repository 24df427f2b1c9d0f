"""Reads of incidencia y posicionamiento shared by pages, API, evaluation evidence and site search."""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from hub.core.registry import Evidence, SearchHit
from hub.core.text import fold
from hub.core.transitions import state_history

from .models import AgendaItem, ItemStage, Mention, NetworkActivity, Participation
from .services import DATE_PREFIX

DATE_RE = re.compile(re.escape(DATE_PREFIX) + r"(\d{4}-\d{2}-\d{2})\.\s*")


def _words(q: str) -> list[str]:
    return re.findall(r"\w+", fold(q or ""))[:10]


def item_search(*, q: str = "", kind: str = "", stage: str = "", challenge: str = "") -> QuerySet[AgendaItem]:
    qs = AgendaItem.objects.prefetch_related("challenges")
    if kind:
        qs = qs.filter(kind=kind)
    if stage:
        qs = qs.filter(stage=stage)
    if challenge:
        qs = qs.filter(challenges__challenge=challenge)
    for word in _words(q):
        qs = qs.filter(search_text__contains=word)
    return qs.distinct().order_by("-stage_since", "-pk")


@dataclass
class HistoryRow:
    from_stage: str
    to_stage: str
    on: datetime.date
    recorded_at: datetime.datetime
    actor: str
    note: str


def item_history(item: AgendaItem) -> list[HistoryRow]:
    """The stage changes of an item, oldest first, with the official date of each step."""
    labels = dict(ItemStage.choices)
    first = HistoryRow(from_stage="", to_stage=str(labels.get(item_initial_stage(item), "")), on=item.started_on,
                       recorded_at=item.created_at, actor="", note=_("Inicio (fecha de ingreso o apertura)."))
    rows = [first]
    for change in state_history(item, field="stage"):
        match = DATE_RE.match(change.reason or "")
        on = datetime.date.fromisoformat(match.group(1)) if match else change.at.date()
        note = (change.reason[match.end():] if match else change.reason).strip()
        rows.append(HistoryRow(
            from_stage=str(labels.get(change.from_state, change.from_state)),
            to_stage=str(labels.get(change.to_state, change.to_state)),
            on=on, recorded_at=change.at,
            actor=(change.actor.get_full_name() or change.actor.username) if change.actor else "",
            note=note,
        ))
    return rows


def item_initial_stage(item: AgendaItem) -> str:
    first = state_history(item, field="stage").first()
    return first.from_state if first else item.stage


@dataclass
class YearPresence:
    year: int
    participations: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    activities: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.participations) + len(self.mentions) + len(self.activities)


def presence_by_year(*, challenge: str = "") -> list[YearPresence]:
    """The Hub's public presence grouped by year, newest first (3 queries whatever the number of rows)."""
    years: dict[int, YearPresence] = defaultdict(lambda: YearPresence(year=0))
    participations = Participation.objects.select_related("network", "agenda_item")
    mentions = Mention.objects.all()
    if challenge:
        participations = participations.filter(challenge=challenge)
        mentions = mentions.filter(challenge=challenge)
    for p in participations:
        years[p.on.year].participations.append(p)
    for m in mentions:
        years[m.on.year].mentions.append(m)
    if not challenge:
        for a in NetworkActivity.objects.select_related("network"):
            years[a.on.year].activities.append(a)
    result = []
    for year in sorted(years, reverse=True):
        row = years[year]
        row.year = year
        result.append(row)
    return result


def participation_evidence(start: datetime.date, end: datetime.date) -> list[Evidence]:
    """Participations in public agendas dated within [start, end], for the evaluation's Articulación."""
    rows = Participation.objects.filter(on__gte=start, on__lte=end).order_by("on", "pk")
    return [
        Evidence(
            kind="agenda_participation",
            label=f"{p.get_kind_display()}: {p.title} ({p.body_name})",
            on=p.on,
            work_line="incidencia",
            challenge=p.challenge,
            url=reverse("agenda:participation_list") + f"#p{p.pk}",
            actor_type=p.body_kind,
            extra={"body_kind": p.body_kind, "kind": p.kind, "is_demo": p.is_demo},
        )
        for p in rows
    ]


def search_items(query: str, user, limit: int) -> list[SearchHit]:
    """Site-wide search: agenda items are public; accent- and case-insensitive."""
    if not _words(query):
        return []
    return [
        SearchHit(group=_("Agenda de incidencia"), title=str(item), url=item.get_absolute_url(),
                  snippet=f"{item.get_kind_display()} · {item.get_stage_display()}")
        for item in item_search(q=query)[:limit]
    ]
