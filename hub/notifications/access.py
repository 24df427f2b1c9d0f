"""A person sees and marks only her own notifications; existence of anyone else's is private (404)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Notification


def require_authenticated(user) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Debe ingresar para ver sus notificaciones.")


def notifications_for_user(user):
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def access_notification(user, notification_id: int) -> Notification:
    note = notifications_for_user(user).filter(pk=notification_id).first()
    if note is None:
        raise Http404("No existe esa notificación.")
    return note


def unread_count(user) -> int:
    return notifications_for_user(user).filter(read_at__isnull=True).count()
