"""The agenda API: public items with filters and history, participation and presence; fixed query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.agenda import services

from .factories import editor, make_item, make_participation

pytestmark = pytest.mark.django_db


def test_items_filter_by_kind_and_challenge(client):
    make_item(title="Ley A", challenges=["aps"])
    make_item(kind="consulta", title="Consulta B", challenges=["digital"])
    rows = client.get("/api/v1/agenda/items", {"kind": "consulta"}).json()["items"]
    assert [r["title"] for r in rows] == ["Consulta B"]
    rows = client.get("/api/v1/agenda/items", {"challenge": "aps"}).json()["items"]
    assert [r["title"] for r in rows] == ["Ley A"]
    assert client.get("/api/v1/agenda/items", {"kind": "nada"}).status_code == 422


def test_item_history_has_the_official_dates(client):
    item = make_item()
    services.item_move(acting_user=editor(), item_id=item.pk, to="comision", on=datetime.date(2025, 3, 4))
    rows = client.get(f"/api/v1/agenda/items/{item.pk}/history").json()
    assert [r["on"] for r in rows][-1] == "2025-03-04"
    assert client.get("/api/v1/agenda/items/999999/history").status_code == 404
    assert client.get("/api/v1/agenda/items/99999999999999999999").status_code == 422


def _build(n: int):
    staff = editor()
    network = services.network_create(acting_user=staff, name=f"Red {n}", short_name=f"R{n}")
    for i in range(n):
        item = make_item(challenges=["seguridad", "aps"])
        services.position_add(acting_user=staff, item_id=item.pk, kind="exposicion", title=f"Exp {i}",
                              on=datetime.date(2025, 2, 1), committee="Gobierno")
        services.evidence_add(acting_user=staff, item_id=item.pk, kind="piloto", title="Piloto", url="/p/")
        services.item_move(acting_user=staff, item_id=item.pk, to="comision", on=datetime.date(2025, 3, 4))
        make_participation(network=network, body_kind="red_internacional")
        services.mention_create(acting_user=staff, kind="prensa", title=f"Nota {i}", outlet="Diario",
                                on=datetime.date(2025, 4, 1))
        services.network_activity_create(acting_user=staff, network_id=network.pk, on=datetime.date(2025, 6, 1),
                                         title=f"Act {i}")
    return item


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


URLS = ["/api/v1/agenda/items", "/api/v1/agenda/participations", "/api/v1/agenda/mentions",
        "/api/v1/agenda/networks", "/incidencia/", "/incidencia/presencia/", "/incidencia/participacion/"]


def test_query_counts_do_not_grow_with_rows(client):
    last = _build(2)
    small = {url: _count(client, url) for url in URLS + [f"/api/v1/agenda/items/{last.pk}"]}
    last = _build(12)
    large = {url: _count(client, url) for url in URLS + [f"/api/v1/agenda/items/{last.pk}"]}
    assert list(large.values()) == list(small.values())
    assert max(small.values()) <= 12, small
