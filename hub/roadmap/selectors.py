"""Reads of the roadmap: the eight stages with their computed criteria, progress and regression alerts."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qsl

from django.urls import NoReverseMatch, reverse

from .criteria import Evidence, criteria_for, evaluate
from .models import GateDecision, StageState, StageStatus
from .stages import STAGE_BY_NUMBER, STAGES


def _resolve(name: str, query: str) -> str:
    params = dict(parse_qsl(query))
    try:
        if "code" in params:
            return reverse(name, args=[params["code"]])
        return reverse(name) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return ""


def component_links(stage_number: int) -> list[dict]:
    stage = STAGE_BY_NUMBER[stage_number]
    return [
        {
            "name": c.name,
            "text": c.text,
            "links": [{"label": label, "url": url} for label, name, q in c.evidence if (url := _resolve(name, q))],
        }
        for c in stage.components
    ]


def stage_statuses(until: datetime.date | None = None) -> dict[int, str]:
    """Each stage's status now, or as it stood at the end of ``until`` (from the recorded state changes)."""
    if until is None:
        states = {s.stage: s.status for s in StageState.objects.all()}
    else:
        from django.contrib.contenttypes.models import ContentType

        from hub.core.models import StateChange

        by_pk = dict(StageState.objects.values_list("pk", "stage"))
        states = {}
        changes = StateChange.objects.filter(
            content_type=ContentType.objects.get_for_model(StageState), field="status", at__date__lte=until
        ).order_by("at", "pk")
        for change in changes:
            stage = by_pk.get(int(change.object_id))
            if stage is not None:
                states[stage] = change.to_state
    return {s.number: states.get(s.number, StageStatus.NOT_STARTED) for s in STAGES}


def roadmap_summary(*, until: datetime.date | None = None, evidence: Evidence | None = None) -> dict:
    """Every stage: status, criteria (checked now), progress = met ÷ criteria, regression alerts, decisions."""
    evidence = evidence or Evidence(today=until)
    statuses = stage_statuses(until)
    decisions_qs = GateDecision.objects.order_by("stage", "decided_on", "pk")
    if until is not None:
        decisions_qs = decisions_qs.filter(decided_on__lte=until)
    decisions: dict[int, list] = {}
    for d in decisions_qs:
        decisions.setdefault(d.stage, []).append(
            {
                "decided_on": d.decided_on.isoformat(),
                "decision": d.decision,
                "decision_label": str(d.get_decision_display()),
                "confidence": d.confidence,
                "confidence_label": str(d.get_confidence_display()),
                "makers": d.makers,
            }
        )
    rows = []
    regressed_before: list[int] = []
    for stage in STAGES:
        results = [evaluate(c, evidence) for c in criteria_for(stage.number)]
        met = sum(1 for r in results if r["met"])
        required_unmet = [r["code"] for r in results if r["required"] and not r["met"]]
        status = statuses[stage.number]
        regressed = status == StageStatus.COMPLETED and bool(required_unmet)
        rows.append(
            {
                "number": stage.number,
                "name": stage.name,
                "title": stage.title,
                "status": status,
                "status_label": str(StageStatus(status).label),
                "criteria": results,
                "criteria_met": met,
                "criteria_total": len(results),
                "progress": round(met / len(results), 6) if results else None,
                "required_unmet": required_unmet,
                "regressed": regressed,
                "at_risk_from": list(regressed_before),
                "decisions": decisions.get(stage.number, []),
            }
        )
        if regressed:
            regressed_before.append(stage.number)
    return {"stages": rows, "completed": sum(1 for r in rows if r["status"] == StageStatus.COMPLETED)}


def stage_detail(number: int, *, evidence: Evidence | None = None) -> dict:
    summary = roadmap_summary(evidence=evidence)
    row = summary["stages"][number - 1]
    stage = STAGE_BY_NUMBER[number]
    return {
        **row,
        "objective": stage.objective,
        "result": stage.result,
        "components": component_links(number),
        "previous": summary["stages"][number - 2] if number > 1 else None,
        "gate_decisions": GateDecision.objects.filter(stage=number)
        .select_related("created_by")
        .order_by("-decided_on", "-pk"),
    }
