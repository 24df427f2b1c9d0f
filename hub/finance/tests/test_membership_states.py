"""The membership state is computed from dates and payments; changing only the date changes the state."""

import datetime

import pytest

from hub.finance import services
from hub.finance.membership import MembershipState, comuna_status, is_member, user_has_member_benefits
from hub.finance.models import Membership, MembershipPayment, MembershipPeriod

pytestmark = pytest.mark.django_db
D = datetime.date


def _membership(comuna, *, notice_on=None, agreement=None):
    return Membership.objects.create(comuna=comuna, joined_on=D(2024, 1, 1), notice_on=notice_on, agreement=agreement)


def _period(m, year, fee=1_000_000, paid_on=None, paid=None, due=None):
    period = MembershipPeriod.objects.create(membership=m, starts_on=D(year, 1, 1), ends_on=D(year, 12, 31),
                                             due_on=due or D(year, 3, 31), fee_clp=fee)
    if paid_on:
        MembershipPayment.objects.create(period=period, paid_on=paid_on, amount_clp=paid or fee)
    return period


def state(comuna, on):
    return comuna_status(comuna, on).state


def test_comuna_without_membership_is_not_a_member(comuna_a):
    assert state(comuna_a, D(2026, 5, 1)) == MembershipState.SIN_MEMBRESIA
    assert is_member(comuna_a, D(2026, 5, 1)) is False


def test_membership_is_pending_until_the_first_payment_then_vigente(comuna_a):
    m = _membership(comuna_a)
    period = _period(m, 2026)
    assert state(comuna_a, D(2026, 2, 1)) == MembershipState.PENDIENTE
    MembershipPayment.objects.create(period=period, paid_on=D(2026, 2, 10), amount_clp=1_000_000)
    assert state(comuna_a, D(2026, 2, 9)) == MembershipState.PENDIENTE
    assert state(comuna_a, D(2026, 2, 10)) == MembershipState.VIGENTE


def test_unpaid_fee_moves_vigente_to_grace_to_arrears_as_only_the_date_changes(comuna_a):
    m = _membership(comuna_a)
    _period(m, 2025, paid_on=D(2025, 2, 1))
    _period(m, 2026)  # due 31-03-2026, unpaid
    assert state(comuna_a, D(2026, 3, 31)) == MembershipState.VIGENTE
    assert state(comuna_a, D(2026, 4, 1)) == MembershipState.EN_GRACIA
    assert state(comuna_a, D(2026, 5, 30)) == MembershipState.EN_GRACIA  # 60 days after due
    assert state(comuna_a, D(2026, 5, 31)) == MembershipState.MOROSA


def test_grace_keeps_benefits_and_arrears_does_not(comuna_a):
    m = _membership(comuna_a)
    _period(m, 2025, paid_on=D(2025, 2, 1))
    _period(m, 2026)
    assert is_member(comuna_a, D(2026, 4, 15)) is True
    assert is_member(comuna_a, D(2026, 6, 15)) is False


def test_a_partial_payment_does_not_settle_the_fee(comuna_a):
    m = _membership(comuna_a)
    _period(m, 2025, paid_on=D(2025, 2, 1))
    _period(m, 2026, paid_on=D(2026, 2, 1), paid=400_000)
    assert state(comuna_a, D(2026, 7, 1)) == MembershipState.MOROSA


def test_a_next_period_not_issued_counts_as_due_so_nobody_stays_vigente_forever(comuna_a):
    m = _membership(comuna_a)
    _period(m, 2025, paid_on=D(2025, 2, 1))
    assert state(comuna_a, D(2026, 3, 31)) == MembershipState.VIGENTE
    assert state(comuna_a, D(2026, 4, 1)) == MembershipState.EN_GRACIA
    assert state(comuna_a, D(2026, 6, 1)) == MembershipState.MOROSA


def test_notice_gives_en_retiro_for_six_months_then_retirada(comuna_a):
    m = _membership(comuna_a, notice_on=D(2026, 2, 15))
    _period(m, 2026, paid_on=D(2026, 1, 10))
    assert state(comuna_a, D(2026, 2, 14)) == MembershipState.VIGENTE
    assert state(comuna_a, D(2026, 2, 15)) == MembershipState.EN_RETIRO
    assert is_member(comuna_a, D(2026, 8, 14)) is True  # paid, notice still running
    assert state(comuna_a, D(2026, 8, 15)) == MembershipState.RETIRADA
    assert is_member(comuna_a, D(2026, 8, 15)) is False


def test_suspension_applies_from_its_date_until_reinstatement(comuna_a, staff_user):
    m = _membership(comuna_a)
    _period(m, 2025, paid_on=D(2025, 2, 1))
    p2026 = _period(m, 2026)
    with pytest.raises(Exception, match="Solo se suspende una comuna morosa"):
        services.membership_suspend(acting_user=staff_user, membership=m, on=D(2026, 4, 10), reference="Acta 1")
    services.membership_suspend(acting_user=staff_user, membership=m, on=D(2026, 7, 1), reference="Acta 2")
    assert state(comuna_a, D(2026, 6, 30)) == MembershipState.MOROSA
    assert state(comuna_a, D(2026, 7, 1)) == MembershipState.SUSPENDIDA
    with pytest.raises(Exception, match="cuotas impagas"):
        services.membership_reinstate(acting_user=staff_user, membership=m, on=D(2026, 8, 1))
    MembershipPayment.objects.create(period=p2026, paid_on=D(2026, 8, 1), amount_clp=1_000_000)
    services.membership_reinstate(acting_user=staff_user, membership=m, on=D(2026, 8, 2))
    assert state(comuna_a, D(2026, 8, 2)) == MembershipState.VIGENTE


def test_official_inherits_benefits_only_while_her_comuna_is_a_member(official_a, official_b, comuna_a):
    m = _membership(comuna_a)
    _period(m, 2025, paid_on=D(2025, 2, 1))
    _period(m, 2026)
    assert user_has_member_benefits(official_a, D(2026, 1, 15)) is True
    assert user_has_member_benefits(official_b, D(2026, 1, 15)) is False
    assert user_has_member_benefits(official_a, D(2026, 9, 1)) is False


def test_the_territory_flag_is_not_the_source_of_truth(comuna_a):
    comuna_a.is_amuch_member = True
    comuna_a.save(update_fields=["is_amuch_member"])
    assert is_member(comuna_a) is False


def test_official_sees_her_comuna_membership_state_with_the_rules(login, official_a, comuna_a):
    m = _membership(comuna_a)
    _period(m, 2025, paid_on=D(2025, 2, 1))
    response = login(official_a).get(f"/finanzas/membresias/{comuna_a.cut}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cómo se calcula el estado" in body
    assert "Registrar un pago" not in body  # read only for officials
