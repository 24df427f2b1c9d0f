"""The public API: counts and published engagements only; queries do not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.assistance.models import Recommendation, RecommendationUpdate

from .factories import make_engagement, make_published

pytestmark = pytest.mark.django_db


def test_counts_are_public_and_carry_their_source(client):
    make_engagement()
    make_engagement(status="desistida")
    data = client.get("/api/v1/assistance/counts").json()
    assert data["total"] == 1 and data["source"]
    assert {row["code"]: row["count"] for row in data["by_challenge"]}["digital"] == 1


def test_only_published_engagements_leave_through_the_api(client):
    hidden = make_engagement(status="en_seguimiento", report_summary="secreto")
    published = make_published()
    items = client.get("/api/v1/assistance/engagements").json()["items"]
    assert [i["id"] for i in items] == [published.pk]
    assert items[0]["recommendations"][0]["status"] == "en_curso_a_tiempo"
    assert client.get(f"/api/v1/assistance/engagements/{hidden.pk}").status_code == 404
    assert client.get(f"/api/v1/assistance/engagements/{published.pk}").json()["summary"] == "Resumen"
    assert client.get("/api/v1/assistance/engagements/99999999999999999999").status_code == 422


def _count(client, url):
    assert client.get(url).status_code == 200  # warm the shared caches (comuna page blocks, similar comunas)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_rows(n):
    for _ in range(n):
        e = make_published()
        rec = e.recommendations.get()
        RecommendationUpdate.objects.create(recommendation=rec, kind="avance", progress=10)
        Recommendation.objects.create(engagement=e, text="Otra", owner="x", due_date=rec.due_date)


@pytest.mark.parametrize("url", ["/api/v1/assistance/engagements", "/api/v1/assistance/counts",
                                 "/asistencia/", "/comunas/13120/"])
def test_query_counts_do_not_grow_with_engagements(client, url):
    _more_rows(2)
    small = _count(client, url)
    _more_rows(10)
    assert _count(client, url) == small
