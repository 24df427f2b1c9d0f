import re

import pytest
from django.urls import reverse

from hub.core.text import fold
from hub.observatory import maps

from .pages_data import build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


def ranking_names(html):
    ranking = html.split('id="ranking"')[1]
    return re.findall(r'<td><a href="/comunas/[0-9]{5}/">([^<]+)</a>', ranking)


def page(client, code, **params):
    return client.get(reverse("observatory:indicator_detail", args=[code]), params)


def test_indicator_page_shows_definition_source_licence_and_latest_period(client):
    data = build(comunas=12, years=3)
    html = page(client, "casos_policiales").content.decode()
    assert "Definición de casos_policiales." in html
    assert "Fuente: CEAD, Subsecretaría de Prevención del Delito, 2023 · licencia CC BY 4.0" in html
    assert f'<option value="{data["last_year"]}" selected>' in html


def test_indicator_page_shows_national_sum_for_count_indicators(client):
    build(comunas=4, years=1, first_year=2024)
    html = page(client, "casos_policiales", period="2024").content.decode()
    # 100+200+300+400 cases in the four comunas.
    assert "1.000" in html


def test_ratio_indicator_is_recomputed_from_sums_not_averaged(client):
    build(comunas=2, years=1, first_year=2024)
    # cases 100 and 200, people 11000 and 12000 -> 300/23000*1e5 = 1304,3 (an average of rates would be 1288,1)
    html = page(client, "tasa_casos_policiales", period="2024").content.decode()
    assert "1.304,3" in html
    assert "1.288,1" not in html


def test_non_aggregable_indicator_has_no_national_figure(client):
    build(comunas=4, years=1)
    html = page(client, "pobreza_multidimensional").content.decode()
    assert "no se agrega por región ni para el país" in html
    assert "Intervalo" in html


def test_unknown_or_private_indicator_is_404(client):
    build(comunas=2, years=1)
    assert page(client, "no_existe").status_code == 404
    assert page(client, "componente_privado").status_code == 404


def test_ranking_is_paginated_by_fifty_and_sortable_by_name(client):
    build(comunas=60, years=1, first_year=2024)
    first = page(client, "casos_policiales").content.decode()
    assert "Página 1 de 2" in first
    assert first.count('<td class="num">1</td>') == 1  # rank 1 appears once: the highest value
    second = page(client, "casos_policiales", page=2).content.decode()
    assert "Página 2 de 2" in second
    by_name = page(client, "casos_policiales", sort="name").content.decode()
    names = ranking_names(by_name)
    assert len(names) == 50
    assert names == sorted(names, key=fold)
    by_value = ranking_names(first)
    assert by_value != names


def test_ranking_htmx_request_returns_only_the_fragment(client):
    build(comunas=60, years=1)
    response = client.get(
        reverse("observatory:indicator_detail", args=["casos_policiales"]),
        {"page": 2},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="ranking",
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Página 2 de 2" in html
    assert "<svg" not in html


def test_region_filter_limits_ranking_and_shows_regional_figure(client):
    build(comunas=30, years=2)
    html = page(client, "casos_policiales", region="13").content.decode()
    assert "Ñuñoa" in html
    assert "Temuco" not in html.split('id="ranking"')[1].split("</section>")[0]
    assert "Metropolitana" in html


def test_map_is_inline_svg_with_a_title_per_comuna_and_grey_for_missing(client):
    assert maps.projected_map() is not None, "data/territory/dpa_comunas_simplificado.geojson.gz ships with the project"
    build(comunas=10, years=1)
    html = page(client, "casos_policiales").content.decode()
    assert '<svg class="choropleth"' in html
    assert html.count("<path ") >= 300
    assert "Ñuñoa: " in html
    assert ": sin dato</title>" in html
    assert 'fill="#d9d9d9"' in html
    assert "Isla de Pascua" in html  # named as left out, not drawn in the Pacific


def test_missing_geojson_shows_a_message_instead_of_the_map(client, settings, tmp_path):
    build(comunas=3, years=1)
    settings.HUB_DATA_DIR = tmp_path
    html = page(client, "casos_policiales").content.decode()
    assert "El mapa no está disponible" in html
    assert "Ranking nacional" in html


def test_yearly_and_monthly_series_are_drawn_for_police_cases(client):
    build(comunas=5, years=3, months=4)
    html = page(client, "casos_policiales").content.decode()
    assert html.count('<svg class="chart"') >= 3  # national series, monthly series, typology bars
    assert "2023-04" in html


def test_typology_distribution_lists_median_min_max(client):
    build(comunas=40, years=1)
    html = page(client, "casos_policiales").content.decode()
    assert "Distribución por tipología comunal" in html
    assert "Mediana" in html


def test_indicator_without_data_says_so(client):
    from hub.observatory.models import Indicator, Source

    source = Source.objects.create(code="x", institution="X", dataset="X", attribution="X")
    Indicator.objects.create(code="sin_datos", name_es="Sin datos", name_en="n", definition="d", unit="count",
                             theme="aps", source=source, periodicity="year", direction="neutral",
                             aggregation="sum")
    html = page(client, "sin_datos").content.decode()
    assert "todavía no tiene datos cargados" in html


def test_bad_filters_fall_back_to_defaults(client):
    build(comunas=5, years=2)
    response = page(client, "casos_policiales", period="20x4", region="99", typology="nada", sort="drop")
    assert response.status_code == 200
    assert "Página" in response.content.decode() or "comunas con dato" in response.content.decode()


def _expected(indicator, rows) -> float | None:
    """Independent oracle of the aggregation rule: sum of values; sum(num)/sum(den)*scale; none for "none"."""
    rows = list(rows)
    if indicator.aggregation == "sum":
        return sum(r.value for r in rows) if rows else None
    if indicator.aggregation == "ratio":
        both = [r for r in rows if r.numerator is not None and r.denominator is not None]
        den = sum(r.denominator for r in both)
        return sum(r.numerator for r in both) / den * indicator.scale if both and den else None
    return None


@pytest.mark.parametrize("code", ["casos_policiales", "tasa_casos_policiales", "pobreza_multidimensional"])
def test_series_recompute_each_period_from_the_comuna_rows_never_averaging_rates(code):
    """selectors.aggregate_series (the one aggregation of the pages and the API) per period, nationally and for
    a region, equals the rule computed here from the raw comuna rows."""
    from hub.observatory import selectors
    from hub.observatory.models import Observation

    data = build(comunas=30, years=3)
    indicator = next(v for v in data.values() if getattr(v, "code", "") == code)
    national = dict(selectors.aggregate_series(indicator))
    regional = dict(selectors.aggregate_series(indicator, region="13"))
    rows = Observation.objects.filter(indicator=indicator, dimension="").select_related("comuna")
    periods = sorted({r.period for r in rows})
    assert periods
    for period in periods:
        in_period = [r for r in rows if r.period == period]
        expected = _expected(indicator, in_period)
        assert national.get(period) == pytest.approx(expected) if expected is not None else period not in national
        expected_rm = _expected(indicator, [r for r in in_period if r.comuna.region_id == "13"])
        assert regional.get(period) == pytest.approx(expected_rm) if expected_rm is not None else period not in regional
    if indicator.aggregation == "ratio":
        first = [r.value for r in rows if r.period == periods[0]]
        assert national[periods[0]] != pytest.approx(sum(first) / len(first))


def test_indicator_name_follows_the_chosen_language(client, settings):
    build(comunas=3, years=1)
    spanish = page(client, "casos_policiales").content.decode()
    assert "<h1>Casos policiales</h1>" in spanish
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page(client, "casos_policiales").content.decode()
    assert "<h1>casos_policiales</h1>" in english
