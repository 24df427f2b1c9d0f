"""One search box for the whole site: accents and case ignored everywhere, grouped results, only what the
visitor may see."""

import pytest

from hub.search.views import site_search


@pytest.mark.parametrize("query", ["nunoa", "ÑUÑOA", "Ñuñoa"])
def test_comunas_are_found_ignoring_accents_and_case(db, query):
    groups = site_search(query, None)
    assert [hit.title for hit in groups["Comunas"]] == ["Ñuñoa"]


def test_an_organization_is_found_without_its_accents(db):
    from hub.partners.models import ActorType, Organization

    Organization.objects.create(name="Municipalidad de Ñuñoa", short_name="MÑ", actor_type=ActorType.MUNICIPIOS)
    groups = site_search("municipalidad nunoa", None)
    assert [hit.title for hit in groups["Organizaciones"]] == ["Municipalidad de Ñuñoa"]


def test_only_published_solutions_are_found(db, staff_user):
    from hub.portfolio.models import EcosystemUnit, Solution

    unit = EcosystemUnit.objects.create(name="Unidad de prueba", slug="prueba")
    common = {"summary": "Gestión de residuos domiciliarios", "work_line": "innovacion", "challenge": "ambiental",
              "kind": "modelo", "owner_unit": unit, "author": staff_user}
    Solution.objects.create(title="Borrador secreto de residuos", status="borrador", **common)
    Solution.objects.create(title="Reciclaje en ferias libres", status="publicada", **common)
    assert [hit.title for hit in site_search("RESIDUOS gestion", None)["Soluciones"]] == ["Reciclaje en ferias libres"]


def test_the_search_page_groups_results_and_says_when_nothing_matches(client, db):
    page = client.get("/buscar/", {"q": "temuco"}).content.decode()
    assert "Comunas" in page and "Temuco" in page
    empty = client.get("/buscar/", {"q": "zzxxqq"}).content.decode()
    assert "No encontramos nada" in empty


def test_every_page_has_the_search_box(client, db):
    assert 'role="search"' in client.get("/comunas/").content.decode()
