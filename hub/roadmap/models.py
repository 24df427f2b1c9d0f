"""The roadmap's records: each stage's state (moved only by gate decisions), the gate decisions themselves and
manual attestations for exit criteria that no platform record can check (e.g. a board-approved document).

The eight stages' texts are reference data in ``stages.py``; the exit criteria and their checks in
``criteria.py``. Progress and regression alerts are computed, never stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Stage


class StageStatus(models.TextChoices):
    NOT_STARTED = "no_iniciada", _("No iniciada")
    IN_PROGRESS = "en_curso", _("En curso")
    IN_REVIEW = "en_revision", _("En revisión")
    COMPLETED = "completada", _("Completada")
    ON_HOLD = "en_pausa", _("En pausa")
    RECYCLED = "reciclada", _("Reciclada")
    STOPPED = "detenida", _("Detenida")


_DECIDABLE = {StageStatus.COMPLETED, StageStatus.ON_HOLD, StageStatus.RECYCLED, StageStatus.STOPPED}

STAGE_TRANSITIONS = {
    StageStatus.NOT_STARTED: {StageStatus.IN_PROGRESS},
    StageStatus.IN_PROGRESS: {StageStatus.IN_REVIEW, *_DECIDABLE},
    StageStatus.IN_REVIEW: {StageStatus.IN_PROGRESS, *_DECIDABLE},
    StageStatus.ON_HOLD: {StageStatus.IN_PROGRESS, StageStatus.IN_REVIEW, *(_DECIDABLE - {StageStatus.ON_HOLD})},
    StageStatus.RECYCLED: {StageStatus.IN_PROGRESS},
    StageStatus.COMPLETED: set(),
    StageStatus.STOPPED: set(),
}


class Decision(models.TextChoices):
    ADVANCE = "avanzar", _("Avanzar")
    HOLD = "retener", _("Retener")
    RECYCLE = "reciclar", _("Reciclar")
    STOP = "detener", _("Detener")


DECISION_TO_STATUS = {
    Decision.ADVANCE: StageStatus.COMPLETED,
    Decision.HOLD: StageStatus.ON_HOLD,
    Decision.RECYCLE: StageStatus.RECYCLED,
    Decision.STOP: StageStatus.STOPPED,
}


class Confidence(models.TextChoices):
    """Delivery confidence (UK IPA gateway scale)."""

    GREEN = "verde", _("Verde")
    GREEN_AMBER = "verde_ambar", _("Verde-ámbar")
    AMBER = "ambar", _("Ámbar")
    AMBER_RED = "ambar_rojo", _("Ámbar-rojo")
    RED = "rojo", _("Rojo")


class StageState(models.Model):
    stage = models.PositiveSmallIntegerField(_("etapa"), choices=Stage.choices, unique=True)
    status = models.CharField(_("estado"), max_length=20, choices=StageStatus.choices, default=StageStatus.NOT_STARTED)
    status_changed_at = models.DateTimeField(_("cambio de estado"), null=True, blank=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["stage"]
        verbose_name = _("estado de etapa")
        verbose_name_plural = _("estados de etapa")

    def __str__(self) -> str:
        return f"{self.stage}. {self.get_stage_display()} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:stage_detail", args=[self.stage])


class GateDecision(models.Model):
    """A gate review's outcome: decision, at least two named decision-makers, evidence, confidence."""

    stage = models.PositiveSmallIntegerField(_("etapa"), choices=Stage.choices)
    decided_on = models.DateField(_("fecha de la decisión"))
    decision = models.CharField(_("decisión"), max_length=10, choices=Decision.choices)
    decision_makers = models.TextField(_("decisores (uno por línea: nombre y cargo)"), max_length=2000)
    evidence = models.TextField(_("evidencia considerada"), max_length=4000)
    conditions = models.TextField(_("condiciones y seguimiento"), max_length=2000, blank=True)
    confidence = models.CharField(_("nivel de confianza"), max_length=12, choices=Confidence.choices)
    criteria_snapshot = models.JSONField(_("criterios al momento de decidir"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("registrada"), auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["stage", "-decided_on", "-pk"]
        verbose_name = _("decisión de puerta")
        verbose_name_plural = _("decisiones de puerta")

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.get_decision_display()} ({self.decided_on:%d-%m-%Y})"

    @property
    def makers(self) -> list[str]:
        return parse_makers(self.decision_makers)

    def clean(self):
        if len(self.makers) < 2:
            raise ValidationError(
                {
                    "decision_makers": _(
                        "Una decisión de puerta necesita al menos dos decisores con nombre (uno por línea)."
                    )
                }
            )
        if not (self.evidence or "").strip():
            raise ValidationError({"evidence": _("Indique la evidencia considerada (enlaces o documentos).")})


def parse_makers(text: str) -> list[str]:
    names = []
    for line in (text or "").splitlines():
        name = line.strip(" -•\t")
        if len(name) >= 3 and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


class CriterionAttestation(models.Model):
    """A staff record that a criterion no platform record can check is (or is no longer) met, with its document."""

    criterion = models.CharField(_("criterio"), max_length=20)
    met = models.BooleanField(_("cumplido"))
    document_url = models.CharField(_("documento o enlace"), max_length=500)
    note = models.CharField(_("nota"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("registrada"), auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["criterion", "-created_at", "-pk"]
        verbose_name = _("constancia de criterio")
        verbose_name_plural = _("constancias de criterio")

    def __str__(self) -> str:
        return f"{self.criterion}: {'sí' if self.met else 'no'}"
