"""Demo formación: two programmes and three cohorts, all marked Demo.

* «Seguridad municipal basada en datos», 2026-1: finished and closed, certificates issued (one approval for
  funcionaria.nunoa, one participation, one not completed).
* «Ciberseguridad para equipos municipales», running: attendance and grades so far, one learner at risk.
* «Seguridad municipal basada en datos», 2026-2: open, full, with a waiting list.

Every write goes through the training services acting as the demo staff account «equipo», so the history of
states and the certificates are the real thing. Idempotent: if the first demo programme exists, nothing runs.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from hub.accounts.models import Role, User
from hub.partners.models import Agreement
from hub.portfolio.models import Solution
from hub.territory.models import Comuna, Region
from hub.training import services, services_certificates
from hub.training.models import Programme

FIRST = "Seguridad municipal basada en datos (demo)"
SECOND = "Ciberseguridad para equipos municipales (demo)"

# username, first name, last name, comuna CUT
LEARNERS = [
    ("demo.aprendiz.nunoa", "Camila", "Rojas (demo)", "13120"),
    ("demo.aprendiz.temuco", "Jorge", "Huenchul (demo)", "09101"),
    ("demo.aprendiz.valparaiso", "Valentina", "Soto (demo)", "05101"),
    ("demo.aprendiz.antofagasta", "Diego", "Muñoz (demo)", "02101"),
    ("demo.aprendiz.puertomontt", "Francisca", "Vera (demo)", "10101"),
]


def _user(username, first, last, cut):
    user, created = User.objects.get_or_create(username=username, defaults={
        "role": Role.OFFICIAL, "first_name": first, "last_name": last, "position": "Profesional municipal (demo)"})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    comuna = Comuna.objects.filter(cut=cut).first()
    if comuna is not None:
        user.comunas.add(comuna)
    return user


def _at(day: datetime.date, hour: int = 9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _comuna(user):
    return user.comunas.order_by("cut").first()


def load(stdout):
    if Programme.objects.filter(title=FIRST).exists():
        stdout.write("Formación demo: ya estaba cargada.")
        return
    staff = User.objects.filter(username="equipo").first()
    nunoa = User.objects.filter(username="funcionaria.nunoa").first()
    temuco = User.objects.filter(username="funcionario.temuco").first()
    if staff is None or nunoa is None or temuco is None:
        stdout.write("Formación demo: faltan las cuentas demo; se omite.")
        return
    learners = [_user(*row) for row in LEARNERS]
    today = timezone.localdate()
    rm = Region.objects.filter(code="13").first()

    security = services.programme_create(
        acting_user=staff, title=FIRST, challenge="seguridad", work_line="formacion",
        summary="Uso de datos delictuales y de victimización para planificar la prevención comunal.",
        audience="Equipos de seguridad pública municipal, directores y encargados de prevención",
        typologies=["metropolitanas", "mayores", "urbanas_medianas"], hours=24, validity_months=36,
        learning_outcomes="Interpreta las estadísticas oficiales de casos policiales de su comuna\n"
                          "Diseña un plan comunal de prevención con metas medibles\n"
                          "Coordina la información con policías y fiscalía",
        solution=Solution.objects.filter(title="Curso de seguridad municipal", kind="capacitacion").first(),
        is_demo=True)
    cyber = services.programme_create(
        acting_user=staff, title=SECOND, challenge="digital", work_line="formacion",
        summary="Higiene digital, respaldo y respuesta a incidentes para equipos municipales.",
        audience="Encargados de informática y jefaturas municipales",
        typologies=["urbanas_medianas", "rurales_semiurbanas"], hours=16,
        learning_outcomes="Aplica una política de contraseñas y respaldos\nResponde a un incidente de ransomware",
        solution=Solution.objects.filter(title="Programa de ciberseguridad municipal", kind="capacitacion").first(),
        is_demo=True)

    agreement = Agreement.objects.filter(title="Laboratorio de participación ciudadana en Ñuñoa",
                                         status__in=["firmado", "vigente"]).first()
    if agreement is not None:
        services.pool_create(acting_user=staff, agreement=agreement, comuna=_comuna(nunoa), seats_total=5,
                             unit_price_clp=180_000, is_demo=True)
    services.coordinator_add(acting_user=staff, comuna=_comuna(nunoa), user=nunoa)

    # 1. Finished, with certificates. Created as if it were about to start (so enrolment is open today), then
    # moved to its real past dates before attendance is taken and it is closed.
    start = today - datetime.timedelta(days=75)
    finished = services.cohort_create(
        acting_user=staff, programme=security, name="2026-1 Santiago (demo)", start_date=today,
        end_date=today + datetime.timedelta(days=28), enrolment_deadline=today,
        modality="b_learning", place="Sede AMUCH, Santiago y en línea", region=rm, capacity=20,
        fee_member_clp=180_000, fee_other_clp=320_000, instructors="Dra. Paula Reyes; Mg. Tomás Fuentes",
        is_demo=True)
    sessions = [services.session_add(acting_user=staff, cohort=finished, title=f"Módulo {i + 1}",
                                     starts_at=_at(start + datetime.timedelta(days=7 * i)), duration_minutes=180)
                for i in range(4)]
    services.cohort_open(acting_user=staff, cohort=finished)
    people = [nunoa, learners[1], learners[2]]
    enrolments = [services.enrolment_request(acting_user=p, cohort=finished, learner=p, comuna=_comuna(p),
                                             rut="12.345.678-5" if p == nunoa else "") for p in people]
    for e in enrolments:
        services.enrolment_confirm(acting_user=staff, enrolment=e)
    services.cohort_start(acting_user=staff, cohort=finished)
    type(finished).objects.filter(pk=finished.pk).update(
        start_date=start, end_date=start + datetime.timedelta(days=28),
        enrolment_deadline=start - datetime.timedelta(days=3))
    finished.refresh_from_db()
    marks = [["presente"] * 4, ["presente", "atrasado", "presente", "justificado"], ["presente", "ausente", "ausente",
                                                                                     "ausente"]]
    for i, session in enumerate(sessions):
        services.attendance_record(acting_user=staff, session=session,
                                   marks={e.pk: marks[n][i] for n, e in enumerate(enrolments)})
    task = services.assessment_add(acting_user=staff, cohort=finished, title="Plan comunal de prevención", weight=60)
    test = services.assessment_add(acting_user=staff, cohort=finished, title="Prueba de estadísticas", weight=40)
    services.grades_record(acting_user=staff, assessment=task, grades={enrolments[0].pk: "6,5",
                                                                       enrolments[1].pk: "3,5"})
    services.grades_record(acting_user=staff, assessment=test, grades={enrolments[0].pk: "5,8",
                                                                       enrolments[1].pk: "4,0"})
    for e in enrolments:
        e.refresh_from_db()
        if e.payment_status == "pendiente":
            try:
                services.enrolment_mark_paid(acting_user=staff, enrolment=e, reference="OC demo 2026-0142")
            except ValidationError as exc:  # no public agreement with that municipality: the fee stays pending
                stdout.write(f"Formación demo: pago pendiente de {e.comuna}: {exc.messages[0][:80]}…")
    issued = services_certificates.cohort_close(acting_user=staff, cohort=finished)

    # 2. Running, one learner at risk.
    start = today - datetime.timedelta(days=10)
    running = services.cohort_create(
        acting_user=staff, programme=cyber, name="2026 en línea (demo)", start_date=start,
        end_date=start + datetime.timedelta(days=35), enrolment_deadline=today, modality="e_learning",
        place="Aula virtual del Hub", capacity=30, fee_member_clp=120_000, fee_other_clp=210_000,
        instructors="Ing. Rocío Bravo", is_demo=True)
    sessions = [services.session_add(acting_user=staff, cohort=running, title=f"Clase {i + 1}",
                                     starts_at=_at(start + datetime.timedelta(days=4 * i), 15), duration_minutes=90)
                for i in range(6)]
    services.cohort_open(acting_user=staff, cohort=running)
    people = [temuco, learners[3], learners[4], learners[0]]
    enrolments = [services.enrolment_request(acting_user=p, cohort=running, learner=p, comuna=_comuna(p))
                  for p in people]
    for e in enrolments:
        services.enrolment_confirm(acting_user=staff, enrolment=e)
    services.cohort_start(acting_user=staff, cohort=running)
    done = [["presente", "presente", "presente"], ["presente", "atrasado", "presente"],
            ["ausente", "ausente", "presente"], ["presente", "presente", "justificado"]]
    for i, session in enumerate(sessions[:3]):
        services.attendance_record(acting_user=staff, session=session,
                                   marks={e.pk: done[n][i] for n, e in enumerate(enrolments)})
    quiz = services.assessment_add(acting_user=staff, cohort=running, title="Control 1", weight=30)
    services.grades_record(acting_user=staff, assessment=quiz, grades={enrolments[0].pk: "5,9",
                                                                       enrolments[1].pk: "4,8",
                                                                       enrolments[2].pk: "3,2"})
    services.assessment_add(acting_user=staff, cohort=running, title="Proyecto final", weight=70)

    # 3. Open, full, with a waiting list.
    start = today + datetime.timedelta(days=40)
    upcoming = services.cohort_create(
        acting_user=staff, programme=security, name="2026-2 Temuco (demo)", start_date=start,
        end_date=start + datetime.timedelta(days=28), enrolment_deadline=start - datetime.timedelta(days=7),
        modality="presencial", place="Universidad de La Frontera, Temuco",
        region=Region.objects.filter(code="09").first(), capacity=2, fee_member_clp=180_000,
        fee_other_clp=320_000, instructors="Dra. Paula Reyes", is_demo=True)
    for i in range(4):
        services.session_add(acting_user=staff, cohort=upcoming, title=f"Módulo {i + 1}",
                             starts_at=_at(start + datetime.timedelta(days=7 * i)), duration_minutes=180)
    services.cohort_open(acting_user=staff, cohort=upcoming)
    for person in [learners[1], learners[4], learners[3], learners[0]]:
        services.enrolment_request(acting_user=person, cohort=upcoming, learner=person, comuna=_comuna(person))
    stdout.write(f"Formación demo: 2 programas, 3 versiones, {len(issued)} certificados emitidos.")
