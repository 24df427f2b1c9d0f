"""Pilots (stage 6 "Implementación piloto"): a programme tried in a few comunas before scaling.

A pilot selects comunas across the four typologies, freezes a pre-registration (canonical JSON + SHA-256)
before implementation, measures process indicators and observatory outcomes against comparison comunas,
and closes with a case document. Frozen registrations are never edited: changes are new versions
(amendments; after results were seen they are deviations). Dates decide "registro tardío" (computed).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.territory.models import Typology


class PilotStatus(models.TextChoices):
    DISENO = "diseno", _("Diseño")
    PREREGISTRADO = "preregistrado", _("Preregistrado")
    EN_IMPLEMENTACION = "en_implementacion", _("En implementación")
    EN_MEDICION = "en_medicion", _("En medición")
    CERRADO = "cerrado", _("Cerrado")


# en_implementacion is reachable only from preregistrado: no implementation without a frozen registration.
PILOT_TRANSITIONS = {
    PilotStatus.DISENO: {PilotStatus.PREREGISTRADO},
    PilotStatus.PREREGISTRADO: {PilotStatus.EN_IMPLEMENTACION},
    PilotStatus.EN_IMPLEMENTACION: {PilotStatus.EN_MEDICION},
    PilotStatus.EN_MEDICION: {PilotStatus.CERRADO},
    PilotStatus.CERRADO: set(),
}
PUBLIC_STATUSES = [s for s in PilotStatus if s != PilotStatus.DISENO]


class ResultLabel(models.TextChoices):
    EXITO = "exito", _("Éxito")
    APRENDIZAJE = "aprendizaje", _("Aprendizaje")


class SelectionMethod(models.TextChoices):
    ALEATORIO = "aleatorio_estratificado", _("Sorteo estratificado por tipología")
    MANUAL = "intencionado", _("Selección intencionada con razones")


class Estimator(models.TextChoices):
    DID = "dif_en_dif", _("Diferencias en diferencias")
    SYNTH = "control_sintetico", _("Control sintético (con diferencias en diferencias como robustez)")


class AmendmentTiming(models.TextChoices):
    """When a change was made relative to the data (labels of the prereg tool): decides enmienda vs desviación."""

    ANTES_DE_DATOS = "antes_de_datos", _("Antes de recolectar datos")
    DATOS_NO_VISTOS = "datos_no_vistos", _("Datos recolectados, resultados no vistos")
    RESULTADOS_VISTOS = "resultados_vistos", _("Resultados vistos")


class TeamRole(models.TextChoices):
    COORDINACION = "coordinacion", _("Coordinación")
    ANALISIS = "analisis", _("Análisis y medición")
    TERRITORIO = "territorio", _("Equipo territorial")


class AffectedProduct(models.TextChoices):
    PROTOCOLO = "protocolo", _("Protocolo de implementación")
    INSTRUMENTO = "instrumento", _("Instrumento de medición")
    CRONOGRAMA = "cronograma", _("Cronograma")
    SOLUCION = "solucion", _("Solución del portafolio")
    CAPACITACION = "capacitacion", _("Programa de formación")


def _evidence_path(instance, filename: str) -> str:
    return f"pilots/{instance.pilot_id}/evidencia/{timezone.now():%Y%m%d%H%M%S}-{filename[-80:]}"


def _commitment_path(instance, filename: str) -> str:
    return f"pilots/{instance.pilot_id}/compromisos/{instance.comuna_id}-{timezone.now():%Y%m%d%H%M%S}.pdf"


def _case_path(instance, filename: str) -> str:
    return f"pilots/{instance.pk}/caso-{instance.pk}.pdf"


class Pilot(models.Model):
    title = models.CharField(_("título"), max_length=200)
    solution = models.ForeignKey(
        "portfolio.Solution", verbose_name=_("solución del portafolio"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="pilots",
    )
    # The training app is written in parallel: a loose reference by id and name, no FK, no import.
    training_programme_id = models.PositiveIntegerField(_("programa de formación (id)"), null=True, blank=True)
    training_programme_name = models.CharField(_("programa de formación"), max_length=200, blank=True)
    objective = models.TextField(_("objetivo"), max_length=4000)
    protocol = models.TextField(_("protocolo de implementación"), max_length=20000)
    start_date = models.DateField(_("inicio de la intervención"))
    end_date = models.DateField(_("término de la intervención"))
    budget_clp = models.PositiveBigIntegerField(_("presupuesto (CLP)"), default=0)
    status = models.CharField(_("estado"), max_length=20, choices=PilotStatus.choices, default=PilotStatus.DISENO)
    status_changed_at = models.DateTimeField(_("cambio de estado"), null=True, blank=True)
    # The draft pre-registration (editable only before the first freeze); frozen versions live in RegistrationVersion.
    registration_draft = models.JSONField(_("borrador del preregistro"), default=dict, blank=True)
    # First time outcome results were computed: from then on every change is a deviation ("resultados vistos").
    results_seen_at = models.DateTimeField(_("resultados vistos por primera vez"), null=True, blank=True)
    result_label = models.CharField(_("calificación del caso"), max_length=20, choices=ResultLabel.choices, blank=True)
    learning_summary = models.TextField(_("aprendizajes"), max_length=8000, blank=True)
    case_document = models.FileField(_("documento del caso (PDF)"), upload_to=_case_path, blank=True)
    case_document_sha256 = models.CharField(max_length=64, blank=True)
    closed_at = models.DateTimeField(_("cerrado el"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("piloto")
        verbose_name_plural = _("pilotos")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="pilot_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pilots:detail", args=[self.pk])

    @property
    def programme_label(self) -> str:
        if self.solution_id:
            return str(self.solution)
        return self.training_programme_name


class TeamMember(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pilot_roles")
    role = models.CharField(_("rol"), max_length=20, choices=TeamRole.choices)

    class Meta:
        ordering = ["role", "user__last_name"]
        verbose_name = _("integrante del equipo")
        verbose_name_plural = _("equipo del piloto")
        constraints = [models.UniqueConstraint(fields=["pilot", "user"], name="pilot_team_unique_user")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class Selection(models.Model):
    """How the pilot comunas were chosen: reproducible from the stored seed and candidate hash."""

    pilot = models.OneToOneField(Pilot, on_delete=models.CASCADE, related_name="selection")
    method = models.CharField(_("método"), max_length=30, choices=SelectionMethod.choices)
    quotas = models.JSONField(_("cuotas por tipología"), default=dict)
    seed = models.BigIntegerField(_("semilla"), null=True, blank=True)
    candidates_sha256 = models.CharField(_("huella de la lista de candidatas"), max_length=64)
    done_at = models.DateTimeField(_("realizada el"), default=timezone.now)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("selección")
        verbose_name_plural = _("selecciones")

    def __str__(self) -> str:
        return f"{self.pilot} · {self.get_method_display()}"


class Candidate(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="candidates")
    comuna = models.ForeignKey("territory.Comuna", on_delete=models.PROTECT, related_name="pilot_candidacies")
    origin = models.CharField(_("origen de la candidatura"), max_length=300, blank=True)
    selected = models.BooleanField(_("seleccionada"), default=False)
    reason = models.CharField(_("razón de la selección"), max_length=500, blank=True)

    class Meta:
        ordering = ["comuna__name"]
        verbose_name = _("comuna candidata")
        verbose_name_plural = _("comunas candidatas")
        constraints = [models.UniqueConstraint(fields=["pilot", "comuna"], name="pilot_candidate_unique")]

    def __str__(self) -> str:
        return f"{self.pilot} · {self.comuna_id}"


class Commitment(models.Model):
    """A selected comuna's formal commitment: a signed PDF uploaded here, or a signed partners Agreement."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="commitments")
    comuna = models.ForeignKey("territory.Comuna", on_delete=models.PROTECT, related_name="pilot_commitments")
    document = models.FileField(_("compromiso firmado (PDF)"), upload_to=_commitment_path, blank=True)
    agreement = models.ForeignKey(
        "partners.Agreement", verbose_name=_("convenio"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="pilot_commitments",
    )
    counterpart = models.CharField(_("contraparte municipal"), max_length=200)
    data_to_deliver = models.CharField(_("datos que entrega la comuna"), max_length=500, blank=True)
    signed_on = models.DateField(_("fecha de firma"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["comuna__name"]
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        constraints = [
            models.UniqueConstraint(fields=["pilot", "comuna"], name="pilot_commitment_unique"),
            models.CheckConstraint(
                condition=~Q(document="") | Q(agreement__isnull=False), name="pilot_commitment_has_proof"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pilot} · {self.comuna_id}"


class RegistrationVersion(models.Model):
    """One frozen version: the canonical JSON text is the record; its SHA-256 is recomputable by anyone."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versión"))
    canonical_json = models.TextField(_("JSON canónico"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("registrada el"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Empty for version 1 (the freeze); for amendments the reason, the timing class and the changed sections.
    reason = models.TextField(_("motivo"), max_length=4000, blank=True)
    timing = models.CharField(_("momento"), max_length=20, choices=AmendmentTiming.choices, blank=True)
    changed_fields = models.JSONField(_("secciones modificadas"), default=list, blank=True)

    class Meta:
        ordering = ["pilot", "number"]
        verbose_name = _("versión del preregistro")
        verbose_name_plural = _("versiones del preregistro")
        constraints = [models.UniqueConstraint(fields=["pilot", "number"], name="pilot_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.pilot} · v{self.number}"

    @property
    def is_deviation(self) -> bool:
        return self.timing == AmendmentTiming.RESULTADOS_VISTOS


class ProcessMeasurement(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="measurements")
    indicator = models.CharField(_("indicador de proceso"), max_length=200)
    comuna = models.ForeignKey("territory.Comuna", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("periodo"), max_length=7)
    value = models.FloatField(_("valor"))
    evidence = models.FileField(_("evidencia"), upload_to=_evidence_path, blank=True)
    note = models.CharField(_("nota"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("registrada el"), default=timezone.now)

    class Meta:
        ordering = ["indicator", "comuna__name", "period"]
        verbose_name = _("medición de proceso")
        verbose_name_plural = _("mediciones de proceso")
        constraints = [
            models.CheckConstraint(condition=Q(period__regex=r"^[0-9]{4}(-[0-9]{2})?$"), name="pilot_measure_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.comuna_id} · {self.period}"


class OutcomeResult(models.Model):
    """The estimate for one registered primary outcome, computed from observatory data under one version."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="results")
    version_number = models.PositiveIntegerField(_("versión del preregistro usada"))
    outcome_key = models.CharField(_("resultado"), max_length=80)
    outcome_name = models.CharField(_("nombre"), max_length=200)
    estimator = models.CharField(_("estimador"), max_length=30, choices=Estimator.choices)
    effect = models.FloatField(_("efecto"), null=True)
    # xgettext:no-python-format
    ci_low = models.FloatField(_("IC 95 % inferior"), null=True)
    # xgettext:no-python-format
    ci_high = models.FloatField(_("IC 95 % superior"), null=True)
    p_value = models.FloatField(null=True)
    threshold = models.FloatField(_("umbral de éxito"), null=True)
    threshold_met = models.BooleanField(_("umbral cumplido"), default=False)
    details = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pilot", "outcome_key", "estimator"]
        verbose_name = _("resultado estimado")
        verbose_name_plural = _("resultados estimados")

    def __str__(self) -> str:
        return f"{self.pilot} · {self.outcome_name} · {self.estimator}"


class Adjustment(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="adjustments")
    what = models.CharField(_("qué se ajustó"), max_length=300)
    why = models.TextField(_("por qué"), max_length=4000)
    evidence = models.FileField(_("evidencia"), upload_to=_evidence_path, blank=True)
    evidence_note = models.CharField(_("evidencia (descripción)"), max_length=500, blank=True)
    product = models.CharField(_("producto afectado"), max_length=20, choices=AffectedProduct.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("registrado el"), default=timezone.now)

    class Meta:
        ordering = ["pilot", "recorded_at"]
        verbose_name = _("ajuste metodológico")
        verbose_name_plural = _("ajustes metodológicos")

    def __str__(self) -> str:
        return f"{self.pilot} · {self.what}"


TYPOLOGY_ORDER = [t.value for t in Typology]
