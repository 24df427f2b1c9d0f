"""Reads shared by pages, API, dashboards and the cross-module hooks of formación."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from hub.core.taxonomy import Challenge
from hub.territory.models import Comuna, Typology

from . import access
from .completion import Evaluation, at_risk, evaluate
from .models import (
    FINISHED,
    SEAT_HOLDING,
    Certificate,
    CertificateStatus,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Modality,
    PaymentStatus,
)


@dataclass
class CatalogueFilters:
    challenge: str = ""
    modality: str = ""
    region: str = ""
    date_from: date | None = None
    date_to: date | None = None
    include_past: bool = False


def cohort_catalogue(user, filters: CatalogueFilters) -> QuerySet[Cohort]:
    qs = access.cohorts_for_user(user).annotate(
        waiting_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.EN_ESPERA)),
    )
    if filters.challenge in Challenge.values:
        qs = qs.filter(programme__challenge=filters.challenge)
    if filters.modality in Modality.values:
        qs = qs.filter(modality=filters.modality)
    if filters.region:
        qs = qs.filter(region_id=filters.region)
    if filters.date_from:
        qs = qs.filter(end_date__gte=filters.date_from)
    elif not filters.include_past:
        qs = qs.filter(end_date__gte=timezone.localdate() - timezone.timedelta(days=120))
    if filters.date_to:
        qs = qs.filter(start_date__lte=filters.date_to)
    return qs.order_by("start_date", "pk")


def waiting_list(cohort: Cohort) -> QuerySet[Enrolment]:
    return cohort.enrolments.filter(status=EnrolmentStatus.EN_ESPERA).order_by("waitlisted_at", "pk")


@dataclass
class LearnerRow:
    enrolment: Enrolment
    evaluation: Evaluation
    risk: list[str] = field(default_factory=list)
    recorded_sessions: int = 0

    @property
    def outcome_label(self) -> str:
        return str(EnrolmentStatus(self.evaluation.outcome).label)


def _facts(enrolments):
    """Attendance marks and grades of many enrolments in two queries."""
    from .models import Attendance, Grade

    ids = [e.pk for e in enrolments]
    marks: dict[int, list] = defaultdict(list)
    for row in Attendance.objects.filter(enrolment_id__in=ids).values_list("enrolment_id", "mark",
                                                                           "session__duration_minutes"):
        marks[row[0]].append((row[1], row[2]))
    grades: dict[int, list] = defaultdict(list)
    for row in Grade.objects.filter(enrolment_id__in=ids).values_list("enrolment_id", "value", "assessment__weight"):
        grades[row[0]].append((row[1], row[2]))
    return marks, grades


def cohort_learners(cohort: Cohort, rule: dict) -> list[LearnerRow]:
    """Every enrolment holding a seat with its attendance, grade, expected outcome and risk flags."""
    enrolments = list(cohort.enrolments.filter(status__in=SEAT_HOLDING).select_related("user", "comuna")
                      .order_by("user__last_name", "user__first_name", "pk"))
    marks, grades = _facts(enrolments)
    rows = []
    for enrolment in enrolments:
        evaluation = evaluate(rule, marks=marks[enrolment.pk], grades=grades[enrolment.pk])
        risk = at_risk(rule, evaluation) if enrolment.status == EnrolmentStatus.ACTIVA else []
        rows.append(LearnerRow(enrolment, evaluation, risk, len(marks[enrolment.pk])))
    return rows


def enrolment_evaluation(enrolment: Enrolment, rule: dict) -> Evaluation:
    marks, grades = _facts([enrolment])
    return evaluate(rule, marks=marks[enrolment.pk], grades=grades[enrolment.pk])


def cohort_money(cohort: Cohort) -> dict:
    """Totals for finance: fees due, paid, covered by agreements (revenue line 2)."""
    held = cohort.enrolments.filter(status__in=SEAT_HOLDING)
    totals = held.aggregate(
        due=Sum("fee_due_clp", filter=Q(payment_status=PaymentStatus.PENDIENTE)),
        paid=Sum("fee_due_clp", filter=Q(payment_status=PaymentStatus.PAGADA)),
        pool_seats=Count("pk", filter=Q(payment_status=PaymentStatus.CONVENIO)),
        pool_value=Sum("pool__unit_price_clp", filter=Q(payment_status=PaymentStatus.CONVENIO)),
    )
    return {k: v or 0 for k, v in totals.items()}


def cohort_counts(cohort: Cohort) -> dict:
    counts = dict(cohort.enrolments.values_list("status").annotate(n=Count("pk")).order_by())
    return {s: counts.get(s, 0) for s in EnrolmentStatus.values}


def my_enrolments(user) -> list[dict]:
    enrolments = list(
        Enrolment.objects.filter(user=user).select_related("cohort", "cohort__programme", "comuna")
        .prefetch_related("certificates").order_by("-cohort__start_date", "pk")
    )
    marks, grades = _facts(enrolments)
    from .services import current_rule

    rows = []
    for e in enrolments:
        rule = e.outcome.get("rule") if e.outcome else None
        evaluation = evaluate(rule or current_rule(e.cohort).rule, marks=marks[e.pk], grades=grades[e.pk])
        rows.append({"enrolment": e, "evaluation": evaluation, "certificates": list(e.certificates.all())})
    return rows


def coordinator_overview(user) -> list[dict]:
    """For a coordinator: her comunas' officials with their enrolments."""
    cuts = access.coordinated_cuts(user)
    comunas = Comuna.objects.filter(cut__in=cuts).prefetch_related("officials")
    enrolments = defaultdict(list)
    for e in (Enrolment.objects.filter(comuna_id__in=cuts).select_related("cohort", "cohort__programme", "user")
              .order_by("-cohort__start_date")):
        enrolments[e.user_id].append(e)
    out = []
    for comuna in comunas:
        people = [{"user": u, "enrolments": enrolments.get(u.pk, [])}
                  for u in comuna.officials.filter(is_active=True).order_by("last_name", "first_name")]
        out.append({"comuna": comuna, "people": people})
    return out


def certified_enrolments(start: date | None = None, end: date | None = None) -> QuerySet[Enrolment]:
    qs = Enrolment.objects.filter(status__in=[EnrolmentStatus.APROBADA, EnrolmentStatus.PARTICIPO])
    if start:
        qs = qs.filter(cohort__end_date__gte=start)
    if end:
        qs = qs.filter(cohort__end_date__lte=end)
    return qs


def coverage(start: date | None = None, end: date | None = None) -> dict:
    """Officials certified per comuna and per typology (feeds the evaluation indicator «Cobertura»)."""
    rows = (certified_enrolments(start, end).exclude(comuna__isnull=True)
            .values("comuna_id", "comuna__name", "comuna__typology", "comuna__region__name")
            .annotate(people=Count("user", distinct=True), certified=Count("pk")).order_by("comuna__name"))
    by_typology = {t: {"label": label, "comunas": 0, "people": 0, "total": 0} for t, label in Typology.choices}
    totals = dict(Comuna.objects.values_list("typology").annotate(n=Count("cut")).order_by())
    for t in by_typology:
        by_typology[t]["total"] = totals.get(t, 0)
    comunas = list(rows)
    for row in comunas:
        entry = by_typology.get(row["comuna__typology"])
        if entry is not None:
            entry["comunas"] += 1
            entry["people"] += row["people"]
    for entry in by_typology.values():
        entry["share"] = Decimal(entry["comunas"]) / entry["total"] if entry["total"] else None
        entry["share_pct"] = entry["share"] * 100 if entry["share"] is not None else None
    return {"comunas": comunas, "typologies": list(by_typology.values())}


def cohorts_to_close(today: date | None = None) -> QuerySet[Cohort]:
    today = today or timezone.localdate()
    return Cohort.objects.filter(status=CohortStatus.EN_CURSO, end_date__lt=today).select_related("programme")


def enrolments_to_confirm() -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(status=EnrolmentStatus.SOLICITADA).select_related("cohort", "cohort__programme")


def certificates_of(enrolment_ids) -> QuerySet[Certificate]:
    return Certificate.objects.filter(enrolment_id__in=enrolment_ids, status=CertificateStatus.EMITIDO)


def finished_states() -> set[str]:
    return set(FINISHED)
