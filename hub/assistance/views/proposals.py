"""Proposals: versions, fee lines, payment schedule, send / accept / reject, and the agreement link."""


from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.access import is_hub_staff
from hub.core.decorators import staff_required

from .. import access, services
from ..forms import (
    ProposalForm,
    RejectForm,
)
from ..models import (
    ProposalStatus,
)
from .common import _back, _history, _messages_of, _refuse

# --- proposals ------------------------------------------------------------------------------------------------


@staff_required
@require_POST
def proposal_create(request, pk: int):
    engagement = access.access_engagement(request.user, pk, write=True)
    try:
        proposal = services.proposal_create(acting_user=request.user, engagement=engagement)
    except ValidationError as exc:
        _refuse(request, exc)
        return _back(pk, "propuestas")
    return redirect("assistance:proposal_edit", pk=proposal.pk)


@login_required
def proposal_detail(request, pk: int):
    proposal = access.access_proposal(request.user, pk)
    engagement = access.access_engagement(request.user, proposal.engagement_id)
    return render(request, "assistance/proposal_detail.html", {
        "p": proposal, "e": engagement, "lines": list(proposal.lines.all()),
        "schedule": list(proposal.schedule.all()), "history": _history(proposal, ProposalStatus),
        "can_decide": access.can_decide_as_client(request.user, engagement), "staff": is_hub_staff(request.user),
        "reject_form": RejectForm(),
    })


def _rows(post, prefix: str, fields: tuple[str, ...], count: int) -> list[dict]:
    rows = []
    for i in range(count):
        row = {f: (post.get(f"{prefix}-{i}-{f}") or "").strip() for f in fields}
        if any(row.values()):
            rows.append(row)
    return rows


LINE_ROWS = 8
SCHEDULE_ROWS = 6


@staff_required
def proposal_edit(request, pk: int):
    proposal = access.access_proposal(request.user, pk, write=True)
    if not proposal.is_editable:
        messages.error(request, _("La versión %(v)s ya fue enviada y no se puede modificar: cree una nueva versión.")
                       % {"v": proposal.version})
        return redirect(proposal)
    errors: list[str] = []
    if request.method == "POST":
        form = ProposalForm(request.POST)
        lines = _rows(request.POST, "line", ("role", "days", "day_rate"), LINE_ROWS)
        schedule = _rows(request.POST, "ms", ("name", "percentage", "due_after_days"), SCHEDULE_ROWS)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.proposal_update(acting_user=request.user, proposal=proposal, scope=data["scope"],
                                         currency=data["currency"], uf_value=data["uf_value"],
                                         expenses=data["expenses"] or "0", duration_days=data["duration_days"],
                                         proposal_date=data["proposal_date"], lines=lines, schedule=schedule)
            except ValidationError as exc:
                errors = _messages_of(exc)
            else:
                messages.success(request, _("Borrador guardado. Revise el total y envíelo al cliente."))
                return redirect(proposal)
    else:
        form = ProposalForm(initial={
            "scope": proposal.scope, "proposal_date": proposal.proposal_date, "currency": proposal.currency,
            "uf_value": f"{proposal.uf_value}".replace(".", ",") if proposal.uf_value else "",
            "expenses": _plain(proposal.expenses), "duration_days": proposal.duration_days,
        })
        lines = [{"role": x.role, "days": _plain(x.days), "day_rate": _plain(x.day_rate)}
                 for x in proposal.lines.all()]
        schedule = [{"name": x.name, "percentage": x.percentage, "due_after_days": x.due_after_days}
                    for x in proposal.schedule.all()]
    lines = lines + [{}] * (LINE_ROWS - len(lines))
    schedule = schedule + [{}] * (SCHEDULE_ROWS - len(schedule))
    return render(request, "assistance/proposal_form.html", {
        "p": proposal, "e": proposal.engagement, "form": form, "lines": lines[:LINE_ROWS],
        "schedule": schedule[:SCHEDULE_ROWS], "errors": errors,
    })


def _plain(value) -> str:
    """A Decimal as the user typed it: no trailing zeros, comma for decimals."""
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


def _proposal_action(request, pk: int, action):
    proposal = access.access_proposal(request.user, pk)
    try:
        action(proposal)
    except ValidationError as exc:
        _refuse(request, exc)
        return False, proposal
    return True, proposal


@staff_required
@require_POST
def proposal_send(request, pk: int):
    access.access_proposal(request.user, pk, write=True)
    ok, proposal = _proposal_action(request, pk, lambda p: services.proposal_send(acting_user=request.user,
                                                                                   proposal=p))
    if ok:
        messages.success(request, _("Propuesta enviada al cliente. Ya no se puede modificar."))
    return redirect(proposal)


@login_required
@require_POST
def proposal_accept(request, pk: int):
    ok, proposal = _proposal_action(request, pk, lambda p: services.proposal_accept(acting_user=request.user,
                                                                                     proposal=p))
    if ok:
        messages.success(request, _("Propuesta aceptada. Las demás versiones quedan reemplazadas."))
    return _back(proposal.engagement_id, "propuestas")


@login_required
@require_POST
def proposal_reject(request, pk: int):
    ok, proposal = _proposal_action(request, pk, lambda p: services.proposal_reject(
        acting_user=request.user, proposal=p, reason=request.POST.get("reason", "")[:2000]))
    if ok:
        messages.success(request, _("Propuesta rechazada."))
    return _back(proposal.engagement_id, "propuestas")


@staff_required
@require_POST
def agreement_link(request, pk: int):
    from hub.partners.models import Agreement

    engagement = access.access_engagement(request.user, pk, write=True)
    agreement = Agreement.objects.filter(pk=request.POST.get("agreement") or 0).first() \
        if (request.POST.get("agreement") or "").isdigit() else None
    if agreement is None:
        messages.error(request, _("Elija un convenio de la lista."))
        return _back(pk, "convenio")
    try:
        services.agreement_link(acting_user=request.user, engagement=engagement, agreement=agreement)
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Convenio vinculado."))
    return _back(pk, "convenio")
