"""Who may use each route of formación. Objects belong to Ñuñoa (comuna A) and its official, official_a.

The catalogue, the iCalendar feed, certificate verification, the status list and did.json are public.
A learner's enrolments are hers (a 404 for anyone else); the coordinator view is for designated
coordinators; everything that manages a cohort is Hub staff.
"""

from testkit.routes import AUTHENTICATED, PERSONAS, STAFF_ONLY, Route

NOBODY = {p: "deny" for p in PERSONAS}
OWN_ENROLMENT = {"anonymous": "login", "staff": "allow", "official_a": "allow", "official_b": "deny", "partner": "deny"}
COORDINATOR_A = {"anonymous": "login", "staff": "deny", "official_a": "allow", "official_b": "deny", "partner": "deny"}
HOLDER_A = {"anonymous": "deny", "staff": "allow", "official_a": "allow", "official_b": "deny", "partner": "deny"}


def _cohort(personas=None, **extra):
    from hub.training.tests.factories import make_cohort

    return make_cohort(**extra)


def cohort_pk(personas):
    return {"pk": _cohort().pk}


def draft_cohort_pk(personas):
    return {"pk": _cohort(status="borrador").pk}


def programme_pk(personas):
    from hub.training.tests.factories import make_programme

    return {"pk": make_programme().pk}


def _enrolment_a(personas):
    from hub.training.tests.factories import enrol

    return enrol(_cohort(), personas["official_a"])


def enrolment_a_pk(personas):
    return {"pk": _enrolment_a(personas).pk}


def running_session_pk(personas):
    from hub.training.tests.factories import running_cohort_with_learners

    cohort, _people, _staff = running_cohort_with_learners(1)
    return {"pk": cohort.sessions.first().pk}


def running_assessment_pk(personas):
    from hub.training import services
    from hub.training.tests.factories import running_cohort_with_learners

    cohort, _people, staff = running_cohort_with_learners(1)
    return {"pk": services.assessment_add(acting_user=staff, cohort=cohort, title="Prueba", weight=100).pk}


def _certificate_a(personas):
    from hub.training import services, services_certificates
    from hub.training.tests.factories import enrol, make_session

    staff = personas["staff"]
    cohort = _cohort()
    enrolment = enrol(cohort, personas["official_a"])
    services.enrolment_confirm(acting_user=staff, enrolment=enrolment)
    session = make_session(cohort)
    services.cohort_start(acting_user=staff, cohort=cohort)
    services.attendance_record(acting_user=staff, session=session, marks={enrolment.pk: "presente"})
    (certificate,) = services_certificates.cohort_close(acting_user=staff, cohort=cohort)
    return certificate


def certificate_code(personas):
    return {"code": _certificate_a(personas).code}


def certificate_pk(personas):
    return {"pk": _certificate_a(personas).pk}


def coordinator_a(personas):
    from hub.training.models import Coordinator

    Coordinator.objects.create(comuna_id="13120", user=personas["official_a"])
    return {}


def api_certificate(personas):
    return {"code": _certificate_a(personas).code}


MATRIX = [
    Route("training:index"),
    Route("training:calendar"),
    Route("training:programme_detail", kwargs=programme_pk),
    Route("training:cohort_detail", kwargs=cohort_pk),
    Route("training:cohort_detail", access={**NOBODY, "staff": "allow"}, kwargs=draft_cohort_pk,
          note="A draft cohort is a 404 for everyone but staff."),
    Route("training:enrol", access=AUTHENTICATED, method="POST", kwargs=cohort_pk, data={"comuna": "13120"},
          note="The view always redirects back; who may enrol is decided by the service (message on the page)."),
    Route("training:enrolment_withdraw", access=OWN_ENROLMENT, method="POST", kwargs=enrolment_a_pk),
    Route("training:my_training", access=AUTHENTICATED),
    Route("training:coordinator", access=COORDINATOR_A, kwargs=coordinator_a),
    Route("training:manage", access=STAFF_ONLY),
    Route("training:programme_create", access=STAFF_ONLY),
    Route("training:cohort_create", access=STAFF_ONLY),
    Route("training:cohort_manage", access=STAFF_ONLY, kwargs=cohort_pk),
    Route("training:cohort_transition", access=STAFF_ONLY, method="POST", kwargs=cohort_pk, data={"to": "en_curso"}),
    Route("training:cohort_rule", access=STAFF_ONLY, method="POST", kwargs=cohort_pk,
          data={"rule": '{"participation": {"min_attendance_pct": 80}}'}),
    Route("training:session_add", access=STAFF_ONLY, method="POST", kwargs=cohort_pk,
          data={"title": "Sesión", "starts_at": "2026-06-01T10:00", "duration_minutes": 90}),
    Route("training:assessment_add", access=STAFF_ONLY, method="POST", kwargs=cohort_pk,
          data={"title": "Prueba", "weight": 50}),
    Route("training:enrolment_import", access=STAFF_ONLY, kwargs=cohort_pk),
    Route("training:cohort_export_csv", access=STAFF_ONLY, kwargs=cohort_pk),
    Route("training:cohort_export_xlsx", access=STAFF_ONLY, kwargs=cohort_pk),
    Route("training:enrolment_action", access=STAFF_ONLY, method="POST", kwargs=enrolment_a_pk,
          data={"action": "confirm"}),
    Route("training:attendance", access=STAFF_ONLY, kwargs=running_session_pk),
    Route("training:grades", access=STAFF_ONLY, kwargs=running_assessment_pk),
    Route("training:certificate_action", access=STAFF_ONLY, method="POST", kwargs=certificate_pk,
          data={"action": "revoke", "reason": "Prueba de la matriz"}),
    Route("training:coverage", access=STAFF_ONLY),
    Route("training:coordinators", access=STAFF_ONLY),
    Route("training:pools", access=STAFF_ONLY),
    Route("training:signing_keys", access=STAFF_ONLY),
    Route("certificates:verify_form"),
    Route("certificates:verify", kwargs=certificate_code),
    Route("certificates:pdf", access=HOLDER_A, kwargs=certificate_code,
          note="Anyone verifies with the code; only the holder and staff download the files."),
    Route("certificates:credential", access=HOLDER_A, kwargs=certificate_code),
    Route("certificates:status_list", kwargs={"list_id": 1}),
    Route("wellknown:did"),
    Route("api:list_training_programmes"),
    Route("api:get_training_programme", kwargs=lambda personas: {"programme_id": programme_pk(personas)["pk"]}),
    Route("api:list_training_cohorts"),
    Route("api:get_training_cohort", kwargs=lambda personas: {"cohort_id": cohort_pk(personas)["pk"]}),
    Route("api:get_training_cohort", access=NOBODY,
          kwargs=lambda personas: {"cohort_id": draft_cohort_pk(personas)["pk"]}),
    Route("api:get_training_certificate", kwargs=api_certificate),
]
