"""Query counting for the "queries don't grow with the number of rows" tests of every API router."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> int:
    """Queries of one GET (after a warm-up request, caches cleared first); the response must be a 200."""
    cache.clear()
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def counts(client, urls) -> dict[str, int]:
    return {url: count_queries(client, url) for url in urls}
