"""Every write of the evaluation app. Each takes a keyword-only ``acting_user`` and checks access first."""

from __future__ import annotations

import datetime
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hub.core.transitions import TransitionRefused, transition

from . import access
from .models import (
    BATCH_TRANSITIONS,
    PERIOD_TRANSITIONS,
    AgreementQuality,
    AnnualReport,
    BatchStatus,
    Correction,
    IndicatorTarget,
    Period,
    PeriodSnapshot,
    PeriodStatus,
    ResultsIndicator,
    ValueReport,
    ValueReportBatch,
)
from .reports import annual_report_data, freeze, member_value_data
from .results import INDICATORS, compute_all, compute_one, year_window


def period_open(*, acting_user, year: int) -> Period:
    access.require_staff(acting_user)
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Indique un año entre 2000 y 2100.")})
    start, end = year_window(int(year))
    period, _created = Period.objects.get_or_create(year=int(year), defaults={"start": start, "end": end})
    return period


def period_close(*, acting_user, period: Period, cutoff: datetime.date | None = None) -> Period:
    """Close and lock: compute the four indicators now and freeze them (canonical JSON + SHA-256)."""
    access.require_staff(acting_user)
    cutoff = cutoff or min(datetime.date.today(), period.end)

    def guard(locked: Period):
        if PeriodSnapshot.objects.filter(period=locked).exists():
            raise TransitionRefused(_("Este periodo ya tiene una instantánea de cierre."))

    with transaction.atomic():
        data = compute_all(period.year, cutoff=cutoff)
        data["cutoff"] = cutoff.isoformat()
        text, digest = freeze(data)
        transition(
            period,
            to=PeriodStatus.CLOSED,
            allowed=PERIOD_TRANSITIONS,
            acting_user=acting_user,
            guard=guard,
            reason=f"Cierre con corte {cutoff.isoformat()}",
        )
        PeriodSnapshot.objects.create(period=period, cutoff=cutoff, data=text, sha256=digest, created_by=acting_user)
    return period


def period_correct(*, acting_user, period: Period, indicator: str, reason: str) -> Correction:
    """Late data for a closed period: recompute one indicator now; the frozen value stays and both are shown."""
    access.require_staff(acting_user)
    reason = (reason or "").strip()
    errors = {}
    if indicator not in INDICATORS:
        errors["indicator"] = _("Elija uno de los cuatro indicadores.")
    if len(reason) < 10:
        errors["reason"] = _("Explique en al menos 10 caracteres por qué se corrige (p. ej. qué dato llegó tarde).")
    if not period.is_closed:
        errors["__all__"] = _("Solo se corrige un periodo cerrado; uno abierto se recalcula solo.")
    if errors:
        raise ValidationError(errors)
    snapshot = period.snapshot
    frozen = json.loads(snapshot.data)
    previous = period.corrections.filter(indicator=indicator).order_by("-created_at", "-pk").first()
    original = previous.corrected if previous else frozen["indicators"][indicator]
    targets = {
        t.indicator.code: t.value for t in IndicatorTarget.objects.filter(year=period.year).select_related("indicator")
    }
    corrected = compute_one(indicator, period.start, period.end, targets=targets)
    corrected["target"] = targets.get(indicator) if indicator != "cartera" else corrected["target"]
    corrected = json.loads(json.dumps(corrected))
    return Correction.objects.create(
        period=period,
        indicator=indicator,
        original=original,
        corrected=corrected,
        reason=reason[:2000],
        created_by=acting_user,
    )


def target_set(*, acting_user, indicator: ResultsIndicator, year: int, value: float, note: str = "") -> IndicatorTarget:
    access.require_staff(acting_user)
    period = Period.objects.filter(year=year).first()
    if period and period.is_closed:
        raise ValidationError(_("El periodo {year} está cerrado: su meta no se cambia.").format(year=year))
    if value is None or value < 0:
        raise ValidationError({"value": _("La meta debe ser un número mayor o igual a cero.")})
    target, _created = IndicatorTarget.objects.update_or_create(
        indicator=indicator, year=year, defaults={"value": float(value), "note": note[:300]}
    )
    return target


def agreement_quality_set(
    *,
    acting_user,
    agreement,
    is_active: bool,
    shared_resources: bool,
    has_results: bool,
    renewed: bool,
    evidence_note: str = "",
) -> AgreementQuality:
    """Record the 0–4 rubric of a signed agreement (a draft is not formalised and cannot be rated)."""
    access.require_staff(acting_user)
    if not agreement.is_published:
        raise ValidationError(_("Solo un convenio firmado (formalizado) puede evaluarse con la rúbrica."))
    quality, _created = AgreementQuality.objects.update_or_create(
        agreement=agreement,
        defaults={
            "is_active": bool(is_active),
            "shared_resources": bool(shared_resources),
            "has_results": bool(has_results),
            "renewed": bool(renewed),
            "evidence_note": (evidence_note or "")[:500],
            "updated_by": acting_user,
        },
    )
    return quality


def annual_report_create(*, acting_user, year: int, cutoff: datetime.date) -> AnnualReport:
    """Freeze the annual report's data at the cut-off date; the same data twice is the same report."""
    access.require_staff(acting_user)
    if cutoff.year < year:
        raise ValidationError({"cutoff": _("La fecha de corte no puede ser anterior al año del informe.")})
    if cutoff > datetime.date.today():
        raise ValidationError({"cutoff": _("La fecha de corte no puede estar en el futuro.")})
    text, digest = freeze(annual_report_data(year, cutoff))
    existing = AnnualReport.objects.filter(sha256=digest).first()
    if existing:
        return existing
    return AnnualReport.objects.create(year=year, cutoff=cutoff, data=text, sha256=digest, created_by=acting_user)


def value_report_generate(*, acting_user, comuna, year: int, peers=None, cache=None) -> ValueReport:
    if not access.can_see_value_report(acting_user, comuna):
        raise access.PermissionDenied(_("Solo el equipo del Hub o funcionarios de la comuna generan su reporte."))
    text, digest = freeze(member_value_data(comuna, year, peers=peers, cache=cache))
    report, _created = ValueReport.objects.update_or_create(
        comuna=comuna, year=year, defaults={"data": text, "sha256": digest}
    )
    return report


def value_batch_start(*, acting_user, year: int) -> ValueReportBatch:
    """Queue one background task that generates the value report of every member comuna."""
    access.require_staff(acting_user)
    from .tasks import value_batch_task

    batch = ValueReportBatch.objects.create(year=year, created_by=acting_user)
    transaction.on_commit(lambda: value_batch_task.enqueue(batch.pk))
    return batch


def member_comunas(year: int):
    """Comunas with member benefits at the end of the year, by the one membership rule (finance)."""
    from hub.finance.membership import member_cuts
    from hub.territory.models import Comuna

    return list(Comuna.objects.filter(cut__in=member_cuts(datetime.date(year, 12, 31))).order_by("cut"))


def value_batch_run(*, batch: ValueReportBatch) -> ValueReportBatch:
    """Run by the task: progress is saved after each comuna so the page's bar moves."""
    from hub.notifications.services import notify

    actor = batch.created_by
    transition(batch, to=BatchStatus.RUNNING, allowed=BATCH_TRANSITIONS, acting_user=actor)
    try:
        comunas = member_comunas(batch.year)
        ValueReportBatch.objects.filter(pk=batch.pk).update(total=len(comunas))
        by_typology: dict[str, list] = {}
        cache: dict = {}
        for c in comunas:
            by_typology.setdefault(c.typology, []).append(c)
        for i, comuna in enumerate(comunas, start=1):
            peers = [p for p in by_typology[comuna.typology] if p.cut != comuna.cut]
            value_report_generate(acting_user=actor, comuna=comuna, year=batch.year, peers=peers, cache=cache)
            ValueReportBatch.objects.filter(pk=batch.pk).update(done=i)
    except Exception as exc:
        batch.error = str(exc)[:500]
        transition(
            batch, to=BatchStatus.FAILED, allowed=BATCH_TRANSITIONS, acting_user=actor, extra_update_fields=["error"]
        )
        raise
    batch.refresh_from_db()
    with transaction.atomic():
        transition(batch, to=BatchStatus.DONE, allowed=BATCH_TRANSITIONS, acting_user=actor)
        if actor is not None:
            notify(
                recipients=[actor],
                kind="evaluation_value_batch_done",
                title=_("Reportes de valor {year} generados").format(year=batch.year),
                body=_("{n} reportes listos.").format(n=batch.total),
                url=f"/evaluacion/valor/lotes/{batch.pk}/",
            )
    return batch
