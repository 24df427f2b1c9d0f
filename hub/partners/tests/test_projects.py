import pytest

from hub.partners.models import Project, ProjectStatus

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "name": "Proyecto colaborativo de prueba",
        "description": "Descripción",
        "status": ProjectStatus.EN_EJECUCION,
        "budget_clp": "120.000.000",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "organizations": [],
        "comunas": [],
    }
    data.update(overrides)
    return data


def test_staff_creates_project_with_partners_and_comunas(login, staff_user, partner_org, comuna_a, comuna_b):
    response = login(staff_user).post(
        "/articulacion/proyectos/nuevo/",
        _data(organizations=[partner_org.pk], comunas=[comuna_a.pk, comuna_b.pk]),
    )
    assert response.status_code == 302
    project = Project.objects.get(name="Proyecto colaborativo de prueba")
    assert project.budget_clp == 120_000_000
    assert set(project.comunas.values_list("cut", flat=True)) == {"13120", "09101"}
    listing = login(None).get("/articulacion/proyectos/").text
    assert "$120.000.000" in listing
    assert "Ñuñoa" in listing


def test_project_with_end_before_start_or_negative_budget_is_refused(login, staff_user):
    client = login(staff_user)
    response = client.post("/articulacion/proyectos/nuevo/", _data(end_date="2025-01-01"))
    assert "posterior a la fecha de inicio" in response.text
    response = client.post("/articulacion/proyectos/nuevo/", _data(budget_clp="-10"))
    assert "mayor que cero" in response.text
    assert not Project.objects.exists()


def test_projects_are_public_and_filterable_by_status(client):
    Project.objects.create(name="En ejecución X", status=ProjectStatus.EN_EJECUCION)
    Project.objects.create(name="Cancelado Y", status=ProjectStatus.CANCELADO)
    response = client.get("/articulacion/proyectos/", {"status": ProjectStatus.CANCELADO})
    assert "Cancelado Y" in response.text
    assert "En ejecución X" not in response.text


def test_official_cannot_edit_projects(login, official_a):
    project = Project.objects.create(name="Intocable")
    response = login(official_a).post(f"/articulacion/proyectos/{project.pk}/editar/", _data(name="Cambiado"))
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.name == "Intocable"
