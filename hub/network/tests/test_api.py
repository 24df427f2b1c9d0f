"""Open API of the network: published content only, counts instead of registrants, JSON 404, pagination."""

from hub.network.models import PracticeStatus
from hub.network.tests.factories import (
    COMUNA_A,
    COMUNA_B,
    make_event,
    make_practice,
    make_registration,
    make_replication,
)


def test_practices_api_lists_only_published_with_replications(client, db):
    published = make_practice(cut=COMUNA_A, title="Publicada API")
    make_practice(cut=COMUNA_A, title="Borrador API", status=PracticeStatus.DRAFT)
    make_replication(practice=published, cut=COMUNA_B, status="implementada")
    body = client.get("/api/v1/practices").json()
    assert [p["title"] for p in body["items"]] == ["Publicada API"]
    assert body["items"][0]["replication_count"] == 1 and body["items"][0]["comuna"]["cut"] == COMUNA_A
    detail = client.get(f"/api/v1/practices/{published.pk}").json()
    assert detail["replications"][0]["comuna"]["cut"] == COMUNA_B
    assert detail["replications"][0]["status"] == "implementada"


def test_draft_is_a_json_404_for_everyone_even_its_author(personas, login, client):
    draft = make_practice(cut=COMUNA_A, status=PracticeStatus.DRAFT)
    login(personas["official_a"])
    response = client.get(f"/api/v1/practices/{draft.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "No existe una experiencia publicada con ese número."}
    assert client.get("/api/v1/practices/999999").status_code == 404


def test_replications_api_hides_replications_of_unpublished_practices(client, db):
    visible = make_replication(practice=make_practice(cut=COMUNA_A), cut=COMUNA_B)
    make_replication(practice=make_practice(cut=COMUNA_B, status=PracticeStatus.IN_REVIEW), cut=COMUNA_A)
    body = client.get("/api/v1/replications").json()
    assert [r["id"] for r in body["items"]] == [visible.pk]
    assert client.get("/api/v1/replications?status=inventado").status_code == 422


def test_events_api_gives_counts_and_no_personal_data(client, db):
    event = make_event(capacity=1)
    make_registration(event=event, email="privada@example.cl")
    make_registration(event=event, email="otra@example.cl", status="espera")
    listing = client.get("/api/v1/events")
    assert "privada@example.cl" not in listing.content.decode()
    detail = client.get(f"/api/v1/events/{event.pk}").json()
    assert (detail["capacity"], detail["confirmed_count"], detail["waiting_count"]) == (1, 1, 1)
    assert "registrations" not in detail
    assert client.get("/api/v1/events/999999").json() == {"detail": "No existe un evento con ese número."}


def test_api_pagination_caps_the_limit(client, db):
    for i in range(3):
        make_practice(cut=COMUNA_A, title=f"Experiencia {i}")
    body = client.get("/api/v1/practices?limit=2").json()
    assert body["count"] == 3 and len(body["items"]) == 2
    assert client.get("/api/v1/practices?limit=100000").status_code in (200, 422)
    assert client.get("/api/v1/practices?challenge=inventado").status_code == 422


def test_practice_contacts_leave_the_open_api_only_with_consent(client, db):
    without = make_practice(cut=COMUNA_A, title="Sin consentimiento")
    with_consent = make_practice(cut=COMUNA_B, title="Con consentimiento")
    with_consent.contact_consent = True
    with_consent.save(update_fields=["contact_consent"])
    items = {p["title"]: p for p in client.get("/api/v1/practices").json()["items"]}
    assert items["Sin consentimiento"]["contact_email"] == "" and items["Sin consentimiento"]["contact_name"] == ""
    assert items["Con consentimiento"]["contact_email"] == with_consent.contact_email
    assert without.contact_email  # still kept, and shown on the platform's own page
