"""Reads of the network shared by pages, the API and the comuna page."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from hub.core.text import fold
from hub.portfolio.models import SolutionStatus
from hub.territory.models import Region, Typology

from .models import (
    Award,
    Event,
    Practice,
    PracticeStatus,
    RegistrationStatus,
    Replication,
    ReplicationStatus,
)


def published_practices() -> QuerySet[Practice]:
    return Practice.objects.filter(status=PracticeStatus.PUBLISHED).select_related("comuna", "comuna__region")


def practice_search(*, q: str = "", challenge: str = "", region: str = "", typology: str = "") -> QuerySet[Practice]:
    """Published practices matching free text (accent- and case-insensitive), challenge, region, typology."""
    qs = published_practices().annotate(
        replication_count=Count("replications", filter=~Q(replications__status=ReplicationStatus.ABANDONED))
    )
    if q:
        qs = qs.filter(search_text__contains=fold(q))
    if challenge:
        qs = qs.filter(challenge=challenge)
    if region:
        qs = qs.filter(comuna__region_id=region)
    if typology:
        qs = qs.filter(comuna__typology=typology)
    return qs.order_by("-published_at", "-pk")


def public_replications() -> QuerySet[Replication]:
    return Replication.objects.filter(practice__status=PracticeStatus.PUBLISHED).select_related(
        "practice", "practice__comuna", "comuna", "comuna__region"
    )


def practice_replications(practice: Practice) -> QuerySet[Replication]:
    return practice.replications.select_related("comuna", "comuna__region").order_by("comuna__name")


def most_replicated(limit: int = 10) -> QuerySet[Practice]:
    return (
        published_practices()
        .annotate(
            replication_count=Count("replications", filter=~Q(replications__status=ReplicationStatus.ABANDONED))
        )
        .filter(replication_count__gt=0)
        .order_by("-replication_count", "title")[:limit]
    )


@dataclass
class FlowMatrix:
    """Origin (rows) × destination (columns) counts of replications of published practices."""

    title: str
    rows: list[tuple[str, list[int], int]]  # label, counts per column, row total
    columns: list[tuple[str, str]]  # short label, full label
    column_totals: list[int]
    total: int


def _matrix(title: str, keys: list[tuple[str, str, str]], pairs: Counter) -> FlowMatrix:
    """keys: (code, full label, short label); short labels head the columns so the table fits."""
    # Only origins or destinations that appear, so the table stays readable on a phone.
    used = {k for pair in pairs for k in pair}
    keys = [key for key in keys if key[0] in used]
    rows = []
    for origin, label, _short in keys:
        counts = [pairs.get((origin, dest[0]), 0) for dest in keys]
        rows.append((label, counts, sum(counts)))
    column_totals = [sum(pairs.get((o[0], dest[0]), 0) for o in keys) for dest in keys]
    columns = [(short, label) for _code, label, short in keys]
    return FlowMatrix(title, rows, columns, column_totals, sum(pairs.values()))


def replication_flows() -> dict[str, FlowMatrix]:
    """Replications (not abandoned) of published practices between regions and between typologies."""
    pairs = list(
        public_replications()
        .exclude(status=ReplicationStatus.ABANDONED)
        .values_list(
            "practice__comuna__region_id", "comuna__region_id", "practice__comuna__typology", "comuna__typology"
        )
    )
    regions = [(r.code, r.name, r.abbreviation or r.code) for r in Region.objects.order_by("order")]
    typologies = [(t.value, str(t.label), str(t.label)) for t in Typology]
    return {
        "regions": _matrix("regions", regions, Counter((a, b) for a, b, _, _ in pairs)),
        "typologies": _matrix("typologies", typologies, Counter((c, d) for _, _, c, d in pairs if c and d)),
    }


def network_totals() -> dict:
    replications = public_replications()
    return {
        "practices": published_practices().count(),
        "replications": replications.exclude(status=ReplicationStatus.ABANDONED).count(),
        "implemented": replications.filter(status=ReplicationStatus.IMPLEMENTED).count(),
        "comunas": len(
            set(published_practices().values_list("comuna_id", flat=True))
            | set(replications.values_list("comuna_id", flat=True))
        ),
    }


def comuna_network_summary(comuna) -> dict:
    """What a comuna shares with the network and what it replicates from others (public view)."""
    shared = published_practices().filter(comuna=comuna).annotate(
        replication_count=Count("replications", filter=~Q(replications__status=ReplicationStatus.ABANDONED))
    )
    replicates = public_replications().filter(comuna=comuna).order_by("practice__title")
    return {
        "comuna": comuna,
        "shared": list(shared),
        "replicates": list(replicates),
        "solutions": list(solution_replications().filter(comuna=comuna)),
    }


def solution_replications() -> QuerySet[Replication]:
    """Replications of published solutions of the Hub's portfolio (no comuna of origin)."""
    return Replication.objects.filter(solution__status=SolutionStatus.PUBLISHED).select_related("solution", "comuna")


def event_list() -> QuerySet[Event]:
    return Event.objects.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    ).order_by("-starts_at")


def event_counts(event: Event) -> dict:
    """Public counts only: no personal data of the people registered."""
    counts = dict(
        event.registrations.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    confirmed = counts.get(RegistrationStatus.CONFIRMED, 0)
    return {
        "confirmed": confirmed,
        "waiting": counts.get(RegistrationStatus.WAITING, 0),
        "available": max(event.capacity - confirmed, 0),
        "attended": event.registrations.filter(attended=True).count(),
        "is_full": confirmed >= event.capacity,
    }


def award_list() -> QuerySet[Award]:
    return Award.objects.prefetch_related("categories").order_by("-year", "name")
