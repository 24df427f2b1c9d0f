"""Every write of the roadmap. Each takes a keyword-only ``acting_user`` and checks access first."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hub.core.transitions import TransitionRefused, transition

from . import access
from .criteria import CRITERIA_BY_CODE, Evidence, criteria_for, evaluate
from .models import (
    DECISION_TO_STATUS,
    STAGE_TRANSITIONS,
    Confidence,
    CriterionAttestation,
    Decision,
    GateDecision,
    StageState,
    StageStatus,
)


def _state(stage: int) -> StageState:
    state, _created = StageState.objects.get_or_create(stage=stage)
    return state


def stage_start(*, acting_user, stage: int) -> StageState:
    """no_iniciada / reciclada / en_pausa → en_curso. Cumulative: the previous stage must have started."""
    access.access_stage(acting_user, stage, write=True)
    state = _state(stage)

    def guard(locked):
        if stage > 1 and _state(stage - 1).status == StageStatus.NOT_STARTED:
            raise TransitionRefused(_("La etapa anterior aún no se inicia: el proceso es acumulativo."))

    return transition(
        state, to=StageStatus.IN_PROGRESS, allowed=STAGE_TRANSITIONS, acting_user=acting_user, guard=guard
    )


def stage_review(*, acting_user, stage: int) -> StageState:
    access.access_stage(acting_user, stage, write=True)
    return transition(_state(stage), to=StageStatus.IN_REVIEW, allowed=STAGE_TRANSITIONS, acting_user=acting_user)


def gate_decide(
    *,
    acting_user,
    stage: int,
    decision: str,
    decision_makers: str,
    evidence: str,
    confidence: str,
    decided_on: datetime.date | None = None,
    conditions: str = "",
    records: Evidence | None = None,
) -> GateDecision:
    """Record a gate decision and move the stage. «Avanzar» needs every required criterion met (checked now)
    and the previous stage completed; the criteria as checked are stored with the decision."""
    access.access_stage(acting_user, stage, write=True)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Elija avanzar, retener, reciclar o detener.")})
    if confidence not in Confidence.values:
        raise ValidationError({"confidence": _("Elija un nivel de confianza.")})
    records = records or Evidence()
    results = [evaluate(c, records) for c in criteria_for(stage)]
    gate = GateDecision(
        stage=stage,
        decided_on=decided_on or datetime.date.today(),
        decision=decision,
        decision_makers=decision_makers.strip()[:2000],
        evidence=evidence.strip()[:4000],
        conditions=conditions.strip()[:2000],
        confidence=confidence,
        criteria_snapshot=results,
        created_by=acting_user,
    )
    gate.full_clean()
    if gate.decided_on > datetime.date.today():
        raise ValidationError({"decided_on": _("La fecha de la decisión no puede estar en el futuro.")})

    def guard(locked):
        if decision != Decision.ADVANCE:
            return
        unmet = [r["text"] for r in results if r["required"] and not r["met"]]
        if unmet:
            raise TransitionRefused(
                _("No se puede avanzar: faltan criterios obligatorios: {c}").format(c="; ".join(unmet))
            )
        if stage > 1 and _state(stage - 1).status != StageStatus.COMPLETED:
            raise TransitionRefused(
                _("No se puede avanzar: la etapa anterior no está completada (proceso acumulativo).")
            )

    with transaction.atomic():
        state = _state(stage)
        transition(
            state,
            to=DECISION_TO_STATUS[decision],
            allowed=STAGE_TRANSITIONS,
            acting_user=acting_user,
            guard=guard,
            reason=f"Decisión de puerta: {decision}",
        )
        gate.save()
    return gate


def criterion_attest(
    *, acting_user, criterion: str, met: bool, document_url: str, note: str = ""
) -> CriterionAttestation:
    """Attest a manual criterion with its document (a link inside the platform or an http(s) address)."""
    crit = CRITERIA_BY_CODE.get(criterion)
    if crit is None:
        raise ValidationError({"criterion": _("Criterio desconocido.")})
    access.access_stage(acting_user, crit.stage, write=True)
    if crit.check:
        raise ValidationError({"criterion": _("Este criterio se verifica con los registros de la plataforma.")})
    url = (document_url or "").strip()
    if not (url.startswith(("https://", "http://")) or (url.startswith("/") and not url.startswith("//"))):
        raise ValidationError({"document_url": _("Indique el enlace al documento (https://… o una ruta /… del Hub).")})
    att = CriterionAttestation(
        criterion=criterion, met=bool(met), document_url=url[:500], note=(note or "")[:500], created_by=acting_user
    )
    att.full_clean()
    att.save()
    return att
