import io

import pytest

from hub.assistance.models import Engagement, PaymentDue
from hub.demo import accounts, assistance, partners, portfolio
from hub.observatory.models import Indicator, Observation, Source

pytestmark = pytest.mark.django_db


def _load():
    for module in (accounts, portfolio, partners, assistance):
        module.load(io.StringIO())


def _observatory():
    source = Source.objects.create(code="demo_src", institution="INE", dataset="x", attribution="x")
    for n, code in enumerate(["residuos_valorizados", "gasto_aseo"]):
        ind = Indicator.objects.create(code=code, name_es=code, name_en=code, definition="d", unit="percent",
                                       theme="contexto", source=source, periodicity="year", direction="neutral",
                                       aggregation="none")
        Observation.objects.create(indicator=ind, comuna_id="09101", period="2023", year=2023, value=10.0 + n)


def test_demo_is_idempotent_marked_and_covers_the_three_stages(client):
    _observatory()
    _load()
    _load()
    demo = Engagement.objects.filter(is_demo=True)
    assert demo.count() == 3 and all("(Demo)" in e.title for e in demo)
    assert set(demo.values_list("status", flat=True)) == {"en_alcance", "en_ejecucion", "en_seguimiento"}
    executing = demo.get(status="en_ejecucion")
    assert PaymentDue.objects.filter(milestone__engagement=executing).count() == 1
    follow = demo.get(status="en_seguimiento")
    linked = follow.recommendations.exclude(indicator=None)
    assert linked.count() == 2 and all(r.baseline_value is not None and r.baseline_period for r in linked)
    assert follow.report_published
    page = client.get(f"/asistencia/publicas/{follow.pk}/").text
    assert "Demo" in page


def test_demo_without_observatory_degrades_to_unlinked_recommendations():
    _load()
    follow = Engagement.objects.get(is_demo=True, status="en_seguimiento")
    assert follow.recommendations.count() == 3 and not follow.recommendations.exclude(indicator=None).exists()
