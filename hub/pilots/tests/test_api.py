"""The pilots API: public pilots only, and a fixed number of queries whatever the number of pilots."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import pilot

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_api_lists_only_preregistered_pilots_with_their_hash(client):
    public = pilot(status="preregistrado")
    pilot(status="diseno", frozen=False)
    data = client.get("/api/v1/pilots/").json()
    assert [row["id"] for row in data["items"]] == [public.pk]
    assert len(data["items"][0]["registration_sha256"]) == 64
    assert data["items"][0]["pilot_comunas"] == ["09101", "13120"]
    detail = client.get(f"/api/v1/pilots/{public.pk}").json()
    assert detail["versions"][0]["content"]["hipotesis"] == "H1: baja la tasa."


def test_api_query_counts_do_not_grow_with_pilots(client):
    first = pilot(status="preregistrado")
    small = (_count(client, "/api/v1/pilots/"), _count(client, f"/api/v1/pilots/{first.pk}"))
    for _ in range(8):
        pilot(status="en_implementacion")
    large = (_count(client, "/api/v1/pilots/"), _count(client, f"/api/v1/pilots/{first.pk}"))
    assert large == small
    assert max(small) <= 8, small
