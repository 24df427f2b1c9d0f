"""An official of one comuna can never read the drafts of, nor write, another comuna's data.

The routes come from the apps' MATRIX entries owned by comuna A (official_a allowed, official_b denied); each is
exercised as official_b (Temuco) against an object of comuna A (Ñuñoa), through the pages and through the API,
and a refused write must leave the database as it was (no audit entry, same row counts).
"""

import pytest
from auditlog.models import LogEntry
from django.apps import apps

from hub.core.audit import exempt_reason
from testkit.matrix import judge, request_route
from testkit.routes import all_routes

READS = {"GET", "HEAD"}


def comuna_a_routes():
    return [
        route
        for route in all_routes()
        if not route.skip_check
        and not route.name.endswith("*")
        and route.access.get("official_a") == "allow"
        and route.access.get("official_b") == "deny"
    ]


def comuna_models():
    """hub.* models with a foreign key to territory.Comuna (bulk import tables aside)."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("hub.") or model._meta.app_label == "territory":
            continue
        if exempt_reason(model):
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is not None and field.related_model._meta.label == \
                    "territory.Comuna":
                found.append(model)
                break
    return found


def _app_of(route_name: str) -> str:
    return route_name.split(":", 1)[0]


def test_every_app_whose_officials_write_comuna_data_declares_comuna_owned_routes():
    routes = all_routes()
    official_writes = {
        _app_of(route.name)
        for route in routes
        if route.method not in READS and "official_a" in route.access
        and "allow" in (route.access["official_a"], route.access["official_b"])
    }
    owned = {_app_of(route.name) for route in comuna_a_routes()}
    missing = [
        model._meta.label
        for model in comuna_models()
        if model._meta.app_label in official_writes and model._meta.app_label not in owned
    ]
    assert not missing, (
        "Estos modelos tienen comuna y su app deja escribir a funcionarios, pero su MATRIX no declara ninguna ruta "
        "de la comuna A cerrada a la comuna B: " + ", ".join(missing)
    )


def _snapshot():
    return LogEntry.objects.count(), {model._meta.label: model._default_manager.count() for model in comuna_models()}


ROUTES = comuna_a_routes()


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.name}[{r.method}]" for r in ROUTES])
def test_official_of_comuna_b_is_refused_on_comuna_a_data(client, personas, route):
    before = {}

    def snapshot_before():
        before["state"] = _snapshot()

    response = request_route(client, route, personas, "official_b", on_ready=snapshot_before)
    problem = judge(route, response, "deny")
    assert not problem, f"{route.name} como funcionario de Temuco sobre datos de Ñuñoa: {problem}"
    if route.method not in READS:
        assert _snapshot() == before["state"], f"{route.name}: la escritura rechazada cambió la base de datos"


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.name}[{r.method}]" for r in ROUTES])
def test_official_of_comuna_a_may_act_on_its_own_data(client, personas, route):
    response = request_route(client, route, personas, "official_a")
    assert not judge(route, response, "allow"), f"{route.name} como funcionaria de Ñuñoa: {response.status_code}"


GET_ROUTES = [route for route in ROUTES if route.method == "GET"]


@pytest.mark.parametrize("route", GET_ROUTES, ids=[r.name for r in GET_ROUTES])
def test_official_of_comuna_b_cannot_post_to_comuna_a_pages_either(client, personas, route):
    """Edit forms are declared with GET; a forged POST by the other comuna must change nothing either."""
    from dataclasses import replace

    forged = replace(route, method="POST", data={"title": "Cambio indebido", "name": "Cambio indebido"})
    before = {}
    response = request_route(client, forged, personas, "official_b", on_ready=lambda: before.update(s=_snapshot()))
    assert response.status_code in (403, 404, 405), f"{route.name}: POST de Temuco respondió {response.status_code}"
    assert _snapshot() == before["s"], f"{route.name}: el POST rechazado cambió la base de datos"
