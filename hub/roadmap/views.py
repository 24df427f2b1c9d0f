"""Thin views of the roadmap: the eight stages with computed criteria, and the staff gate forms."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.decorators import staff_required

from . import access, services
from .criteria import criteria_for
from .models import Confidence, Decision
from .selectors import roadmap_summary
from .selectors import stage_detail as stage_detail_data
from .stages import PROCESS_NOTE


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


def index(request):
    return render(request, "roadmap/index.html", {"summary": roadmap_summary(), "note": PROCESS_NOTE})


def stage_detail(request, number: int, *, errors=None, form=None, status=200):
    access.access_stage(request.user, number)
    return render(
        request,
        "roadmap/stage_detail.html",
        {
            "stage": stage_detail_data(number),
            "can_manage": access.can_manage_roadmap(request.user),
            "decisions": Decision.choices,
            "confidences": Confidence.choices,
            "manual": [c for c in criteria_for(number) if not c.check],
            "errors": errors or [],
            "form": form or {},
            "today": datetime.date.today(),
        },
        status=status,
    )


@staff_required
@require_POST
def stage_start(request, number: int):
    access.access_stage(request.user, number, write=True)
    try:
        services.stage_start(acting_user=request.user, stage=number)
        messages.success(request, _("Etapa iniciada."))
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    return redirect("roadmap:stage_detail", number=number)


@staff_required
@require_POST
def gate_decide(request, number: int):
    access.access_stage(request.user, number, write=True)
    form = request.POST
    try:
        decided_on = datetime.date.fromisoformat(form.get("decided_on") or datetime.date.today().isoformat())
    except ValueError:
        return stage_detail(request, number, errors=[_("Indique la fecha como AAAA-MM-DD.")], form=form, status=400)
    try:
        services.gate_decide(
            acting_user=request.user,
            stage=number,
            decision=form.get("decision", ""),
            decision_makers=form.get("decision_makers", ""),
            evidence=form.get("evidence", ""),
            confidence=form.get("confidence", ""),
            conditions=form.get("conditions", ""),
            decided_on=decided_on,
        )
    except ValidationError as exc:
        return stage_detail(request, number, errors=_errors(exc), form=form, status=400)
    messages.success(request, _("Decisión de puerta registrada."))
    return redirect("roadmap:stage_detail", number=number)


@staff_required
@require_POST
def criterion_attest(request, number: int):
    access.access_stage(request.user, number, write=True)
    try:
        services.criterion_attest(
            acting_user=request.user,
            criterion=request.POST.get("criterion", ""),
            met=request.POST.get("met") == "on",
            document_url=request.POST.get("document_url", ""),
            note=request.POST.get("note", ""),
        )
        messages.success(request, _("Constancia registrada."))
    except ValidationError as exc:
        return stage_detail(request, number, errors=_errors(exc), form=request.POST, status=400)
    return redirect("roadmap:stage_detail", number=number)
