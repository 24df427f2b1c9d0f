import pytest

from hub.partners.models import ActorType, Organization, OrganizationKind

from .factories import org, valid_rut

pytestmark = pytest.mark.django_db

URL = "/articulacion/organizaciones/nueva/"


def _data(**overrides):
    data = {
        "name": "Subsecretaría de Prueba",
        "short_name": "SUBPRU",
        "actor_type": ActorType.ESTADO_CENTRAL,
        "kind": OrganizationKind.SERVICIO_PUBLICO,
        "country": "CL",
        "rut": "60.501.000-8",
        "comuna": "",
        "website": "",
        "description": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
    }
    data.update(overrides)
    return data


def test_staff_creates_chilean_organization_and_rut_is_stored_compact_and_shown_formatted(login, staff_user):
    client = login(staff_user)
    response = client.post(URL, _data(rut="60501000-8"))
    created = Organization.objects.get(name="Subsecretaría de Prueba")
    assert response.status_code == 302
    assert created.rut == "605010008"
    page = client.get(created.get_absolute_url())
    assert "60.501.000-8" in page.text


def test_invalid_rut_is_refused_with_a_message_and_nothing_is_saved(login, staff_user):
    before = Organization.objects.count()
    response = login(staff_user).post(URL, _data(rut="60.501.000-9"))
    assert response.status_code == 200
    assert "no es válido" in response.text
    assert "dígito verificador" in response.text
    assert Organization.objects.count() == before


def test_chilean_organization_without_rut_is_refused(login, staff_user):
    response = login(staff_user).post(URL, _data(rut=""))
    assert "Indique el RUT" in response.text
    assert not Organization.objects.filter(name="Subsecretaría de Prueba").exists()


def test_foreign_organization_needs_no_rut(login, staff_user):
    data = _data(
        name="Agencia Extranjera",
        actor_type=ActorType.PRIVADO_COOPERACION,
        kind=OrganizationKind.AGENCIA_COOPERACION,
        country="de",
        rut="",
    )
    response = login(staff_user).post(URL, data)
    assert response.status_code == 302
    assert Organization.objects.get(name="Agencia Extranjera").country == "DE"


def test_municipality_must_be_tied_to_its_comuna(login, staff_user, comuna_a):
    data = _data(name="Municipalidad de Ñuñoa", actor_type=ActorType.MUNICIPIOS, kind=OrganizationKind.MUNICIPALIDAD)
    client = login(staff_user)
    response = client.post(URL, data)
    assert "debe estar asociada a su comuna" in response.text
    assert not Organization.objects.filter(name="Municipalidad de Ñuñoa").exists()
    response = client.post(URL, {**data, "comuna": comuna_a.pk})
    assert response.status_code == 302
    assert Organization.objects.get(name="Municipalidad de Ñuñoa").comuna == comuna_a


def test_ministry_must_be_estado_central(login, staff_user):
    response = login(staff_user).post(URL, _data(kind=OrganizationKind.MINISTERIO, actor_type=ActorType.ACADEMIA))
    assert "corresponde al tipo de actor «Estado central»" in response.text


def test_duplicate_rut_is_refused(login, staff_user):
    org(name="Primera", country="CL", rut="605010008", actor_type=ActorType.ESTADO_CENTRAL)
    response = login(staff_user).post(URL, _data())
    assert "Ya hay una organización registrada con ese RUT" in response.text
    assert Organization.objects.filter(rut="605010008").count() == 1


def test_official_cannot_create_organizations(login, official_a):
    response = login(official_a).post(URL, _data())
    assert response.status_code == 403
    assert not Organization.objects.filter(name="Subsecretaría de Prueba").exists()


def test_staff_edits_organization(login, staff_user):
    o = org(name="Antes", country="CL", rut=valid_rut(76123456))
    response = login(staff_user).post(
        f"/articulacion/organizaciones/{o.pk}/editar/",
        _data(name="Después", actor_type=ActorType.PRIVADO_COOPERACION, kind=OrganizationKind.EMPRESA, rut=o.rut),
    )
    assert response.status_code == 302
    o.refresh_from_db()
    assert o.name == "Después"


def test_contact_person_is_shown_to_staff_and_members_but_not_to_the_public(login, staff_user, partner_user):
    partner_org = partner_user.organization
    partner_org.contact_name = "Persona Contacto"
    partner_org.contact_email = "contacto@example.org"
    partner_org.save()
    url = partner_org.get_absolute_url()
    assert "Persona Contacto" not in login(None).get(url).text
    assert "Persona Contacto" in login(staff_user).get(url).text
    assert "contacto@example.org" in login(partner_user).get(url).text


def test_directory_filters_by_actor_type_and_text(client):
    org(name="Universidad Austral de Prueba", actor_type=ActorType.ACADEMIA)
    org(name="Banco de Prueba", actor_type=ActorType.PRIVADO_COOPERACION)
    response = client.get("/articulacion/organizaciones/", {"actor_type": ActorType.ACADEMIA})
    assert "Universidad Austral de Prueba" in response.text
    assert "Banco de Prueba" not in response.text
    response = client.get("/articulacion/organizaciones/", {"q": "banco"})
    assert "Banco de Prueba" in response.text
    assert "Universidad Austral" not in response.text


def test_directory_shows_empty_state(client):
    response = client.get("/articulacion/organizaciones/", {"q": "zzzz-no-existe"})
    assert "Ninguna organización coincide" in response.text


def test_api_lists_organizations_without_contact_data(client, partner_user):
    org_ = partner_user.organization
    org_.contact_email = "privado@example.org"
    org_.save()
    response = client.get("/api/v1/organizations", {"actor_type": "academia"})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] >= 1
    assert any(item["name"] == org_.name for item in body["items"])
    assert "privado@example.org" not in response.text
    detail = client.get(f"/api/v1/organizations/{org_.pk}").json()
    assert detail["actor_type_label"] == "Academia"


def test_api_unknown_organization_is_json_404_and_bad_filter_is_422(client):
    assert client.get("/api/v1/organizations/999999").status_code == 404
    assert client.get("/api/v1/organizations", {"actor_type": "nada"}).status_code == 422
