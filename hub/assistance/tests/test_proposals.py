"""Proposals: fee arithmetic in integer CLP (and UF), the 100 % schedule, immutability, supersession, the
agreement that must exist before execution."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hub.assistance import services
from hub.assistance.models import Engagement, Milestone, Proposal
from hub.core.transitions import TransitionRefused

from .factories import make_agreement, make_engagement, make_proposal, municipality

pytestmark = pytest.mark.django_db

LINES = [{"role": "Jefatura", "days": "5", "day_rate": "400000"}, {"role": "Especialista", "days": "12,5",
                                                                  "day_rate": "300000"}]
SCHEDULE = [{"name": "Inicio", "percentage": "30", "due_after_days": "0"},
            {"name": "Diagnóstico", "percentage": "40", "due_after_days": "45"},
            {"name": "Informe", "percentage": "30", "due_after_days": "90"}]


def _draft(staff_user):
    engagement = make_engagement(status="en_alcance")
    return services.proposal_create(acting_user=staff_user, engagement=engagement)


def _fill(staff_user, proposal, **kw):
    args = {"scope": "Diagnóstico y plan", "currency": "CLP", "expenses": "250000", "lines": LINES,
            "schedule": SCHEDULE, **kw}
    return services.proposal_update(acting_user=staff_user, proposal=proposal, **args)


def test_fee_is_role_days_times_day_rate_plus_expenses_in_integer_clp(staff_user):
    proposal = _fill(staff_user, _draft(staff_user))
    assert proposal.compute_total_clp() == 5 * 400_000 + 12.5 * 300_000 + 250_000 == 6_000_000
    sent = services.proposal_send(acting_user=staff_user, proposal=proposal)
    assert sent.total_clp == 6_000_000 and isinstance(sent.total_clp, int)


def test_uf_proposal_fixes_the_uf_value_and_rounds_to_the_peso(staff_user):
    lines = [{"role": "Especialista", "days": "3", "day_rate": "10,5"}]
    proposal = _fill(staff_user, _draft(staff_user), currency="UF", uf_value="39485,65", expenses="1,25",
                     lines=lines)
    assert proposal.uf_value == Decimal("39485.65")
    # (3 × 10.5 + 1.25) UF × 39 485.65 = 1 293 155.0375 → 1 293 155 CLP
    assert proposal.compute_total_clp() == 1_293_155


def test_uf_proposal_without_uf_value_is_refused(staff_user):
    proposal = _draft(staff_user)
    with pytest.raises(ValidationError) as exc:
        _fill(staff_user, proposal, currency="UF", uf_value="")
    assert "valor de la UF" in str(exc.value)


def test_schedule_that_does_not_add_up_to_100_is_refused_and_nothing_saved(login, staff_user):
    proposal = _fill(staff_user, _draft(staff_user))
    before = list(proposal.schedule.values_list("name", "percentage"))
    bad = {"scope": "Otro alcance", "proposal_date": "2026-11-30", "currency": "CLP", "expenses": "0",
           "duration_days": "90", "line-0-role": "Jefatura", "line-0-days": "5", "line-0-day_rate": "400000",
           "ms-0-name": "Inicio", "ms-0-percentage": "60", "ms-0-due_after_days": "0",
           "ms-1-name": "Fin", "ms-1-percentage": "30", "ms-1-due_after_days": "60"}
    response = login(staff_user).post(f"/asistencia/propuestas/{proposal.pk}/editar/", bad)
    assert response.status_code == 200
    assert "suman 90 %; deben sumar exactamente 100 %" in response.text
    proposal.refresh_from_db()
    assert proposal.scope == "Diagnóstico y plan"
    assert list(proposal.schedule.values_list("name", "percentage")) == before
    assert proposal.lines.count() == 2


def test_sent_proposal_is_immutable(staff_user):
    proposal = services.proposal_send(acting_user=staff_user, proposal=_fill(staff_user, _draft(staff_user)))
    with pytest.raises(ValidationError) as exc:
        _fill(staff_user, proposal, expenses="0")
    assert "ya fue enviada" in str(exc.value)
    proposal.refresh_from_db()
    assert proposal.expenses == 250_000 and proposal.total_clp == 6_000_000


def test_sending_moves_the_engagement_and_notifies_the_client(staff_user, official_a):
    proposal = services.proposal_send(acting_user=staff_user, proposal=_fill(staff_user, _draft(staff_user)))
    assert Engagement.objects.get(pk=proposal.engagement_id).status == "propuesta_enviada"
    assert official_a.notifications.filter(kind="assistance_proposal_sent", url=proposal.get_absolute_url()).exists()


def test_client_does_not_see_drafts(login, staff_user, official_a):
    proposal = _draft(staff_user)
    assert login(official_a).get(proposal.get_absolute_url()).status_code == 404


def test_new_version_supersedes_the_sent_one_and_accepting_marks_all_others_superseded(staff_user, official_a):
    v1 = services.proposal_send(acting_user=staff_user, proposal=_fill(staff_user, _draft(staff_user)))
    v2 = services.proposal_create(acting_user=staff_user, engagement=v1.engagement)
    assert v2.version == 2 and v2.lines.count() == 2  # copied from v1
    v2 = services.proposal_send(acting_user=staff_user, proposal=v2)
    v3 = services.proposal_create(acting_user=staff_user, engagement=v1.engagement)
    services.proposal_accept(acting_user=official_a, proposal=v2)
    states = dict(Proposal.objects.values_list("version", "status"))
    assert states == {1: "reemplazada", 2: "aceptada", 3: "reemplazada"}
    with pytest.raises(TransitionRefused):
        services.proposal_accept(acting_user=official_a, proposal=v3)
    engagement = Engagement.objects.get(pk=v1.engagement_id)
    assert engagement.status == "aceptada" and engagement.baseline_fee_clp == 6_000_000
    milestones = list(Milestone.objects.filter(engagement=engagement))
    assert [m.percentage for m in milestones] == [30, 40, 30]
    assert sum(m.amount_clp for m in milestones) == 6_000_000


def test_milestone_amounts_always_add_up_to_the_total():
    assert services._split(1_000_001, [33, 33, 34]) == [330_000, 330_000, 340_001]
    assert sum(services._split(999_999, [33, 33, 34])) == 999_999


def test_accepting_twice_is_refused_and_changes_nothing(staff_user, official_a):
    proposal = services.proposal_send(acting_user=staff_user, proposal=_fill(staff_user, _draft(staff_user)))
    services.proposal_accept(acting_user=official_a, proposal=proposal)
    with pytest.raises(TransitionRefused):
        services.proposal_accept(acting_user=official_a, proposal=proposal)
    assert Milestone.objects.count() == 3


def test_reject_needs_a_reason(staff_user, official_a):
    proposal = services.proposal_send(acting_user=staff_user, proposal=_fill(staff_user, _draft(staff_user)))
    with pytest.raises(ValidationError):
        services.proposal_reject(acting_user=official_a, proposal=proposal, reason=" ")
    proposal.refresh_from_db()
    assert proposal.status == "enviada"
    services.proposal_reject(acting_user=official_a, proposal=proposal, reason="Presupuesto insuficiente")
    assert Engagement.objects.get(pk=proposal.engagement_id).status == "rechazada"


def _accepted(staff_user, official_a):
    engagement = make_engagement(status="propuesta_enviada")
    proposal = make_proposal(engagement)
    services.proposal_accept(acting_user=official_a, proposal=proposal)
    engagement.refresh_from_db()
    return engagement


def test_execution_refuses_without_agreement_and_says_which_one_is_missing(login, staff_user, official_a):
    engagement = _accepted(staff_user, official_a)
    municipality()
    response = login(staff_user).post(f"/asistencia/{engagement.pk}/estado/", {"to": "en_ejecucion"}, follow=True)
    assert "Falta el convenio firmado y publicado entre el Hub y Municipalidad 13120" in response.text
    engagement.refresh_from_db()
    assert engagement.status == "aceptada"


def test_execution_refuses_a_draft_agreement_or_one_without_the_client(staff_user, official_a):
    engagement = _accepted(staff_user, official_a)
    org = municipality()
    draft = make_agreement(party=org, status="borrador")
    with pytest.raises(ValidationError) as exc:
        services.agreement_link(acting_user=staff_user, engagement=engagement, agreement=draft)
    assert "debe estar firmado y publicado" in str(exc.value)
    foreign = make_agreement(party=None)
    with pytest.raises(ValidationError) as exc:
        services.agreement_link(acting_user=staff_user, engagement=engagement, agreement=foreign)
    assert "no tiene a Municipalidad 13120 como parte" in str(exc.value)
    # A linked agreement terminated later is caught by the transition itself.
    good = make_agreement(party=org)
    services.agreement_link(acting_user=staff_user, engagement=engagement, agreement=good)
    type(good).objects.filter(pk=good.pk).update(status="terminado")
    with pytest.raises(TransitionRefused) as exc:
        services.engagement_transition(acting_user=staff_user, engagement=engagement, to="en_ejecucion")
    assert "Terminado anticipadamente" in str(exc.value)
    engagement.refresh_from_db()
    assert engagement.status == "aceptada"


def test_execution_starts_with_a_signed_published_agreement_with_the_client(staff_user, official_a):
    engagement = _accepted(staff_user, official_a)
    services.agreement_link(acting_user=staff_user, engagement=engagement,
                            agreement=make_agreement(party=municipality()))
    services.engagement_transition(acting_user=staff_user, engagement=engagement, to="en_ejecucion")
    engagement.refresh_from_db()
    assert engagement.status == "en_ejecucion"



@pytest.mark.parametrize(("text", "value"), [("39.485,65", "39485.65"), ("39485,65", "39485.65"),
                                             ("39485.65", "39485.65"), ("1.500.000", "1500000"),
                                             ("1500000", "1500000"), ("$ 250.000", "250000")])
def test_amounts_are_read_in_chilean_or_plain_notation(text, value):
    assert services.parse_number(text) == Decimal(value)


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity", "-5"])
def test_non_numbers_and_negatives_are_refused_with_a_message(staff_user, bad):
    proposal = _draft(staff_user)
    with pytest.raises(ValidationError) as exc:
        _fill(staff_user, proposal, expenses=bad)
    assert "gastos" in str(exc.value)
    assert proposal.lines.count() == 0


def test_staff_chooses_comuna_or_organisation_not_both(staff_user, partner_org, comuna_a):
    from .test_engagements import REQUEST

    with pytest.raises(ValidationError):
        services.request_create(acting_user=staff_user, comuna=comuna_a, client_organization=partner_org,
                                data=REQUEST)
    assert not Engagement.objects.exists()


def test_oversized_numbers_are_a_message_not_a_database_error(staff_user):
    proposal = _draft(staff_user)
    with pytest.raises(ValidationError) as exc:
        _fill(staff_user, proposal, lines=[{"role": "Especialista", "days": "5", "day_rate": "9" * 20}])
    assert "línea 1" in str(exc.value)
    with pytest.raises(ValidationError):
        _fill(staff_user, proposal, schedule=[{"name": "Todo", "percentage": "100", "due_after_days": "99999"}])
    with pytest.raises(ValidationError):
        _fill(staff_user, proposal, expenses="9" * 20)
    assert proposal.lines.count() == 0 and proposal.schedule.count() == 0
