"""The network API runs a fixed number of queries, however many practices, replications and events there are."""

import pytest

from testkit.queries import counts

from .factories import COMUNA_B, COMUNA_C, make_event, make_practice, make_registration, make_replication

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/practices?limit=100", "/api/v1/replications?limit=100", "/api/v1/events?limit=100"]


def _add(n: int, start: int) -> None:
    for i in range(start, start + n):
        practice = make_practice(cut=COMUNA_C, title=f"Experiencia {i}")
        make_replication(practice=practice, cut=COMUNA_B)
        event = make_event(title=f"Evento {i}")
        make_registration(event=event, email=f"p{i}@example.cl")


def test_practice_replication_and_event_lists_do_not_grow_with_rows(client):
    _add(3, 0)
    small = counts(client, URLS)
    _add(15, 3)
    large = counts(client, URLS)
    assert large == small
    assert max(small.values()) <= 8, small
