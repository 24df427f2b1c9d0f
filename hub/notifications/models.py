"""In-app notifications and each person's preferences (which kinds also arrive by e-mail)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("destinatario")
    )
    kind = models.CharField(_("tipo"), max_length=64)
    title = models.CharField(_("título"), max_length=200)
    body = models.TextField(_("detalle"), blank=True, max_length=4000)
    url = models.CharField(_("enlace"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)
    read_at = models.DateTimeField(_("leída"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("enviada por correo"), null=True, blank=True)

    class Meta:
        verbose_name = _("notificación")
        verbose_name_plural = _("notificaciones")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """One row per person and kind they changed; a kind without a row uses its registered default."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_prefs")
    kind = models.CharField(_("tipo"), max_length=64)
    in_app = models.BooleanField(_("en la plataforma"), default=True)
    email = models.BooleanField(_("por correo"), default=True)

    class Meta:
        verbose_name = _("preferencia de notificación")
        verbose_name_plural = _("preferencias de notificación")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")]

    def __str__(self):
        return f"{self.user_id} · {self.kind}"
