"""The comuna report: series per challenge against region, typology and similar comunas, as HTML and PDF."""

import pytest

from hub.observatory.models import Indicator, Observation, Source
from hub.observatory.report import Series, comuna_report, line_chart_svg


@pytest.fixture
def casos(db):
    from hub.territory.models import Comuna

    source = Source.objects.create(code="prueba", institution="Fuente de prueba", dataset="Prueba",
                                   url="https://example.cl", licence="CC BY 4.0")
    indicator = Indicator.objects.create(code="casos_prueba", name_es="Casos de prueba", name_en="Test cases",
                                         unit="count", theme="seguridad", aggregation="sum", source=source,
                                         periodicity="annual", direction="higher_worse", decimals=0)
    rows = []
    for comuna in Comuna.objects.filter(region_id="13"):
        for year in (2022, 2023, 2024):
            rows.append(Observation(indicator=indicator, comuna=comuna, period=str(year), year=year,
                                    value=100 + year - 2022 + (10 if comuna.cut == "13120" else 0)))
    Observation.objects.bulk_create(rows)
    return indicator


def test_the_report_draws_the_comuna_against_its_region_typology_and_peers(casos, comuna_a):
    sections = comuna_report(comuna_a)
    security = next(s for s in sections if s.theme == "seguridad")
    chart = next(c for c in security.charts if c.indicator == casos)
    assert chart.periods == ["2022", "2023", "2024"]
    series = {s.key: s.points for s in chart.series}
    assert series["comuna"] == {"2022": 110, "2023": 111, "2024": 112}
    # The region is the sum of its comunas (aggregation "sum"), never an average.
    n = Observation.objects.filter(indicator=casos, period="2024").count()
    # A count compares with the median comuna of the region (its total would dwarf any comuna).
    assert series["region"]["2024"] == pytest.approx(102)
    assert n > 1
    assert "<svg" in chart.svg and "<title>" in chart.svg and "style=" not in chart.svg
    assert chart.direction_hint == "Más alto es peor"


def test_the_report_page_and_its_pdf(client, casos, comuna_a):
    html = client.get("/observatorio/comunas/13120/informe/").content.decode()
    assert "Informe comunal de Ñuñoa" in html and "Casos de prueba" in html and "<table" in html
    pdf = client.get("/observatorio/comunas/13120/informe.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_an_unknown_comuna_is_a_spanish_404(client, db):
    assert client.get("/observatorio/comunas/99999/informe/").status_code == 404


def test_a_chart_without_values_draws_nothing(db):
    assert line_chart_svg("t", [], [Series("comuna", "x", {})], Indicator(decimals=0, unit="count")) == ""
