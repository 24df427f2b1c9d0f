"""Comunas record replications of published practices of other comunas, with dates and a status path."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hub.network.models import PracticeStatus, Replication, ReplicationStatus
from hub.network.services import replication_record
from hub.network.tests.factories import COMUNA_A, COMUNA_B, COMUNA_C, make_practice, make_replication


def _form(**extra):
    data = {"comuna": COMUNA_B, "status": "interes", "start_date": "", "end_date": "", "results": "", "lessons": ""}
    data.update(extra)
    return data


def test_official_records_replication_shown_on_practice_page_map_and_comuna_page(personas, login, client):
    practice = make_practice(cut=COMUNA_A, title="Compostaje en Ñuñoa")
    login(personas["official_b"])
    response = client.post(
        reverse("network:replication_create", args=[practice.pk]),
        _form(status="en_implementacion", start_date="2025-03-01", results="Primer barrio con composteras."),
    )
    assert response.status_code == 302
    replication = Replication.objects.get(practice=practice)
    assert replication.comuna_id == COMUNA_B and replication.recorded_by == personas["official_b"]
    assert replication.start_date == datetime.date(2025, 3, 1)

    login(None)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Temuco" in page and "En implementación" in page and "01-03-2025" in page
    assert 'class="replication-map"' in page and "Temuco — En implementación" in page
    comuna_page = client.get(reverse("territory:comuna_detail", args=[COMUNA_B])).content.decode()
    assert "Replica de otras comunas" in comuna_page and "Compostaje en Ñuñoa" in comuna_page
    origin_page = client.get(reverse("territory:comuna_detail", args=[COMUNA_A])).content.decode()
    assert "Comparte con la red" in origin_page and "1 replicación" in origin_page


def test_end_date_before_start_is_refused_with_a_message_and_nothing_saved(personas, login, client):
    practice = make_practice(cut=COMUNA_A)
    login(personas["official_b"])
    response = client.post(
        reverse("network:replication_create", args=[practice.pk]),
        _form(start_date="2025-06-01", end_date="2025-01-01"),
    )
    assert response.status_code == 200
    assert "La fecha de término no puede ser anterior a la de inicio" in response.content.decode()
    assert not Replication.objects.exists()


def test_replication_of_an_unpublished_practice_is_refused_and_nothing_saved(personas, login, client):
    draft = make_practice(cut=COMUNA_A, status=PracticeStatus.IN_REVIEW)
    login(personas["official_b"])
    assert client.post(reverse("network:replication_create", args=[draft.pk]), _form()).status_code == 404
    login(personas["staff"])
    response = client.post(reverse("network:replication_create", args=[draft.pk]), _form())
    assert "Solo se pueden replicar experiencias publicadas" in response.content.decode()
    assert not Replication.objects.exists()


def test_a_comuna_cannot_replicate_its_own_practice(personas, login, client):
    practice = make_practice(cut=COMUNA_A)
    login(personas["official_a"])
    response = client.post(reverse("network:replication_create", args=[practice.pk]), _form(comuna=COMUNA_A))
    assert "Escoja una opción válida" in response.content.decode()
    with pytest.raises(ValidationError, match="no puede replicar su propia experiencia"):
        replication_record(acting_user=personas["staff"], comuna=practice.comuna, practice=practice)
    assert not Replication.objects.exists()


def test_official_records_replications_only_for_their_own_comuna(personas, login, client):
    practice = make_practice(cut=COMUNA_C)
    login(personas["official_a"])
    response = client.post(reverse("network:replication_create", args=[practice.pk]), _form(comuna=COMUNA_B))
    assert "Escoja una opción válida" in response.content.decode()
    assert not Replication.objects.exists()


def test_status_follows_the_transition_map(personas, login, client):
    replication = make_replication(cut=COMUNA_A)
    url = reverse("network:replication_edit", args=[replication.pk])
    login(personas["official_a"])
    response = client.post(url, _form(status="implementada", start_date="2025-03-01"))
    assert "se puede pasar a:" in response.content.decode()
    replication.refresh_from_db()
    assert replication.status == ReplicationStatus.INTEREST

    client.post(url, _form(status="en_implementacion", start_date="2025-03-01"))
    done = _form(status="implementada", start_date="2025-03-01", end_date="2025-12-01", lessons="Ir por etapas.")
    client.post(url, done)
    replication.refresh_from_db()
    assert replication.status == ReplicationStatus.IMPLEMENTED
    assert replication.end_date == datetime.date(2025, 12, 1) and replication.lessons == "Ir por etapas."


def test_official_of_another_comuna_cannot_edit_a_replication(personas, login, client):
    replication = make_replication(cut=COMUNA_A)
    login(personas["official_b"])
    response = client.post(
        reverse("network:replication_edit", args=[replication.pk]), _form(status="abandonada")
    )
    assert response.status_code == 403
    assert "solo sus funcionarios pueden editarla" in response.content.decode()
    replication.refresh_from_db()
    assert replication.status == ReplicationStatus.INTEREST


def test_official_records_replication_of_a_published_hub_solution(personas, login, client):
    from hub.portfolio.models import Solution
    from hub.portfolio.tests.routes import draft, published

    solution = Solution.objects.get(pk=published(personas)["pk"])
    login(personas["official_b"])
    response = client.post(reverse("network:solution_replication_create", args=[solution.pk]),
                           _form(status="en_implementacion", start_date="2025-05-01"))
    assert response.status_code == 302
    replication = Replication.objects.get(solution=solution)
    assert replication.comuna_id == COMUNA_B and replication.practice is None
    assert solution.title in client.get(reverse("network:my_practices")).content.decode()
    login(None)
    comuna_page = client.get(reverse("territory:comuna_detail", args=[COMUNA_B])).content.decode()
    assert "Soluciones del Hub que implementa" in comuna_page and solution.title in comuna_page

    unpublished = Solution.objects.get(pk=draft(personas)["pk"])
    login(personas["official_b"])
    url = reverse("network:solution_replication_create", args=[unpublished.pk])
    assert client.post(url, _form()).status_code == 404
    login(personas["staff"])
    response = client.post(url, _form())
    assert "Solo se pueden replicar soluciones publicadas del Hub" in response.content.decode()
    assert not Replication.objects.filter(solution=unpublished).exists()
