from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HUB_STAFF = "hub_staff", _("Equipo del Hub")
    OFFICIAL = "official", _("Funcionario municipal")
    PARTNER = "partner", _("Organización socia")
    PUBLIC = "public", _("Público")


class User(AbstractUser):
    """Custom user from the first migration.

    The role says what kind of actor the person is; the comunas and organisation say *for whom*
    they act. Object-level decisions live in hub.core.access, never here.
    """

    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.PUBLIC)
    comunas = models.ManyToManyField(
        "territory.Comuna",
        verbose_name=_("comunas"),
        blank=True,
        related_name="officials",
        help_text=_("Comunas por las que actúa un funcionario municipal."),
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("organización"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    phone = models.CharField(_("teléfono"), max_length=30, blank=True)
    position = models.CharField(_("cargo"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")

    @property
    def is_hub_staff(self) -> bool:
        return self.is_active and (self.role == Role.HUB_STAFF or self.is_superuser)

    @property
    def is_official(self) -> bool:
        return self.is_active and self.role == Role.OFFICIAL

    @property
    def is_partner(self) -> bool:
        return self.is_active and self.role == Role.PARTNER and self.organization_id is not None
