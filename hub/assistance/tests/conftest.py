import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def revenue_calls(monkeypatch):
    """Record the calls to finance's register_revenue (the placeholder records nothing)."""
    calls = []
    import hub.finance.revenue as revenue

    monkeypatch.setattr(revenue, "register_revenue", lambda **kw: calls.append(kw))
    return calls
