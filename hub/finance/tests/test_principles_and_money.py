"""The five principles as live checks; records, dashboard, CSV and API reconcile to the peso."""

import datetime
from decimal import Decimal

import pytest

from hub.core.taxonomy import RevenueLine
from hub.finance import selectors, services

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def income(staff_user, org, state_org, comuna_a, agreement):
    services.agreement_review_create(acting_user=staff_user, agreement=agreement, principle="coherencia",
                                     decision="aprobado_con_condiciones", criteria="c", rationale="r")
    services.agreement_review_create(acting_user=staff_user, agreement=agreement, principle="subsidiariedad",
                                     decision="aprobado", criteria="c", rationale="r")

    def add(line, amount, on, recurrent=False, **kw):
        kw.setdefault("client_organization", org)
        return services.revenue_register(acting_user=staff_user, line=line, amount_clp=amount, on=on,
                                         agreement=agreement, recurrent=recurrent, **kw)

    add(RevenueLine.COOPERACION, 600_001, datetime.date(2026, 10, 1))
    add(RevenueLine.MEMBRESIAS, 200_000, datetime.date(2026, 2, 1), recurrent=True, client_organization=None,
        client_comuna=comuna_a)
    add(RevenueLine.AUSPICIOS, 100_000, datetime.date(2026, 5, 1))
    add(RevenueLine.ASISTENCIA, 99_999, datetime.date(2026, 6, 1), client_organization=state_org)
    add(RevenueLine.FORMACION, 333, datetime.date(2025, 6, 1))
    add(RevenueLine.EVENTOS, None, datetime.date(2026, 7, 1), currency="USD",
        original_amount=Decimal("0.01"), exchange_rate=Decimal("700"), rate_date=datetime.date(2026, 7, 1))
    return 600_001 + 200_000 + 100_000 + 99_999 + 7


def test_a_line_above_35_percent_is_red_with_its_share_and_herfindahl(income):
    data = selectors.principle_checks(year=2026, today=TODAY)
    checks = {c.principle: c for c in data["checks"]}
    coop = next(s for s in data["diversification"]["lines"] if s.line == RevenueLine.COOPERACION)
    assert coop.year_share * income == 600_001 and coop.status == "red" and coop.months_to_breach == 0
    assert checks["diversificacion"].status == "red"
    expected_hhi = sum(Fraction_of(x, income) ** 2 for x in (600_001, 200_000, 100_000, 99_999, 7))
    assert data["diversification"]["hhi"] == expected_hhi


def Fraction_of(a, b):
    from fractions import Fraction

    return Fraction(a, b)


def test_recurrent_share_is_compared_with_the_recorded_target(income, staff_user):
    services.year_target_set(acting_user=staff_user, year=2026, recurrent_share_pct=20)
    checks = {c.principle: c for c in selectors.principle_checks(year=2026, today=TODAY)["checks"]}
    assert checks["recurrencia"].status == "amber"  # 200.000 / 1.000.007 = 19,9998 %: just below, exact fractions
    services.year_target_set(acting_user=staff_user, year=2026, recurrent_share_pct=19)
    checks = {c.principle: c for c in selectors.principle_checks(year=2026, today=TODAY)["checks"]}
    assert checks["recurrencia"].status == "green"
    services.year_target_set(acting_user=staff_user, year=2026, recurrent_share_pct=50)
    checks = {c.principle: c for c in selectors.principle_checks(year=2026, today=TODAY)["checks"]}
    assert checks["recurrencia"].status == "red"


def test_coherence_with_conditions_is_amber_and_a_later_rejection_turns_it_red(income, staff_user, agreement):
    checks = {c.principle: c for c in selectors.principle_checks(year=2026, today=TODAY)["checks"]}
    assert checks["coherencia"].status == "amber" and checks["subsidiariedad"].status == "green"
    services.agreement_review_create(acting_user=staff_user, agreement=agreement, principle="coherencia",
                                     decision="rechazado", criteria="c", rationale="Conflicto de interés")
    checks = {c.principle: c for c in selectors.principle_checks(year=2026, today=TODAY)["checks"]}
    assert checks["coherencia"].status == "red"


def test_records_dashboard_csv_and_api_reconcile_to_the_peso(income, client, login, staff_user):
    from hub.finance.models import RevenueRecord

    records = sum(RevenueRecord.objects.filter(on__year=2026).values_list("amount_clp", flat=True))
    dashboard = selectors.principle_checks(year=2026, today=TODAY)["diversification"]
    assert records == income == dashboard["year_total"] == sum(s.year_clp for s in dashboard["lines"])
    csv_text = client.get("/finanzas/transparencia/ingresos.csv").content.decode("utf-8-sig")
    lines = [row.split(";") for row in csv_text.strip().split("\r\n")[2:]]
    assert sum(int(r[7]) for r in lines if r[0] == "2026") == income
    assert sum(int(r[7]) for r in lines) == income + 333
    api = client.get("/api/v1/finance/income", {"year": 2026}).json()
    assert api["total_clp"] == income == sum(c["total_clp"] for c in api["by_line"])
    assert sum(c["total_clp"] for c in api["by_actor_type"]) == income
    page = login(staff_user).get("/finanzas/panel/?year=2026")
    assert page.status_code == 200 and "$1.000.007" in page.content.decode()


def test_transparency_page_groups_by_line_and_counterpart_type(income, client):
    response = client.get("/finanzas/transparencia/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cooperación internacional" in body and "Estado central" in body and "Municipios" in body
    assert "Municipalidad de Ñuñoa" in body
