"""Demo content of evaluation and roadmap: idempotent, and every page has something to show."""

import io

from hub.demo import accounts, network, partners, portfolio
from hub.demo import evaluation as evaluation_demo
from hub.demo import roadmap as roadmap_demo
from hub.evaluation.models import AgreementQuality, AnnualReport, Period, PeriodSnapshot
from hub.roadmap.models import GateDecision


def test_demo_loads_twice_without_duplicates_and_fills_the_pages(client, db):
    for module in (accounts, portfolio, partners, network, roadmap_demo, evaluation_demo):
        module.load(stdout=io.StringIO())
    counts = (AnnualReport.objects.count(), GateDecision.objects.count(), AgreementQuality.objects.count())
    roadmap_demo.load(stdout=io.StringIO())
    evaluation_demo.load(stdout=io.StringIO())
    assert (AnnualReport.objects.count(), GateDecision.objects.count(), AgreementQuality.objects.count()) == counts
    assert counts[0] == 1 and counts[1] >= 1 and counts[2] >= 1
    assert PeriodSnapshot.objects.count() == 1 and Period.objects.filter(status="cerrado").count() == 1
    assert all(d.is_demo for d in GateDecision.objects.all())
    report = AnnualReport.objects.get()
    assert report.is_demo
    body = client.get(report.get_absolute_url()).content.decode()
    assert "Demo" in body and report.sha256 in body
    page = client.get("/evaluacion/").content.decode()
    assert 'data-figure="cobertura">0,0 %' not in page  # the demo year has coverage
    assert "Demo" in client.get("/hoja-de-ruta/etapas/1/").content.decode()
