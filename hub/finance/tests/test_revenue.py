"""Revenue records: transparency, coherence and subsidiarity rules, currency, idempotence, money reconciliation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from hub.core.taxonomy import RevenueLine
from hub.finance import selectors, services
from hub.finance.models import (
    Membership,
    MembershipPeriod,
    RevenueRecord,
    RevenueStatus,
    ReviewDecision,
    ReviewPrinciple,
    SaasLicence,
)
from hub.finance.revenue import register_revenue
from hub.finance.services import RevenueRefused

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 3, 10)


def test_revenue_without_an_agreement_is_refused(staff_user, org):
    with pytest.raises(RevenueRefused, match="convenio publicado"):
        services.revenue_register(acting_user=staff_user, line=RevenueLine.FORMACION, amount_clp=1000, on=ON,
                                  agreement=None, client_organization=org)
    assert RevenueRecord.objects.count() == 0


def test_revenue_from_a_draft_agreement_is_refused(staff_user, org, draft_agreement):
    with pytest.raises(RevenueRefused, match="aún no está firmado"):
        services.revenue_register(acting_user=staff_user, line=RevenueLine.FORMACION, amount_clp=1000, on=ON,
                                  agreement=draft_agreement, client_organization=org)


def test_sponsorship_needs_an_approved_coherence_review(staff_user, org, agreement):
    kwargs = dict(acting_user=staff_user, line=RevenueLine.AUSPICIOS, amount_clp=5000, on=ON, agreement=agreement,
                  client_organization=org)
    with pytest.raises(RevenueRefused, match="coherencia"):
        services.revenue_register(**kwargs)
    services.agreement_review_create(acting_user=staff_user, agreement=agreement, principle=ReviewPrinciple.COHERENCIA,
                                     decision=ReviewDecision.APROBADO, criteria="Misión", rationale="Alineado")
    assert services.revenue_register(**kwargs).amount_clp == 5000


def test_paid_service_to_the_central_state_needs_a_subsidiarity_justification(staff_user, state_org, agreement):
    kwargs = dict(acting_user=staff_user, line=RevenueLine.ASISTENCIA, amount_clp=5000, on=ON, agreement=agreement,
                  client_organization=state_org)
    with pytest.raises(RevenueRefused, match="subsidiariedad"):
        services.revenue_register(**kwargs)
    services.agreement_review_create(acting_user=staff_user, agreement=agreement,
                                     principle=ReviewPrinciple.SUBSIDIARIEDAD, decision=ReviewDecision.APROBADO,
                                     criteria="Sin oferta pública", rationale="No hay otro organismo")
    services.revenue_register(**kwargs)
    # A grant from the State is not a paid service: no justification needed.
    services.revenue_register(**{**kwargs, "line": RevenueLine.COOPERACION, "amount_clp": 1})


def test_foreign_currency_is_converted_at_the_recorded_rate_and_the_original_is_kept(staff_user, org, agreement):
    record = services.revenue_register(
        acting_user=staff_user, line=RevenueLine.COOPERACION, amount_clp=None, on=ON, agreement=agreement,
        client_organization=org, currency="USD", original_amount=Decimal("1000.55"), exchange_rate=Decimal("950.5"),
        rate_date=ON, rate_source="Banco Central", restricted=True, restriction_purpose="Gobierno digital",
    )
    assert record.amount_clp == 951023  # 951.022,775 rounded half up
    assert (record.currency, record.original_amount, record.exchange_rate) == ("USD", Decimal("1000.55"),
                                                                              Decimal("950.5"))


def test_foreign_currency_without_a_rate_is_refused(staff_user, org, agreement):
    with pytest.raises(RevenueRefused, match="tasa de cambio"):
        services.revenue_register(acting_user=staff_user, line=RevenueLine.COOPERACION, amount_clp=None, on=ON,
                                  agreement=agreement, client_organization=org, currency="EUR",
                                  original_amount=Decimal("10"))


def test_register_revenue_is_idempotent_per_source(staff_user, official_a, comuna_a, agreement):
    source = Membership.objects.create(comuna=comuna_a, joined_on=ON)
    first = register_revenue(acting_user=official_a, source=source, line=RevenueLine.FORMACION, amount_clp=70000,
                             on=ON, client_comuna=comuna_a, agreement=agreement)
    again = register_revenue(acting_user=official_a, source=source, line=RevenueLine.FORMACION, amount_clp=70000,
                             on=ON, client_comuna=comuna_a, agreement=agreement)
    assert first.pk == again.pk and RevenueRecord.objects.count() == 1


def test_manual_revenue_is_staff_only(official_a, comuna_a, agreement):
    with pytest.raises(PermissionDenied):
        services.revenue_register(acting_user=official_a, line=RevenueLine.FORMACION, amount_clp=1, on=ON,
                                  agreement=agreement, client_comuna=comuna_a)


def test_membership_payment_creates_its_line_1_record_and_overpayment_is_refused(staff_user, comuna_a, agreement):
    m = Membership.objects.create(comuna=comuna_a, joined_on=ON, agreement=agreement)
    period = services.membership_period_create(acting_user=staff_user, membership=m, year=2026, fee_clp=1_000_000)
    services.membership_payment_register(acting_user=staff_user, period=period, paid_on=ON, amount_clp=600_000)
    with pytest.raises(Exception, match="supera el saldo"):
        services.membership_payment_register(acting_user=staff_user, period=period, paid_on=ON, amount_clp=500_000)
    record = RevenueRecord.objects.get()
    assert (record.line, record.amount_clp, record.recurrent, record.client_comuna) == (1, 600_000, True, comuna_a)


def test_membership_payment_without_a_published_agreement_is_refused(staff_user, comuna_a):
    m = Membership.objects.create(comuna=comuna_a, joined_on=ON)
    period = MembershipPeriod.objects.create(membership=m, starts_on=datetime.date(2026, 1, 1),
                                             ends_on=datetime.date(2026, 12, 31), due_on=datetime.date(2026, 3, 31),
                                             fee_clp=10)
    with pytest.raises(RevenueRefused, match="convenio de incorporación"):
        services.membership_payment_register(acting_user=staff_user, period=period, paid_on=ON, amount_clp=10)
    assert not period.payments.exists()


def test_saas_licence_records_its_income_once_and_cannot_be_renewed_twice(staff_user, comuna_a, agreement):
    services.agreement_review_create(acting_user=staff_user, agreement=agreement, principle="coherencia",
                                     decision="aprobado", criteria="c", rationale="r")
    licence = services.saas_licence_create(acting_user=staff_user, comuna=comuna_a, tool="observatorio",
                                           starts_on=ON, ends_on=datetime.date(2027, 3, 9), price_clp=9_000_000,
                                           agreement=agreement)
    renewal = services.saas_licence_renew(acting_user=staff_user, licence=licence)
    assert renewal.starts_on == datetime.date(2027, 3, 10)
    with pytest.raises(Exception, match="ya fue renovada"):
        services.saas_licence_renew(acting_user=staff_user, licence=licence)
    assert SaasLicence.objects.count() == 2
    assert list(RevenueRecord.objects.values_list("line", "amount_clp", "recurrent")) == [(5, 9_000_000, True)] * 2


def test_licence_due_in_60_days_appears_in_the_staff_inbox(staff_user, official_a, comuna_a, agreement):
    from django.utils import timezone

    from hub.core.registry import inbox_sources

    services.agreement_review_create(acting_user=staff_user, agreement=agreement, principle="coherencia",
                                     decision="aprobado", criteria="c", rationale="r")
    today = timezone.localdate()
    services.saas_licence_create(acting_user=staff_user, comuna=comuna_a, tool="datos_abiertos",
                                 starts_on=today - datetime.timedelta(days=300),
                                 ends_on=today + datetime.timedelta(days=30), price_clp=1000, agreement=agreement)
    items = [i for f in inbox_sources() for i in f(staff_user)]
    assert any(i.kind == "saas_renewal" for i in items)
    assert not [i for f in inbox_sources() for i in f(official_a) if i.kind == "saas_renewal"]


def test_voided_revenue_stops_counting(staff_user, org, agreement):
    record = services.revenue_register(acting_user=staff_user, line=RevenueLine.FORMACION, amount_clp=1000, on=ON,
                                       agreement=agreement, client_organization=org)
    services.revenue_void(acting_user=staff_user, record=record, reason="Nota de crédito 61 N° 5")
    record.refresh_from_db()
    assert record.status == RevenueStatus.ANULADO
    assert selectors.income_rows() == []


def test_staff_form_refusal_shows_a_spanish_summary_and_saves_nothing(login, staff_user, org):
    response = login(staff_user).post("/finanzas/ingresos/nuevo/", {
        "line": 2, "client_organization": org.pk, "on": "2026-03-10", "currency": "CLP", "amount": "1.500.000"})
    assert response.status_code == 400
    assert "no se guardó nada" in response.content.decode()
    assert RevenueRecord.objects.count() == 0
