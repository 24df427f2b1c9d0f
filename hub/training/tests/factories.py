"""Builders for training tests and the route matrix. Objects belong to Ñuñoa (comuna A) unless told."""

import datetime
import itertools

from django.utils import timezone

from hub.accounts.models import Role, User
from hub.training.models import DEFAULT_RULE, Cohort, CohortStatus, CompletionRule, Programme, Session

COMUNA_A = "13120"
COMUNA_B = "09101"
_seq = itertools.count(1)


def make_staff():
    user, _ = User.objects.get_or_create(username="factory-staff", defaults={"role": Role.HUB_STAFF})
    return user


def make_official(cut=COMUNA_A, **extra):
    n = next(_seq)
    user = User.objects.create_user(username=f"funcionaria-{n}", password="x", role=Role.OFFICIAL,
                                    first_name=f"Persona{n}", last_name="Prueba", **extra)
    user.comunas.add(cut)
    return user


def make_programme(**extra):
    n = next(_seq)
    fields = {"title": f"Programa de prueba {n}", "summary": "Resumen", "challenge": "seguridad",
              "audience": "Equipos municipales", "typologies": ["metropolitanas"], "hours": 24,
              "learning_outcomes": "Analiza datos\nDiseña un plan"}
    fields.update(extra)
    return Programme.objects.create(**fields)


def make_cohort(*, status=CohortStatus.ABIERTA, capacity=10, programme=None, rule=None, start=None, **extra):
    today = timezone.localdate()
    start = start or today + datetime.timedelta(days=10)
    fields = {"name": f"Versión {next(_seq)}", "start_date": start, "end_date": start + datetime.timedelta(days=30),
              "enrolment_deadline": min(start, start + datetime.timedelta(days=30)), "modality": "presencial",
              "place": "Santiago", "region_id": "13", "capacity": capacity, "fee_member_clp": 100_000,
              "fee_other_clp": 250_000, "instructors": "Docente Uno", "status": status}
    if start < today:
        fields["enrolment_deadline"] = fields["end_date"]
    fields.update(extra)
    cohort = Cohort.objects.create(programme=programme or make_programme(), **fields)
    CompletionRule.objects.create(cohort=cohort, version=1, rule=rule or dict(DEFAULT_RULE))
    return cohort


def make_session(cohort, *, minutes=120, day=0, title=None):
    starts = timezone.make_aware(datetime.datetime.combine(cohort.start_date + datetime.timedelta(days=day),
                                                           datetime.time(9, 0)))
    return Session.objects.create(cohort=cohort, title=title or f"Sesión {day + 1}", starts_at=starts,
                                  duration_minutes=minutes)


def enrol(cohort, learner=None, *, cut=COMUNA_A, rut=""):
    from hub.territory.models import Comuna
    from hub.training import services

    learner = learner or make_official(cut)
    return services.enrolment_request(acting_user=learner, cohort=cohort, learner=learner,
                                      comuna=Comuna.objects.get(cut=cut), rut=rut)


def running_cohort_with_learners(n=2, *, sessions=2, minutes=120):
    """A cohort in progress with n active learners and its sessions."""
    from hub.training import services

    staff = make_staff()
    cohort = make_cohort(capacity=max(n, 1))
    people = [enrol(cohort) for _ in range(n)]
    for e in people:
        services.enrolment_confirm(acting_user=staff, enrolment=e)
    for day in range(sessions):
        make_session(cohort, minutes=minutes, day=day)
    services.cohort_start(acting_user=staff, cohort=cohort)
    cohort.refresh_from_db()
    return cohort, [type(e).objects.get(pk=e.pk) for e in people], staff


def closed_cohort_with_certificate():
    """A closed cohort whose one learner passed: returns the certificate."""
    from hub.training import services, services_certificates

    cohort, (enrolment,), staff = running_cohort_with_learners(1)
    for session in cohort.sessions.all():
        services.attendance_record(acting_user=staff, session=session, marks={enrolment.pk: "presente"})
    assessment = services.assessment_add(acting_user=staff, cohort=cohort, title="Trabajo final", weight=100)
    services.grades_record(acting_user=staff, assessment=assessment, grades={enrolment.pk: "6,2"})
    (certificate,) = services_certificates.cohort_close(acting_user=staff, cohort=cohort)
    return certificate
