import re

import pytest
from django.urls import reverse

from .pages_data import build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


def comuna_page(client, cut):
    return client.get(reverse("territory:comuna_detail", args=[cut])).content.decode()


def test_comuna_page_shows_observatory_dashboard_with_rank_and_medians(client):
    build(comunas=30, years=2, first_year=2023)
    html = comuna_page(client, "13120")
    assert "Indicadores del observatorio" in html
    assert "Casos policiales" in html
    assert "de 30" in html  # "puesto N de 30"
    assert "Mediana tipología" in html
    assert "Mediana similares" in html
    assert reverse("observatory:indicator_detail", args=["casos_policiales"]) in html
    assert "Fuente: CEAD, Subsecretaría de Prevención del Delito, 2024" in html


def test_comuna_dashboard_rank_is_position_by_value(client):
    data = build(comunas=10, years=1, first_year=2024)
    # The comuna with the most cases (highest i) is first.
    top = data["comunas"][-1]
    html = comuna_page(client, top.cut)
    assert "puesto 1 de 10" in html


def test_comuna_dashboard_never_says_importer_ready(client):
    build(comunas=5, years=1)
    html = comuna_page(client, "13120")
    assert "importador genérico está listo" not in html


def test_comuna_without_observatory_data_shows_empty_state(client):
    html = comuna_page(client, "13120")
    assert "Indicadores del observatorio" in html
    assert "No hay cifras cargadas para este desafío" in html or "aún no tiene indicadores" in html


def test_compare_shows_up_to_four_comunas_side_by_side(client):
    build(comunas=10, years=1)
    html = client.get(reverse("observatory:compare"), {"cut": ["13120", "09101"]}).content.decode()
    assert "Ñuñoa" in html and "Temuco" in html
    assert "Casos policiales" in html
    assert "quitar" in html


def test_compare_refuses_more_than_four_comunas_in_spanish(client):
    build(comunas=10, years=1)
    cuts = ["13120", "09101", "13101", "05101", "08101"]
    response = client.get(reverse("observatory:compare"), {"cut": cuts})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Se pueden comparar hasta cuatro comunas" in html
    assert "obs-compare" not in html


def test_compare_search_offers_comunas_to_add_and_ignores_unknown_codes(client):
    html = client.get(reverse("observatory:compare"), {"cut": ["13120", "99999"], "q": "temuco"}).content.decode()
    assert "Temuco" in html
    assert "cut=13120&amp;cut=09101" in html
    assert "99999" in html  # reported as ignored


def test_similar_comunas_page_names_features_and_lists_eight(client):
    build(comunas=10, years=1)
    html = client.get(reverse("observatory:comuna_similar", args=["13120"])).content.decode()
    assert "Personas por hogar" in html
    assert "Autonomía financiera" in html
    assert len(re.findall(r"distancia [0-9]", html)) == 8


def test_similar_comunas_of_unknown_cut_is_404(client):
    assert client.get(reverse("observatory:comuna_similar", args=["99999"])).status_code == 404
