"""Attendance rate, weighted grades on 1.0–7.0, the versioned declarative rule, at-risk learners, closing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hub.training import services, services_certificates
from hub.training.completion import attendance_rate, evaluate, final_grade, validate_rule
from hub.training.models import DEFAULT_RULE, EnrolmentStatus

from .factories import make_session, running_cohort_with_learners


def test_attendance_counts_late_as_half_and_leaves_excused_sessions_out():
    marks = [("presente", 120), ("atrasado", 120), ("ausente", 60), ("justificado", 240)]
    # credited 120 + 60 = 180 over scheduled 300 (the excused 240 are not scheduled for this person)
    assert attendance_rate(marks) == Decimal(180) / Decimal(300)


def test_attendance_is_unknown_when_only_excused_sessions_were_recorded():
    assert attendance_rate([("justificado", 90)]) is None


def test_final_grade_is_the_weighted_mean_rounded_half_up():
    assert final_grade([(Decimal("4.0"), 40), (Decimal("6.0"), 60)]) == Decimal("5.2")
    assert final_grade([(Decimal("3.95"), 1)]) == Decimal("4.0")
    assert final_grade([]) is None


def test_rule_gives_approval_participation_or_not_completed():
    rule = validate_rule(DEFAULT_RULE)
    full = [("presente", 60)] * 4
    assert evaluate(rule, marks=full, grades=[(Decimal("5.0"), 100)]).outcome == "aprobada"
    assert evaluate(rule, marks=full, grades=[(Decimal("3.0"), 100)]).outcome == "participo"
    assert evaluate(rule, marks=full, grades=[]).outcome == "participo"
    low = [("presente", 60), ("ausente", 60), ("ausente", 60), ("presente", 60)]
    assert evaluate(rule, marks=low, grades=[(Decimal("7.0"), 100)]).outcome == "no_completo"


def test_a_badly_written_rule_is_refused_in_spanish():
    with pytest.raises(ValidationError, match="entre 1,0 y 7,0"):
        validate_rule({"approval": {"min_attendance_pct": 75, "min_grade": "8"}})
    with pytest.raises(ValidationError, match="al menos una cláusula"):
        validate_rule({"late_credit_pct": 50})


@pytest.mark.django_db
def test_changing_the_rule_adds_a_version_and_closing_uses_the_latest():
    cohort, (good, weak), staff = running_cohort_with_learners(2)
    services.cohort_set_rule(acting_user=staff, cohort=cohort,
                             rule={"approval": {"min_attendance_pct": 50, "min_grade": "4.0"},
                                   "participation": {"min_attendance_pct": 50}})
    assert list(cohort.rules.values_list("version", flat=True)) == [2, 1]
    s1, s2 = cohort.sessions.all()
    services.attendance_record(acting_user=staff, session=s1, marks={good.pk: "presente", weak.pk: "presente"})
    services.attendance_record(acting_user=staff, session=s2, marks={good.pk: "presente", weak.pk: "ausente"})
    assessment = services.assessment_add(acting_user=staff, cohort=cohort, title="Prueba", weight=100)
    services.grades_record(acting_user=staff, assessment=assessment, grades={good.pk: "5,5", weak.pk: "3,9"})
    issued = services_certificates.cohort_close(acting_user=staff, cohort=cohort)
    good.refresh_from_db()
    weak.refresh_from_db()
    assert good.status == EnrolmentStatus.APROBADA and good.outcome["rule_version"] == 2
    assert weak.status == EnrolmentStatus.PARTICIPO and weak.outcome["attendance_pct"] == "50.0"
    assert sorted(c.kind for c in issued) == ["aprobacion", "participacion"]


@pytest.mark.django_db
def test_nobody_below_the_rule_gets_a_certificate():
    cohort, (absent,), staff = running_cohort_with_learners(1)
    for s in cohort.sessions.all():
        services.attendance_record(acting_user=staff, session=s, marks={absent.pk: "ausente"})
    assert services_certificates.cohort_close(acting_user=staff, cohort=cohort) == []
    absent.refresh_from_db()
    assert absent.status == EnrolmentStatus.NO_COMPLETO


@pytest.mark.django_db
def test_grades_outside_the_chilean_scale_save_nothing():
    cohort, (a, b), staff = running_cohort_with_learners(2)
    assessment = services.assessment_add(acting_user=staff, cohort=cohort, title="Prueba", weight=50)
    with pytest.raises(ValidationError, match="fuera de la escala"):
        services.grades_record(acting_user=staff, assessment=assessment, grades={a.pk: "6,0", b.pk: "7,5"})
    assert not assessment.grades.exists()


@pytest.mark.django_db
def test_dashboard_flags_a_learner_trending_below_the_rule(client):
    cohort, (good, weak), staff = running_cohort_with_learners(2)
    make_session(cohort, day=5)
    s1 = cohort.sessions.first()
    services.attendance_record(acting_user=staff, session=s1, marks={good.pk: "presente", weak.pk: "ausente"})
    client.force_login(staff)
    html = client.get(f"/formacion/gestion/versiones/{cohort.pk}/").content.decode()
    at_risk = html.split("En riesgo", 1)[1].split("Participantes", 1)[0]
    assert weak.user.get_full_name() in at_risk
    assert good.user.get_full_name() not in at_risk


@pytest.mark.django_db
def test_attendance_page_saves_marks_through_http(client):
    cohort, (learner,), staff = running_cohort_with_learners(1)
    session = cohort.sessions.first()
    client.force_login(staff)
    response = client.post(f"/formacion/gestion/sesiones/{session.pk}/asistencia/", {f"mark-{learner.pk}": "atrasado"})
    assert response.status_code == 302
    assert session.attendance.get().mark == "atrasado"
