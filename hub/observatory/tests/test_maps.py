"""The national choropleth: metropolitan insets, keyboard-reachable comunas, a legend; the comuna locator."""

import re
from types import SimpleNamespace

import pytest

from hub.observatory import maps
from hub.territory.models import Comuna
from hub.territory.templatetags.territory_maps import comuna_locator

from .pages_data import build

pytestmark = pytest.mark.django_db

PER_100K = SimpleNamespace(unit="per_100k", decimals=1)


def _inset_blocks(svg: str) -> dict[str, str]:
    blocks = re.findall(r'<g class="map-inset" role="group" aria-label="[^"]*">(.*?)</g>', svg)
    titles = [re.search(r'class="inset-title"[^>]*>([^<]+)</text>', b).group(1) for b in blocks]
    return dict(zip(titles, blocks, strict=True))


def test_national_map_has_three_insets_with_focusable_comuna_links_and_a_legend():
    values = {"13120": 1234.5, "05109": 10.0, "08101": 20.0, "09101": 30.0, "13101": 40.0}
    result = maps.choropleth(values, indicator=PER_100K, label="Mapa")
    svg = str(result["svg"])
    insets = _inset_blocks(svg)
    assert list(insets) == ["Gran Valparaíso", "Gran Santiago", "Gran Concepción"]
    santiago = insets["Gran Santiago"]
    assert santiago.count('<a class="comuna"') == 34  # 32 of the Provincia de Santiago, Puente Alto, San Bernardo
    assert insets["Gran Valparaíso"].count('<a class="comuna"') == 5
    assert insets["Gran Concepción"].count('<a class="comuna"') == 10
    nunoa = re.search(r'<a class="comuna" href="/comunas/13120/"[^>]*>.*?</a>', santiago).group(0)
    assert 'tabindex="0"' in nunoa
    assert 'aria-label="Ñuñoa: 1.234,5"' in nunoa
    assert "<title>Ñuñoa: 1.234,5</title>" in nunoa
    assert 'class="map-label"' in nunoa
    assert "Temuco" not in "".join(insets.values())
    # Ñuñoa also stays on the strip of Chile, so it appears twice in all.
    assert svg.count('href="/comunas/13120/"') == 2
    assert 'role="group"' in svg and 'role="img"' not in svg  # an image role would hide the links
    legend = re.search(r'<g class="map-legend".*?</g>', svg).group(0)
    assert "1.234,5" in legend  # the top class ends at the maximum, in Chilean format
    assert "sin dato" in legend
    assert [item["high"] for item in result["legend"]][-1] == "1.234,5"
    assert "<script" not in svg


def test_regional_map_of_biobio_has_only_the_gran_concepcion_inset():
    svg = str(maps.choropleth({"08101": 1.0}, indicator=PER_100K, region="08", label="Mapa")["svg"])
    assert list(_inset_blocks(svg)) == ["Gran Concepción"]
    svg = str(maps.choropleth({"09101": 1.0}, indicator=PER_100K, region="09", label="Mapa")["svg"])
    assert _inset_blocks(svg) == {}


def test_indicator_page_caption_says_what_a_click_does(client):
    from django.core.cache import cache
    from django.urls import reverse

    cache.clear()
    build(comunas=10, years=1)
    html = client.get(reverse("observatory:indicator_detail", args=["casos_policiales"])).content.decode()
    assert "haga clic o pulse Enter en una comuna para abrir su página" in html
    assert "toque una comuna para ver su valor" not in html
    assert 'class="map-inset"' in html
    assert 'href="#ranking-title"' in html  # a way past the ~400 comuna links


def test_locator_draws_the_outline_of_chile_with_the_comuna_highlighted():
    html = str(comuna_locator(Comuna(cut="09101", name="Temuco")))
    assert 'class="locator-land"' in html
    assert 'fill="#d9480f"' in html
    assert "<circle" in html and html.count("<circle") == 2  # the ring and the dot, no cloud of cabeceras
    assert len(html) < 60_000
    assert "insular" in str(comuna_locator(Comuna(cut="05201", name="Isla de Pascua")))
