"""The core's only table: the record of every status change made through ``hub.core.transitions``."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class StateChange(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("tipo de registro"))
    object_id = models.CharField(_("registro"), max_length=64)
    field = models.CharField(_("campo"), max_length=64, default="status")
    from_state = models.CharField(_("desde"), max_length=64, blank=True)
    to_state = models.CharField(_("hacia"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("quién")
    )
    at = models.DateTimeField(_("cuándo"), auto_now_add=True)
    reason = models.TextField(_("motivo"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("cambio de estado")
        verbose_name_plural = _("cambios de estado")
        indexes = [models.Index(fields=["content_type", "object_id", "field", "at"])]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"
