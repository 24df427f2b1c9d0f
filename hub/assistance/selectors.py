"""Reads shared by views, API, the comuna page, the inbox and the evaluation hooks."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.registry import Evidence, InboxItem, ValueItem
from hub.core.taxonomy import Challenge
from hub.territory.models import Typology

from . import access
from .models import (
    OPEN_STATES,
    Engagement,
    EngagementStatus,
    Milestone,
    MilestoneStatus,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
    UpdateKind,
)

S = EngagementStatus


def engagement_detail_qs():
    return Engagement.objects.select_related("comuna__region", "client_organization", "agreement").prefetch_related(
        "team__user", "team__peer_comuna", "milestones__deliverables", "milestones__payment_due", "scope_changes",
        "reviews",
        Prefetch("recommendations",
                 queryset=Recommendation.objects.select_related("indicator__source").prefetch_related("updates")),
    )


def _latest_values(recommendations: list[Recommendation], cut: str | None) -> dict[int, tuple[float, str]]:
    """indicator_id -> (value, period) of the comuna's latest observation, in one query."""
    from hub.observatory.models import Observation

    ids = {r.indicator_id for r in recommendations if r.indicator_id}
    if not ids or not cut:
        return {}
    latest: dict[int, tuple[float, str]] = {}
    for ind, period, value in Observation.objects.filter(indicator_id__in=ids, comuna_id=cut, dimension="").values_list(
        "indicator_id", "period", "value"
    ):
        if ind not in latest or period > latest[ind][1]:
            latest[ind] = (value, period)
    return latest


def recommendation_rows(engagement: Engagement, today: datetime.date | None = None) -> list[dict]:
    today = today or timezone.localdate()
    recs = list(engagement.recommendations.all())
    latest = _latest_values(recs, engagement.comuna_id)
    rows = []
    for rec in recs:
        updates = list(rec.updates.all())
        status = rec.status_on(today, updates)
        current = latest.get(rec.indicator_id) if rec.indicator_id else None
        change = None
        if current and rec.baseline_value is not None and current[1] != rec.baseline_period:
            change = current[0] - rec.baseline_value
        last = max(updates, key=lambda u: (u.on, u.pk)) if updates else None
        rows.append({
            "obj": rec,
            "status": str(status),
            "status_label": str(RecommendationStatus(status).label),
            "progress": max((u.progress for u in updates), default=0),
            "last_update": last,
            "reason": last.note if last and last.kind in (UpdateKind.NO_SE_IMPLEMENTARA, UpdateKind.NO_APLICA) else "",
            "current_value": current[0] if current else None,
            "current_period": current[1] if current else "",
            "change": change,
            "direction": rec.indicator.direction if rec.indicator_id else "",
        })
    return rows


def peer_suggestions(engagement: Engagement, limit: int = 6) -> list[dict]:
    """Officials of member comunas of the same typology among the observatory's similar comunas."""
    from hub.accounts.models import Role, User
    from hub.finance.membership import is_member
    from hub.observatory.similar import similar_comunas
    from hub.territory.models import Comuna

    if not engagement.comuna_id:
        return []
    try:
        neighbours = similar_comunas(engagement.comuna_id, k=20)
    except Exception:  # the observatory may not be loaded: no suggestions rather than an error
        neighbours = []
    cuts = [n.cut for n in neighbours]
    comunas = {c.cut: c for c in Comuna.objects.filter(cut__in=cuts)}
    typology = engagement.comuna.typology
    chosen = [comunas[c] for c in cuts if c in comunas and comunas[c].typology == typology
              and is_member(comunas[c]) and c != engagement.comuna_id]
    officials = {}
    for user in User.objects.filter(role=Role.OFFICIAL, is_active=True, comunas__in=chosen).prefetch_related(
            "comunas").distinct():
        for c in user.comunas.all():
            officials.setdefault(c.cut, []).append(user)
    distances = {n.cut: n.distance for n in neighbours}
    return [{"comuna": c, "distance": distances[c.cut], "officials": officials.get(c.cut, [])}
            for c in chosen[:limit]]


def board(today: datetime.date | None = None) -> list[dict]:
    """The staff pipeline: one column per open state, overdue flags computed."""
    today = today or timezone.localdate()
    qs = Engagement.objects.filter(status__in=OPEN_STATES).select_related("comuna", "client_organization") \
        .prefetch_related("milestones", "reviews").order_by("status_changed_at")
    columns = {state: [] for state in OPEN_STATES}
    for e in qs:
        columns[e.status].append({"obj": e, "overdue": e.is_overdue(today), "days": e.days_in_state(today)})
    return [{"state": state, "label": S(state).label, "items": items,
             "overdue": sum(1 for i in items if i["overdue"])} for state, items in columns.items()]


def public_counts() -> dict:
    """Counts by challenge, region and typology (no client detail); requests still in scoping count too."""
    rows = list(Engagement.objects.exclude(status__in=[S.DESISTIDA]).values_list(
        "challenge", "comuna__region__name", "comuna__region__order", "comuna__typology", "status"))
    by_challenge = Counter(r[0] for r in rows)
    regions = Counter((r[2] or 99, r[1] or _("Sin comuna (otros clientes)")) for r in rows)
    by_typology = Counter(r[3] or "" for r in rows)
    typology_labels = dict(Typology.choices)
    return {
        "total": len(rows),
        "closed": sum(1 for r in rows if r[4] == S.CERRADA),
        "by_challenge": [{"code": c, "label": str(label), "count": by_challenge.get(c, 0)}
                         for c, label in Challenge.choices],
        "by_region": [{"label": name, "count": n} for (_order, name), n in sorted(regions.items())],
        "by_typology": [{"code": t, "label": str(typology_labels.get(t, _("Sin tipología"))), "count": n}
                        for t, n in sorted(by_typology.items())],
    }


def comuna_engagements(user, comuna) -> list[dict]:
    """What the comuna page shows: full rows to those who can see them, published reports to everyone."""
    visible = access.engagements_for_user(user).filter(comuna=comuna)
    own = list(visible.order_by("-created_at")[:20])
    own_ids = {e.pk for e in own}
    published = [e for e in access.published_engagements().filter(comuna=comuna).order_by("-final_report_on")[:20]
                 if e.pk not in own_ids]
    return [{"obj": e, "private": True} for e in own] + [{"obj": e, "private": False} for e in published]


def inbox_items(user) -> list[InboxItem]:
    """Follow-up reviews due (staff and client), milestones to review (client), proposals to decide (client)."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate()
    qs = access.engagements_for_user(user)
    items: list[InboxItem] = []
    for e in qs.filter(status=S.EN_SEGUIMIENTO).prefetch_related("reviews"):
        if e.review_due and not any(r.held_on for r in e.reviews.all()):
            items.append(InboxItem(kind="assistance_review_due",
                                   title=_("Revisión de avance de «%(t)s»") % {"t": e.title},
                                   url=e.get_absolute_url(), due=e.review_due, overdue=e.review_due < today))
    if not user.is_hub_staff:
        for m in Milestone.objects.filter(engagement__in=qs, status=MilestoneStatus.EN_REVISION_CLIENTE) \
                .select_related("engagement"):
            items.append(InboxItem(kind="assistance_milestone_review",
                                   title=_("Revisar el hito «%(m)s»") % {"m": m.name},
                                   url=m.engagement.get_absolute_url(), due=m.due_date))
        for e in qs.filter(status=S.PROPUESTA_ENVIADA):
            items.append(InboxItem(kind="assistance_proposal_sent",
                                   title=_("Decidir la propuesta de «%(t)s»") % {"t": e.title},
                                   url=e.get_absolute_url()))
    return items


def evidence_closed(start: datetime.date, end: datetime.date) -> list[Evidence]:
    """Engagements closed within [start, end]; the closing date is the state log's."""
    from django.contrib.contenttypes.models import ContentType

    from hub.core.models import StateChange

    ct = ContentType.objects.get_for_model(Engagement)
    closed = {int(oid): at for oid, at in StateChange.objects.filter(
        content_type=ct, field="status", to_state=S.CERRADA).values_list("object_id", "at")}
    out = []
    for e in Engagement.objects.filter(pk__in=closed.keys()).select_related("comuna"):
        on = timezone.localtime(closed[e.pk]).date()
        if start <= on <= end:
            out.append(Evidence(kind="assistance_closed", label=e.title, on=on, cut=e.comuna_id or "",
                                work_line=e.work_line, challenge=e.challenge,
                                url=e.get_absolute_url(), extra={"satisfaction": e.satisfaction}))
    return out


def evidence_implemented(start: datetime.date, end: datetime.date) -> list[Evidence]:
    out = []
    for u in RecommendationUpdate.objects.filter(kind=UpdateKind.IMPLEMENTADA, on__gte=start, on__lte=end) \
            .select_related("recommendation__engagement", "recommendation__indicator"):
        rec = u.recommendation
        # Count only recommendations whose computed status is still "implementada" (a later decision overrides).
        if rec.status_on(end) != RecommendationStatus.IMPLEMENTADA:
            continue
        e = rec.engagement
        out.append(Evidence(kind="recommendation_implemented", label=rec.text[:120], on=u.on, cut=e.comuna_id or "",
                            work_line=e.work_line, challenge=e.challenge, url=e.get_absolute_url(),
                            extra={"indicator": rec.indicator.code if rec.indicator_id else ""}))
    return out


def member_value(comuna, start: datetime.date, end: datetime.date) -> list[ValueItem]:
    """Technical assistance the comuna used: each engagement that started execution, at its agreed fee."""
    items = []
    for e in Engagement.objects.filter(comuna=comuna, baseline_fee_clp__isnull=False,
                                       status__in=[S.EN_EJECUCION, S.INFORME_BORRADOR, S.INFORME_FINAL,
                                                   S.EN_SEGUIMIENTO, S.CERRADA]):
        if not start <= timezone.localtime(e.created_at).date() <= end:
            continue
        items.append(ValueItem(kind="assistance", label=_("Asistencia técnica: %(t)s") % {"t": e.title},
                               quantity=1, unit_price_clp=e.baseline_fee_clp, url=e.get_absolute_url()))
    return items
