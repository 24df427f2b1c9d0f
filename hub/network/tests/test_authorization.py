"""Every route of the network app, requested as every persona, gives the outcome its MATRIX declares."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from hub.network.tests.routes import MATRIX


def _outcome(response) -> str:
    if response.status_code == 401:
        return "login"
    if response.status_code in (301, 302):
        login_url = resolve_url(settings.LOGIN_URL)
        return "login" if response["Location"].startswith(login_url) else "allow"
    if response.status_code in (403, 404):
        return "deny"
    if 200 <= response.status_code < 300:
        return "allow"
    return f"status {response.status_code}"


@pytest.mark.parametrize("route", MATRIX, ids=[f"{r.name}#{i}" for i, r in enumerate(MATRIX)])
@pytest.mark.parametrize("persona", ["anonymous", "staff", "official_a", "official_b", "partner"])
def test_route_gives_declared_outcome_to_each_persona(route, persona, personas, login):
    kwargs = route.kwargs(personas) if callable(route.kwargs) else (route.kwargs or {})
    data = route.data(personas) if callable(route.data) else (route.data or {})
    url = reverse(route.name, kwargs=kwargs)
    client = login(personas[persona])
    response = client.post(url, data) if route.method == "POST" else client.get(url, route.query or {})
    assert _outcome(response) == route.access[persona], (url, response.status_code, response.get("Location"))
