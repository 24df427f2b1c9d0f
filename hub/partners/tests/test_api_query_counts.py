"""The articulación API runs a fixed number of queries, however many agreements a page holds (was 9 for 5, 29 for
25: one query per row for the linked solutions)."""

import pytest

from hub.portfolio.models import EcosystemUnit, Solution, SolutionStatus
from testkit.queries import counts

from .factories import agreement, org

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/agreements?limit=200", "/api/v1/organizations?limit=200"]


def _add(n: int, unit, author) -> None:
    for i in range(n):
        a = agreement(status="vigente")
        a.transfers.create(payer=a.parties.first().organization, payee=a.parties.last().organization,
                           amount_clp=1000 * (i + 1), concept="Aporte")
        solution = Solution.objects.create(title=f"Solución {a.pk}", owner_unit=unit, author=author, summary="s",
                                           work_line="conocimiento", challenge="seguridad", kind="protocolo",
                                           status=SolutionStatus.PUBLISHED)
        a.solutions.add(solution)
        org()


def test_agreement_and_organization_lists_do_not_grow_with_rows(client, staff_user):
    unit = EcosystemUnit.objects.create(slug="u", name="Unidad", short_name="U")
    _add(5, unit, staff_user)
    small = counts(client, URLS)
    _add(20, unit, staff_user)
    large = counts(client, URLS)
    assert large == small
    assert max(small.values()) <= 8, small
