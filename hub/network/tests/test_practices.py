"""Officials share practices of their own comuna; staff review them before anyone else sees them."""

from django.urls import reverse

from hub.network.models import Practice, PracticeStatus
from hub.network.tests.factories import COMUNA_A, COMUNA_B, make_practice

FORM = {
    "title": "Huertos comunitarios en plazas",
    "challenge": "ambiental",
    "problem": "Plazas abandonadas sin uso vecinal.",
    "solution": "Huertos gestionados por juntas de vecinos.",
    "results": "Doce plazas recuperadas.",
    "cost_clp": "1500000",
    "contact_name": "Ana Ñuñoa",
    "contact_email": "ana@example.cl",
}


def test_official_creates_a_draft_for_their_comuna_that_the_public_cannot_see(personas, login, client):
    login(personas["official_a"])
    response = client.post(reverse("network:practice_create"), {**FORM, "comuna": COMUNA_A})
    practice = Practice.objects.get(title=FORM["title"])
    assert response.status_code == 302 and response["Location"] == practice.get_absolute_url()
    assert practice.status == PracticeStatus.DRAFT
    assert practice.author == personas["official_a"]
    assert practice.comuna_id == COMUNA_A and practice.cost_clp == 1_500_000
    assert FORM["title"] in client.get(reverse("network:my_practices")).content.decode()

    login(None)
    assert FORM["title"] not in client.get(reverse("network:practice_list")).content.decode()
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_official_cannot_create_a_practice_for_another_comuna(personas, login, client):
    login(personas["official_a"])
    response = client.post(reverse("network:practice_create"), {**FORM, "comuna": COMUNA_B})
    assert response.status_code == 200
    assert "Escoja una opción válida" in response.content.decode()
    assert not Practice.objects.filter(title=FORM["title"]).exists()


def test_official_of_another_comuna_can_neither_read_nor_write_a_draft(personas, login, client):
    draft = make_practice(status=PracticeStatus.DRAFT, title="Borrador de Ñuñoa")
    login(personas["official_b"])
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("network:practice_edit", args=[draft.pk])).status_code == 404
    response = client.post(reverse("network:practice_edit", args=[draft.pk]), {**FORM, "title": "Tomada"})
    assert response.status_code == 404
    assert client.post(reverse("network:practice_submit", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.title == "Borrador de Ñuñoa" and draft.status == PracticeStatus.DRAFT


def test_editing_another_comunas_practice_is_refused_with_a_message_and_nothing_changes(personas, login, client):
    practice = make_practice(status=PracticeStatus.PUBLISHED, title="Devuelta de Ñuñoa")
    login(personas["official_b"])
    response = client.post(reverse("network:practice_edit", args=[practice.pk]), {**FORM, "title": "Cambiada"})
    assert response.status_code == 403
    assert "solo sus funcionarios pueden editarla" in response.content.decode()
    practice.refresh_from_db()
    assert practice.title == "Devuelta de Ñuñoa"


def test_review_cycle_submit_return_with_comment_edit_resubmit_publish(personas, login, client):
    draft = make_practice(status=PracticeStatus.DRAFT, title="Ciclo de revisión")
    login(personas["official_a"])
    client.post(reverse("network:practice_submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == PracticeStatus.IN_REVIEW and draft.submitted_at
    # In review the official can no longer edit.
    client.post(reverse("network:practice_edit", args=[draft.pk]), {**FORM, "title": "Cambio en revisión"})
    draft.refresh_from_db()
    assert draft.title == "Ciclo de revisión"

    login(personas["staff"])
    assert "Ciclo de revisión" in client.get(reverse("network:review_queue")).content.decode()
    response = client.post(reverse("network:practice_review", args=[draft.pk]), {"decision": "return", "comment": ""})
    assert "Escriba qué debe corregir la comuna" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PracticeStatus.IN_REVIEW
    client.post(reverse("network:practice_review", args=[draft.pk]),
                {"decision": "return", "comment": "Agregue cifras de resultados."})
    draft.refresh_from_db()
    assert draft.status == PracticeStatus.RETURNED

    login(personas["official_a"])
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Agregue cifras de resultados." in page
    client.post(reverse("network:practice_edit", args=[draft.pk]), {**FORM, "title": "Ciclo corregido"})
    client.post(reverse("network:practice_submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Ciclo corregido", PracticeStatus.IN_REVIEW)

    login(personas["staff"])
    client.post(reverse("network:practice_review", args=[draft.pk]), {"decision": "publish"})
    draft.refresh_from_db()
    assert draft.status == PracticeStatus.PUBLISHED and draft.published_at

    login(None)
    assert "Ciclo corregido" in client.get(reverse("network:practice_list")).content.decode()


def test_public_list_filters_by_challenge_region_typology_and_accent_free_search(client, db):
    make_practice(cut=COMUNA_A, title="Compostaje en Ñuñoa", challenge="ambiental")
    make_practice(cut=COMUNA_B, title="Trámites digitales", challenge="digital")
    make_practice(cut=COMUNA_B, title="Borrador oculto", status=PracticeStatus.DRAFT, challenge="digital")
    url = reverse("network:practice_list")

    page = client.get(url).content.decode()
    assert "Compostaje en Ñuñoa" in page and "Trámites digitales" in page and "Borrador oculto" not in page
    page = client.get(url, {"challenge": "digital"}).content.decode()
    assert "Trámites digitales" in page and "Compostaje" not in page
    page = client.get(url, {"region": "09"}).content.decode()
    assert "Trámites digitales" in page and "Compostaje" not in page
    page = client.get(url, {"typology": "metropolitanas"}).content.decode()
    assert "Compostaje en Ñuñoa" in page and "Trámites digitales" not in page
    page = client.get(url, {"q": "NUNOA"}).content.decode()
    assert "Compostaje en Ñuñoa" in page and "Trámites digitales" not in page
    page = client.get(url, {"q": "nada que coincida"}).content.decode()
    assert "Ninguna experiencia publicada coincide" in page


def test_htmx_filter_request_gets_only_the_results_fragment(client, db):
    make_practice(cut=COMUNA_A, title="Compostaje en Ñuñoa")
    response = client.get(reverse("network:practice_list"), {"q": "compostaje"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Compostaje en Ñuñoa" in body and "<html" not in body
