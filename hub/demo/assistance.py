"""Demo asistencia técnica: three engagements walked through the real services (so the state log is real).

1. Ñuñoa · capital humano: in scoping (self-assessment answered, team proposed, a draft proposal).
2. Ñuñoa · digital: executing under a demo agreement, first milestone accepted (its fee share due).
3. Temuco · seguridad: in follow-up, report published, two recommendations linked to observatory indicators
   of Temuco when the observatory is loaded (``load_open_data``); without observations they stay unlinked.

Everything is fictitious and marked is_demo ("Demo" on screen). The follow-up engagement's final report is
dated five months back so its six-month review is near. Idempotent: looked up by title before creating.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from hub.accounts.models import User
from hub.assistance import services
from hub.assistance.models import Engagement, Proposal, add_months
from hub.assistance.questionnaire import questions_for
from hub.core.pdf import make_pdf
from hub.partners import services as partner_services
from hub.partners.models import Agreement, AgreementStatus, Organization
from hub.territory.models import Comuna

NOTE = "Documento de demostración, sin valor legal."
LINES = [
    {"role": "Jefatura de proyecto", "days": "6", "day_rate": "420000"},
    {"role": "Especialista", "days": "15", "day_rate": "320000"},
]
SCHEDULE = [
    {"name": "Plan de trabajo", "percentage": "30", "due_after_days": "15"},
    {"name": "Diagnóstico", "percentage": "40", "due_after_days": "60"},
    {"name": "Informe final", "percentage": "30", "due_after_days": "110"},
]


def _pdf(title: str) -> ContentFile:
    return ContentFile(make_pdf(title, NOTE), name="entregable.pdf")


def _answers(challenge: str) -> dict:
    return {
        key: (2 + (i % 3) if kind == "scale" else "Demo: respuesta de ejemplo del municipio.")
        for i, (key, _text, kind) in enumerate(questions_for(challenge))
    }


def _request(official, cut: str, title: str, challenge: str, problem: str) -> Engagement:
    engagement = services.request_create(
        acting_user=official,
        comuna=Comuna.objects.get(cut=cut),
        is_demo=True,
        data={
            "title": title,
            "problem": problem,
            "challenge": challenge,
            "work_line": "asistencia",
            "contact_name": f"{official.first_name} {official.last_name}",
            "contact_email": f"{official.username}@demo.hub.cl",
            "desired_start": timezone.localdate() + datetime.timedelta(days=30),
        },
    )
    return engagement


def _scope(staff, official, engagement: Engagement) -> Proposal:
    services.engagement_transition(
        acting_user=staff,
        engagement=engagement,
        to="en_alcance",
        reason="Reunión de alcance con la dirección municipal",
    )
    services.self_assessment_save(acting_user=official, engagement=engagement, answers=_answers(engagement.challenge))
    services.team_member_add(acting_user=staff, engagement=engagement, user=staff, role="jefatura")
    proposal = services.proposal_create(acting_user=staff, engagement=engagement)
    return services.proposal_update(
        acting_user=staff,
        proposal=proposal,
        scope=f"Demo. {engagement.problem}",
        currency="CLP",
        expenses="450000",
        duration_days=120,
        lines=LINES,
        schedule=SCHEDULE,
    )


def _agreement(client_org: Organization, title: str, staff) -> Agreement:
    agreement = Agreement.objects.filter(title=title).first()
    if agreement is not None:
        return agreement
    today = timezone.localdate()
    hub = Organization.objects.filter(short_name="AMUCH").first()
    agreement = partner_services.agreement_create(
        acting_user=staff,
        title=title,
        purpose="Asistencia técnica directa del Hub a la municipalidad (demostración).",
        start_date=today - datetime.timedelta(days=200),
        end_date=today + datetime.timedelta(days=500),
        is_demo=True,
    )
    partner_services.agreement_party_add(
        acting_user=staff, agreement=agreement, organization=client_org, role="contraparte"
    )
    if hub is not None:
        partner_services.agreement_party_add(acting_user=staff, agreement=agreement, organization=hub, role="ejecutor")
    partner_services.agreement_sign(
        acting_user=staff,
        agreement=agreement,
        document=ContentFile(make_pdf(title, NOTE), name="c.pdf"),
        signed_on=today - datetime.timedelta(days=200),
    )
    partner_services.agreement_activate(acting_user=staff, agreement=agreement)
    return agreement


def _execute(staff, official, engagement: Engagement, proposal: Proposal, agreement_title: str) -> list:
    proposal = services.proposal_send(acting_user=staff, proposal=proposal)
    services.proposal_accept(acting_user=official, proposal=proposal)
    client_org = services.client_organization_for(engagement)
    if client_org is None:  # the partners demo did not run: nothing to sign with
        return []
    agreement = _agreement(client_org, agreement_title, staff)
    if agreement.status not in (AgreementStatus.FIRMADO, AgreementStatus.VIGENTE):
        return []
    services.agreement_link(acting_user=staff, engagement=engagement, agreement=agreement)
    services.engagement_transition(
        acting_user=staff, engagement=engagement, to="en_ejecucion", reason="Convenio vigente vinculado"
    )
    return list(engagement.milestones.all())


def _accept(staff, official, milestone) -> None:
    services.deliverable_upload(
        acting_user=staff, milestone=milestone, title=f"{milestone.name} (Demo)", upload=_pdf(milestone.name)
    )
    services.milestone_submit(acting_user=staff, milestone=milestone)
    services.milestone_review(acting_user=official, milestone=milestone, accept=True)


def _indicators(cut: str, theme: str, count: int = 2, prefer=()) -> list:
    """Public indicators with data for the comuna: preferred codes, then the theme's (none if not loaded)."""
    from hub.observatory.models import Indicator

    with_data = Indicator.objects.filter(
        is_public=True, observations__comuna_id=cut, observations__dimension=""
    ).distinct()
    by_code = {i.code: i for i in with_data.filter(code__in=prefer)}
    chosen = [by_code[c] for c in prefer if c in by_code][:count]
    chosen += list(
        with_data.filter(theme=theme).exclude(pk__in=[i.pk for i in chosen]).order_by("code")[: count - len(chosen)]
    )
    if len(chosen) < count:
        chosen += list(with_data.exclude(pk__in=[i.pk for i in chosen]).order_by("code")[: count - len(chosen)])
    return chosen


def load(stdout) -> None:
    staff = User.objects.filter(username="equipo").first()
    nunoa = User.objects.filter(username="funcionaria.nunoa").first()
    temuco = User.objects.filter(username="funcionario.temuco").first()
    if not (staff and nunoa and temuco):
        stdout.write("assistance: faltan las cuentas demo; ejecute primero el demo de cuentas.")
        return
    today = timezone.localdate()

    title = "Perfiles de cargo y plan de capacitación municipal (Demo)"
    if not Engagement.objects.filter(title=title).exists():
        e = _request(
            nunoa,
            "13120",
            title,
            "capital_humano",
            "Los perfiles de cargo tienen diez años y la capacitación no responde a brechas medidas.",
        )
        _scope(staff, nunoa, e)

    title = "Ventanilla digital de permisos de edificación (Demo)"
    if not Engagement.objects.filter(title=title).exists():
        e = _request(
            nunoa,
            "13120",
            title,
            "digital",
            "Los permisos de edificación tardan en promedio 90 días y se tramitan en papel.",
        )
        proposal = _scope(staff, nunoa, e)
        milestones = _execute(staff, nunoa, e, proposal, "Asistencia técnica Hub–Ñuñoa: gobierno digital (Demo)")
        if milestones:
            _accept(staff, nunoa, milestones[0])

    title = "Plan comunal de seguridad con metas medibles (Demo)"
    if not Engagement.objects.filter(title=title).exists():
        e = _request(
            temuco,
            "09101",
            title,
            "seguridad",
            "El plan comunal de seguridad pública venció y no tiene metas medibles ni datos por barrio.",
        )
        proposal = _scope(staff, temuco, e)
        milestones = _execute(staff, temuco, e, proposal, "Asistencia técnica Hub–Temuco: seguridad (Demo)")
        if milestones:
            for m in milestones:
                _accept(staff, temuco, m)
            services.engagement_transition(acting_user=staff, engagement=e, to="informe_borrador")
            services.report_update(
                acting_user=staff,
                engagement=e,
                summary=(
                    "Demo. El nuevo plan debe fijar metas por barrio con los casos policiales del CEAD, "
                    "focalizar la prevención situacional y dar al consejo comunal un tablero trimestral."
                ),
            )
            indicators = _indicators("09101", "seguridad", prefer=["tasa_casos_policiales", "casos_policiales"])
            specs = [
                (
                    "Fijar metas anuales de la tasa de casos policiales por barrio en el plan comunal.",
                    "Dirección de Seguridad Pública",
                    -20,
                    "implementada",
                ),
                (
                    "Focalizar la prevención situacional en los cinco barrios con más casos.",
                    "Dirección de Seguridad Pública",
                    -10,
                    "avance",
                ),
                (
                    "Presentar un tablero trimestral al consejo comunal de seguridad pública.",
                    "Secretaría Municipal",
                    120,
                    None,
                ),
            ]
            recs = []
            for i, (text, owner, due, _update) in enumerate(specs):
                recs.append(
                    services.recommendation_add(
                        acting_user=staff,
                        engagement=e,
                        text=text,
                        owner=owner,
                        priority="alta" if i == 0 else "media",
                        due_date=today + datetime.timedelta(days=due),
                        indicator=indicators[i] if i < len(indicators) else None,
                    )
                )
            if not indicators:
                stdout.write(
                    "assistance: el observatorio no tiene datos de Temuco; recomendaciones sin indicador "
                    "(ejecute load_open_data y vuelva a cargar el demo para vincularlas)."
                )
            services.engagement_transition(acting_user=staff, engagement=e, to="informe_final")
            # Demo only: the final report is dated five months back so the six-month review is near.
            Engagement.objects.filter(pk=e.pk).update(final_report_on=add_months(today, -5))
            e.refresh_from_db()
            services.engagement_transition(acting_user=staff, engagement=e, to="en_seguimiento")
            for rec, (_t, _o, _d, update) in zip(recs, specs, strict=True):
                if update == "implementada":
                    services.recommendation_update_add(
                        acting_user=temuco, recommendation=rec, kind="implementada", note="Ordenanza publicada (Demo)."
                    )
                elif update == "avance":
                    services.recommendation_update_add(
                        acting_user=temuco,
                        recommendation=rec,
                        kind="avance",
                        progress=40,
                        note="Dos de cinco puntos instalados (Demo).",
                    )
            services.report_publish(acting_user=temuco, engagement=e, publish=True)
    stdout.write("assistance: demo de asistencia técnica cargado.")
