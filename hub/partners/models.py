from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorType(models.TextChoices):
    """The four actor types of the institutional document (stage 4), word for word."""

    ESTADO_CENTRAL = "estado_central", _("Estado central")
    MUNICIPIOS = "municipios", _("Municipios")
    ACADEMIA = "academia", _("Academia")
    PRIVADO_COOPERACION = "privado_cooperacion", _("Sector privado y cooperación internacional")


class Organization(models.Model):
    name = models.CharField(_("nombre"), max_length=200)
    short_name = models.CharField(_("sigla"), max_length=40, blank=True)
    actor_type = models.CharField(_("tipo de actor"), max_length=30, choices=ActorType.choices)
    comuna = models.ForeignKey(
        "territory.Comuna",
        verbose_name=_("comuna (si es municipio)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")

    def __str__(self) -> str:
        return self.short_name or self.name
