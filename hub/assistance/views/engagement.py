"""One engagement: its page, state changes, self-assessment and proposed team."""


from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.access import is_hub_staff
from hub.core.decorators import staff_required
from hub.core.transitions import allowed_next

from .. import access, selectors, services
from ..forms import (
    DeliverableForm,
    RecommendationForm,
    RecommendationUpdateForm,
    RejectForm,
    ReviewForm,
    ScopeChangeForm,
    SurveyForm,
    TeamMemberForm,
    self_assessment_form,
)
from ..models import (
    CLIENT_BUTTON_STATES,
    ENGAGEMENT_TRANSITIONS,
    STAFF_BUTTON_STATES,
    ProposalStatus,
    TeamMember,
    UpdateKind,
)
from ..questionnaire import questions_for
from .common import S, _back, _field_errors, _form_action, _history, _refuse

# --- engagement -----------------------------------------------------------------------------------------------


@login_required
def engagement_detail(request, pk: int):
    engagement = access.access_engagement(request.user, pk)
    engagement = selectors.engagement_detail_qs().get(pk=engagement.pk)
    user = request.user
    staff = is_hub_staff(user)
    nexts = allowed_next(engagement, ENGAGEMENT_TRANSITIONS)
    buttons = [(s, S(s).label) for s in nexts if (staff and s in STAFF_BUTTON_STATES) or s in CLIENT_BUTTON_STATES]
    proposals = list(engagement.proposals.prefetch_related("lines", "schedule"))
    if not staff:
        proposals = [p for p in proposals if p.status != ProposalStatus.BORRADOR]
    answers = engagement.self_assessment or {}
    assessment = [(text, answers.get(key), kind) for key, text, kind in questions_for(engagement.challenge)]
    from hub.partners.models import Agreement

    context = {
        "e": engagement,
        "staff": staff,
        "is_client": access.can_act_as_client(user, engagement),
        "can_decide": access.can_decide_as_client(user, engagement),
        "buttons": buttons,
        "history": _history(engagement, S),
        "update_kinds": UpdateKind.choices,
        "proposals": proposals,
        "assessment": assessment if answers else [],
        "rows": selectors.recommendation_rows(engagement),
        "milestones": list(engagement.milestones.all()),
        "scope_changes": [(c, access.can_decide_scope_change(user, c))
                          for c in engagement.scope_changes.select_related("requested_by")],
        "reviews": list(engagement.reviews.all()),
        "agreement_problem": services.agreement_problem(engagement) if engagement.status == S.ACEPTADA else "",
        "client_org": services.client_organization_for(engagement),
        "today": timezone.localdate(),
    }
    if staff:
        context["team_form"] = TeamMemberForm()
        context["peers"] = selectors.peer_suggestions(engagement) if engagement.status in services.SCOPING_STATES \
            else []
        org = context["client_org"]
        context["agreements"] = Agreement.objects.filter(parties__organization=org, status__in=[
            "firmado", "vigente"]).distinct() if org else []
        context["deliverable_form"] = DeliverableForm()
        context["recommendation_form"] = RecommendationForm(comuna_cut=engagement.comuna_id)
        context["review_form"] = ReviewForm(initial={"held_on": timezone.localdate()})
    context["scope_form"] = ScopeChangeForm()
    context["update_form"] = RecommendationUpdateForm(initial={"on": timezone.localdate()})
    context["survey_form"] = SurveyForm()
    context["reject_form"] = RejectForm()
    return render(request, "assistance/engagement_detail.html", context)


@login_required
@require_POST
def engagement_transition(request, pk: int):
    engagement = access.access_engagement(request.user, pk)
    try:
        services.engagement_transition(acting_user=request.user, engagement=engagement,
                                       to=request.POST.get("to", ""), reason=request.POST.get("reason", "")[:2000])
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Estado actualizado."))
    return _back(pk)


@login_required
def self_assessment(request, pk: int):
    engagement = access.access_engagement(request.user, pk, client=True)
    form = self_assessment_form(engagement.challenge, data=request.POST or None,
                                initial=engagement.self_assessment)
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_save(acting_user=request.user, engagement=engagement,
                                          answers=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Autodiagnóstico guardado."))
            return _back(pk, "alcance")
    return render(request, "assistance/self_assessment.html", {"e": engagement, "form": form})


@staff_required
@require_POST
def team_add(request, pk: int):
    engagement = access.access_engagement(request.user, pk, write=True)
    return _form_action(
        request, TeamMemberForm(request.POST), engagement_id=pk, anchor="alcance",
        invalid=_field_errors(_("Revise el equipo: %(e)s")),
        call=lambda data: services.team_member_add(acting_user=request.user, engagement=engagement, **data),
        success=_("Integrante agregado al equipo propuesto."),
    )


@login_required
@require_POST
def conflict_declare(request, pk: int):
    member = get_object_or_404(TeamMember, pk=pk)
    access.access_engagement(request.user, member.engagement_id)
    try:
        services.conflict_declare(acting_user=request.user, member=member,
                                  has_conflict=request.POST.get("has_conflict") == "on",
                                  description=request.POST.get("conflict_description", "")[:2000])
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Declaración de conflictos de interés registrada."))
    return _back(member.engagement_id, "alcance")
