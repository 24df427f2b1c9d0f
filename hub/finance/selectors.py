"""Reads shared by the finance pages, the CSV and the API: the five principles, transparency aggregates,
the fee simulator, membership lists and the staff inbox.

Every sum is over revenue records with status «registrado» (voided ones never count), in whole pesos. Shares
are exact fractions; they are rounded only for display.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Case, CharField, Count, F, Q, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.taxonomy import RevenueLine

from .fees import ScaleRule, compute_fee
from .membership import MembershipState, add_months, membership_status, statuses_by_cut
from .models import (
    REVIEW_LINES,
    SERVICE_LINES,
    AgreementReview,
    FeeScale,
    FrozenPopulation,
    Membership,
    MembershipPeriod,
    RevenueRecord,
    RevenueStatus,
    ReviewDecision,
    ReviewPrinciple,
    SaasLicence,
    ScaleStatus,
    YearTarget,
)

LIMIT_SHARE = Fraction(35, 100)  # principle 1: no line above 35 % of total income
AMBER_SHARE = Fraction(30, 100)  # amber from 30 %: five points of warning before the limit
TREND_MONTHS = 3  # the trend compares the last-12-months share with the one three months earlier
BREACH_WARNING_MONTHS = 12  # amber when the trend reaches the limit within a year
DEFAULT_RECURRENT_TARGET = 50  # % when no yearly target has been recorded
RENEWAL_DAYS = 60
SOURCE = "Hub Local, registro de ingresos (convenios publicados)"


def active_revenue():
    return RevenueRecord.objects.filter(status=RevenueStatus.REGISTRADO)


def pct(share: Fraction | None) -> float | None:
    """A fraction as a percentage for display (one decimal is shown by the |pct filter)."""
    return None if share is None else round(float(share * 100), 2)


def _totals(start: datetime.date, end: datetime.date) -> tuple[dict[int, int], int, int]:
    rows = (
        active_revenue().filter(on__gte=start, on__lte=end).values("line")
        .annotate(total=Sum("amount_clp"), recurrent=Sum("amount_clp", filter=Q(recurrent=True)))
    )
    by_line = {row["line"]: int(row["total"] or 0) for row in rows}
    recurrent = sum(int(row["recurrent"] or 0) for row in rows)
    return by_line, sum(by_line.values()), recurrent


def _share(part: int, total: int) -> Fraction | None:
    return Fraction(part, total) if total else None


@dataclass
class LineShare:
    line: int
    label: str
    year_clp: int
    year_share: Fraction | None
    rolling_clp: int
    rolling_share: Fraction | None
    trend_pp_per_month: float | None
    months_to_breach: int | None  # 0 = already above the limit; None = not heading there
    status: str

    @property
    def year_pct(self):
        return pct(self.year_share)

    @property
    def rolling_pct(self):
        return pct(self.rolling_share)


@dataclass
class Check:
    principle: str
    label: str
    status: str  # "green" | "amber" | "red"
    summary: str
    figures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def badge(self) -> str:
        return {"green": "badge badge-ok", "amber": "badge badge-warn", "red": "badge badge-danger"}[self.status]

    @property
    def status_label(self) -> str:
        return {"green": _("Cumple"), "amber": _("Atención"), "red": _("No cumple")}[self.status]


def _fmt_pct(share: Fraction | None) -> str:
    from hub.core.formatting import format_percent

    return "—" if share is None else format_percent(float(share * 100), 1)


def _fmt_clp(amount: int) -> str:
    from hub.core.formatting import format_clp

    return format_clp(amount)


def _line_status(share_values: list[Fraction | None], months: int | None) -> str:
    top = max((s for s in share_values if s is not None), default=None)
    if top is None:
        return "green"
    if top > LIMIT_SHARE:
        return "red"
    if top > AMBER_SHARE or (months is not None and months <= BREACH_WARNING_MONTHS):
        return "amber"
    return "green"


def diversification(*, year: int, today: datetime.date) -> dict:
    year_by_line, year_total, year_recurrent = _totals(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    rolling_start = add_months(today, -12) + datetime.timedelta(days=1)
    rolling_by_line, rolling_total, rolling_recurrent = _totals(rolling_start, today)
    before_end = add_months(today, -TREND_MONTHS)
    before_by_line, before_total, _rec = _totals(add_months(before_end, -12) + datetime.timedelta(days=1), before_end)
    lines = []
    for line in RevenueLine:
        rolling_share = _share(rolling_by_line.get(line, 0), rolling_total)
        before_share = _share(before_by_line.get(line, 0), before_total)
        trend = months = None
        if rolling_share is not None and before_share is not None:
            trend = float((rolling_share - before_share) * 100) / TREND_MONTHS
            if rolling_share > LIMIT_SHARE:
                months = 0
            elif trend > 0:
                months = math.ceil(float((LIMIT_SHARE - rolling_share) * 100) / trend)
        year_share = _share(year_by_line.get(line, 0), year_total)
        lines.append(LineShare(
            line=int(line), label=str(line.label), year_clp=year_by_line.get(line, 0), year_share=year_share,
            rolling_clp=rolling_by_line.get(line, 0), rolling_share=rolling_share,
            trend_pp_per_month=None if trend is None else round(trend, 2), months_to_breach=months,
            status=_line_status([year_share, rolling_share], months),
        ))
    hhi = (sum((s.rolling_share ** 2 for s in lines if s.rolling_share is not None), Fraction(0))
           if rolling_total else None)
    hhi_year = sum((s.year_share ** 2 for s in lines if s.year_share is not None), Fraction(0)) if year_total else None
    return {
        "lines": lines, "year_total": year_total, "rolling_total": rolling_total, "year_recurrent": year_recurrent,
        "rolling_recurrent": rolling_recurrent, "hhi": hhi, "hhi_year": hhi_year, "rolling_start": rolling_start,
        "rolling_end": today,
    }


def _latest_reviews(agreement_ids, principle: str) -> dict[int, AgreementReview]:
    latest: dict[int, AgreementReview] = {}
    for review in AgreementReview.objects.filter(agreement_id__in=agreement_ids, principle=principle).order_by(
        "reviewed_on", "pk"
    ):
        latest[review.agreement_id] = review
    return latest


def _review_check(records_qs, principle: str) -> tuple[str, dict]:
    by_agreement = {row["agreement"]: int(row["total"]) for row in records_qs.values("agreement").annotate(
        total=Sum("amount_clp"))}
    latest = _latest_reviews(list(by_agreement), principle)
    figures = {"approved": 0, "conditions": 0, "rejected": 0, "missing": 0, "agreements": len(by_agreement)}
    for agreement_id, total in by_agreement.items():
        review = latest.get(agreement_id)
        key = ("missing" if review is None else {
            ReviewDecision.APROBADO: "approved", ReviewDecision.CONDICIONES: "conditions",
            ReviewDecision.RECHAZADO: "rejected"}[review.decision])
        figures[key] += total
    status = "red" if figures["rejected"] or figures["missing"] else "amber" if figures["conditions"] else "green"
    return status, figures


def principle_checks(*, year: int | None = None, today: datetime.date | None = None) -> dict:
    """The five principles as green/amber/red checks, each with the figures behind it."""
    today = today or timezone.localdate()
    year = year or today.year
    div = diversification(year=year, today=today)
    checks = []

    # 1. Diversificación
    worst = max((s for s in div["lines"]), key=lambda s: max(s.year_share or 0, s.rolling_share or 0), default=None)
    statuses = [s.status for s in div["lines"]]
    status = "red" if "red" in statuses else "amber" if "amber" in statuses else "green"
    if not div["year_total"] and not div["rolling_total"]:
        status = "amber"
    breaching = [s.label for s in div["lines"] if s.status == "red"]
    summary = (
        _("Supera el 35 %%: %(l)s.") % {"l": ", ".join(breaching)} if breaching
        else _("Ninguna línea supera el 35 % del total.") if div["year_total"] else _("Sin ingresos registrados.")
    )
    checks.append(Check("diversificacion", _("Diversificación"), status, summary, [
        (_("Línea con mayor participación (año)"), f"{worst.label}: {_fmt_pct(worst.year_share)}" if worst else "—"),
        (_("Índice de concentración (Herfindahl, 12 meses)"),
         "—" if div["hhi"] is None else f"{float(div['hhi']):.3f}".replace(".", ",")),
        (_("Equilibrio perfecto entre nueve líneas"), "0,111"),
        (_("Total del año"), _fmt_clp(div["year_total"])),
        (_("Total últimos 12 meses"), _fmt_clp(div["rolling_total"])),
    ]))

    # 2. Recurrencia
    target_row = YearTarget.objects.filter(year=year).first()
    target = target_row.recurrent_share_pct if target_row else DEFAULT_RECURRENT_TARGET
    share = _share(div["year_recurrent"], div["year_total"])
    if share is None:
        status = "amber"
    elif share * 100 >= target:
        status = "green"
    elif share * 100 >= target - 10:
        status = "amber"
    else:
        status = "red"
    checks.append(Check("recurrencia", _("Recurrencia"), status,
                        _("Ingresos recurrentes %(s)s del año, meta %(t)s %%.") % {"s": _fmt_pct(share), "t": target},
                        [
                            (_("Recurrentes del año"), _fmt_clp(div["year_recurrent"])),
                            (_("Participación recurrente (año)"), _fmt_pct(share)),
                            (_("Participación recurrente (12 meses)"),
                             _fmt_pct(_share(div["rolling_recurrent"], div["rolling_total"]))),
                            (_("Meta anual"), f"{target} %" + ("" if target_row else " " + _("(por omisión)"))),
                        ]))

    year_records = active_revenue().filter(on__year=year)

    # 3. Coherencia con la misión
    reviewed_lines = year_records.filter(line__in=[int(x) for x in REVIEW_LINES])
    status, fig = _review_check(reviewed_lines, ReviewPrinciple.COHERENCIA)
    checks.append(Check("coherencia", _("Coherencia con la misión"), status, _(
        "Auspicios, SaaS, estudios y publicaciones requieren una revisión de coherencia registrada del convenio."), [
        (_("Convenios con ingresos en esas líneas"), str(fig["agreements"])),
        (_("Monto con revisión aprobada"), _fmt_clp(fig["approved"])),
        (_("Monto aprobado con condiciones"), _fmt_clp(fig["conditions"])),
        (_("Monto cuya última revisión es un rechazo"), _fmt_clp(fig["rejected"])),
        (_("Monto sin revisión"), _fmt_clp(fig["missing"])),
    ]))

    # 4. Transparencia
    with_agreement = year_records.aggregate(n=Count("pk"), total=Sum("amount_clp"), agreements=Count("agreement",
                                                                                                     distinct=True))
    outside = year_records.filter(Q(on__lt=F("agreement__start_date")) | Q(on__gt=F("agreement__end_date"))).aggregate(
        n=Count("pk"), total=Sum("amount_clp"))
    status = "amber" if outside["n"] else "green"
    checks.append(Check("transparencia", _("Transparencia"), status, _(
        "Todo ingreso proviene de un convenio publicado: el registro rechaza un ingreso sin convenio."), [
        (_("Ingresos del año"), str(with_agreement["n"])),
        (_("Convenios publicados de los que provienen"), str(with_agreement["agreements"])),
        (_("Ingresos fechados fuera de la vigencia de su convenio"),
         f"{outside['n']} ({_fmt_clp(int(outside['total'] or 0))})"),
    ]))

    # 5. Subsidiariedad
    from hub.partners.models import ActorType

    state_services = year_records.filter(line__in=[int(x) for x in SERVICE_LINES],
                                         client_organization__actor_type=ActorType.ESTADO_CENTRAL)
    status, fig = _review_check(state_services, ReviewPrinciple.SUBSIDIARIEDAD)
    state_total = int(year_records.filter(client_organization__actor_type=ActorType.ESTADO_CENTRAL).aggregate(
        t=Sum("amount_clp"))["t"] or 0)
    checks.append(Check("subsidiariedad", _("Subsidiariedad"), status, _(
        "Los servicios pagados por el Estado central requieren una justificación de subsidiariedad registrada."), [
        (_("Servicios pagados por el Estado central"), _fmt_clp(sum(fig[k] for k in (
            "approved", "conditions", "rejected", "missing")))),
        (_("Con justificación aprobada"), _fmt_clp(fig["approved"])),
        (_("Aprobada con condiciones"), _fmt_clp(fig["conditions"])),
        (_("Sin justificación o rechazada"), _fmt_clp(fig["rejected"] + fig["missing"])),
        (_("Participación del Estado central en el año"), _fmt_pct(_share(state_total, div["year_total"]))),
    ]))
    return {"year": year, "today": today, "checks": checks, "diversification": div, "target": target}


# Transparency ----------------------------------------------------------------------------------------------------


def _actor_expression():
    return Case(
        When(client_comuna__isnull=False, then=Value("municipios")),
        default=F("client_organization__actor_type"), output_field=CharField(),
    )


def income_rows(*, year: int | None = None) -> list[dict]:
    """Income grouped by year, line, counterpart type, counterpart and agreement: the transparency table."""
    from hub.partners.models import ActorType

    qs = active_revenue()
    if year:
        qs = qs.filter(on__year=year)
    rows = (
        qs.annotate(year=ExtractYear("on"), actor_type=_actor_expression())
        .values("year", "line", "actor_type", "client_comuna__name", "client_organization__name", "agreement_id",
                "agreement__title")
        .annotate(total=Sum("amount_clp"), records=Count("pk"), demo=Count("pk", filter=Q(is_demo=True)))
        .order_by("-year", "line", "actor_type", "client_organization__name", "client_comuna__name", "agreement_id")
    )
    labels = dict(ActorType.choices)
    out = []
    for row in rows:
        counterpart = (
            _("Municipalidad de %(c)s") % {"c": row["client_comuna__name"]} if row["client_comuna__name"]
            else row["client_organization__name"]
        )
        out.append({
            "year": row["year"], "line": row["line"], "line_label": str(RevenueLine(row["line"]).label),
            "actor_type": row["actor_type"], "actor_type_label": str(labels.get(row["actor_type"], row["actor_type"])),
            "counterpart": counterpart, "agreement_id": row["agreement_id"], "agreement": row["agreement__title"],
            "total_clp": int(row["total"]), "records": row["records"], "is_demo": bool(row["demo"]),
        })
    return out


def income_summary(rows: list[dict]) -> dict:
    """By line × year and by counterpart type × year, derived from the same rows as the CSV (they reconcile)."""
    years = sorted({r["year"] for r in rows}, reverse=True)
    by_line: dict[int, dict[int, int]] = {int(line): {} for line in RevenueLine}
    by_actor: dict[str, dict[int, int]] = {}
    actor_labels: dict[str, str] = {}
    totals: dict[int, int] = {}
    for r in rows:
        by_line[r["line"]][r["year"]] = by_line[r["line"]].get(r["year"], 0) + r["total_clp"]
        by_actor.setdefault(r["actor_type"], {})
        by_actor[r["actor_type"]][r["year"]] = by_actor[r["actor_type"]].get(r["year"], 0) + r["total_clp"]
        actor_labels[r["actor_type"]] = r["actor_type_label"]
        totals[r["year"]] = totals.get(r["year"], 0) + r["total_clp"]
    line_table = [
        {"line": int(line), "label": str(line.label),
         "cells": [{"amount": by_line[int(line)].get(y, 0),
                    "share": pct(_share(by_line[int(line)].get(y, 0), totals[y]))} for y in years]}
        for line in RevenueLine
    ]
    actor_table = [
        {"actor_type": a, "label": actor_labels[a], "cells": [by_actor[a].get(y, 0) for y in years]}
        for a in sorted(by_actor)
    ]
    return {"years": years, "lines": line_table, "actors": actor_table, "totals": [totals[y] for y in years],
            "grand_total": sum(totals.values()), "any_demo": any(r["is_demo"] for r in rows)}


# Fee scales and the simulator ------------------------------------------------------------------------------------


def current_scale(year: int | None = None) -> FeeScale | None:
    """The approved scale of the year (today's by default), else the latest approved before it."""
    year = year or timezone.localdate().year
    approved = FeeScale.objects.filter(status=ScaleStatus.APROBADA)
    return approved.filter(year=year).first() or approved.filter(year__lt=year).order_by("-year").first()


def scale_fees(scale: FeeScale):
    return FrozenPopulation.objects.filter(scale=scale).select_related("comuna__region").order_by(
        "comuna__region__order", "comuna__name")


def simulate(rule: ScaleRule, *, against: FeeScale | None, members_only: bool = False,
             today: datetime.date | None = None) -> dict:
    """Each comuna's fee under a proposed rule (current Censo population), the total, and the change from a scale."""
    from hub.territory.models import Comuna

    current = (dict(FrozenPopulation.objects.filter(scale=against).values_list("comuna_id", "fee_clp"))
               if against else {})
    statuses = statuses_by_cut(None, today)
    rows = []
    for cut, name, population, typology, region in Comuna.objects.filter(population_2024__isnull=False).values_list(
        "cut", "name", "population_2024", "typology", "region__name"
    ).order_by("region__order", "name"):
        status = statuses.get(cut)
        member = status is not None and status.state not in (MembershipState.RETIRADA, MembershipState.SIN_MEMBRESIA)
        if members_only and not member:
            continue
        fee = compute_fee(rule, population, typology or "")
        before = current.get(cut)
        rows.append({
            "cut": cut, "name": name, "region": region, "population": population, "typology": typology,
            "fee": fee, "current": before, "change": None if before is None else fee - before, "member": member,
        })
    total = sum(r["fee"] for r in rows)
    current_total = sum(r["current"] or 0 for r in rows)
    member_total = sum(r["fee"] for r in rows if r["member"])
    # What-if for principle 1: members paying the proposed fees against the other lines of the last 12 months.
    div = diversification(year=(today or timezone.localdate()).year, today=today or timezone.localdate())
    others = div["rolling_total"] - next(s.rolling_clp for s in div["lines"] if s.line == RevenueLine.MEMBRESIAS)
    projected_share = _share(member_total, member_total + others)
    return {
        "rows": rows, "total": total, "current_total": current_total, "change_total": total - current_total,
        "member_total": member_total, "projected_share": projected_share,
        "projected_pct": pct(projected_share),
        "breaches": projected_share is not None and projected_share > LIMIT_SHARE,
    }


# Memberships -----------------------------------------------------------------------------------------------------


def membership_rows(*, state: str = "", region: str = "", on: datetime.date | None = None) -> list[dict]:
    qs = Membership.objects.select_related("comuna__region").prefetch_related("periods__payments")
    if region:
        qs = qs.filter(comuna__region_id=region)
    rows = []
    for membership in qs.order_by("comuna__region__order", "comuna__name"):
        status = membership_status(membership, on)
        if state and status.state != state:
            continue
        periods = list(membership.periods.all())
        last = periods[-1] if periods else None
        rows.append({"membership": membership, "comuna": membership.comuna, "status": status, "last_period": last})
    return rows


def membership_detail(comuna, on: datetime.date | None = None) -> dict:
    membership = (
        Membership.objects.select_related("agreement").prefetch_related("periods__payments", "periods__scale")
        .filter(comuna=comuna).first()
    )
    status = membership_status(membership, on)
    periods = []
    for period in membership.periods.all() if membership else []:
        paid = sum(p.amount_clp for p in period.payments.all())
        periods.append({"period": period, "paid": paid, "balance": period.fee_clp - paid})
    return {"membership": membership, "status": status, "periods": periods}


# Inbox -----------------------------------------------------------------------------------------------------------


def licences_due(today: datetime.date | None = None, days: int = RENEWAL_DAYS):
    today = today or timezone.localdate()
    return (
        SaasLicence.objects.filter(ends_on__gte=today, ends_on__lte=today + datetime.timedelta(days=days),
                                   renewal__isnull=True)
        .select_related("comuna").order_by("ends_on")
    )


def periods_to_issue(today: datetime.date | None = None, days: int = RENEWAL_DAYS) -> list[MembershipPeriod]:
    """Members whose last period ends within `days` (or has ended) and whose next period is not issued."""
    today = today or timezone.localdate()
    latest: dict[int, MembershipPeriod] = {}
    for period in MembershipPeriod.objects.filter(membership__notice_on__isnull=True).select_related(
        "membership__comuna"
    ).order_by("starts_on"):
        latest[period.membership_id] = period
    limit = today + datetime.timedelta(days=days)
    return sorted((p for p in latest.values() if p.ends_on <= limit), key=lambda p: p.ends_on)


def inbox_items(user) -> list:
    from django.urls import reverse

    from hub.core.registry import InboxItem

    from .access import can_manage_finance

    if not can_manage_finance(user):
        return []
    today = timezone.localdate()
    items = [
        InboxItem(
            kind="saas_renewal", title=_("Renovar licencia %(t)s de %(c)s") % {
                "t": licence.get_tool_display(), "c": licence.comuna},
            url=reverse("finance:saas_list"), due=licence.ends_on, overdue=False,
        )
        for licence in licences_due(today)
    ]
    to_issue = periods_to_issue(today)
    if to_issue:
        # One item, not one per comuna: in December every member's next fee is due to be issued at once.
        first = to_issue[0]
        items.append(InboxItem(
            kind="membership_period_to_issue",
            title=_("Emitir la próxima cuota de %(n)s comunas socias (la primera: %(c)s)") % {
                "n": len(to_issue), "c": first.membership.comuna},
            url=reverse("finance:dashboard"), due=first.ends_on, overdue=first.ends_on < today,
        ))
    return items
