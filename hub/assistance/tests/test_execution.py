"""Execution: PDF deliverables, milestone review by the client, the fee share made due once, scope changes."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from hub.assistance import services
from hub.assistance.models import Engagement, Milestone, PaymentDue
from hub.core.transitions import TransitionRefused

from .factories import MINIMAL_PDF, make_engagement, make_milestone

pytestmark = pytest.mark.django_db


def _pdf(name="informe.pdf", content=MINIMAL_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_deliverable_must_really_be_a_pdf(login, staff_user):
    milestone = make_milestone(make_engagement(status="en_ejecucion"))
    fake = SimpleUploadedFile("informe.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = login(staff_user).post(f"/asistencia/hitos/{milestone.pk}/entregable/",
                                      {"title": "Diagnóstico", "file": fake}, follow=True)
    assert "El archivo no es un PDF" in response.text
    assert milestone.deliverables.count() == 0
    services.deliverable_upload(acting_user=staff_user, milestone=milestone, title="Diagnóstico", upload=_pdf())
    assert milestone.deliverables.count() == 1


def test_deliverable_download_is_private_to_the_client_and_staff(login, staff_user, official_a, official_b):
    milestone = make_milestone(make_engagement(status="en_ejecucion"), with_file=True)
    url = f"/asistencia/entregables/{milestone.deliverables.get().pk}/"
    response = login(official_a).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    assert login(official_b).get(url).status_code == 404


def test_milestone_goes_to_review_only_with_a_deliverable(staff_user, official_a):
    milestone = make_milestone(make_engagement(status="en_ejecucion"))
    with pytest.raises(ValidationError) as exc:
        services.milestone_submit(acting_user=staff_user, milestone=milestone)
    assert "al menos un entregable" in str(exc.value)
    services.deliverable_upload(acting_user=staff_user, milestone=milestone, title="Plan", upload=_pdf())
    services.milestone_submit(acting_user=staff_user, milestone=milestone)
    milestone.refresh_from_db()
    assert milestone.status == "en_revision_cliente"
    assert official_a.notifications.filter(kind="assistance_milestone_review").exists()


def test_accepting_a_milestone_makes_its_share_due_and_registers_revenue_line_3(official_a, revenue_calls):
    engagement = make_engagement(status="en_ejecucion")
    milestone = make_milestone(engagement, status="en_revision_cliente", percentage=40, amount=4_000_000)
    services.milestone_review(acting_user=official_a, milestone=milestone, accept=True)
    milestone.refresh_from_db()
    assert milestone.status == "aceptado" and milestone.accepted_by == official_a
    assert milestone.payment_due.amount_clp == 4_000_000
    assert len(revenue_calls) == 1
    call = revenue_calls[0]
    assert call["line"] == 3 and call["amount_clp"] == 4_000_000 and call["source"] == milestone
    assert call["client_comuna"].cut == "13120"


def test_milestone_accepted_twice_is_refused_in_spanish_and_nothing_changes(login, official_a, revenue_calls):
    milestone = make_milestone(make_engagement(status="en_ejecucion"), status="en_revision_cliente")
    client = login(official_a)
    client.post(f"/asistencia/hitos/{milestone.pk}/revisar/", {"decision": "aceptar"})
    accepted_at = Milestone.objects.get(pk=milestone.pk).accepted_at
    response = client.post(f"/asistencia/hitos/{milestone.pk}/revisar/", {"decision": "aceptar"}, follow=True)
    assert "No se puede pasar de «Aceptado» a «Aceptado»" in response.text
    assert PaymentDue.objects.filter(milestone=milestone).count() == 1
    assert len(revenue_calls) == 1
    assert Milestone.objects.get(pk=milestone.pk).accepted_at == accepted_at


def test_a_second_payment_for_the_same_milestone_is_refused_by_the_database(official_a, revenue_calls):
    """Even if two accepts raced past the state check (SQLite has no row locks), one payment only."""
    milestone = make_milestone(make_engagement(status="en_ejecucion"), status="en_revision_cliente")
    PaymentDue.objects.create(milestone=milestone, amount_clp=1, due_on="2026-01-01")
    with pytest.raises(TransitionRefused) as exc:
        services.milestone_review(acting_user=official_a, milestone=milestone, accept=True)
    assert "no se acepta dos veces" in str(exc.value)
    milestone.refresh_from_db()
    assert milestone.status == "en_revision_cliente" and revenue_calls == []


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_accepts_make_one_payment(official_a, revenue_calls):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers")
    milestone = make_milestone(make_engagement(status="en_ejecucion"), status="en_revision_cliente")
    outcomes = []

    def accept():
        try:
            services.milestone_review(acting_user=official_a, milestone=Milestone.objects.get(pk=milestone.pk),
                                      accept=True)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert PaymentDue.objects.filter(milestone=milestone).count() == 1


def test_observing_a_milestone_needs_a_reason_and_sends_it_back(official_a, staff_user):
    milestone = make_milestone(make_engagement(status="en_ejecucion"), status="en_revision_cliente")
    with pytest.raises(ValidationError):
        services.milestone_review(acting_user=official_a, milestone=milestone, accept=False)
    services.milestone_review(acting_user=official_a, milestone=milestone, accept=False,
                              observation="Falta el anexo de costos")
    milestone.refresh_from_db()
    assert milestone.status == "observado" and "anexo" in milestone.observation
    assert not PaymentDue.objects.exists()


def test_other_comuna_cannot_accept_a_milestone(official_b):
    milestone = make_milestone(make_engagement(status="en_ejecucion"), status="en_revision_cliente")
    with pytest.raises(Exception) as exc:
        services.milestone_review(acting_user=official_b, milestone=milestone, accept=True)
    assert exc.type.__name__ == "Http404"
    milestone.refresh_from_db()
    assert milestone.status == "en_revision_cliente"


def test_scope_change_leaves_the_baseline_untouched_until_approved(staff_user, official_a):
    engagement = make_engagement(status="en_ejecucion", baseline_fee_clp=10_000_000, baseline_end="2027-03-31")
    done = make_milestone(engagement, status="aceptado", percentage=50, amount=5_000_000)
    open_ = make_milestone(engagement, percentage=50, amount=5_000_000)
    change = services.scope_change_request(acting_user=staff_user, engagement=engagement,
                                           justification="Agregar dos talleres", delta_fee_clp=2_000_000,
                                           delta_days=30)
    engagement.refresh_from_db()
    assert engagement.baseline_fee_clp == 10_000_000 and str(engagement.baseline_end) == "2027-03-31"
    assert official_a.notifications.filter(kind="assistance_scope_change").exists()
    services.scope_change_decide(acting_user=official_a, change=change, approve=True)
    engagement.refresh_from_db()
    assert engagement.baseline_fee_clp == 12_000_000 and str(engagement.baseline_end) == "2027-04-30"
    done.refresh_from_db()
    open_.refresh_from_db()
    assert done.amount_clp == 5_000_000 and open_.amount_clp == 7_000_000


def test_rejected_scope_change_changes_nothing_and_requester_cannot_approve_her_own(staff_user, official_a):
    engagement = make_engagement(status="en_ejecucion", baseline_fee_clp=10_000_000)
    mine = services.scope_change_request(acting_user=official_a, engagement=engagement,
                                         justification="Incluir otra dirección", delta_fee_clp=0, delta_days=15)
    with pytest.raises(PermissionDenied):
        services.scope_change_decide(acting_user=official_a, change=mine, approve=True)
    services.scope_change_decide(acting_user=staff_user, change=mine, approve=False)
    assert Engagement.objects.get(pk=engagement.pk).baseline_fee_clp == 10_000_000
    with pytest.raises(TransitionRefused):
        services.scope_change_decide(acting_user=staff_user, change=mine, approve=True)


def test_hub_staff_cannot_accept_its_own_milestone_for_a_comuna_client(staff_user, revenue_calls):
    milestone = make_milestone(make_engagement(status="en_ejecucion"), status="en_revision_cliente")
    with pytest.raises(PermissionDenied) as exc:
        services.milestone_review(acting_user=staff_user, milestone=milestone, accept=True)
    assert "le corresponde al cliente" in str(exc.value)
    milestone.refresh_from_db()
    assert milestone.status == "en_revision_cliente" and revenue_calls == []


def test_staff_decides_on_behalf_of_a_client_organisation(staff_user, partner_org, revenue_calls):
    engagement = make_engagement(cut=None, status="en_ejecucion", client_organization=partner_org,
                                 client_kind="ministerio_servicio")
    milestone = make_milestone(engagement, status="en_revision_cliente")
    services.milestone_review(acting_user=staff_user, milestone=milestone, accept=True)
    assert revenue_calls[0]["client_organization"] == partner_org and revenue_calls[0]["client_comuna"] is None
