"""Thin views: access helper → selector/service → template. Refusals come back as a Spanish message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.access import is_hub_staff
from hub.core.decorators import staff_required
from hub.core.documents import render_pdf
from hub.core.transitions import allowed_next, state_history

from . import access, selectors, services
from .forms import (
    DeliverableForm,
    ProposalForm,
    RecommendationForm,
    RecommendationUpdateForm,
    RejectForm,
    RequestForm,
    ReviewForm,
    ScopeChangeForm,
    SurveyForm,
    TeamMemberForm,
    self_assessment_form,
)
from .models import (
    CLIENT_BUTTON_STATES,
    ENGAGEMENT_TRANSITIONS,
    STAFF_BUTTON_STATES,
    Deliverable,
    EngagementStatus,
    Milestone,
    ProposalStatus,
    Recommendation,
    ScopeChange,
    TeamMember,
    UpdateKind,
)
from .questionnaire import questions_for

S = EngagementStatus


def _messages_of(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _refuse(request, exc: ValidationError):
    for text in _messages_of(exc):
        messages.error(request, text)


def _history(obj, choices) -> list[tuple]:
    labels = dict(choices.choices)
    return [(h, labels.get(h.from_state, h.from_state), labels.get(h.to_state, h.to_state))
            for h in state_history(obj)]


def _back(engagement_id: int, anchor: str = ""):
    from django.urls import reverse

    return redirect(reverse("assistance:engagement_detail", args=[engagement_id]) + (f"#{anchor}" if anchor else ""))


def _field_errors(text: str):
    """An invalid-form message that lists each field's errors after ``text`` (which holds ``%(e)s``)."""
    return lambda form: text % {"e": "; ".join(
        f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items() if f in form.fields)}


def _form_action(request, form, *, engagement_id: int, anchor: str, invalid, call, success: str):
    """Validate the POSTed form, run the service with its data, say what happened in Spanish, and go back to
    the engagement's section. A refused service changes nothing and shows its reasons."""
    if not form.is_valid():
        messages.error(request, invalid(form) if callable(invalid) else invalid)
        return _back(engagement_id, anchor)
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, success)
    return _back(engagement_id, anchor)


# --- public ---------------------------------------------------------------------------------------------------


def index(request):
    published = access.published_engagements().select_related("comuna__region", "client_organization") \
        .order_by("-final_report_on", "-pk")
    page = Paginator(published, 20).get_page(request.GET.get("page"))
    return render(request, "assistance/index.html", {"counts": selectors.public_counts(), "page_obj": page})


def public_detail(request, pk: int):
    engagement = access.access_published_engagement(pk)
    engagement = selectors.engagement_detail_qs().get(pk=engagement.pk)
    return render(request, "assistance/public_detail.html", {
        "e": engagement, "rows": selectors.recommendation_rows(engagement),
    })


def _report_pdf(engagement, *, public: bool):
    engagement = selectors.engagement_detail_qs().get(pk=engagement.pk)
    pdf = render_pdf("assistance/report_pdf.html", {
        "e": engagement, "rows": selectors.recommendation_rows(engagement), "demo": engagement.is_demo,
        "milestones": list(engagement.milestones.all()), "team": list(engagement.team.all()),
        "public": public, "generated_on": timezone.localdate(),
        "draft": engagement.status == S.INFORME_BORRADOR or engagement.status == S.EN_EJECUCION,
    })
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="informe-asistencia-{engagement.pk}.pdf"'
    return response


def public_report_pdf(request, pk: int):
    return _report_pdf(access.access_published_engagement(pk), public=True)


# --- lists ----------------------------------------------------------------------------------------------------


@login_required
def engagement_list(request):
    if not (is_hub_staff(request.user) or request.user.is_official):
        raise PermissionDenied(_("Las asistencias técnicas las ven los municipios clientes y el equipo del Hub."))
    qs = access.engagements_for_user(request.user).select_related("comuna", "client_organization")
    status = request.GET.get("status", "")
    if status in S.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-created_at", "-pk"), 25).get_page(request.GET.get("page"))
    return render(request, "assistance/engagement_list.html", {
        "page_obj": page, "status": status, "statuses": S.choices,
        "querystring": f"status={status}" if status else "",
    })


@staff_required
def board(request):
    return render(request, "assistance/board.html", {"columns": selectors.board()})


@login_required
def request_create(request):
    if not (is_hub_staff(request.user) or request.user.is_official):
        raise PermissionDenied(_("Solicitan asistencia técnica los funcionarios municipales y el equipo del Hub."))
    form = RequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            engagement = services.request_create(
                acting_user=request.user, comuna=data.get("comuna"),
                client_organization=data.get("client_organization"), client_kind=data.get("client_kind", ""),
                data=data,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Solicitud recibida. El equipo del Hub la revisará y le propondrá un alcance."))
            return redirect(engagement)
    return render(request, "assistance/request_form.html", {"form": form})


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
