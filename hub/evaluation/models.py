"""The results engine's data: indicators with their declared semantics, periods that close and lock, the
snapshot frozen at close, late data as audited corrections, the agreement quality rubric and the reports.

Values are never typed: ``results.py`` computes them from the records other apps register as evidence.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import EvaluationIndicator


class Unit(models.TextChoices):
    COMUNAS = "comunas", _("comunas")
    COUNT = "count", _("número")
    PERCENT = "percent", "%"
    INDEX = "index", _("índice")
    CLP = "clp", _("pesos (CLP)")


class Direction(models.TextChoices):
    ASCENDING = "ascendente", _("Ascendente (más es mejor)")
    DESCENDING = "descendente", _("Descendente (menos es mejor)")


class AggregationRule(models.TextChoices):
    """How values combine across periods or groups. There is deliberately no "average of rates"."""

    SUM = "sum", _("Suma")
    LATEST = "latest", _("Último valor del periodo")
    RATIO = "ratio", _("Razón de sumas (Σ numerador / Σ denominador)")


class Level(models.TextChoices):
    OUTPUT = "producto", _("Producto")
    OUTCOME = "resultado", _("Resultado")
    IMPACT = "impacto", _("Impacto")


class ResultsIndicator(models.Model):
    """One indicator, defined once: every screen, report and the API read this definition."""

    code = models.SlugField(_("código"), max_length=40, unique=True)
    name = models.CharField(_("nombre"), max_length=120)
    level = models.CharField(_("nivel"), max_length=20, choices=Level.choices, default=Level.OUTCOME)
    definition = models.TextField(_("definición"), max_length=2000)
    formula = models.TextField(_("fórmula"), max_length=2000)
    unit = models.CharField(_("unidad"), max_length=20, choices=Unit.choices)
    direction = models.CharField(_("dirección"), max_length=20, choices=Direction.choices, default=Direction.ASCENDING)
    aggregation = models.CharField(_("regla de agregación"), max_length=10, choices=AggregationRule.choices)
    disaggregations = models.JSONField(_("desagregaciones"), default=list, blank=True)  # ["tipologia", "region"]
    source = models.CharField(_("fuente"), max_length=300)
    baseline_year = models.PositiveSmallIntegerField(_("año de línea base"), null=True, blank=True)
    baseline_value = models.FloatField(_("valor de línea base"), null=True, blank=True)
    methodology_version = models.CharField(_("versión de la metodología"), max_length=20, default="1.0")
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("indicador de resultados")
        verbose_name_plural = _("indicadores de resultados")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluation:indicator_detail", args=[self.code])

    @property
    def is_institutional(self) -> bool:
        return self.code in EvaluationIndicator.values

    def target_for(self, year: int):
        return next((t for t in self.targets.all() if t.year == year), None)

    def progress(self, value: float | None, year: int) -> float | None:
        """(value − baseline) / (target − baseline); raw (not capped); None when undefined."""
        target = self.target_for(year)
        if value is None or target is None:
            return None
        base = self.baseline_value or 0.0
        if target.value == base:
            return None
        return (value - base) / (target.value - base)


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(ResultsIndicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("año"))
    value = models.FloatField(_("meta"))
    note = models.CharField(_("nota"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("meta anual")
        verbose_name_plural = _("metas anuales")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="evaluation_target_once")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class PeriodStatus(models.TextChoices):
    OPEN = "abierto", _("Abierto")
    CLOSED = "cerrado", _("Cerrado")


PERIOD_TRANSITIONS = {
    PeriodStatus.OPEN: {PeriodStatus.CLOSED},
    PeriodStatus.CLOSED: set(),
}


class Period(models.Model):
    """A reporting period (a calendar year). Closing it freezes the computed values in a snapshot."""

    year = models.PositiveSmallIntegerField(_("año"), unique=True)
    start = models.DateField(_("inicio"))
    end = models.DateField(_("término"))
    status = models.CharField(_("estado"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN)
    status_changed_at = models.DateTimeField(_("cambio de estado"), null=True, blank=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("periodo")
        verbose_name_plural = _("periodos")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="evaluation_period_end_after_start"),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_closed(self) -> bool:
        return self.status == PeriodStatus.CLOSED

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("El término debe ser posterior al inicio.")})


class PeriodSnapshot(models.Model):
    """The values computed at close, frozen: canonical JSON text and its SHA-256. Never edited."""

    period = models.OneToOneField(Period, on_delete=models.PROTECT, related_name="snapshot")
    cutoff = models.DateField(_("fecha de corte"))
    data = models.TextField(_("datos (JSON canónico)"))
    sha256 = models.CharField(_("huella SHA-256"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    class Meta:
        verbose_name = _("instantánea de cierre")
        verbose_name_plural = _("instantáneas de cierre")

    def __str__(self) -> str:
        return f"{self.period} · {self.sha256[:12]}"


class Correction(models.Model):
    """Late data for a closed period: the original frozen value is kept and both are shown."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="corrections")
    indicator = models.CharField(_("indicador"), max_length=20, choices=EvaluationIndicator.choices)
    original = models.JSONField(_("valor original"))
    corrected = models.JSONField(_("valor corregido"))
    reason = models.TextField(_("motivo"), max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("registrada"), auto_now_add=True)

    class Meta:
        ordering = ["period", "created_at", "pk"]
        verbose_name = _("corrección posterior")
        verbose_name_plural = _("correcciones posteriores")

    def __str__(self) -> str:
        return f"{self.period} · {self.get_indicator_display()}"


RUBRIC_ITEMS = [
    ("is_active", _("Activo (con ejecución en el periodo)")),
    ("shared_resources", _("Con recursos compartidos")),
    ("has_results", _("Con resultados documentados")),
    ("renewed", _("Renovado o extendido")),
]


class AgreementQuality(models.Model):
    """The 0–4 quality rubric of one signed agreement: formalised is the entry condition, then one point each."""

    agreement = models.OneToOneField("partners.Agreement", on_delete=models.CASCADE, related_name="quality")
    is_active = models.BooleanField(_("activo"), default=False)
    shared_resources = models.BooleanField(_("con recursos compartidos"), default=False)
    has_results = models.BooleanField(_("con resultados"), default=False)
    renewed = models.BooleanField(_("renovado"), default=False)
    evidence_note = models.CharField(_("evidencia"), max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)

    class Meta:
        verbose_name = _("calidad del convenio")
        verbose_name_plural = _("calidad de convenios")

    def __str__(self) -> str:
        return f"{self.agreement} · {self.score}/4"

    @property
    def score(self) -> int:
        return sum(1 for name, _label in RUBRIC_ITEMS if getattr(self, name))


class AnnualReport(models.Model):
    """The annual report (memoria anual), frozen: cut-off date, canonical JSON and its SHA-256."""

    year = models.PositiveSmallIntegerField(_("año"))
    cutoff = models.DateField(_("fecha de corte"))
    data = models.TextField(_("datos (JSON canónico)"))
    sha256 = models.CharField(_("huella SHA-256"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("generada"), auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("memoria anual")
        verbose_name_plural = _("memorias anuales")

    def __str__(self) -> str:
        return f"Memoria {self.year} (corte {self.cutoff:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:report_detail", args=[self.pk])


class ValueReport(models.Model):
    """The per-member value report of one comuna and year, as generated (frozen data + hash)."""

    comuna = models.ForeignKey("territory.Comuna", on_delete=models.CASCADE, related_name="value_reports")
    year = models.PositiveSmallIntegerField(_("año"))
    data = models.TextField(_("datos (JSON canónico)"))
    sha256 = models.CharField(_("huella SHA-256"), max_length=64)
    generated_at = models.DateTimeField(_("generado"), auto_now=True)

    class Meta:
        ordering = ["comuna", "-year"]
        verbose_name = _("reporte de valor")
        verbose_name_plural = _("reportes de valor")
        constraints = [models.UniqueConstraint(fields=["comuna", "year"], name="evaluation_value_report_once")]

    def __str__(self) -> str:
        return f"{self.comuna} {self.year}"


class BatchStatus(models.TextChoices):
    PENDING = "pendiente", _("En cola")
    RUNNING = "en_curso", _("En curso")
    DONE = "terminado", _("Terminado")
    FAILED = "fallido", _("Fallido")


BATCH_TRANSITIONS = {
    BatchStatus.PENDING: {BatchStatus.RUNNING, BatchStatus.FAILED},
    BatchStatus.RUNNING: {BatchStatus.DONE, BatchStatus.FAILED},
    BatchStatus.DONE: set(),
    BatchStatus.FAILED: set(),
}


class ValueReportBatch(models.Model):
    """Staff's "generate all": one background task over every member comuna, with its progress."""

    year = models.PositiveSmallIntegerField(_("año"))
    status = models.CharField(_("estado"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.PENDING)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("generados"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("cambio de estado"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lote de reportes de valor")
        verbose_name_plural = _("lotes de reportes de valor")

    def __str__(self) -> str:
        return f"{self.year}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        if self.status == BatchStatus.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0
