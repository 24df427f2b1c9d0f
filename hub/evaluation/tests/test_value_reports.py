"""The per-member value report: services used at list price vs fee, peers, unused benefits; who may see it."""

import pytest
from django.core.exceptions import PermissionDenied

from hub.core import registry
from hub.core.registry import ValueItem
from hub.evaluation import services
from hub.evaluation.models import BatchStatus, ValueReport
from hub.evaluation.reports import member_value_data
from hub.territory.models import Comuna

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def training_value(monkeypatch):
    def source(comuna, start, end):
        if comuna.cut == "13120":
            return [ValueItem("training_seat", "Cupos en formación", 3, 120_000, "/formacion/")]
        return []

    monkeypatch.setattr(registry, "_MEMBER_VALUE", [*registry._MEMBER_VALUE, source])


def test_value_report_values_services_at_list_price_and_says_the_fee_is_not_recorded(comuna_a, training_value):
    data = member_value_data(comuna_a, YEAR)
    assert data["is_estimate"] is True
    assert data["estimated_value_clp"] == 360_000
    assert data["fee_paid_clp"] is None and data["value_ratio"] is None
    assert "training_seat" not in {u["kind"] for u in data["unused"]}
    assert "pilot" in {u["kind"] for u in data["unused"]}


def test_officials_of_the_comuna_and_staff_see_the_value_report_others_get_404(
    login, official_a, official_b, staff_user, partner_user, training_value
):
    url = f"/evaluacion/valor/13120/?year={YEAR}"
    page = login(official_a).get(url)
    assert page.status_code == 200 and "cuota no registrada" in page.content.decode()
    assert "$360.000" in page.content.decode()
    assert login(staff_user).get(url).status_code == 200
    assert login(official_b).get(url).status_code == 404
    assert login(partner_user).get(url).status_code == 404
    assert login(None).get(url).status_code == 302
    pdf = login(official_a).get(f"/evaluacion/valor/13120/reporte.pdf?year={YEAR}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_staff_generate_all_value_reports_in_one_background_task(staff_user, django_capture_on_commit_callbacks):
    import datetime as _dt

    from hub.finance.testing import make_member

    for comuna in Comuna.objects.filter(cut__in=["13120", "09101", "05101"]):
        make_member(comuna, on=_dt.date(YEAR, 6, 1))
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.value_batch_start(acting_user=staff_user, year=YEAR)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.total == 3 and batch.done == 3 and batch.percent == 100
    assert set(ValueReport.objects.values_list("comuna_id", flat=True)) == {"13120", "09101", "05101"}


def test_an_official_cannot_start_the_batch(official_a):
    with pytest.raises(PermissionDenied):
        services.value_batch_start(acting_user=official_a, year=YEAR)


def test_batch_progress_fragment_polls_while_running(login, staff_user):
    from hub.evaluation.models import ValueReportBatch

    batch = ValueReportBatch.objects.create(
        year=YEAR, status=BatchStatus.RUNNING, total=4, done=1, created_by=staff_user
    )
    response = login(staff_user).get(f"/evaluacion/valor/lotes/{batch.pk}/", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'hx-trigger="every 1s"' in body and 'value="25"' in body and "<html" not in body
