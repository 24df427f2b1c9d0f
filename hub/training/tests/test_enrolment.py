"""Enrolment: seats, waiting list in order of joining, withdrawal promotes and notifies, pools, fees, coordinators."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hub.notifications.models import Notification
from hub.partners.models import Agreement
from hub.territory.models import Comuna
from hub.training import services
from hub.training.models import Coordinator, EnrolmentStatus, PaymentStatus

from .factories import COMUNA_A, COMUNA_B, enrol, make_cohort, make_official, make_staff

pytestmark = pytest.mark.django_db


def test_official_enrols_herself_and_holds_a_seat(official_a):
    cohort = make_cohort(capacity=2)
    enrolment = enrol(cohort, official_a)
    cohort.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.SOLICITADA
    assert cohort.seats_taken == 1


def test_beyond_capacity_people_wait_and_the_seat_count_never_exceeds_capacity():
    cohort = make_cohort(capacity=1)
    first = enrol(cohort)
    second = enrol(cohort)
    third = enrol(cohort)
    cohort.refresh_from_db()
    assert first.status == EnrolmentStatus.SOLICITADA
    assert (second.status, third.status) == (EnrolmentStatus.EN_ESPERA, EnrolmentStatus.EN_ESPERA)
    assert cohort.seats_taken == 1


def test_withdrawal_gives_the_seat_to_the_first_who_joined_the_waiting_list_and_notifies_her():
    cohort = make_cohort(capacity=1)
    holder = enrol(cohort)
    early = enrol(cohort)
    late = enrol(cohort)
    services.enrolment_withdraw(acting_user=holder.user, enrolment=holder)
    early.refresh_from_db()
    late.refresh_from_db()
    cohort.refresh_from_db()
    assert early.status == EnrolmentStatus.SOLICITADA
    assert late.status == EnrolmentStatus.EN_ESPERA
    assert cohort.seats_taken == 1
    note = Notification.objects.get(recipient=early.user)
    assert note.kind == "seat_offered"
    assert not Notification.objects.filter(recipient=late.user, kind="seat_offered").exists()


def test_waiting_order_is_time_of_joining_not_row_creation():
    cohort = make_cohort(capacity=1)
    holder = enrol(cohort)
    a = enrol(cohort)
    b = enrol(cohort)
    # b joined the list earlier (e.g. re-imported with its original time): b goes first.
    type(b).objects.filter(pk=b.pk).update(waitlisted_at=a.waitlisted_at.replace(year=a.waitlisted_at.year - 1))
    services.enrolment_withdraw(acting_user=holder.user, enrolment=holder)
    b.refresh_from_db()
    a.refresh_from_db()
    assert (b.status, a.status) == (EnrolmentStatus.SOLICITADA, EnrolmentStatus.EN_ESPERA)


def test_the_same_person_cannot_enrol_twice_in_a_cohort(official_a):
    cohort = make_cohort()
    enrol(cohort, official_a)
    with pytest.raises(ValidationError, match="ya tiene una inscripción"):
        enrol(cohort, official_a)


def test_after_withdrawing_a_person_may_enrol_again(official_a):
    cohort = make_cohort()
    first = enrol(cohort, official_a)
    services.enrolment_withdraw(acting_user=official_a, enrolment=first)
    again = enrol(cohort, official_a)
    assert again.status == EnrolmentStatus.SOLICITADA


def test_official_cannot_enrol_a_colleague_without_being_coordinator(official_a):
    cohort = make_cohort()
    colleague = make_official(COMUNA_A)
    with pytest.raises(PermissionDenied):
        services.enrolment_request(acting_user=official_a, cohort=cohort, learner=colleague,
                                   comuna=Comuna.objects.get(cut=COMUNA_A))


def test_coordinator_enrols_a_colleague_of_her_comuna_who_is_notified(official_a, comuna_a):
    Coordinator.objects.create(comuna=comuna_a, user=official_a)
    cohort = make_cohort()
    colleague = make_official(COMUNA_A)
    enrolment = services.enrolment_request(acting_user=official_a, cohort=cohort, learner=colleague, comuna=comuna_a)
    assert enrolment.enrolled_by == official_a
    assert Notification.objects.filter(recipient=colleague, kind="training_enrolled").exists()


def test_coordinator_cannot_enrol_an_official_of_another_comuna(official_a, comuna_a, comuna_b):
    Coordinator.objects.create(comuna=comuna_a, user=official_a)
    other = make_official(COMUNA_B)
    with pytest.raises(PermissionDenied):
        services.enrolment_request(acting_user=official_a, cohort=make_cohort(), learner=other, comuna=comuna_b)


def test_coordinator_of_a_comuna_she_does_not_act_for_has_no_power(official_b, comuna_a):
    Coordinator.objects.create(comuna=comuna_a, user=official_b)  # stale designation
    colleague = make_official(COMUNA_A)
    with pytest.raises(PermissionDenied):
        services.enrolment_request(acting_user=official_b, cohort=make_cohort(), learner=colleague, comuna=comuna_a)


def test_member_comuna_official_pays_member_fee_and_others_the_full_fee(comuna_a, comuna_b):
    from hub.finance.testing import make_member

    make_member(comuna_a)
    cohort = make_cohort(capacity=5)
    member = enrol(cohort, cut=COMUNA_A)
    other = enrol(cohort, cut=COMUNA_B)
    assert (member.fee_basis, member.fee_due_clp) == ("socia", 100_000)
    assert (other.fee_basis, other.fee_due_clp) == ("no_socia", 250_000)
    assert member.payment_status == PaymentStatus.PENDIENTE


def _published_agreement():
    import datetime

    return Agreement.objects.create(title="Convenio de cupos", purpose="Cupos de formación", status="vigente",
                                    start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2027, 12, 31))


def test_a_pool_from_an_agreement_covers_enrolments_until_it_runs_out(comuna_a, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "register_revenue", lambda **kw: calls.append(kw))
    staff = make_staff()
    pool = services.pool_create(acting_user=staff, agreement=_published_agreement(), comuna=comuna_a, seats_total=1,
                                unit_price_clp=90_000)
    cohort = make_cohort(capacity=5)
    covered = enrol(cohort)
    paying = enrol(cohort)
    pool.refresh_from_db()
    assert (covered.fee_basis, covered.fee_due_clp, covered.payment_status) == ("convenio", 0, "convenio")
    assert covered.pool == pool and pool.seats_used == 1
    assert paying.fee_basis == "no_socia" and paying.pool is None
    assert calls[0]["line"] == 2 and calls[0]["amount_clp"] == 90_000 and calls[0]["agreement"] == pool.agreement


def test_withdrawal_returns_the_pool_seat(comuna_a):
    staff = make_staff()
    pool = services.pool_create(acting_user=staff, agreement=_published_agreement(), comuna=comuna_a, seats_total=1)
    cohort = make_cohort()
    covered = enrol(cohort)
    services.enrolment_withdraw(acting_user=covered.user, enrolment=covered)
    pool.refresh_from_db()
    covered.refresh_from_db()
    assert pool.seats_used == 0 and covered.payment_status == PaymentStatus.ANULADA


def test_a_draft_agreement_cannot_fund_a_pool(comuna_a):
    agreement = _published_agreement()
    agreement.status = "borrador"
    agreement.save()
    with pytest.raises(ValidationError, match="convenio firmado"):
        services.pool_create(acting_user=make_staff(), agreement=agreement, comuna=comuna_a, seats_total=3)


def test_marking_paid_registers_revenue_line_2_and_needs_a_reference(monkeypatch):
    calls = []
    monkeypatch.setattr(services, "register_revenue", lambda **kw: calls.append(kw))
    enrolment = enrol(make_cohort())
    staff = make_staff()
    with pytest.raises(ValidationError, match="referencia"):
        services.enrolment_mark_paid(acting_user=staff, enrolment=enrolment, reference=" ")
    # Without a published agreement with the comuna's municipality the payment is refused and nothing changes.
    with pytest.raises(ValidationError, match="principio de transparencia"):
        services.enrolment_mark_paid(acting_user=staff, enrolment=enrolment, reference="OC-1234")
    enrolment.refresh_from_db()
    assert enrolment.payment_status == PaymentStatus.PENDIENTE and calls == []
    from hub.partners.models import AgreementParty, Organization, OrganizationKind

    agreement = _published_agreement()
    municipality = Organization.objects.create(name="Municipalidad de Ñuñoa", actor_type="municipios",
                                               kind=OrganizationKind.MUNICIPALIDAD, comuna=enrolment.comuna)
    AgreementParty.objects.create(agreement=agreement, organization=municipality)
    services.enrolment_mark_paid(acting_user=staff, enrolment=enrolment, reference="OC-1234")
    enrolment.refresh_from_db()
    assert enrolment.payment_status == PaymentStatus.PAGADA and enrolment.payment_reference == "OC-1234"
    assert calls == [calls[0]] and calls[0]["line"] == 2 and calls[0]["amount_clp"] == 250_000
    assert calls[0]["agreement"] == agreement


def test_enrolment_after_the_deadline_is_refused_in_spanish(official_a):
    import datetime

    from django.utils import timezone

    start = timezone.localdate() - datetime.timedelta(days=5)
    cohort = make_cohort(start=start, enrolment_deadline=start)
    with pytest.raises(ValidationError, match="no recibe inscripciones"):
        enrol(cohort, official_a)


def test_invalid_rut_is_refused_and_nothing_is_saved(official_a):
    cohort = make_cohort()
    with pytest.raises(ValidationError, match="RUT"):
        enrol(cohort, official_a, rut="12.345.678-0")
    cohort.refresh_from_db()
    assert cohort.seats_taken == 0 and not cohort.enrolments.exists()


def test_only_staff_confirms(official_a):
    enrolment = enrol(make_cohort(), official_a)
    with pytest.raises(PermissionDenied):
        services.enrolment_confirm(acting_user=official_a, enrolment=enrolment)
    services.enrolment_confirm(acting_user=make_staff(), enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CONFIRMADA


def test_official_b_cannot_withdraw_official_a(official_a, official_b):
    enrolment = enrol(make_cohort(), official_a)
    from django.http import Http404

    with pytest.raises(Http404):
        services.enrolment_withdraw(acting_user=official_b, enrolment=enrolment)


def test_enrol_page_puts_official_on_waiting_list_with_her_position(client, official_a):
    cohort = make_cohort(capacity=1)
    enrol(cohort)
    client.force_login(official_a)
    response = client.post(f"/formacion/versiones/{cohort.pk}/inscribir/", {"comuna": COMUNA_A}, follow=True)
    assert "lista de espera (lugar 1)" in response.content.decode()


def test_staff_creates_a_pool_through_the_page_and_bad_input_changes_nothing(client, comuna_a):
    from hub.training.models import SeatPool

    agreement = _published_agreement()
    client.force_login(make_staff())
    html = client.post("/formacion/gestion/cupos/", {"agreement": agreement.pk, "comuna": "13120",
                                                     "seats_total": "0"}, follow=True).content.decode()
    assert "entero de 1 o más" in html and not SeatPool.objects.exists()
    client.post("/formacion/gestion/cupos/", {"agreement": agreement.pk, "comuna": "13120", "seats_total": "4",
                                              "unit_price_clp": "150000"})
    pool = SeatPool.objects.get()
    assert (pool.comuna_id, pool.seats_total, pool.unit_price_clp) == ("13120", 4, 150_000)


def test_staff_rotates_the_signing_key_and_both_stay_published(client):
    client.force_login(make_staff())
    client.get("/formacion/gestion/claves/")
    client.post("/formacion/gestion/claves/")
    did = client.get("/.well-known/did.json").json()
    assert len(did["verificationMethod"]) == 2
