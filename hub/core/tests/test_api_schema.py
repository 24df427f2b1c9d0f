"""API safety: a bounded schemathesis run against /api/v1/openapi.json finds no 5xx and no response that
breaks the schema; the public API is rate-limited with a Spanish 429 saying when to retry."""

import pytest
import schemathesis
from django.core.cache import cache
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from config.wsgi import application  # noqa: E402  (Django is set up by pytest-django before collection)
from testkit.fixtures import COMUNA_A

# The schema is served by the app itself through WSGI: no server, no network.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: the WSGI handler must not close the connection holding the test transaction
    (on PostgreSQL that would break every following query)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_operation_never_fails_and_matches_its_schema(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance, content_type_conformance])


def test_lists_refuse_a_page_larger_than_the_maximum(client, db):
    response = client.get("/api/v1/comunas", {"limit": 100000})
    assert response.status_code == 422 or len(response.json()["items"]) <= 200


@pytest.mark.django_db
def test_the_public_api_answers_429_with_retry_after_and_a_spanish_message(client):
    cache.clear()
    with override_settings(HUB_API_RATE="3/min"):
        statuses = [client.get(f"/api/v1/comunas/{COMUNA_A}").status_code for _ in range(3)]
        response = client.get(f"/api/v1/comunas/{COMUNA_A}")
        page = client.get("/comunas/")  # pages are not limited
    cache.clear()
    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    retry = int(response["Retry-After"])
    assert 1 <= retry <= 60
    body = response.json()
    assert "Demasiadas solicitudes" in body["detail"] and f"{retry} segundos" in body["detail"]
    assert page.status_code == 200


def test_a_huge_offset_is_a_422_naming_the_parameter_not_a_server_error(client, db):
    response = client.get("/api/v1/organizations", {"offset": 10**30})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "offset"]


def test_a_nul_character_in_a_query_parameter_is_a_422(client, db):
    response = client.get("/api/v1/comunas", {"q": "Ñu\x00ñoa"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "q"]
