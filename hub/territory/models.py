from django.db import models
from django.utils.translation import gettext_lazy as _


class Typology(models.TextChoices):
    """The four comunal typologies of the institutional document (stage 6), word for word."""

    METROPOLITANAS = "metropolitanas", _("Metropolitanas")
    MAYORES = "mayores", _("Mayores")
    URBANAS_MEDIANAS = "urbanas_medianas", _("Urbanas medianas")
    RURALES_SEMIURBANAS = "rurales_semiurbanas", _("Rurales/semiurbanas")


class TypologySource(models.TextChoices):
    RULE = "rule", _("Regla del Hub (Censo 2024)")
    OFFICIAL = "official", _("Clasificación oficial importada")


class Region(models.Model):
    code = models.CharField(_("código"), max_length=2, primary_key=True)
    name = models.CharField(_("nombre"), max_length=100)
    abbreviation = models.CharField(_("abreviatura"), max_length=5, blank=True)
    # North to south: Chile's region codes are not geographic order (15 Arica is northernmost).
    order = models.PositiveSmallIntegerField(_("orden norte-sur"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("región")
        verbose_name_plural = _("regiones")

    def __str__(self) -> str:
        return self.name


class Province(models.Model):
    code = models.CharField(_("código"), max_length=3, primary_key=True)
    name = models.CharField(_("nombre"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces")

    class Meta:
        ordering = ["region__order", "code"]
        verbose_name = _("provincia")
        verbose_name_plural = _("provincias")

    def __str__(self) -> str:
        return self.name


class Comuna(models.Model):
    cut = models.CharField(_("código CUT"), max_length=5, primary_key=True)
    name = models.CharField(_("nombre oficial"), max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="comunas")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="comunas")
    population_2024 = models.PositiveIntegerField(_("población Censo 2024"), null=True, blank=True)
    households_2024 = models.PositiveIntegerField(_("hogares Censo 2024"), null=True, blank=True)
    dwellings_2024 = models.PositiveIntegerField(_("viviendas Censo 2024"), null=True, blank=True)
    latitude = models.FloatField(_("latitud cabecera"), null=True, blank=True)
    longitude = models.FloatField(_("longitud cabecera"), null=True, blank=True)
    typology = models.CharField(_("tipología"), max_length=30, choices=Typology.choices, blank=True)
    typology_source = models.CharField(
        _("origen de la tipología"), max_length=20, choices=TypologySource.choices, default=TypologySource.RULE
    )
    typology_reason = models.CharField(_("motivo de la tipología"), max_length=300, blank=True)
    is_amuch_member = models.BooleanField(_("asociada a AMUCH"), default=False)
    member_since = models.DateField(_("asociada desde"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("comuna")
        verbose_name_plural = _("comunas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cut__regex=r"^[0-9]{5}$"), name="comuna_cut_five_digits"
            ),
            models.CheckConstraint(
                condition=models.Q(member_since__isnull=True) | models.Q(is_amuch_member=True),
                name="comuna_member_since_only_for_members",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # search_name is derived, never typed: keep it in step with the official name.
        from hub.core.text import fold

        self.search_name = fold(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("territory:comuna_detail", args=[self.cut])

    @property
    def has_location(self) -> bool:
        # The source gives Antártica 0,0: missing data, not a place in the Gulf of Guinea.
        return self.latitude is not None and self.longitude is not None
