"""Walk this app's authorization matrix: every route as every persona gets the declared outcome."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from hub.partners.tests.routes import MATRIX

pytestmark = pytest.mark.django_db


def _outcome(response) -> str:
    if response.status_code in (401,):
        return "login"
    if response.status_code in (301, 302, 303):
        return "login" if response["Location"].startswith(resolve_url(settings.LOGIN_URL)) else "allow"
    if response.status_code in (403, 404):
        return "deny"
    if 200 <= response.status_code < 300:
        return "allow"
    return f"status {response.status_code}"


@pytest.mark.parametrize("route", MATRIX, ids=lambda r: r.name)
def test_route_gives_each_persona_the_declared_access(route, personas, login):
    failures = []
    for persona, expected in route.access.items():
        kwargs = route.kwargs(personas) if callable(route.kwargs) else (route.kwargs or {})
        url = reverse(route.name, kwargs=kwargs)
        client = login(personas[persona])
        if route.method == "POST":
            data = route.data(personas) if callable(route.data) else (route.data or {})
            response = client.post(url, data)
        else:
            response = client.get(url, route.query or {})
        got = _outcome(response)
        if got != expected:
            failures.append(f"{persona}: expected {expected}, got {got} ({url})")
    assert not failures, failures


def test_every_partners_url_name_is_in_the_matrix():
    from django.urls import get_resolver

    names = {f"partners:{n}" for n in get_resolver().namespace_dict["partners"][1].reverse_dict if isinstance(n, str)}
    covered = {r.name for r in MATRIX}
    assert names - covered == set()
    api_names = {"api:list_organizations", "api:get_organization", "api:list_agreements", "api:get_agreement"}
    assert api_names <= covered
