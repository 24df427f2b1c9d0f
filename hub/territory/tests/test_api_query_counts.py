"""The territory API runs a fixed number of queries whatever the page size (346 comunas are loaded)."""

import pytest

from testkit.queries import counts

pytestmark = pytest.mark.django_db


def test_comuna_list_and_detail_do_not_grow_with_rows(client):
    small = counts(client, ["/api/v1/comunas?limit=5", "/api/v1/comunas/13120"])
    large = counts(client, ["/api/v1/comunas?limit=200", "/api/v1/comunas/13120"])
    assert list(large.values()) == list(small.values())
    assert max(small.values()) <= 3, small
