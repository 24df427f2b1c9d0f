import pytest
from django.core import mail
from django.http import Http404

from hub.notifications.kinds import register_kind
from hub.notifications.models import Notification, Preference
from hub.notifications.services import notification_mark_read, notifications_mark_all_read, notify, preferences_save

pytestmark = pytest.mark.django_db

register_kind("test_kind", "Aviso de prueba", email=True)


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_notify_creates_one_notification_per_active_recipient_and_mails_after_commit(
    staff_user, official_a, django_capture_on_commit_callbacks
):
    official_a.email = "funcionaria@nunoa.cl"
    official_a.save()
    staff_user.is_active = False
    staff_user.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notes = notify(recipients=[official_a, official_a, staff_user, None], kind="test_kind",
                       title="Se liberó un cupo", body="Hay un cupo en el taller.", url="/red/")
        assert len(mail.outbox) == 0  # nothing leaves before the commit
    assert [n.recipient for n in notes] == [official_a]
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["funcionaria@nunoa.cl"]
    assert "Se liberó un cupo" in mail.outbox[0].subject
    assert Notification.objects.get().emailed_at is not None


def test_a_person_marks_only_her_own_notifications(official_a, official_b):
    mine = notify(recipients=[official_a], kind="test_kind", title="Mío")[0]
    theirs = notify(recipients=[official_b], kind="test_kind", title="Ajeno")[0]
    with pytest.raises(Http404):
        notification_mark_read(acting_user=official_a, notification_id=theirs.pk)
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert notification_mark_read(acting_user=official_a, notification_id=mine.pk).read_at is not None
    assert notifications_mark_all_read(acting_user=official_b) == 1


def test_preferences_turn_off_email_and_in_app(official_a, django_capture_on_commit_callbacks):
    official_a.email = "funcionaria@nunoa.cl"
    official_a.save()
    preferences_save(acting_user=official_a, choices={"test_kind": (False, False)})
    assert Preference.objects.get(user=official_a, kind="test_kind").email is False
    with django_capture_on_commit_callbacks(execute=True):
        note = notify(recipients=[official_a], kind="test_kind", title="Silencioso")[0]
    assert mail.outbox == []
    assert note.read_at is not None  # not wanted in the app: filed as read
