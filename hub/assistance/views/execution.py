"""Execution: deliverables, milestones and their review, scope changes."""


from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.decorators import staff_required

from .. import access, services
from ..forms import (
    DeliverableForm,
    ScopeChangeForm,
)
from ..models import (
    Deliverable,
    Milestone,
    ScopeChange,
)
from .common import _back, _form_action, _refuse

# --- execution ------------------------------------------------------------------------------------------------


def _milestone(request, pk: int, **kwargs) -> Milestone:
    milestone = get_object_or_404(Milestone, pk=pk)
    access.access_engagement(request.user, milestone.engagement_id, **kwargs)
    return milestone


@staff_required
@require_POST
def deliverable_upload(request, pk: int):
    milestone = _milestone(request, pk, write=True)
    return _form_action(
        request, DeliverableForm(request.POST, request.FILES), engagement_id=milestone.engagement_id, anchor="hitos",
        invalid=_("Indique el título y adjunte el entregable en PDF."),
        call=lambda data: services.deliverable_upload(acting_user=request.user, milestone=milestone,
                                                      title=data["title"], upload=data["file"]),
        success=_("Entregable subido."),
    )


@login_required
def deliverable_download(request, pk: int):
    deliverable = get_object_or_404(Deliverable.objects.select_related("milestone"), pk=pk)
    access.access_engagement(request.user, deliverable.milestone.engagement_id)
    try:
        handle = deliverable.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("El archivo del entregable no está disponible.")) from exc
    return FileResponse(handle, content_type="application/pdf", filename=f"entregable-{deliverable.pk}.pdf")


@staff_required
@require_POST
def milestone_submit(request, pk: int):
    milestone = _milestone(request, pk, write=True)
    try:
        services.milestone_submit(acting_user=request.user, milestone=milestone)
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Hito enviado a revisión del cliente."))
    return _back(milestone.engagement_id, "hitos")


@login_required
@require_POST
def milestone_review(request, pk: int):
    milestone = _milestone(request, pk, client=True)
    accept = request.POST.get("decision") == "aceptar"
    try:
        services.milestone_review(acting_user=request.user, milestone=milestone, accept=accept,
                                  observation=request.POST.get("observation", "")[:4000])
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Hito aceptado: queda exigible su porcentaje del honorario.") if accept
                         else _("Hito observado: el equipo del Hub lo corregirá."))
    return _back(milestone.engagement_id, "hitos")


@login_required
@require_POST
def scope_change_create(request, pk: int):
    engagement = access.access_engagement(request.user, pk, client=True)
    return _form_action(
        request, ScopeChangeForm(request.POST), engagement_id=pk, anchor="cambios",
        invalid=_("Revise el cambio de alcance: la justificación es obligatoria y los cambios son números enteros."),
        call=lambda data: services.scope_change_request(acting_user=request.user, engagement=engagement, **data),
        success=_("Cambio de alcance enviado. La línea base no cambia hasta que se apruebe."),
    )


@login_required
@require_POST
def scope_change_decide(request, pk: int):
    change = get_object_or_404(ScopeChange, pk=pk)
    access.access_engagement(request.user, change.engagement_id, client=True)
    try:
        services.scope_change_decide(acting_user=request.user, change=change,
                                     approve=request.POST.get("decision") == "aprobar")
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Decisión registrada."))
    return _back(change.engagement_id, "cambios")
