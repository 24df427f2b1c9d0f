"""The portfolio API runs a fixed number of queries, however many solutions, documents and units there are."""

import pytest

from hub.portfolio.models import EcosystemUnit, LibraryItem, SolutionStatus, SubTheme
from testkit.queries import counts

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/solutions?limit=200",
    "/api/v1/library?limit=200",
    "/api/v1/units",
    "/api/v1/challenges",
    "/api/v1/ecosystem/matrix",
]


def _add(make_solution, n: int, start: int) -> None:
    for i in range(start, start + n):
        unit = EcosystemUnit.objects.create(slug=f"unidad-{i}", name=f"Unidad {i}", short_name=f"U{i}")
        solution = make_solution(title=f"Solución {i}", status=SolutionStatus.PUBLISHED,
                                 typologies=("metropolitanas", "mayores"))
        solution.owner_unit = unit
        solution.save(update_fields=["owner_unit"])
        LibraryItem.objects.create(title=f"Documento {i}", kind="estudio", authors="Hub", year=2025,
                                   work_line="conocimiento", challenge="seguridad")
        SubTheme.objects.create(challenge="seguridad", name=f"Subtema {i}")


def test_solution_library_and_ecosystem_lists_do_not_grow_with_rows(client, make_solution):
    _add(make_solution, 3, 0)
    small = counts(client, URLS)
    _add(make_solution, 15, 3)
    large = counts(client, URLS)
    assert large == small, {u: (small[u], large[u]) for u in URLS if small[u] != large[u]}
    assert max(small.values()) <= 10, small
