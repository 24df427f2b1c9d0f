"""Fixtures of the evaluation tests."""

import pytest

from hub.core import registry


@pytest.fixture
def fake_sources(monkeypatch):
    """add(indicator, kind, [Evidence, ...]) registers a fake source for this test only."""

    def add(indicator, kind, items):
        current = list(registry._EVIDENCE.get(indicator, []))
        current.append((kind, f"Fuente falsa {kind}", lambda start, end, items=items: list(items)))
        monkeypatch.setitem(registry._EVIDENCE, indicator, current)

    return add
