"""Writes of notifications. ``notify()`` is what other apps' services call; e-mail goes after the commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from . import access
from .kinds import get_kind
from .models import Notification, Preference


def _wants(user, kind: str) -> tuple[bool, bool]:
    pref = Preference.objects.filter(user=user, kind=kind).first()
    if pref is None:
        return True, get_kind(kind).email
    return pref.in_app, pref.email


def notify(*, recipients: Iterable, kind: str, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Notify each active recipient (deduplicated) in the app and, if they want it, by e-mail after commit.

    Called from other services inside their transaction: if that transaction rolls back, nothing is sent.
    """
    created = []
    seen = set()
    for user in recipients:
        if user is None or not getattr(user, "is_active", False) or user.pk in seen:
            continue
        seen.add(user.pk)
        in_app, email = _wants(user, kind)
        note = Notification.objects.create(
            recipient=user, kind=kind, title=title[:200], body=body[:4000], url=url[:500],
            read_at=None if in_app else timezone.now(),
        )
        created.append(note)
        if email and user.email:
            transaction.on_commit(lambda n=note: _send_email(n.pk))
    return created


def _send_email(notification_id: int) -> None:
    note = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if note is None:
        return
    link = f"\n\n{settings.HUB_SITE_URL.rstrip('/')}{note.url}" if note.url else ""
    send_mail(
        subject=f"[Hub Local] {note.title}",
        message=f"{note.body}{link}\n\n—\nPuede elegir qué avisos recibe por correo en Notificaciones → Preferencias.",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[note.recipient.email],
        fail_silently=True,
    )
    Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())


def notification_mark_read(*, acting_user, notification_id: int) -> Notification:
    note = access.access_notification(acting_user, notification_id)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    return note


def notifications_mark_all_read(*, acting_user) -> int:
    return access.notifications_for_user(acting_user).filter(read_at__isnull=True).update(read_at=timezone.now())


def preferences_save(*, acting_user, choices: dict[str, tuple[bool, bool]]) -> None:
    """choices: kind -> (in_app, email), for the acting user only."""
    access.require_authenticated(acting_user)
    with transaction.atomic():
        for kind, (in_app, email) in choices.items():
            Preference.objects.update_or_create(
                user=acting_user, kind=kind, defaults={"in_app": bool(in_app), "email": bool(email)}
            )
