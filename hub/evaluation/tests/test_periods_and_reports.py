"""Periods close and lock, late data enters as an audited correction, reports regenerate byte-for-byte."""

import datetime
import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hub.evaluation import services
from hub.evaluation.models import AnnualReport, Correction, PeriodSnapshot
from hub.evaluation.reports import annual_report_data, freeze
from hub.evaluation.results import canonical_json, headline, indicator_values

from .factories import YEAR, ev, practice, replication

pytestmark = pytest.mark.django_db
CUTOFF = datetime.date(2026, 1, 31)


def test_closing_a_period_freezes_its_values_and_late_data_enters_as_a_correction(staff_user, comuna_a, comuna_b):
    replication(comuna_a, practice_obj=practice(comuna_b))
    period = services.period_open(acting_user=staff_user, year=YEAR)
    services.period_close(acting_user=staff_user, period=period, cutoff=CUTOFF)

    snap = PeriodSnapshot.objects.get(period=period)
    assert hashlib.sha256(snap.data.encode()).hexdigest() == snap.sha256
    assert indicator_values(YEAR)["indicators"]["cobertura"]["numerator"] == 1

    replication(comuna_b, practice_obj=practice(comuna_a, title="Otra"))  # late data for 2025
    assert indicator_values(YEAR)["indicators"]["cobertura"]["numerator"] == 1  # locked

    with pytest.raises(ValidationError):
        services.period_correct(acting_user=staff_user, period=period, indicator="cobertura", reason="corto")
    services.period_correct(
        acting_user=staff_user,
        period=period,
        indicator="cobertura",
        reason="Replicación de Temuco registrada en febrero",
    )
    data = indicator_values(YEAR)
    assert data["indicators"]["cobertura"]["numerator"] == 2
    assert data["corrections"][0]["original_value"] == round(1 / 346, 6)
    assert data["corrections"][0]["corrected_value"] == round(2 / 346, 6)
    assert json.loads(PeriodSnapshot.objects.get(period=period).data)["indicators"]["cobertura"]["numerator"] == 1
    assert Correction.objects.count() == 1


def test_a_closed_period_cannot_be_closed_again(staff_user):
    period = services.period_open(acting_user=staff_user, year=YEAR)
    services.period_close(acting_user=staff_user, period=period, cutoff=CUTOFF)
    with pytest.raises(ValidationError):
        services.period_close(acting_user=staff_user, period=period, cutoff=CUTOFF)
    assert PeriodSnapshot.objects.count() == 1


def test_an_official_cannot_close_a_period_or_set_a_target(staff_user, official_a):
    period = services.period_open(acting_user=staff_user, year=YEAR)
    with pytest.raises(PermissionDenied):
        services.period_close(acting_user=official_a, period=period)
    from hub.evaluation.models import ResultsIndicator

    with pytest.raises(PermissionDenied):
        services.target_set(
            acting_user=official_a, indicator=ResultsIndicator.objects.get(code="cartera"), year=YEAR, value=3
        )


def test_a_closed_period_target_cannot_change(staff_user):
    from hub.evaluation.models import ResultsIndicator

    cartera = ResultsIndicator.objects.get(code="cartera")
    services.target_set(acting_user=staff_user, indicator=cartera, year=YEAR, value=3)
    period = services.period_open(acting_user=staff_user, year=YEAR)
    services.period_close(acting_user=staff_user, period=period, cutoff=CUTOFF)
    with pytest.raises(ValidationError):
        services.target_set(acting_user=staff_user, indicator=cartera, year=YEAR, value=9)
    assert cartera.targets.get(year=YEAR).value == 3


def test_the_same_numbers_appear_on_every_screen_and_in_the_api(client, comuna_a, comuna_b, fake_sources):
    replication(comuna_a, practice_obj=practice(comuna_b))
    fake_sources(
        "cobertura", "training_certified", [ev("training_certified", comuna_a.cut), ev("training_certified", "05101")]
    )
    api = client.get("/api/v1/evaluation/indicators", {"year": YEAR}).json()
    api_heads = {i["code"]: i["headline"] for i in api["indicators"]}
    assert api_heads == headline(indicator_values(YEAR))
    assert api_heads["cobertura"]["numerator"] == 2
    page = client.get("/evaluacion/", {"year": YEAR}).content.decode()
    detail = client.get("/evaluacion/indicadores/cobertura/", {"year": YEAR}).content.decode()
    api_detail = client.get("/api/v1/evaluation/indicators/cobertura", {"year": YEAR}).json()
    shown = "0,6 %"  # 2 / 346
    assert f'data-figure="cobertura">{shown}<' in page
    assert f'data-figure="cobertura">{shown}<' in detail
    assert api_detail["indicators"][0]["headline"] == api_heads["cobertura"]
    assert api_detail["detail"]["numerator"] == 2
    for code in ("cartera", "impacto", "articulacion"):
        assert f'data-figure="{code}">{api_heads[code]["value"]}<' in page


def test_the_annual_report_regenerates_byte_identical_data_from_its_snapshot(client, staff_user, comuna_a, comuna_b):
    replication(comuna_a, practice_obj=practice(comuna_b))
    report = services.annual_report_create(acting_user=staff_user, year=YEAR, cutoff=CUTOFF)

    downloaded = client.get(f"/evaluacion/memorias/{report.pk}/memoria.json").content
    again = client.get(f"/evaluacion/memorias/{report.pk}/memoria.json").content
    api = client.get(f"/api/v1/evaluation/reports/{report.pk}").content
    assert downloaded == again == api == report.data.encode()
    assert hashlib.sha256(downloaded).hexdigest() == report.sha256
    # Recomputing from the same records at the same cut-off gives the same bytes, and the same report.
    text, digest = freeze(annual_report_data(YEAR, CUTOFF))
    assert text == report.data and digest == report.sha256
    assert services.annual_report_create(acting_user=staff_user, year=YEAR, cutoff=CUTOFF).pk == report.pk
    assert AnnualReport.objects.count() == 1
    assert canonical_json(json.loads(report.data)) == downloaded


def test_the_annual_report_pdf_and_csv_are_produced(client, staff_user):
    report = services.annual_report_create(acting_user=staff_user, year=YEAR, cutoff=CUTOFF)
    pdf = client.get(f"/evaluacion/memorias/{report.pk}/memoria.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    csv = client.get(f"/evaluacion/memorias/{report.pk}/memoria.csv").content.decode("utf-8-sig")
    assert report.sha256 in csv and "cobertura;total;comunas;346" in csv


def test_a_cutoff_in_the_future_is_refused_in_spanish(staff_user):
    with pytest.raises(ValidationError) as exc:
        services.annual_report_create(
            acting_user=staff_user, year=YEAR, cutoff=datetime.date.today() + datetime.timedelta(days=2)
        )
    assert "futuro" in str(exc.value)
    assert AnnualReport.objects.count() == 0
