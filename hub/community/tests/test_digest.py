"""The weekly digest: per-user preference, news in the user's challenges and region, once per week."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from hub.community import services
from hub.community.digest import build_digest, send_weekly_digests
from hub.community.models import DigestSent
from hub.community.tasks import weekly_digest_task
from hub.notifications.models import Preference

from .factories import make_question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem")]


@pytest.fixture
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def people(official_a, official_b, partner_user):
    for user in (official_a, official_b, partner_user):
        user.email = f"{user.username}@example.cl"
        user.save(update_fields=["email"])
    return official_a, official_b, partner_user


def test_digest_lists_unanswered_questions_of_followed_challenges_and_data_updates(people):
    official_a, official_b, _ = people
    from hub.observatory.models import ImportRun, ImportStatus

    services.follow_set(acting_user=official_a, follow=True, challenge="aps")
    make_question(official_b, title="¿Quién hace telemedicina en postas?", challenge="aps")
    make_question(official_b, title="¿Quién digitalizó permisos de edificación?", challenge="digital")
    ImportRun.objects.create(importer="cead", file_name="cead.xlsx", status=ImportStatus.SUCCEEDED,
                             finished_at=timezone.now())
    digest = build_digest(official_a)
    titles = [q.title for q in digest.questions]
    assert "¿Quién hace telemedicina en postas?" in titles
    assert len(digest.data_updates) == 1


def test_weekly_digest_is_sent_once_per_week_by_mail(people):
    official_a, official_b, partner = people
    make_question(official_b, title="¿Quién tiene ordenanza de arbolado urbano?", challenge="ambiental")
    sent = send_weekly_digests()
    recipients = sorted(m.to[0] for m in mail.outbox)
    # Ñuñoa's official follows no challenge, so the region decides: a Temuco question is not hers.
    # Temuco's official asked it (not news for him); the partner has no region and sees everything.
    assert recipients == ["partner@example.cl"]
    assert sent == 1
    assert "ordenanza de arbolado" in mail.outbox[0].body
    assert send_weekly_digests() == 0  # a retried run sends nothing new
    assert DigestSent.objects.filter(user=partner).count() == 1
    services.follow_set(acting_user=official_a, follow=True, challenge="ambiental")
    DigestSent.objects.all().delete()
    mail.outbox.clear()
    send_weekly_digests()
    assert "official_a@example.cl" in [m.to[0] for m in mail.outbox]  # now in one of her challenges


def test_digest_respects_the_preference(people):
    official_a, official_b, _ = people
    Preference.objects.create(user=official_a, kind="weekly_digest", in_app=True, email=False)
    make_question(official_b, title="¿Quién tiene ordenanza de arbolado urbano?", challenge="ambiental")
    send_weekly_digests()
    assert "official_a@example.cl" not in [m.to[0] for m in mail.outbox]


def test_nothing_new_sends_nothing(people):
    assert send_weekly_digests() == 0
    assert mail.outbox == []


def test_command_and_task_send_the_digest(people):
    _, official_b, _ = people
    make_question(official_b, title="¿Quién tiene ordenanza de arbolado urbano?", challenge="ambiental")
    call_command("send_weekly_digest")
    first = len(mail.outbox)
    assert first >= 1
    DigestSent.objects.all().delete()
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        result = weekly_digest_task.enqueue()
    assert result.return_value == first


def test_old_questions_do_not_enter_the_digest(people):
    official_a, official_b, _ = people
    question = make_question(official_b, title="¿Pregunta antigua que nadie respondió?")
    type(question).objects.filter(pk=question.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))
    assert build_digest(official_a).questions == []
