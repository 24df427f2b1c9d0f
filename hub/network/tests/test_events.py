"""Events: registrations by comuna or organisation, capacity with a waiting list, fees, attendance."""

from django.urls import reverse

from hub.network.models import Registration, RegistrationStatus
from hub.network.tests.factories import COMUNA_A, COMUNA_B, make_event, make_registration
from hub.territory.models import Comuna


def _register(client, event, name, email, comuna=COMUNA_A):
    return client.post(reverse("network:registration_create", args=[event.pk]),
                       {"name": name, "email": email, "comuna": comuna}, follow=True)


def test_registration_beyond_capacity_goes_to_waiting_list_never_over_capacity(personas, login, client):
    event = make_event(capacity=2)
    login(personas["official_a"])
    _register(client, event, "Uno", "uno@example.cl")
    _register(client, event, "Dos", "dos@example.cl")
    response = _register(client, event, "Tres", "tres@example.cl")
    assert "El evento está lleno: Tres quedó en lista de espera" in response.content.decode()
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Uno": "confirmada", "Dos": "confirmada", "Tres": "espera"}
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 2


def test_cancelling_a_confirmed_seat_promotes_the_first_waiting(personas, login, client):
    event = make_event(capacity=1)
    first = make_registration(event=event, email="a@example.cl")
    waiting_1 = make_registration(event=event, email="b@example.cl", status=RegistrationStatus.WAITING)
    waiting_2 = make_registration(event=event, email="c@example.cl", status=RegistrationStatus.WAITING)
    login(personas["official_a"])
    response = client.post(reverse("network:registration_cancel", args=[first.pk]), follow=True)
    assert "la primera persona en lista de espera quedó confirmada" in response.content.decode()
    for r in (first, waiting_1, waiting_2):
        r.refresh_from_db()
    assert (first.status, waiting_1.status, waiting_2.status) == ("cancelada", "confirmada", "espera")


def test_fee_depends_on_amuch_membership(personas, login, client):
    from hub.finance.testing import make_member

    # Membership is computed by finance (periods and payments); the territory flag is not read any more.
    make_member(Comuna.objects.get(cut=COMUNA_A))
    Comuna.objects.filter(cut=COMUNA_B).update(is_amuch_member=True)
    event = make_event(capacity=10)
    login(personas["official_a"])
    _register(client, event, "Socia", "socia@example.cl", COMUNA_A)
    login(personas["official_b"])
    _register(client, event, "No socia", "nosocia@example.cl", COMUNA_B)
    fees = dict(Registration.objects.values_list("name", "fee_clp"))
    assert fees == {"Socia": 50000, "No socia": 90000}


def test_partner_registers_people_of_their_organization(personas, login, client):
    event = make_event(capacity=10)
    login(personas["partner"])
    client.post(reverse("network:registration_create", args=[event.pk]), {"name": "Investigadora", "email": "i@u.cl"})
    registration = Registration.objects.get()
    assert registration.organization == personas["partner"].organization and registration.comuna is None
    assert registration.fee_clp == 90000


def test_official_registers_only_for_own_comuna_and_duplicates_are_refused(personas, login, client):
    event = make_event(capacity=10)
    login(personas["official_b"])
    response = _register(client, event, "Intrusa", "x@example.cl", COMUNA_A)
    assert "Escoja una opción válida" in response.content.decode()
    assert not Registration.objects.exists()
    _register(client, event, "Bruno", "bruno@example.cl", COMUNA_B)
    response = _register(client, event, "Bruno otra vez", "BRUNO@example.cl", COMUNA_B)
    assert "Ya hay una inscripción vigente con ese correo" in response.content.decode()
    assert Registration.objects.count() == 1


def test_official_edits_only_their_comunas_registrations(personas, login, client):
    registration = make_registration(cut=COMUNA_A)
    url = reverse("network:registration_edit", args=[registration.pk])
    login(personas["official_b"])
    assert client.post(url, {"name": "Cambiado", "email": "z@example.cl"}).status_code == 404
    assert client.post(reverse("network:registration_cancel", args=[registration.pk])).status_code == 404
    registration.refresh_from_db()
    assert (registration.name, registration.status) == ("Persona de prueba", "confirmada")
    login(personas["official_a"])
    client.post(url, {"name": "Nombre corregido", "email": "corregido@example.cl"})
    registration.refresh_from_db()
    assert registration.name == "Nombre corregido"


def test_staff_marks_attendance_officials_cannot(personas, login, client):
    registration = make_registration(cut=COMUNA_A)
    url = reverse("network:registration_attendance", args=[registration.pk])
    login(personas["official_a"])
    assert client.post(url, {"attended": "1"}).status_code == 403
    registration.refresh_from_db()
    assert not registration.attended
    login(personas["staff"])
    client.post(url, {"attended": "1"})
    registration.refresh_from_db()
    assert registration.attended


def test_public_event_page_shows_counts_but_no_personal_data(personas, login, client):
    event = make_event(capacity=1)
    make_registration(event=event, email="privada@example.cl")
    make_registration(event=event, email="espera@example.cl", status=RegistrationStatus.WAITING)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "privada@example.cl" not in page and "Persona de prueba" not in page
    assert "Evento completo" in page and "en lista de espera" in page
    assert "$50.000" in page and "$90.000" in page
    login(personas["official_b"])
    assert "privada@example.cl" not in client.get(event.get_absolute_url()).content.decode()
    login(personas["official_a"])
    assert "privada@example.cl" in client.get(event.get_absolute_url()).content.decode()
