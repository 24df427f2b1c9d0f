"""Ecosystem units (stage 2), the solutions portfolio (stages 3 and 5) and the knowledge library.

The reference lists (work lines, challenges, kinds of solution, typologies) are code in
hub.core.taxonomy and hub.territory.models: rows here store their codes and nobody edits them
through the UI. Only sub-themes are rows that staff add.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge, SolutionKind, WorkLine
from hub.territory.models import Typology


class SubTheme(models.Model):
    """A sub-theme staff add under one of the five reference challenges."""

    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices)
    name = models.CharField(_("nombre"), max_length=150)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["challenge", "name"]
        verbose_name = _("subtema")
        verbose_name_plural = _("subtemas")
        constraints = [models.UniqueConstraint(fields=["challenge", "name"], name="subtheme_unique_per_challenge")]

    def __str__(self) -> str:
        return f"{self.get_challenge_display()} · {self.name}"


# --- Stage 2: ecosystem units -------------------------------------------------------------------


class EcosystemUnit(models.Model):
    slug = models.SlugField(_("identificador"), max_length=80, unique=True)
    name = models.CharField(_("nombre"), max_length=150, unique=True)
    short_name = models.CharField(_("sigla o nombre corto"), max_length=40, blank=True)
    mission = models.TextField(_("misión"))
    responsible = models.CharField(_("responsable"), max_length=150)
    governance_decision = models.TextField(_("regla de decisión"), blank=True)
    governance_prioritization = models.TextField(_("regla de priorización"), blank=True)
    governance_coordination = models.TextField(_("regla de coordinación"), blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unidad del ecosistema")
        verbose_name_plural = _("unidades del ecosistema")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portfolio:unit_detail", args=[self.slug])

    @property
    def label(self) -> str:
        return self.short_name or self.name


class UnitProduct(models.Model):
    unit = models.ForeignKey(EcosystemUnit, on_delete=models.CASCADE, related_name="products", verbose_name=_("unidad"))
    name = models.CharField(_("nombre"), max_length=200)
    description = models.TextField(_("descripción"), blank=True)
    kind = models.CharField(_("tipo de solución"), max_length=30, choices=SolutionKind.choices)
    work_line = models.CharField(_("línea de trabajo"), max_length=30, choices=WorkLine.choices)
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["unit__name", "name"]
        verbose_name = _("producto de unidad")
        verbose_name_plural = _("productos de unidades")
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="unitproduct_unique_name_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit.label}: {self.name}"


class RelationKind(models.TextChoices):
    PROVIDES_DATA = "provee_datos", _("provee datos a")
    COORDINATES = "coordina", _("coordina con")
    COPRODUCES = "coproduce", _("co-produce con")


class UnitRelation(models.Model):
    source = models.ForeignKey(
        EcosystemUnit, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("unidad de origen")
    )
    target = models.ForeignKey(
        EcosystemUnit, on_delete=models.CASCADE, related_name="relations_in", verbose_name=_("unidad de destino")
    )
    kind = models.CharField(_("tipo de relación"), max_length=20, choices=RelationKind.choices)
    description = models.CharField(_("descripción"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["source__name", "target__name"]
        verbose_name = _("relación entre unidades")
        verbose_name_plural = _("relaciones entre unidades")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="unitrelation_unique"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="unitrelation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source.label} {self.get_kind_display()} {self.target.label}"


# --- Stages 3 and 5: solutions portfolio ----------------------------------------------------------


class SolutionStatus(models.TextChoices):
    DRAFT = "borrador", _("Borrador")
    IN_REVIEW = "en_revision", _("En revisión")
    PUBLISHED = "publicada", _("Publicada")
    RETIRED = "retirada", _("Retirada")


# The only status changes the services allow (python.org sponsors style).
SOLUTION_TRANSITIONS: dict[str, set[str]] = {
    SolutionStatus.DRAFT: {SolutionStatus.IN_REVIEW},
    SolutionStatus.IN_REVIEW: {SolutionStatus.PUBLISHED, SolutionStatus.DRAFT},
    SolutionStatus.PUBLISHED: {SolutionStatus.RETIRED},
    SolutionStatus.RETIRED: set(),
}


class QualityCriterion(models.Model):
    """A cross-cutting quality criterion every solution must pass before publication."""

    code = models.SlugField(_("código"), max_length=50, unique=True)
    name = models.CharField(_("nombre"), max_length=150)
    description = models.TextField(_("descripción"), blank=True)
    is_active = models.BooleanField(_("activo"), default=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("criterio de calidad")
        verbose_name_plural = _("criterios de calidad")

    def __str__(self) -> str:
        return self.name


class Solution(models.Model):
    title = models.CharField(_("título"), max_length=200)
    summary = models.CharField(_("resumen"), max_length=400)
    description = models.TextField(_("descripción"), blank=True)
    work_line = models.CharField(_("línea de trabajo"), max_length=30, choices=WorkLine.choices)
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices)
    subtheme = models.ForeignKey(
        SubTheme, on_delete=models.PROTECT, null=True, blank=True, related_name="solutions", verbose_name=_("subtema")
    )
    kind = models.CharField(_("tipo de solución"), max_length=30, choices=SolutionKind.choices)
    owner_unit = models.ForeignKey(
        EcosystemUnit, on_delete=models.PROTECT, related_name="solutions", verbose_name=_("unidad responsable")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="portfolio_solutions", verbose_name=_("autor")
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=SolutionStatus.choices, default=SolutionStatus.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("enviada a revisión"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicada el"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retirada el"), null=True, blank=True)
    created_at = models.DateTimeField(_("creada"), default=timezone.now)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("solución")
        verbose_name_plural = _("soluciones")
        constraints = [models.UniqueConstraint(fields=["title"], name="solution_unique_title")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:solution_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == SolutionStatus.PUBLISHED

    @property
    def typologies(self) -> list[str]:
        return [m.typology for m in self.service_models.all()]


class ServiceModel(models.Model):
    """What the solution looks like for one target typology (a rural comuna is not Santiago)."""

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="service_models", verbose_name=_("solución")
    )
    typology = models.CharField(_("tipología"), max_length=30, choices=Typology.choices)
    description = models.TextField(_("modelo de servicio"))

    class Meta:
        ordering = ["solution", "typology"]
        verbose_name = _("modelo de servicio por tipología")
        verbose_name_plural = _("modelos de servicio por tipología")
        constraints = [models.UniqueConstraint(fields=["solution", "typology"], name="servicemodel_unique")]

    def __str__(self) -> str:
        return f"{self.solution} · {self.get_typology_display()}"


class Verdict(models.TextChoices):
    APPROVED = "aprobado", _("Aprobado")
    OBSERVED = "observado", _("Observado")


class Review(models.Model):
    """One reviewer's verdict on one criterion: history, never edited."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("solución"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="portfolio_reviews", verbose_name=_("revisor")
    )
    criterion = models.ForeignKey(
        QualityCriterion, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("criterio")
    )
    verdict = models.CharField(_("veredicto"), max_length=20, choices=Verdict.choices)
    comment = models.TextField(_("comentario"), blank=True)
    created_at = models.DateTimeField(_("fecha"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("revisión")
        verbose_name_plural = _("revisiones")

    def __str__(self) -> str:
        return f"{self.solution} · {self.criterion} · {self.get_verdict_display()}"


# --- Knowledge library ----------------------------------------------------------------------------


class LibraryKind(models.TextChoices):
    STUDY = "estudio", _("Estudio")
    DIAGNOSTIC = "diagnostico", _("Diagnóstico territorial")
    SECTOR_REPORT = "reporte", _("Reporte sectorial")
    COMPARATIVE = "comparado", _("Análisis comparado")
    PROTOCOL = "protocolo", _("Protocolo")
    PUBLICATION = "publicacion", _("Publicación")


def private_media_root() -> Path:
    """Library files live OUTSIDE MEDIA_ROOT: /media/ may be served directly (DEBUG, a proxy), and premium
    files must only leave through the download view that checks access. Read at use time, not import time."""
    configured = settings.HUB_PRIVATE_MEDIA_ROOT
    return Path(configured) if configured else Path(settings.MEDIA_ROOT).parent / "private_media"


class PrivateStorage(FileSystemStorage):
    """A file system storage without public URLs whose root follows the settings (and test overrides)."""

    @property
    def base_location(self):
        return str(private_media_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Los archivos de la biblioteca se sirven solo por la vista de descarga.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def library_upload_to(instance, filename: str) -> str:
    # The stored name never comes from the user: only the year folder and a safe, fixed suffix.
    return f"portfolio/biblioteca/{timezone.now():%Y}/documento.pdf"


class LibraryItem(models.Model):
    title = models.CharField(_("título"), max_length=250)
    kind = models.CharField(_("tipo"), max_length=20, choices=LibraryKind.choices)
    summary = models.TextField(_("resumen"), blank=True)
    authors = models.CharField(_("autores"), max_length=300)
    year = models.PositiveSmallIntegerField(_("año"))
    work_line = models.CharField(_("línea de trabajo"), max_length=30, choices=WorkLine.choices)
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices)
    comunas = models.ManyToManyField(
        "territory.Comuna", blank=True, related_name="library_items", verbose_name=_("comunas cubiertas")
    )
    regions = models.ManyToManyField(
        "territory.Region", blank=True, related_name="library_items", verbose_name=_("regiones cubiertas")
    )
    licence = models.CharField(_("licencia"), max_length=100, default="CC BY 4.0")
    is_premium = models.BooleanField(_("contenido premium"), default=False)
    file = models.FileField(_("archivo PDF"), upload_to=library_upload_to, storage=private_storage, blank=True)
    file_size = models.PositiveIntegerField(_("tamaño del archivo (bytes)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("cargado por"),
    )
    created_at = models.DateTimeField(_("creado"), default=timezone.now)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("documento de la biblioteca")
        verbose_name_plural = _("documentos de la biblioteca")
        constraints = [
            models.CheckConstraint(condition=models.Q(year__gte=1900, year__lte=2100), name="libraryitem_year_range"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:library_detail", args=[self.pk])

    @property
    def download_url(self) -> str:
        return reverse("portfolio:library_download", args=[self.pk]) if self.file else ""


class Subscription(models.Model):
    """A subscriber may download premium library files until valid_until (inclusive)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio_subscription",
        verbose_name=_("usuario"),
    )
    valid_until = models.DateField(_("vigente hasta"))
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        verbose_name = _("suscripción a contenidos premium")
        verbose_name_plural = _("suscripciones a contenidos premium")

    def __str__(self) -> str:
        return f"{self.user} · {self.valid_until:%d-%m-%Y}"

    @property
    def is_active(self) -> bool:
        return self.valid_until >= timezone.localdate()
