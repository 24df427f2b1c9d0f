"""Open API of formación: catalogue with seat counts and no personal data, JSON 404s, pagination, and query
counts that do not grow with the number of programmes, cohorts, sessions or learners."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.training import services

from .factories import enrol, make_cohort, make_programme, make_session, running_cohort_with_learners

pytestmark = pytest.mark.django_db




def test_programmes_and_cohorts_api_show_seats_but_no_learners(client):
    programme = make_programme(title="Gestión de datos municipales")
    make_programme(title="Oculto", is_published=False)
    cohort = make_cohort(programme=programme, capacity=1)
    make_session(cohort)
    enrol(cohort)
    waiting = enrol(cohort)
    body = client.get("/api/v1/training/programmes").json()
    assert [p["title"] for p in body["items"]] == ["Gestión de datos municipales"]
    cohorts = client.get("/api/v1/training/cohorts").json()["items"]
    assert cohorts[0]["seats_left"] == 0 and cohorts[0]["waiting_count"] == 1
    detail = client.get(f"/api/v1/training/cohorts/{cohort.pk}")
    text = detail.content.decode()
    assert detail.json()["sessions"][0]["duration_minutes"] == 120
    assert waiting.user.username not in text and "enrolments" not in text


def test_cohort_filters_and_unknown_ids_are_json_404(client):
    make_cohort(modality="e_learning")
    make_cohort(modality="presencial")
    assert len(client.get("/api/v1/training/cohorts", {"modality": "e_learning"}).json()["items"]) == 1
    assert client.get("/api/v1/training/cohorts/999999").json() == {
        "detail": "No existe una versión publicada con ese número."}
    assert client.get("/api/v1/training/programmes/999999").status_code == 404
    draft = make_cohort(status="borrador")
    assert client.get(f"/api/v1/training/cohorts/{draft.pk}").status_code == 404


def test_the_api_is_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/training/programmes", "/api/v1/training/cohorts", "/api/v1/training/cohorts/{cohort_id}",
                 "/api/v1/training/certificates/{code}"):
        assert path in paths


def _count(client, url) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _build(n):
    for _ in range(n):
        programme = make_programme()
        cohort = make_cohort(programme=programme, capacity=3)
        for day in range(n):
            make_session(cohort, day=day)
        for _ in range(n):
            enrol(cohort)


def test_api_and_catalogue_query_counts_do_not_grow_with_rows(client):
    urls = ["/api/v1/training/programmes", "/api/v1/training/cohorts", "/formacion/", "/formacion/sesiones.ics"]
    _build(1)
    small = {u: _count(client, u) for u in urls}
    _build(6)
    large = {u: _count(client, u) for u in urls}
    assert large == small
    assert max(small.values()) <= 12, small


def test_cohort_detail_api_and_dashboard_queries_do_not_grow_with_sessions_or_learners(client):
    small_cohort, _, staff = running_cohort_with_learners(1, sessions=1)
    large_cohort, people, _ = running_cohort_with_learners(8, sessions=6)
    for session in large_cohort.sessions.all():
        services.attendance_record(acting_user=staff, session=session, marks={p.pk: "presente" for p in people})
    for session in small_cohort.sessions.all():
        services.attendance_record(acting_user=staff, session=session,
                                   marks={e.pk: "presente" for e in small_cohort.enrolments.all()})
    api = [_count(client, f"/api/v1/training/cohorts/{c.pk}") for c in (small_cohort, large_cohort)]
    assert api[0] == api[1]
    client.force_login(staff)
    pages = [_count(client, f"/formacion/gestion/versiones/{c.pk}/") for c in (small_cohort, large_cohort)]
    assert pages[0] == pages[1], pages


def test_certificate_verification_api_query_count_is_small(client):
    from .factories import closed_cohort_with_certificate

    certificate = closed_cohort_with_certificate()
    assert _count(client, f"/api/v1/training/certificates/{certificate.code}") <= 3
