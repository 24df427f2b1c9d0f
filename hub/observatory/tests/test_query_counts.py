"""The observatory's pages and API run a fixed number of queries, whatever the number of comunas or periods."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hub.observatory.models import Observation

from .pages_data import build

pytestmark = pytest.mark.django_db

URLS = [
    reverse("observatory:indicator_detail", args=["casos_policiales"]),
    reverse("observatory:indicator_detail", args=["tasa_casos_policiales"]) + "?region=13",
    reverse("observatory:indicator_detail", args=["pobreza_multidimensional"]),
    reverse("territory:comuna_detail", args=["13120"]),
    reverse("observatory:compare") + "?cut=13120&cut=09101&cut=13101",
    reverse("observatory:comuna_similar", args=["13120"]),
    "/api/v1/indicators/casos_policiales/values",
    "/api/v1/indicators/casos_policiales_mensual/values?region=13&limit=1000",
    "/api/v1/indicators",
    "/api/v1/indicators/casos_policiales",
    "/api/v1/indicators/casos_policiales/values?format=csv&cut=13120",
    "/api/v1/comunas/13120/series?indicator=casos_policiales",
    "/api/v1/indicators/casos_policiales/values?format=csv",
    "/api/v1/indicators/casos_policiales/aggregates?level=region",
    "/api/v1/indicators/tasa_casos_policiales/aggregates?level=typology",
    "/api/v1/indicators.csv",
    "/api/v1/datapackage.json",
    "/api/v1/datapackage.zip",
    "/",
]


def count_queries(client, url) -> int:
    cache.clear()
    assert client.get(url).status_code == 200  # warm the caches (map paths, similar-comuna table)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_comunas_or_periods(client):
    build(comunas=4, years=1, months=1)
    small = {url: count_queries(client, url) for url in URLS}
    Observation.objects.all().delete()
    build(comunas=80, years=6, months=12)
    large = {url: count_queries(client, url) for url in URLS}
    assert large == small
    # And they stay small in absolute terms.
    assert max(small.values()) <= 15, small


OPEN_DATA_URLS = [
    "/api/v1/indicators/casos_policiales/aggregates?level=region&period=2021",
    "/api/v1/indicators/tasa_casos_policiales/aggregates?level=typology&period=2021",
    "/api/v1/indicators.csv",
    "/api/v1/datapackage.json",
    "/api/v1/datapackage.zip",
]


def cold_queries(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_open_data_endpoints_cold_query_counts_do_not_grow_with_rows(client):
    """Even with an empty cache, aggregates, dictionary, package and bulk zip read a fixed number of queries."""
    build(comunas=4, years=1, months=1)
    small = {url: cold_queries(client, url) for url in OPEN_DATA_URLS}
    Observation.objects.all().delete()
    build(comunas=80, years=6, months=12)
    large = {url: cold_queries(client, url) for url in OPEN_DATA_URLS}
    assert large == small
    assert max(small.values()) <= 10, small
