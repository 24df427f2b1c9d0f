"""The authorization matrix: every URL of the project is declared, and every declared route behaves as declared
for each of the five personas."""

import pytest

from testkit.matrix import checkable_routes, judge, request_route, uncovered_url_names, url_names
from testkit.routes import PERSONAS


def test_every_url_name_of_the_project_is_in_some_authorization_matrix():
    missing = uncovered_url_names()
    assert not missing, (
        "Estas URL no están en ningún MATRIX de hub/<app>/authz.py; declare quién puede usarlas: "
        + ", ".join(missing)
    )


def test_the_walk_sees_the_api_the_admin_and_the_apps():
    names = url_names()
    assert "api:openapi-json" in names
    assert "admin:index" in names
    assert "territory:comuna_list" in names


CASES = [
    pytest.param(route, persona, id=f"{route.name}[{route.method}]-{persona}")
    for route in checkable_routes()
    for persona in PERSONAS
]


@pytest.mark.parametrize(("route", "persona"), CASES)
def test_route_gives_each_persona_the_declared_outcome(client, personas, route, persona):
    expected = route.access[persona]
    response = request_route(client, route, personas, persona)
    problem = judge(route, response, expected)
    assert not problem, f"{route.name} como {persona}: {problem}"
