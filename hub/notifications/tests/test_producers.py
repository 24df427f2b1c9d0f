"""Where someone waits on someone else, the platform tells them: practice returned or published, review
requested, seat offered from a waiting list, agreement expiring, import finished or failed."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from hub.network import services as network
from hub.network.tests.factories import make_event, make_practice, make_registration
from hub.notifications.models import Notification


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_submitting_a_practice_asks_staff_to_review_and_the_author_hears_the_verdict(
    staff_user, official_a, django_capture_on_commit_callbacks
):
    practice = make_practice(status="borrador")
    practice.author = official_a
    practice.save(update_fields=["author"])
    network.practice_submit(acting_user=official_a, practice=practice)
    assert "review_requested" in _kinds(staff_user)
    network.practice_return(acting_user=staff_user, practice=practice, comment="Agregue las cifras de 2024.")
    note = Notification.objects.get(recipient=official_a, kind="practice_returned")
    assert "devuelta" in note.title and "cifras de 2024" in note.body


def test_a_freed_seat_tells_the_first_person_waiting(official_b, staff_user, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    seated = make_registration(event=event, email="primera@example.cl")
    official_b.email = "espera@example.cl"
    official_b.save(update_fields=["email"])
    make_registration(event=event, email="espera@example.cl", status="espera")
    with django_capture_on_commit_callbacks(execute=True):
        network.registration_cancel(acting_user=staff_user, registration=seated)
    assert "event_seat_offered" in _kinds(official_b)


def test_a_freed_seat_mails_a_person_without_an_account(staff_user, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    seated = make_registration(event=event, email="primera@example.cl")
    make_registration(event=event, email="sin.cuenta@example.cl", status="espera")
    with django_capture_on_commit_callbacks(execute=True):
        network.registration_cancel(acting_user=staff_user, registration=seated)
    assert [m.to for m in mail.outbox] == [["sin.cuenta@example.cl"]]


def test_expiring_agreements_are_announced_once(staff_user):
    from hub.partners.tests.factories import agreement

    today = timezone.localdate()
    agreement(status="vigente", end=today + datetime.timedelta(days=20), title="Convenio que vence pronto")
    call_command("notify_expiring_agreements")
    call_command("notify_expiring_agreements")
    assert _kinds(staff_user).count("agreement_expiring") == 1
