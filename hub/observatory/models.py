from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge


class IndicatorTheme(models.TextChoices):
    """The five challenges of the document plus the context themes of the observatory."""

    SEGURIDAD = Challenge.SEGURIDAD.value, Challenge.SEGURIDAD.label
    APS = Challenge.APS.value, Challenge.APS.label
    CAPITAL_HUMANO = Challenge.CAPITAL_HUMANO.value, Challenge.CAPITAL_HUMANO.label
    AMBIENTAL = Challenge.AMBIENTAL.value, Challenge.AMBIENTAL.label
    DIGITAL = Challenge.DIGITAL.value, Challenge.DIGITAL.label
    FINANZAS = "finanzas", _("Finanzas municipales")
    CONTEXTO = "contexto", _("Contexto (población y pobreza)")


class Periodicity(models.TextChoices):
    YEAR = "year", _("Anual")
    MONTH = "month", _("Mensual")


class Direction(models.TextChoices):
    HIGHER_BETTER = "higher_better", _("Más alto es mejor")
    HIGHER_WORSE = "higher_worse", _("Más alto es peor")
    NEUTRAL = "neutral", _("Neutral")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Suma de comunas")
    RATIO = "ratio", _("Razón recalculada desde numerador y denominador")
    NONE = "none", _("No se agrega")


class Unit(models.TextChoices):
    COUNT = "count", _("número")
    PERSONS = "persons", _("personas")
    PERCENT = "percent", "%"
    PER_100K = "per_100k", _("por 100.000 hab.")
    PER_10K = "per_10k", _("por 10.000 hab.")
    CLP = "clp", _("pesos (CLP)")
    CLP_PER_PERSON = "clp_per_person", _("pesos por persona")
    PER_1000 = "per_1000", _("por 1.000 hab.")
    M2 = "m2", "m²"
    M2_PER_PERSON = "m2_per_person", _("m² por hab.")
    INDEX = "index", _("índice de 0 a 1")


class UnitKind(models.TextChoices):
    """How values in a unit are validated on import."""

    COUNT = "count", _("Conteo (entero, no negativo)")
    PERCENT = "percent", _("Porcentaje (0 a 100 salvo rango declarado)")
    RATE = "rate", _("Tasa (no negativa)")
    MAGNITUDE = "magnitude", _("Magnitud (dentro del rango declarado, si lo hay)")


class UnitDisplay(models.TextChoices):
    NUMBER = "number", _("Solo el número")
    SUFFIX = "suffix", _("Número y símbolo (12,5 %)")
    PREFIX = "prefix", _("Símbolo y número ($1.234)")


class MeasureUnit(models.Model):
    """A unit of measure that staff can extend; ``Indicator.unit`` holds its code."""

    code = models.SlugField(_("código"), max_length=20, unique=True,
                            help_text=_("Minúsculas, dígitos y guion bajo, p. ej. «m2_per_person»."))
    symbol = models.CharField(_("símbolo"), max_length=20, blank=True, help_text=_("p. ej. «%», «m²», «$», «min»."))
    name_es = models.CharField(_("nombre (es)"), max_length=100)
    name_en = models.CharField(_("nombre (en)"), max_length=100, blank=True)
    display = models.CharField(_("presentación"), max_length=10, choices=UnitDisplay.choices,
                               default=UnitDisplay.NUMBER)
    kind = models.CharField(_("validación"), max_length=10, choices=UnitKind.choices, default=UnitKind.MAGNITUDE)
    min_value = models.FloatField(_("mínimo admitido"), null=True, blank=True)
    max_value = models.FloatField(_("máximo admitido"), null=True, blank=True)
    whole = models.BooleanField(_("sin decimales al mostrar"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("unidad de medida")
        verbose_name_plural = _("unidades de medida")

    def __str__(self) -> str:
        return self.name_es


class Source(models.Model):
    code = models.SlugField(_("código"), max_length=50, unique=True)
    institution = models.CharField(_("institución"), max_length=200)
    dataset = models.CharField(_("conjunto de datos"), max_length=300)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    licence = models.CharField(_("licencia"), max_length=200, blank=True)
    attribution = models.CharField(_("texto de atribución"), max_length=300)
    # When the data was retrieved from the source, as recorded by the file or its provenance ("" = not recorded).
    retrieved = models.CharField(_("fecha de obtención"), max_length=100, blank=True)
    file_name = models.CharField(_("archivo en data/"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("fuente")
        verbose_name_plural = _("fuentes")

    def __str__(self) -> str:
        return self.attribution


INDICATOR_CODE_RE = r"^[a-z0-9]+(?:_[a-z0-9]+)*$"
indicator_code_validator = RegexValidator(
    INDICATOR_CODE_RE,
    _("El código debe ir en minúsculas sin tildes, con dígitos y guiones bajos (p. ej. «tasa_delitos»)."),
)


class Indicator(models.Model):
    code = models.SlugField(_("código"), max_length=60, unique=True, validators=[indicator_code_validator])
    name_es = models.CharField(_("nombre (es)"), max_length=200)
    name_en = models.CharField(_("nombre (en)"), max_length=200)
    definition = models.TextField(_("definición"))
    # The code of a MeasureUnit (staff can add units); the Unit enum lists the ones seeded by migration 0006.
    unit = models.CharField(_("unidad"), max_length=20)
    theme = models.CharField(_("desafío o tema"), max_length=20, choices=IndicatorTheme.choices)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="indicators")
    periodicity = models.CharField(_("periodicidad"), max_length=10, choices=Periodicity.choices)
    direction = models.CharField(_("dirección"), max_length=20, choices=Direction.choices)
    aggregation = models.CharField(_("agregación"), max_length=10, choices=Aggregation.choices)
    # For RATIO indicators: value = numerator / denominator * scale, recomputed at every level.
    numerator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("numerador")
    )
    denominator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("denominador")
    )
    scale = models.FloatField(_("escala"), default=1.0)
    decimals = models.PositiveSmallIntegerField(_("decimales"), default=1)
    is_public = models.BooleanField(_("público"), default=True)

    class Meta:
        ordering = ["theme", "code"]
        verbose_name = _("indicador")
        verbose_name_plural = _("indicadores")

    def __str__(self) -> str:
        return self.name_es

    def get_unit_display(self) -> str:
        from .units import unit_label

        return unit_label(self.unit)


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("En cola")
    RUNNING = "running", _("En curso")
    SUCCEEDED = "succeeded", _("Completada")
    WARNING = "warning", _("Completada con advertencias")
    REJECTED = "rejected", _("Rechazada")
    FAILED = "failed", _("Fallida")


class ImportRun(models.Model):
    importer = models.CharField(_("importador"), max_length=60)
    file_name = models.CharField(_("archivo"), max_length=300)
    file_sha256 = models.CharField(max_length=64, blank=True)
    # Where the uploaded file was stored (MEDIA_ROOT/imports/...) and the generic importer's mapping.
    file_path = models.CharField(_("ruta del archivo"), max_length=500, blank=True)
    options = models.JSONField(_("opciones"), default=dict, blank=True)
    dry_run = models.BooleanField(_("simulación"), default=False)
    status = models.CharField(_("estado"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("avance (%)"), default=0)
    rows_read = models.PositiveIntegerField(_("filas leídas"), default=0)
    rows_loaded = models.PositiveIntegerField(_("filas cargadas"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("filas sin cambios"), default=0)
    rows_rejected = models.PositiveIntegerField(_("filas rechazadas"), default=0)
    report = models.JSONField(_("informe"), default=dict, blank=True)
    message = models.TextField(_("mensaje"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("inicio"), auto_now_add=True)
    finished_at = models.DateTimeField(_("término"), null=True, blank=True)
    # Liveness of a running import: the worker ("host:pid") and its last sign of life (see reaper.py).
    worker = models.CharField(_("proceso"), max_length=100, blank=True)
    heartbeat_at = models.DateTimeField(_("última señal"), null=True, blank=True)
    retry_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="retries",
                                 verbose_name=_("reintento de"))

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("ejecución de importación")
        verbose_name_plural = _("ejecuciones de importación")

    def __str__(self) -> str:
        return f"{self.importer} · {self.file_name} · {self.get_status_display()}"


class Observation(models.Model):
    # No separate index on indicator_id: the natural-key unique index and obs_indicator_period start with it,
    # and every extra index slows the million-row CEAD import down.
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations", db_index=False)
    # Indexed through obs_comuna_indicator below (a plain FK index on PostgreSQL adds a useless *_like twin).
    comuna = models.ForeignKey(
        "territory.Comuna", on_delete=models.CASCADE, related_name="observations", db_index=False
    )
    # "2024" for yearly data, "2024-03" for monthly: sortable as text, and what the API returns.
    period = models.CharField(_("periodo"), max_length=7)
    year = models.PositiveSmallIntegerField(_("año"))
    # Optional breakdown inside a comuna-period (e.g. the CEAD offence); "" is the total.
    dimension = models.CharField(_("desagregación"), max_length=120, blank=True, default="")
    value = models.FloatField(_("valor"))
    lower = models.FloatField(_("límite inferior"), null=True, blank=True)
    upper = models.FloatField(_("límite superior"), null=True, blank=True)
    # For RATIO indicators: the components behind value, so regions and the country are recomputed from
    # sums (sum(numerator) / sum(denominator) * scale), never averaged. Null for imported values.
    numerator = models.FloatField(_("numerador"), null=True, blank=True)
    denominator = models.FloatField(_("denominador"), null=True, blank=True)
    # A quality flag of the source or the importer (e.g. SINIM's "inscritos_menor_100"): the value is kept and
    # shown with a warning, but left out of rankings and aggregates. "" = no flag.
    flag = models.CharField(_("alerta de calidad"), max_length=60, blank=True, default="")
    # Provenance only: no index and no database FK check (Django still applies SET_NULL when a run is deleted),
    # so bulk imports skip one deferred constraint trigger per row on PostgreSQL.
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="observations",
        db_index=False, db_constraint=False,
    )

    class Meta:
        verbose_name = _("observación")
        verbose_name_plural = _("observaciones")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "comuna", "period", "dimension"], name="observation_natural_key"
            ),
            models.CheckConstraint(
                condition=models.Q(period__regex=r"^[0-9]{4}(-[0-9]{2})?$"), name="observation_period_format"
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period", "dimension"], name="obs_indicator_period"),
            models.Index(fields=["comuna", "indicator"], name="obs_comuna_indicator"),
            # Periods of an indicator's totals (indicator_periods, latest_periods) without scanning breakdowns.
            models.Index(fields=["indicator", "dimension", "period"], name="obs_indicator_dim_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.comuna_id} {self.period}"


class MissingValue(models.Model):
    """A comuna-period the source reports WITHOUT a number, with the source's reason ("No Recepcionado",
    "Sin Servicio", "No Aplica", "Costo Fijo"…). Missing is not zero: these never become observations, never
    enter a ranking or an aggregate, and are shown as "no informado" with the reason."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="missing_values")
    comuna = models.ForeignKey("territory.Comuna", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("periodo"), max_length=7)
    dimension = models.CharField(_("desagregación"), max_length=120, blank=True, default="")
    status = models.CharField(_("motivo"), max_length=60)

    class Meta:
        verbose_name = _("valor no informado")
        verbose_name_plural = _("valores no informados")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "comuna", "period", "dimension"], name="missing_natural_key"),
        ]
        indexes = [models.Index(fields=["indicator", "period"], name="missing_indicator_period")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.comuna_id} {self.period}: {self.status}"


class ImportLock(models.Model):
    """One writing import per source at a time: the unique key makes a second one fail on every database."""

    key = models.CharField(max_length=60, unique=True)
    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="+")
    acquired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bloqueo de importación")
        verbose_name_plural = _("bloqueos de importación")

    def __str__(self) -> str:
        return self.key


class ObservationChange(models.Model):
    """The history of every value: one row per created, changed or deleted observation (old → new)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="changes")
    comuna = models.ForeignKey("territory.Comuna", on_delete=models.CASCADE, related_name="+", db_index=False)
    period = models.CharField(_("periodo"), max_length=7)
    dimension = models.CharField(_("desagregación"), max_length=120, blank=True, default="")
    old_value = models.FloatField(_("valor anterior"), null=True, blank=True)
    new_value = models.FloatField(_("valor nuevo"), null=True, blank=True)
    # The whole previous row [value, lower, upper, numerator, denominator, flag] so a revert restores it exactly.
    old_row = models.JSONField(null=True, blank=True)
    run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes")
    file_sha256 = models.CharField(max_length=64, blank=True)
    row = models.PositiveIntegerField(_("fila"), null=True, blank=True)
    changed_at = models.DateTimeField(_("fecha"), auto_now_add=True)
    reverted = models.BooleanField(_("revertido"), default=False)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("cambio de valor")
        verbose_name_plural = _("cambios de valor")
        indexes = [
            models.Index(fields=["indicator", "comuna", "period", "dimension"], name="obschange_key"),
            models.Index(fields=["run"], name="obschange_run"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.comuna_id} {self.period}: {self.old_value} → {self.new_value}"
