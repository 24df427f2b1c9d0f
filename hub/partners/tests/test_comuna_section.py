import pytest

from hub.partners.models import ActorType, OrganizationKind, Project

from .factories import agreement, org, valid_rut

pytestmark = pytest.mark.django_db


def test_comuna_page_lists_its_municipality_public_agreements_and_projects(client, comuna_a):
    municipality = org(
        name="Municipalidad de Ñuñoa",
        actor_type=ActorType.MUNICIPIOS,
        kind=OrganizationKind.MUNICIPALIDAD,
        country="CL",
        rut=valid_rut(69999001),
        comuna=comuna_a,
    )
    agreement(status="vigente", title="Convenio comunal público", parties=[municipality, org()])
    agreement(title="Convenio comunal en borrador", parties=[municipality, org()])
    Project.objects.create(name="Proyecto en Ñuñoa").comunas.add(comuna_a)
    page = client.get(f"/comunas/{comuna_a.cut}/").text
    assert "Convenios y proyectos colaborativos" in page
    assert "Convenio comunal público" in page
    assert "Convenio comunal en borrador" not in page
    assert "Proyecto en Ñuñoa" in page


def test_comuna_without_partnerships_shows_no_block(client):
    assert "Convenios y proyectos colaborativos" not in client.get("/comunas/13101/").text
