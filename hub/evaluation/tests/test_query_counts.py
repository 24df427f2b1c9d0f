"""Evaluation and roadmap pages and API run a fixed number of queries, whatever the number of records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import YEAR, agreement, organization, practice, replication, solution

pytestmark = pytest.mark.django_db

URLS = [
    f"/evaluacion/?year={YEAR}",
    f"/evaluacion/indicadores/cobertura/?year={YEAR}",
    f"/evaluacion/indicadores/cartera/?year={YEAR}",
    f"/evaluacion/indicadores/articulacion/?year={YEAR}",
    f"/api/v1/evaluation/indicators?year={YEAR}",
    f"/api/v1/evaluation/indicators/cobertura?year={YEAR}",
    "/api/v1/evaluation/periods",
    "/api/v1/evaluation/reports",
    "/hoja-de-ruta/",
    "/hoja-de-ruta/etapas/4/",
    "/api/v1/roadmap/stages",
    "/api/v1/roadmap/stages/7",
]


def build(n: int):
    from hub.territory.models import Comuna

    comunas = list(Comuna.objects.order_by("cut")[: n + 1])
    source = practice(comunas[0], title=f"Práctica base {n}")
    uni = organization(f"Universidad {n}", "academia")
    for i, comuna in enumerate(comunas[1:], start=1):
        replication(comuna, practice_obj=source)
        s = solution(f"Solución {n}-{i}", challenge=["digital", "aps", "seguridad"][i % 3])
        replication(comuna, solution=s)
        muni = organization(f"Municipalidad {n}-{i}", "municipios", comuna=comuna)
        agreement(f"Convenio {n}-{i}", [uni, muni], signed_on=datetime.date(YEAR, 1 + i % 12, 1))


def count(client, url) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_records(client):
    build(2)
    small = {url: count(client, url) for url in URLS}
    build(25)
    large = {url: count(client, url) for url in URLS}
    assert large == small
    # A bound, not a target: the signed-in pages also render the header (unread notices) and the roadmap summary.
    assert max(small.values()) <= 45, small
