"""Public catalogue: filters that keep their values, pagination, drafts hidden, the iCalendar feed (RFC 5545)."""

import datetime

import pytest
from django.utils import timezone

from hub.training.ical import escape, fold
from hub.training.models import CohortStatus

from .factories import make_cohort, make_programme, make_session

pytestmark = pytest.mark.django_db


def test_catalogue_filters_by_challenge_modality_region_and_dates_and_keeps_the_values(client):
    digital = make_programme(title="Ciberseguridad municipal", challenge="digital")
    make_cohort(programme=digital, modality="e_learning", region_id="09", name="Virtual Araucanía")
    make_cohort(modality="presencial", region_id="13", name="Presencial Santiago")
    query = {"challenge": "digital", "modality": "e_learning", "region": "09"}
    html = client.get("/formacion/", query).content.decode()
    assert "Virtual Araucanía" in html and "Presencial Santiago" not in html
    assert 'value="digital" selected' in html and 'value="e_learning" selected' in html
    assert 'value="09" selected' in html


def test_date_filter_and_a_bad_date_gets_a_spanish_message(client):
    soon = make_cohort(name="Pronto")
    later = make_cohort(name="Después", start=timezone.localdate() + datetime.timedelta(days=200))
    until = (soon.end_date + datetime.timedelta(days=1)).isoformat()
    html = client.get("/formacion/", {"hasta": until}).content.decode()
    assert soon.name in html and later.name not in html
    html = client.get("/formacion/", {"desde": "31-12-2026"}).content.decode()
    assert "formato aaaa-mm-dd" in html


def test_draft_cohorts_are_not_in_the_public_catalogue(client):
    make_cohort(status=CohortStatus.BORRADOR, name="Borrador secreto")
    assert "Borrador secreto" not in client.get("/formacion/").content.decode()


def test_catalogue_paginates(client):
    programme = make_programme()
    for i in range(14):
        make_cohort(programme=programme, name=f"Versión paginada {i:02d}")
    html = client.get("/formacion/").content.decode()
    assert "Página 1 de 2" in html
    assert "Versión paginada 13" in client.get("/formacion/", {"page": 2}).content.decode()


def test_empty_catalogue_says_so(client):
    assert "No hay versiones que coincidan" in client.get("/formacion/").content.decode()


def test_ical_feed_uses_crlf_escapes_text_and_lists_sessions(client):
    cohort = make_cohort(place="Sala 1; piso 2, Ñuñoa")
    make_session(cohort, title="Introducción, datos; y más")
    response = client.get("/formacion/sesiones.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    assert "Introducción\\, datos\\; y más" in body.replace("\r\n ", "")
    assert "LOCATION:Sala 1\\; piso 2\\, Ñuñoa" in body.replace("\r\n ", "")
    assert body.count("BEGIN:VEVENT") == 1 and "DTSTART:" in body and "Z\r\n" in body


def test_ical_lines_fold_at_75_octets_without_breaking_characters():
    line = "SUMMARY:" + "ñ" * 60
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert escape("a\\b\nc") == "a\\\\b\\nc"


def test_ical_feed_for_one_cohort_only(client):
    one, other = make_cohort(), make_cohort()
    make_session(one, title="Solo esta")
    make_session(other, title="Otra versión")
    body = client.get("/formacion/sesiones.ics", {"cohort": one.pk}).content.decode()
    assert "Solo esta" in body and "Otra versión" not in body


def test_programme_page_shows_outcomes_and_typologies(client):
    programme = make_programme(typologies=["rurales_semiurbanas"])
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "Analiza datos" in html and "Rurales/semiurbanas" in html


def test_a_programme_can_only_link_a_training_solution(personas):
    from django.core.exceptions import ValidationError

    from hub.portfolio.models import Solution
    from hub.portfolio.tests.routes import published

    programme = make_programme()
    programme.solution = Solution.objects.get(pk=published(personas)["pk"])  # kind «protocolo»
    with pytest.raises(ValidationError, match="Programa de capacitación"):
        programme.full_clean()
    Solution.objects.filter(pk=programme.solution_id).update(kind="capacitacion")
    programme.solution.refresh_from_db()
    programme.full_clean()


def test_staff_creates_a_programme_and_a_cohort_through_the_forms_with_an_error_summary(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/formacion/gestion/programas/nuevo/", {
        "title": "Gestión de residuos", "summary": "Resumen", "work_line": "formacion", "challenge": "ambiental",
        "audience": "Equipos de aseo", "typologies": ["mayores"], "hours": "12", "learning_outcomes": "Planifica",
        "is_published": "on"})
    from hub.training.models import Cohort, Programme

    programme = Programme.objects.get(title="Gestión de residuos")
    assert response.status_code == 302 and programme.typologies == ["mayores"]
    data = {"programme": programme.pk, "name": "2027-1", "start_date": "2027-03-01", "end_date": "2027-02-01",
            "enrolment_deadline": "2027-02-20", "modality": "presencial", "capacity": "10", "fee_member_clp": "0",
            "fee_other_clp": "50000", "instructors": "Docente"}
    html = client.post("/formacion/gestion/versiones/nueva/", data).content.decode()
    assert "Revise estos campos" in html and not Cohort.objects.exists()
    data["end_date"] = "2027-03-30"
    assert client.post("/formacion/gestion/versiones/nueva/", data).status_code == 302
    cohort = Cohort.objects.get()
    assert cohort.status == "borrador" and cohort.rules.get().version == 1
