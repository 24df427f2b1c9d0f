"""The final report, its recommendations and their follow-up (review and satisfaction survey)."""


from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.decorators import staff_required

from .. import access, services
from ..forms import (
    RecommendationForm,
    RecommendationUpdateForm,
    ReviewForm,
    SurveyForm,
)
from ..models import (
    Recommendation,
)
from .common import _back, _field_errors, _form_action, _refuse, _report_pdf

# --- report ---------------------------------------------------------------------------------------------------


@staff_required
@require_POST
def report_edit(request, pk: int):
    engagement = access.access_engagement(request.user, pk, write=True)
    try:
        services.report_update(acting_user=request.user, engagement=engagement,
                               summary=request.POST.get("summary", "")[:8000])
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Resumen del informe guardado."))
    return _back(pk, "informe")


@staff_required
@require_POST
def recommendation_add(request, pk: int):
    engagement = access.access_engagement(request.user, pk, write=True)
    return _form_action(
        request, RecommendationForm(request.POST, comuna_cut=engagement.comuna_id), engagement_id=pk,
        anchor="informe", invalid=_field_errors(_("Revise la recomendación: %(e)s")),
        call=lambda data: services.recommendation_add(acting_user=request.user, engagement=engagement, **data),
        success=_("Recomendación agregada."),
    )


@login_required
@require_POST
def recommendation_update(request, pk: int):
    rec = get_object_or_404(Recommendation, pk=pk)
    access.access_engagement(request.user, rec.engagement_id, client=True)
    return _form_action(
        request, RecommendationUpdateForm(request.POST), engagement_id=rec.engagement_id, anchor="recomendaciones",
        invalid=_("Revise la actualización: elija la situación y un avance de 0 a 100."),
        call=lambda data: services.recommendation_update_add(
            acting_user=request.user, recommendation=rec, kind=data["kind"], note=data["note"],
            progress=data["progress"] or 0, on=data["on"]),
        success=_("Avance registrado."),
    )


@login_required
def report_pdf(request, pk: int):
    return _report_pdf(access.access_engagement(request.user, pk), public=False)


@login_required
@require_POST
def report_publish(request, pk: int):
    engagement = access.access_engagement(request.user, pk, client=True)
    publish = request.POST.get("publish") == "1"
    try:
        services.report_publish(acting_user=request.user, engagement=engagement, publish=publish)
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Informe publicado en la página pública.") if publish
                         else _("Informe retirado de la página pública."))
    return _back(pk, "informe")


# --- follow-up ------------------------------------------------------------------------------------------------


@staff_required
@require_POST
def review_create(request, pk: int):
    engagement = access.access_engagement(request.user, pk, write=True)
    return _form_action(
        request, ReviewForm(request.POST), engagement_id=pk, anchor="seguimiento",
        invalid=_("Indique la fecha y las conclusiones de la revisión."),
        call=lambda data: services.review_record(acting_user=request.user, engagement=engagement, **data),
        success=_("Revisión de avance registrada."),
    )


@login_required
@require_POST
def survey(request, pk: int):
    engagement = access.access_engagement(request.user, pk, client=True)
    return _form_action(
        request, SurveyForm(request.POST), engagement_id=pk, anchor="seguimiento",
        invalid=_("Elija una nota de satisfacción de 1 a 7."),
        call=lambda data: services.survey_submit(
            acting_user=request.user, engagement=engagement, satisfaction=data["satisfaction"],
            would_recommend=data["would_recommend"], comment=data["comment"]),
        success=_("Gracias: encuesta de satisfacción registrada."),
    )
