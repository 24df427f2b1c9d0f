"""Every write of asistencia técnica: keyword-only, access first, validated, atomic; a refusal changes nothing.

Status changes go through ``hub.core.transitions.transition`` (who and when in the shared state log).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts.models import Role, User
from hub.core.access import is_hub_staff
from hub.core.transitions import TransitionRefused, transition
from hub.core.uploads import validate_pdf
from hub.notifications.services import notify

from . import access
from .models import (
    ENGAGEMENT_TRANSITIONS,
    MILESTONE_TRANSITIONS,
    PROPOSAL_TRANSITIONS,
    SCOPE_CHANGE_TRANSITIONS,
    STAFF_BUTTON_STATES,
    ClientKind,
    Currency,
    Deliverable,
    Engagement,
    EngagementStatus,
    FollowUpReview,
    Milestone,
    MilestoneStatus,
    PaymentDue,
    Proposal,
    ProposalLine,
    ProposalStatus,
    Recommendation,
    RecommendationUpdate,
    ScheduleItem,
    ScopeChange,
    ScopeChangeStatus,
    TeamMember,
    TeamRole,
    UpdateKind,
)
from .questionnaire import SCALE, questions_for

S = EngagementStatus
SCOPING_STATES = (S.RECIBIDA, S.EN_ALCANCE)
ACTIVE_AGREEMENT_STATUSES = ("firmado", "vigente")


# --- recipients ------------------------------------------------------------------------------------------------


def client_users(engagement: Engagement) -> list:
    if not engagement.comuna_id:
        return []
    return list(User.objects.filter(role=Role.OFFICIAL, is_active=True, comunas=engagement.comuna_id))


def staff_users(engagement: Engagement) -> list:
    team = [m.user for m in engagement.team.select_related("user") if m.user.is_hub_staff]
    if team:
        return team
    return list(User.objects.filter(role=Role.HUB_STAFF, is_active=True))


# --- 1. Request -----------------------------------------------------------------------------------------------


REQUEST_FIELDS = ("title", "problem", "challenge", "work_line", "desired_start", "desired_end", "contact_name",
                  "contact_email", "contact_phone")


def request_create(*, acting_user, comuna=None, client_organization=None, client_kind: str = "", data: dict,
                   is_demo: bool = False) -> Engagement:
    """An official asks for her comuna; staff may ask on behalf of a comuna or of a client organisation."""
    if client_organization is not None and not is_hub_staff(acting_user):
        raise PermissionDenied(_("Solo el equipo del Hub registra solicitudes a nombre de otra organización."))
    if not access.can_create_request(acting_user, comuna):
        raise PermissionDenied(_("Solo puede solicitar asistencia técnica para una comuna en la que usted trabaja."))
    if client_organization is None and comuna is None:
        raise ValidationError({"comuna": _("Indique la comuna o la organización cliente.")})
    if client_organization is not None and comuna is not None:
        raise ValidationError({"comuna": _(
            "Elija la comuna (municipio cliente) o la organización cliente, no ambas."
        )})
    if not client_kind:
        client_kind = ClientKind.MUNICIPALIDAD if client_organization is None else ClientKind.OTRO
    engagement = Engagement(
        comuna=comuna, client_organization=client_organization, client_kind=client_kind,
        requested_by=acting_user, is_demo=is_demo, **{k: data[k] for k in REQUEST_FIELDS if k in data},
    )
    engagement.full_clean()
    with transaction.atomic():
        engagement.save()
        notify(recipients=staff_users(engagement), kind="assistance_request_received",
               title=_("Nueva solicitud de asistencia técnica: %(t)s") % {"t": engagement.title},
               body=_("Cliente: %(c)s.") % {"c": engagement.client_name}, url=engagement.get_absolute_url())
    return engagement


# --- 2. Engagement states -------------------------------------------------------------------------------------


def client_organization_for(engagement: Engagement):
    """The organisation that signs the agreement: the client organisation, or the comuna's municipality."""
    if engagement.client_organization_id:
        return engagement.client_organization
    from hub.partners.models import Organization, OrganizationKind

    return Organization.objects.filter(kind=OrganizationKind.MUNICIPALIDAD, comuna_id=engagement.comuna_id).first()


def agreement_problem(engagement: Engagement, agreement=None) -> str:
    """Why the engagement may not start under this agreement ("" when it may)."""
    agreement = agreement if agreement is not None else engagement.agreement
    client_org = client_organization_for(engagement)
    who = str(client_org) if client_org else engagement.client_name
    if agreement is None:
        return _(
            "Falta el convenio firmado y publicado entre el Hub y %(who)s para «%(title)s»: "
            "regístrelo en Articulación → Convenios y vincúlelo a esta asistencia."
        ) % {"who": who, "title": engagement.title}
    if agreement.status not in ACTIVE_AGREEMENT_STATUSES:
        return _(
            "El convenio «%(a)s» está «%(s)s»: debe estar firmado y publicado (firmado o vigente) para iniciar."
        ) % {"a": agreement.title, "s": agreement.get_status_display()}
    if client_org is None or not agreement.parties.filter(organization=client_org).exists():
        return _("El convenio «%(a)s» no tiene a %(who)s como parte: falta el convenio con el cliente.") % {
            "a": agreement.title, "who": who,
        }
    return ""


def _engagement_guard(to: str, acting_user):
    def guard(locked: Engagement):
        if to == S.EN_EJECUCION:
            problem = agreement_problem(locked)
            if problem:
                raise TransitionRefused(problem)
            if not locked.milestones.exists():
                raise TransitionRefused(_("No hay hitos: acepte primero una propuesta con su calendario de pagos."))
        if to == S.INFORME_BORRADOR:
            pending = [m.name for m in locked.milestones.all() if m.status != MilestoneStatus.ACEPTADO]
            if pending:
                raise TransitionRefused(
                    _("Antes del informe el cliente debe aceptar todos los hitos; faltan: %(m)s.")
                    % {"m": ", ".join(pending)}
                )
        if to == S.INFORME_FINAL:
            if not locked.report_summary.strip():
                raise TransitionRefused(_("Escriba el resumen del informe antes de emitirlo como final."))
            if not locked.recommendations.exists():
                raise TransitionRefused(_("El informe final debe tener al menos una recomendación."))
        if to == S.CERRADA and locked.satisfaction is None:
            raise TransitionRefused(_("Para cerrar, el cliente debe responder la encuesta de satisfacción (1 a 7)."))

    return guard


def engagement_transition(*, acting_user, engagement: Engagement, to: str, reason: str = "") -> Engagement:
    """The generic state button: staff move the work forward; the client may withdraw (desistida)."""
    engagement = access.access_engagement(acting_user, engagement.pk, client=True)
    if to == S.DESISTIDA:
        pass  # the client or staff
    elif to in STAFF_BUTTON_STATES:
        if not access.can_manage_engagement(acting_user, engagement):
            raise PermissionDenied(_("Solo el equipo del Hub puede mover la asistencia a ese estado."))
    else:
        raise TransitionRefused(
            _("El estado «%(s)s» se alcanza con su propia acción (enviar, aceptar o rechazar una propuesta).")
            % {"s": dict(S.choices).get(to, to)}
        )
    with transaction.atomic():
        extra = []
        if to == S.INFORME_FINAL:
            engagement.final_report_on = timezone.localdate()
            extra = ["final_report_on"]
        locked = transition(engagement, to=to, allowed=ENGAGEMENT_TRANSITIONS, acting_user=acting_user,
                            reason=reason, guard=_engagement_guard(to, acting_user), extra_update_fields=extra)
        if to == S.EN_SEGUIMIENTO and locked.review_due:
            notify(recipients=[*client_users(locked), *staff_users(locked)], kind="assistance_review_due",
                   title=_("Revisión de avance programada: %(t)s") % {"t": locked.title},
                   body=_("La revisión de avance de las recomendaciones vence el %(d)s.")
                   % {"d": locked.review_due.strftime("%d-%m-%Y")}, url=locked.get_absolute_url())
        if to == S.INFORME_FINAL:
            notify(recipients=client_users(locked), kind="assistance_report_final",
                   title=_("Informe final disponible: %(t)s") % {"t": locked.title},
                   body=_("La revisión de avance de las recomendaciones vence el %(d)s.")
                   % {"d": locked.review_due.strftime("%d-%m-%Y")}, url=locked.get_absolute_url())
    return locked


# --- 3. Scoping -----------------------------------------------------------------------------------------------


def self_assessment_save(*, acting_user, engagement: Engagement, answers: dict) -> Engagement:
    engagement = access.access_engagement(acting_user, engagement.pk, client=True)
    if engagement.status not in SCOPING_STATES:
        raise ValidationError(_("El autodiagnóstico se responde durante el alcance; esta asistencia ya avanzó."))
    clean, errors = {}, []
    for key, text, kind in questions_for(engagement.challenge):
        value = answers.get(key)
        if kind == SCALE:
            try:
                number = int(value)
            except (TypeError, ValueError):
                errors.append(_("Elija un nivel de 1 a 5 en «%(q)s».") % {"q": text})
                continue
            if not 1 <= number <= 5:
                errors.append(_("Elija un nivel de 1 a 5 en «%(q)s».") % {"q": text})
                continue
            clean[key] = number
        else:
            clean[key] = str(value or "").strip()[:2000]
    if errors:
        raise ValidationError(errors)
    engagement.self_assessment = clean
    engagement.self_assessment_at = timezone.now()
    engagement.save(update_fields=["self_assessment", "self_assessment_at"])
    return engagement


def team_member_add(*, acting_user, engagement: Engagement, user, role: str, has_conflict: bool = False,
                    conflict_description: str = "") -> TeamMember:
    engagement = access.access_engagement(acting_user, engagement.pk, write=True)
    from hub.finance.membership import is_member

    if engagement.status not in SCOPING_STATES:
        raise ValidationError(_("El equipo se propone durante el alcance; esta asistencia ya avanzó."))
    peer_comuna = None
    if role == TeamRole.PAR_MUNICIPAL:
        if not user.is_official:
            raise ValidationError({"user": _("Un par municipal debe ser funcionario(a) de un municipio.")})
        comunas = [c for c in user.comunas.all() if c.cut != engagement.comuna_id and is_member(c)]
        if not comunas:
            raise ValidationError({"user": _(
                "El par municipal debe trabajar en otra comuna asociada (miembro vigente), distinta de la cliente."
            )})
        peer_comuna = comunas[0]
    elif not user.is_hub_staff:
        raise ValidationError({"user": _("La jefatura y los especialistas deben ser del equipo del Hub.")})
    if has_conflict and not conflict_description.strip():
        raise ValidationError({"conflict_description": _("Describa el conflicto de interés declarado.")})
    member = TeamMember(engagement=engagement, user=user, role=role, peer_comuna=peer_comuna,
                        has_conflict=has_conflict, conflict_description=conflict_description.strip(),
                        conflict_declared_at=timezone.now())
    member.full_clean()
    member.save()
    return member


def conflict_declare(*, acting_user, member: TeamMember, has_conflict: bool, description: str = "") -> TeamMember:
    engagement = access.access_engagement(acting_user, member.engagement_id, client=True)
    if not (is_hub_staff(acting_user) or member.user_id == acting_user.pk):
        raise PermissionDenied(_("Cada integrante declara sus propios conflictos de interés (o el equipo del Hub)."))
    if engagement.status not in (*SCOPING_STATES, S.PROPUESTA_ENVIADA):
        raise ValidationError(_("Los conflictos se declaran antes de aceptar la propuesta."))
    if has_conflict and not description.strip():
        raise ValidationError({"conflict_description": _("Describa el conflicto de interés declarado.")})
    member.has_conflict = has_conflict
    member.conflict_description = description.strip() if has_conflict else ""
    member.conflict_declared_at = timezone.now()
    member.full_clean()
    member.save(update_fields=["has_conflict", "conflict_description", "conflict_declared_at"])
    return member


# --- 4. Proposals ---------------------------------------------------------------------------------------------


def proposal_create(*, acting_user, engagement: Engagement) -> Proposal:
    """A new draft version, copied from the latest one (or empty)."""
    engagement = access.access_engagement(acting_user, engagement.pk, write=True)
    if engagement.status not in (S.EN_ALCANCE, S.PROPUESTA_ENVIADA):
        raise ValidationError(_("Las propuestas se preparan con la asistencia «En alcance» o «Propuesta enviada»."))
    with transaction.atomic():
        Engagement.objects.select_for_update().filter(pk=engagement.pk).first()
        if engagement.proposals.filter(status=ProposalStatus.BORRADOR).exists():
            raise ValidationError(_("Ya hay una versión en borrador: edítela en vez de crear otra."))
        latest = engagement.proposals.order_by("-version").first()
        version = (engagement.proposals.aggregate(v=Max("version"))["v"] or 0) + 1
        proposal = Proposal.objects.create(
            engagement=engagement, version=version, created_by=acting_user,
            scope=latest.scope if latest else engagement.problem[:8000],
            currency=latest.currency if latest else Currency.CLP,
            uf_value=latest.uf_value if latest else None,
            expenses=latest.expenses if latest else 0,
            duration_days=latest.duration_days if latest else 90,
        )
        if latest:
            ProposalLine.objects.bulk_create(
                [ProposalLine(proposal=proposal, role=x.role, days=x.days, day_rate=x.day_rate)
                 for x in latest.lines.all()]
            )
            ScheduleItem.objects.bulk_create(
                [ScheduleItem(proposal=proposal, name=x.name, percentage=x.percentage,
                              due_after_days=x.due_after_days) for x in latest.schedule.all()]
            )
    return proposal


THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(text: str) -> Decimal:
    """Chilean or plain notation: "39.485,65", "39485,65", "39485.65", "1.500.000" and "1500000" all work."""
    text = text.strip().replace(" ", "").replace("$", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif THOUSANDS.match(text):
        text = text.replace(".", "")
    return Decimal(text)


def _decimal(value, label: str, errors: list) -> Decimal | None:
    try:
        number = parse_number(value) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        errors.append(_("«%(l)s» debe ser un número.") % {"l": label})
        return None
    if not number.is_finite():
        errors.append(_("«%(l)s» debe ser un número.") % {"l": label})
        return None
    if number < 0:
        errors.append(_("«%(l)s» no puede ser negativo.") % {"l": label})
        return None
    return number


def schedule_problem(items: list[dict]) -> str:
    if not items:
        return _("Agregue al menos un hito al calendario de pagos.")
    total = sum(int(item["percentage"]) for item in items)
    if total != 100:
        return _("Los porcentajes del calendario de pagos suman %(t)s %%; deben sumar exactamente 100 %%.") % {
            "t": total
        }
    return ""


def proposal_update(*, acting_user, proposal: Proposal, scope: str, currency: str, uf_value=None, expenses=0,
                    duration_days: int = 90, proposal_date: datetime.date | None = None,
                    lines: list[dict], schedule: list[dict]) -> Proposal:
    """Replace a draft's content. Everything is validated first; a refusal saves nothing."""
    proposal = access.access_proposal(acting_user, proposal.pk, write=True)
    if not proposal.is_editable:
        raise ValidationError(_("La versión %(v)s ya fue enviada y no se puede modificar: cree una nueva versión.")
                              % {"v": proposal.version})
    errors: list = []
    if currency not in Currency.values:
        errors.append(_("Elija la moneda: CLP o UF."))
    uf = None
    if currency == Currency.UF:
        uf = _decimal(uf_value, _("valor de la UF"), errors) if uf_value not in (None, "") else None
        if uf is None or uf <= 0:
            errors.append(_("Indique el valor de la UF en la fecha de la propuesta (p. ej. 39.485,65)."))
    expense_amount = _decimal(expenses or 0, _("gastos"), errors) or Decimal(0)
    clean_lines = []
    for n, line in enumerate(lines, start=1):
        role = (line.get("role") or "").strip()
        days = _decimal(line.get("days"), _("días de la línea %(n)s") % {"n": n}, errors)
        rate = _decimal(line.get("day_rate"), _("tarifa de la línea %(n)s") % {"n": n}, errors)
        if not role:
            errors.append(_("Indique el rol de la línea %(n)s.") % {"n": n})
        if days is not None and days <= 0:
            errors.append(_("Los días de la línea %(n)s deben ser más que cero.") % {"n": n})
        if currency == Currency.CLP and rate is not None and rate != rate.to_integral_value():
            errors.append(_("En CLP la tarifa de la línea %(n)s debe ser un número entero de pesos.") % {"n": n})
        line_obj = ProposalLine(proposal=proposal, role=role[:120], days=days or 0, day_rate=rate or 0)
        if role and days and rate is not None:
            try:
                line_obj.full_clean(exclude=["proposal"])
            except ValidationError:
                errors.append(_("Revise la línea %(n)s: hasta 99.999,9 días y una tarifa de hasta 12 cifras.")
                              % {"n": n})
        clean_lines.append(line_obj)
    if currency == Currency.CLP and expense_amount != expense_amount.to_integral_value():
        errors.append(_("En CLP los gastos deben ser un número entero de pesos."))
    clean_schedule = []
    for n, item in enumerate(schedule, start=1):
        name = (item.get("name") or "").strip()
        try:
            pct = int(item.get("percentage"))
            due = int(item.get("due_after_days") or 0)
        except (TypeError, ValueError):
            errors.append(_("El porcentaje y los días del hito %(n)s deben ser números enteros.") % {"n": n})
            continue
        if not name:
            errors.append(_("Indique el nombre del hito %(n)s.") % {"n": n})
        if not 1 <= pct <= 100:
            errors.append(_("El porcentaje del hito %(n)s debe estar entre 1 y 100.") % {"n": n})
        if not 0 <= due <= 3650:
            errors.append(_("Los días del hito %(n)s deben estar entre 0 y 3650.") % {"n": n})
        clean_schedule.append({"name": name[:200], "percentage": pct, "due_after_days": due})
    if not errors:
        problem = schedule_problem(clean_schedule)
        if problem:
            errors.append(problem)
    if errors:
        raise ValidationError(errors)
    proposal.scope = scope.strip()[:8000]
    proposal.currency = currency
    proposal.uf_value = uf
    proposal.expenses = expense_amount
    proposal.duration_days = duration_days
    if proposal_date:
        proposal.proposal_date = proposal_date
    proposal.full_clean()
    with transaction.atomic():
        proposal.save()
        proposal.lines.all().delete()
        proposal.schedule.all().delete()
        ProposalLine.objects.bulk_create(clean_lines)
        ScheduleItem.objects.bulk_create([ScheduleItem(proposal=proposal, **item) for item in clean_schedule])
    return proposal


def proposal_send(*, acting_user, proposal: Proposal) -> Proposal:
    proposal = access.access_proposal(acting_user, proposal.pk, write=True)
    engagement = proposal.engagement
    lines = list(proposal.lines.all())
    if not lines:
        raise ValidationError(_("Agregue al menos una línea de honorarios (rol, días y tarifa) antes de enviar."))
    problem = schedule_problem([{"percentage": s.percentage} for s in proposal.schedule.all()])
    if problem:
        raise ValidationError(problem)
    if proposal.currency == Currency.UF and not proposal.uf_value:
        raise ValidationError(_("Indique el valor de la UF en la fecha de la propuesta antes de enviar."))
    with transaction.atomic():
        if engagement.status == S.EN_ALCANCE:
            transition(engagement, to=S.PROPUESTA_ENVIADA, allowed=ENGAGEMENT_TRANSITIONS, acting_user=acting_user,
                       reason=_("Propuesta v%(v)s enviada") % {"v": proposal.version})
        elif engagement.status != S.PROPUESTA_ENVIADA:
            raise TransitionRefused(_("La asistencia está «%(s)s»: solo se envían propuestas durante el alcance.")
                                    % {"s": engagement.get_status_display()})
        for older in engagement.proposals.filter(status=ProposalStatus.ENVIADA).exclude(pk=proposal.pk):
            transition(older, to=ProposalStatus.REEMPLAZADA, allowed=PROPOSAL_TRANSITIONS, acting_user=acting_user,
                       reason=_("Reemplazada por la versión %(v)s") % {"v": proposal.version})
        proposal.total_clp = proposal.compute_total_clp(lines)
        proposal.sent_at = timezone.now()
        proposal = transition(proposal, to=ProposalStatus.ENVIADA, allowed=PROPOSAL_TRANSITIONS,
                              acting_user=acting_user, extra_update_fields=["total_clp", "sent_at"])
        notify(recipients=client_users(engagement), kind="assistance_proposal_sent",
               title=_("Propuesta de asistencia técnica para revisar: %(t)s") % {"t": engagement.title},
               body=_("Versión %(v)s. Puede aceptarla o rechazarla.") % {"v": proposal.version},
               url=proposal.get_absolute_url())
    return proposal


def _split(total: int, percentages: list[int]) -> list[int]:
    """Integer CLP amounts per percentage that add up exactly to total (the last one takes the rounding)."""
    amounts = [total * p // 100 for p in percentages]
    if amounts:
        amounts[-1] = total - sum(amounts[:-1])
    return amounts


def proposal_accept(*, acting_user, proposal: Proposal) -> Proposal:
    proposal = access.access_proposal(acting_user, proposal.pk)
    engagement = access.access_engagement(acting_user, proposal.engagement_id, decide=True)
    with transaction.atomic():
        proposal = transition(proposal, to=ProposalStatus.ACEPTADA, allowed=PROPOSAL_TRANSITIONS,
                              acting_user=acting_user)
        for other in engagement.proposals.filter(status__in=[ProposalStatus.BORRADOR, ProposalStatus.ENVIADA]):
            transition(other, to=ProposalStatus.REEMPLAZADA, allowed=PROPOSAL_TRANSITIONS, acting_user=acting_user,
                       reason=_("Se aceptó la versión %(v)s") % {"v": proposal.version})
        transition(engagement, to=S.ACEPTADA, allowed=ENGAGEMENT_TRANSITIONS, acting_user=acting_user,
                   reason=_("Propuesta v%(v)s aceptada") % {"v": proposal.version})
        start = timezone.localdate()
        Engagement.objects.filter(pk=engagement.pk).update(
            baseline_fee_clp=proposal.total_clp, baseline_end=start + datetime.timedelta(days=proposal.duration_days)
        )
        items = list(proposal.schedule.all())
        amounts = _split(proposal.total_clp, [i.percentage for i in items])
        Milestone.objects.bulk_create([
            Milestone(engagement=engagement, name=i.name, percentage=i.percentage, amount_clp=amount,
                      due_date=start + datetime.timedelta(days=i.due_after_days))
            for i, amount in zip(items, amounts, strict=True)
        ])
        notify(recipients=staff_users(engagement), kind="assistance_proposal_decided",
               title=_("Propuesta aceptada: %(t)s") % {"t": engagement.title},
               body=_("Vincule el convenio firmado y publicado para iniciar la ejecución."),
               url=engagement.get_absolute_url())
    return proposal


def proposal_reject(*, acting_user, proposal: Proposal, reason: str) -> Proposal:
    proposal = access.access_proposal(acting_user, proposal.pk)
    engagement = access.access_engagement(acting_user, proposal.engagement_id, decide=True)
    if not reason.strip():
        raise ValidationError({"reason": _("Indique por qué rechaza la propuesta.")})
    with transaction.atomic():
        proposal = transition(proposal, to=ProposalStatus.RECHAZADA, allowed=PROPOSAL_TRANSITIONS,
                              acting_user=acting_user, reason=reason)
        transition(engagement, to=S.RECHAZADA, allowed=ENGAGEMENT_TRANSITIONS, acting_user=acting_user,
                   reason=reason)
        notify(recipients=staff_users(engagement), kind="assistance_proposal_decided",
               title=_("Propuesta rechazada: %(t)s") % {"t": engagement.title}, body=reason[:500],
               url=engagement.get_absolute_url())
    return proposal


def agreement_link(*, acting_user, engagement: Engagement, agreement) -> Engagement:
    engagement = access.access_engagement(acting_user, engagement.pk, write=True)
    problem = agreement_problem(engagement, agreement)
    if problem:
        raise ValidationError({"agreement": problem})
    engagement.agreement = agreement
    engagement.save(update_fields=["agreement"])
    return engagement


# --- 5. Execution ---------------------------------------------------------------------------------------------


def pdf_validate(upload) -> None:
    """A deliverable is checked by the platform's one PDF check (hub.core.uploads), under the form's file field."""
    if upload is None:
        raise ValidationError({"file": _("Adjunte el entregable en PDF.")})
    try:
        validate_pdf(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None


def _milestone_for(acting_user, milestone_id: int, *, write=False, client=False, decide=False) -> Milestone:
    milestone = Milestone.objects.select_related("engagement").filter(pk=milestone_id).first()
    if milestone is None:
        from django.http import Http404

        raise Http404(_("No existe ese hito."))
    access.access_engagement(acting_user, milestone.engagement_id, write=write, client=client, decide=decide)
    return milestone


def deliverable_upload(*, acting_user, milestone: Milestone, title: str, upload) -> Deliverable:
    milestone = _milestone_for(acting_user, milestone.pk, write=True)
    if milestone.status in (MilestoneStatus.ACEPTADO, MilestoneStatus.EN_REVISION_CLIENTE):
        raise ValidationError(_("El hito «%(m)s» está «%(s)s»: no se le agregan entregables.")
                              % {"m": milestone.name, "s": milestone.get_status_display()})
    if not title.strip():
        raise ValidationError({"title": _("Indique el título del entregable.")})
    pdf_validate(upload)
    with transaction.atomic():
        deliverable = Deliverable(milestone=milestone, title=title.strip()[:200], uploaded_by=acting_user)
        deliverable.file.save("entregable.pdf", upload, save=False)
        try:
            deliverable.save()
        except Exception:
            deliverable.file.delete(save=False)
            raise
    return deliverable


def milestone_submit(*, acting_user, milestone: Milestone) -> Milestone:
    milestone = _milestone_for(acting_user, milestone.pk, write=True)
    engagement = milestone.engagement
    if engagement.status != S.EN_EJECUCION:
        raise ValidationError(_("Los hitos se envían a revisión con la asistencia «En ejecución»."))
    if not milestone.deliverables.exists():
        raise ValidationError(_("Suba al menos un entregable en PDF antes de enviar el hito a revisión."))
    with transaction.atomic():
        milestone = transition(milestone, to=MilestoneStatus.EN_REVISION_CLIENTE, allowed=MILESTONE_TRANSITIONS,
                               acting_user=acting_user)
        notify(recipients=client_users(engagement), kind="assistance_milestone_review",
               title=_("Hito para revisar: %(m)s") % {"m": milestone.name},
               body=_("Asistencia «%(t)s». Acéptelo u obsérvelo.") % {"t": engagement.title},
               url=engagement.get_absolute_url())
    return milestone


def milestone_review(*, acting_user, milestone: Milestone, accept: bool, observation: str = "") -> Milestone:
    """The client accepts (once: the fee share becomes due and is registered as revenue) or observes."""
    milestone = _milestone_for(acting_user, milestone.pk, decide=True)
    engagement = milestone.engagement
    if not accept:
        if not observation.strip():
            raise ValidationError({"observation": _("Explique qué debe corregirse en el hito.")})
        with transaction.atomic():
            milestone.observation = observation.strip()[:4000]
            milestone = transition(milestone, to=MilestoneStatus.OBSERVADO, allowed=MILESTONE_TRANSITIONS,
                                   acting_user=acting_user, reason=observation[:2000],
                                   extra_update_fields=["observation"])
            notify(recipients=staff_users(engagement), kind="assistance_milestone_decided",
                   title=_("Hito observado: %(m)s") % {"m": milestone.name}, body=observation[:500],
                   url=engagement.get_absolute_url())
        return milestone
    from hub.finance.revenue import register_revenue

    today = timezone.localdate()
    try:
        with transaction.atomic():
            milestone.accepted_at = timezone.now()
            milestone.accepted_by = acting_user
            milestone = transition(milestone, to=MilestoneStatus.ACEPTADO, allowed=MILESTONE_TRANSITIONS,
                                   acting_user=acting_user, extra_update_fields=["accepted_at", "accepted_by"])
            # One payment per milestone, enforced by the database too (a second accept cannot slip through).
            PaymentDue.objects.create(milestone=milestone, amount_clp=milestone.amount_clp, due_on=today)
            register_revenue(
                acting_user=acting_user, source=milestone, line=3, amount_clp=milestone.amount_clp, on=today,
                # One payer: the comuna itself, or the client organisation when there is no comuna.
                client_comuna=engagement.comuna,
                client_organization=None if engagement.comuna_id else client_organization_for(engagement),
                agreement=engagement.agreement,
                description=_("Asistencia técnica «%(t)s», hito «%(m)s» (%(p)s %%)")
                % {"t": engagement.title, "m": milestone.name, "p": milestone.percentage},
            )
            notify(recipients=staff_users(engagement), kind="assistance_milestone_decided",
                   title=_("Hito aceptado: %(m)s") % {"m": milestone.name},
                   body=_("Queda exigible el %(p)s %% del honorario.") % {"p": milestone.percentage},
                   url=engagement.get_absolute_url())
    except IntegrityError as exc:
        raise TransitionRefused(_("El hito «%(m)s» ya fue aceptado: no se acepta dos veces.")
                                % {"m": milestone.name}) from exc
    return milestone


def scope_change_request(*, acting_user, engagement: Engagement, justification: str, delta_fee_clp: int,
                         delta_days: int) -> ScopeChange:
    engagement = access.access_engagement(acting_user, engagement.pk, client=True)
    if engagement.status not in (S.ACEPTADA, S.EN_EJECUCION):
        raise ValidationError(_("Los cambios de alcance se piden con la propuesta aceptada o en ejecución."))
    if not justification.strip():
        raise ValidationError({"justification": _("Explique el cambio de alcance que solicita.")})
    if (engagement.baseline_fee_clp or 0) + delta_fee_clp < 0:
        raise ValidationError({"delta_fee_clp": _("El honorario resultante no puede ser negativo.")})
    change = ScopeChange(engagement=engagement, justification=justification.strip(), delta_fee_clp=delta_fee_clp,
                         delta_days=delta_days, requested_by=acting_user)
    change.full_clean()
    with transaction.atomic():
        change.save()
        others = client_users(engagement) if is_hub_staff(acting_user) else staff_users(engagement)
        notify(recipients=others, kind="assistance_scope_change",
               title=_("Cambio de alcance por decidir: %(t)s") % {"t": engagement.title},
               body=justification[:500], url=engagement.get_absolute_url())
    return change


def scope_change_decide(*, acting_user, change: ScopeChange, approve: bool) -> ScopeChange:
    """Only an approved change moves the baseline (fee, end date, the unaccepted milestones' amounts)."""
    engagement = access.access_engagement(acting_user, change.engagement_id, client=True)
    if not access.can_decide_scope_change(acting_user, change):
        raise PermissionDenied(_("Quien pidió el cambio no lo aprueba: lo decide la otra parte."))
    to = ScopeChangeStatus.APROBADO if approve else ScopeChangeStatus.RECHAZADO
    with transaction.atomic():
        change = transition(change, to=to, allowed=SCOPE_CHANGE_TRANSITIONS, acting_user=acting_user)
        if approve:
            locked = Engagement.objects.select_for_update().get(pk=engagement.pk)
            locked.baseline_fee_clp = (locked.baseline_fee_clp or 0) + change.delta_fee_clp
            if locked.baseline_end:
                locked.baseline_end += datetime.timedelta(days=change.delta_days)
            locked.save(update_fields=["baseline_fee_clp", "baseline_end"])
            milestones = list(locked.milestones.all())
            open_ms = [m for m in milestones if m.status != MilestoneStatus.ACEPTADO]
            accepted = sum(m.amount_clp for m in milestones if m.status == MilestoneStatus.ACEPTADO)
            open_pct = sum(m.percentage for m in open_ms)
            if open_ms and open_pct:
                rest = max(locked.baseline_fee_clp - accepted, 0)
                amounts = [rest * m.percentage // open_pct for m in open_ms]
                amounts[-1] = rest - sum(amounts[:-1])
                for m, amount in zip(open_ms, amounts, strict=True):
                    m.amount_clp = amount
                    if change.delta_days:
                        m.due_date += datetime.timedelta(days=change.delta_days)
                Milestone.objects.bulk_update(open_ms, ["amount_clp", "due_date"])
    return change


# --- 6. Report and recommendations ----------------------------------------------------------------------------


def report_update(*, acting_user, engagement: Engagement, summary: str) -> Engagement:
    engagement = access.access_engagement(acting_user, engagement.pk, write=True)
    if engagement.status not in (S.EN_EJECUCION, S.INFORME_BORRADOR):
        raise ValidationError(_("El informe se redacta en ejecución o en borrador; el informe final no se edita."))
    engagement.report_summary = summary.strip()[:8000]
    engagement.full_clean()
    engagement.save(update_fields=["report_summary"])
    return engagement


def latest_observation(indicator, comuna_cut: str):
    from hub.observatory.models import Observation

    return (Observation.objects.filter(indicator=indicator, comuna_id=comuna_cut, dimension="")
            .order_by("-period").only("value", "period").first())


def recommendation_add(*, acting_user, engagement: Engagement, text: str, owner: str, due_date: datetime.date,
                       priority: str = "media", indicator=None) -> Recommendation:
    engagement = access.access_engagement(acting_user, engagement.pk, write=True)
    if engagement.status not in (S.EN_EJECUCION, S.INFORME_BORRADOR):
        raise ValidationError(_("Las recomendaciones se agregan al informe en borrador."))
    rec = Recommendation(engagement=engagement, text=text.strip(), owner=owner.strip(), due_date=due_date,
                         priority=priority, indicator=indicator)
    if indicator is not None:
        if not engagement.comuna_id:
            raise ValidationError({"indicator": _("Solo se vinculan indicadores cuando el cliente es una comuna.")})
        observation = latest_observation(indicator, engagement.comuna_id)
        if observation is None:
            raise ValidationError({"indicator": _(
                "El observatorio no tiene datos de «%(i)s» para %(c)s: no hay línea base. Elija otro indicador "
                "o deje la recomendación sin indicador."
            ) % {"i": indicator.name_es, "c": engagement.comuna}})
        rec.baseline_value = observation.value
        rec.baseline_period = observation.period
    rec.full_clean()
    rec.save()
    return rec


def recommendation_update_add(*, acting_user, recommendation: Recommendation, kind: str, note: str = "",
                              progress: int = 0, on: datetime.date | None = None) -> RecommendationUpdate:
    engagement = access.access_engagement(acting_user, recommendation.engagement_id, client=True)
    if engagement.status not in (S.INFORME_FINAL, S.EN_SEGUIMIENTO):
        raise ValidationError(_("El avance de las recomendaciones se registra después del informe final."))
    if kind in (UpdateKind.NO_SE_IMPLEMENTARA, UpdateKind.NO_APLICA) and not note.strip():
        raise ValidationError({"note": _("Indique el motivo.")})
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("La fecha de la actualización no puede ser futura.")})
    if kind == UpdateKind.IMPLEMENTADA:
        progress = 100
    update = RecommendationUpdate(recommendation=recommendation, kind=kind, note=note.strip(), progress=progress,
                                  on=on, author=acting_user)
    update.full_clean()
    update.save()
    return update


def report_publish(*, acting_user, engagement: Engagement, publish: bool) -> Engagement:
    engagement = access.access_engagement(acting_user, engagement.pk, decide=True)
    if engagement.status not in access.PUBLISHABLE_STATES:
        raise ValidationError(_("Solo se publica el informe final."))
    engagement.report_published = publish
    engagement.save(update_fields=["report_published"])
    return engagement


# --- 7. Follow-up ---------------------------------------------------------------------------------------------


def review_record(*, acting_user, engagement: Engagement, held_on: datetime.date, summary: str) -> FollowUpReview:
    engagement = access.access_engagement(acting_user, engagement.pk, write=True)
    if engagement.status != S.EN_SEGUIMIENTO:
        raise ValidationError(_("La revisión de avance se registra con la asistencia «En seguimiento»."))
    if not summary.strip():
        raise ValidationError({"summary": _("Escriba las conclusiones de la revisión.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("La fecha de la revisión no puede ser futura.")})
    from .selectors import recommendation_rows

    snapshot = [
        {"id": r["obj"].pk, "status": r["status"], "progress": r["progress"], "current_value": r["current_value"],
         "current_period": r["current_period"], "baseline_value": r["obj"].baseline_value}
        for r in recommendation_rows(engagement)
    ]
    review = FollowUpReview(engagement=engagement, held_on=held_on, summary=summary.strip(), snapshot=snapshot,
                            created_by=acting_user)
    review.full_clean()
    review.save()
    return review


def survey_submit(*, acting_user, engagement: Engagement, satisfaction, would_recommend: bool | None,
                  comment: str = "") -> Engagement:
    engagement = access.access_engagement(acting_user, engagement.pk, decide=True)
    if engagement.status != S.EN_SEGUIMIENTO:
        raise ValidationError(_("La encuesta de satisfacción se responde al cierre, durante el seguimiento."))
    try:
        score = int(satisfaction)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 7:
        raise ValidationError({"satisfaction": _("Elija una nota de 1 a 7.")})
    engagement.satisfaction = score
    engagement.would_recommend = would_recommend
    engagement.satisfaction_comment = comment.strip()[:2000]
    engagement.save(update_fields=["satisfaction", "would_recommend", "satisfaction_comment"])
    return engagement
