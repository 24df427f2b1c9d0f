"""Asistencia técnica: request → engagement (states) → scoping → proposal versions → milestones → report →
recommendations → follow-up. Single-row invariants live here; rules across rows live in services.py.

Computed, never stored: a recommendation's status (from its due date and its updates), the follow-up review's
due date (final report + 6 months), overdue flags on the board.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge, WorkLine

REVIEW_AFTER_MONTHS = 6


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier), clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    import calendar

    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ClientKind(models.TextChoices):
    MUNICIPALIDAD = "municipalidad", _("Municipalidad")
    GOBIERNO_REGIONAL = "gobierno_regional", _("Gobierno regional")
    MINISTERIO_SERVICIO = "ministerio_servicio", _("Ministerio o servicio público")
    ASOCIACION = "asociacion", _("Asociación de municipios")
    OTRO = "otro", _("Otro")


class EngagementStatus(models.TextChoices):
    RECIBIDA = "recibida", _("Recibida")
    EN_ALCANCE = "en_alcance", _("En alcance")
    PROPUESTA_ENVIADA = "propuesta_enviada", _("Propuesta enviada")
    ACEPTADA = "aceptada", _("Aceptada")
    RECHAZADA = "rechazada", _("Rechazada")
    DESISTIDA = "desistida", _("Desistida")
    EN_EJECUCION = "en_ejecucion", _("En ejecución")
    INFORME_BORRADOR = "informe_borrador", _("Informe en borrador")
    INFORME_FINAL = "informe_final", _("Informe final")
    EN_SEGUIMIENTO = "en_seguimiento", _("En seguimiento")
    CERRADA = "cerrada", _("Cerrada")


S = EngagementStatus
ENGAGEMENT_TRANSITIONS = {
    S.RECIBIDA: [S.EN_ALCANCE, S.DESISTIDA],
    S.EN_ALCANCE: [S.PROPUESTA_ENVIADA, S.DESISTIDA],
    S.PROPUESTA_ENVIADA: [S.ACEPTADA, S.RECHAZADA, S.DESISTIDA],
    S.ACEPTADA: [S.EN_EJECUCION, S.DESISTIDA],
    S.RECHAZADA: [],
    S.DESISTIDA: [],
    S.EN_EJECUCION: [S.INFORME_BORRADOR],
    S.INFORME_BORRADOR: [S.INFORME_FINAL],
    S.INFORME_FINAL: [S.EN_SEGUIMIENTO],
    S.EN_SEGUIMIENTO: [S.CERRADA],
    S.CERRADA: [],
}
# Moves Hub staff make with the generic button; the others happen through their own action (a proposal sent,
# accepted or rejected) so the rule attached to them runs.
STAFF_BUTTON_STATES = {S.EN_ALCANCE, S.EN_EJECUCION, S.INFORME_BORRADOR, S.INFORME_FINAL, S.EN_SEGUIMIENTO, S.CERRADA}
CLIENT_BUTTON_STATES = {S.DESISTIDA}
OPEN_STATES = [S.RECIBIDA, S.EN_ALCANCE, S.PROPUESTA_ENVIADA, S.ACEPTADA, S.EN_EJECUCION, S.INFORME_BORRADOR,
               S.INFORME_FINAL, S.EN_SEGUIMIENTO]
# How long a state may last before the board flags it (days since the last change).
STALE_AFTER_DAYS = {S.RECIBIDA: 10, S.EN_ALCANCE: 30, S.PROPUESTA_ENVIADA: 20, S.ACEPTADA: 30,
                    S.INFORME_BORRADOR: 30, S.INFORME_FINAL: 15}


class Engagement(models.Model):
    """A request for technical assistance and, once scoped and agreed, the engagement it becomes."""

    title = models.CharField(_("título"), max_length=200)
    client_kind = models.CharField(_("tipo de cliente"), max_length=30, choices=ClientKind.choices,
                                   default=ClientKind.MUNICIPALIDAD)
    comuna = models.ForeignKey("territory.Comuna", verbose_name=_("comuna"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="assistance_engagements")
    client_organization = models.ForeignKey(
        "partners.Organization", verbose_name=_("organización cliente"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="assistance_engagements",
    )
    problem = models.TextField(_("problema"), max_length=4000)
    challenge = models.CharField(_("desafío"), max_length=20, choices=Challenge.choices)
    work_line = models.CharField(_("línea de trabajo"), max_length=20, choices=WorkLine.choices,
                                 default=WorkLine.ASISTENCIA)
    desired_start = models.DateField(_("inicio deseado"), null=True, blank=True)
    desired_end = models.DateField(_("término deseado"), null=True, blank=True)
    contact_name = models.CharField(_("nombre de contacto"), max_length=150)
    contact_email = models.EmailField(_("correo de contacto"), max_length=254)
    contact_phone = models.CharField(_("teléfono de contacto"), max_length=30, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("solicitado por"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="assistance_requests")
    status = models.CharField(_("estado"), max_length=20, choices=EngagementStatus.choices,
                              default=EngagementStatus.RECIBIDA)
    status_changed_at = models.DateTimeField(_("último cambio de estado"), default=timezone.now)
    # Scoping
    self_assessment = models.JSONField(_("autodiagnóstico"), default=dict, blank=True)
    self_assessment_at = models.DateTimeField(_("autodiagnóstico respondido"), null=True, blank=True)
    # Agreed baseline: copied from the accepted proposal, changed only by approved scope changes.
    agreement = models.ForeignKey("partners.Agreement", verbose_name=_("convenio"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="assistance_engagements")
    baseline_fee_clp = models.BigIntegerField(_("honorario acordado (CLP)"), null=True, blank=True)
    baseline_end = models.DateField(_("término acordado"), null=True, blank=True)
    # Report
    report_summary = models.TextField(_("resumen del informe"), max_length=8000, blank=True)
    final_report_on = models.DateField(_("fecha del informe final"), null=True, blank=True)
    report_published = models.BooleanField(_("informe publicado"), default=False)
    # Closing survey
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfacción (1 a 7)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    would_recommend = models.BooleanField(_("¿recomendaría el Hub?"), null=True, blank=True)
    satisfaction_comment = models.TextField(_("comentario"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("asistencia técnica")
        verbose_name_plural = _("asistencias técnicas")
        constraints = [
            models.CheckConstraint(
                condition=Q(comuna__isnull=False) | Q(client_organization__isnull=False),
                name="assistance_engagement_has_client",
                violation_error_message=_("Indique la comuna o la organización cliente."),
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=7),
                name="assistance_satisfaction_1_7",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="assistance_eng_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assistance:engagement_detail", args=[self.pk])

    @property
    def client_name(self) -> str:
        if self.client_organization_id:
            return str(self.client_organization)
        return str(self.comuna) if self.comuna_id else ""

    @property
    def review_due(self) -> datetime.date | None:
        """The follow-up review is due six months after the final report (computed, never stored)."""
        if self.final_report_on is None:
            return None
        return add_months(self.final_report_on, REVIEW_AFTER_MONTHS)

    def days_in_state(self, today: datetime.date | None = None) -> int:
        today = today or timezone.localdate()
        return (today - timezone.localtime(self.status_changed_at).date()).days

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.status == S.EN_SEGUIMIENTO and self.review_due and self.review_due < today:
            return not any(r.held_on for r in self.reviews.all())
        if self.status == S.EN_EJECUCION:
            return any(m.is_overdue(today) for m in self.milestones.all())
        limit = STALE_AFTER_DAYS.get(self.status)
        return limit is not None and self.days_in_state(today) > limit

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.desired_start and self.desired_end and self.desired_end < self.desired_start:
            errors["desired_end"] = _("La fecha de término deseada debe ser igual o posterior a la de inicio.")
        if not self.comuna_id and not self.client_organization_id:
            errors["comuna"] = _("Indique la comuna o la organización cliente.")
        if errors:
            raise ValidationError(errors)


class TeamRole(models.TextChoices):
    JEFATURA = "jefatura", _("Jefatura de proyecto")
    ESPECIALISTA = "especialista", _("Especialista del Hub")
    PAR_MUNICIPAL = "par_municipal", _("Par municipal")


class TeamMember(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("persona"), on_delete=models.PROTECT,
                             related_name="assistance_teams")
    role = models.CharField(_("rol"), max_length=20, choices=TeamRole.choices)
    peer_comuna = models.ForeignKey("territory.Comuna", verbose_name=_("comuna del par"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField(_("declara conflicto de interés"), default=False)
    conflict_description = models.TextField(_("conflicto de interés declarado"), max_length=2000, blank=True)
    conflict_declared_at = models.DateTimeField(_("declaración"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("integrante del equipo")
        verbose_name_plural = _("equipo propuesto")
        constraints = [
            models.UniqueConstraint(fields=["engagement", "user"], name="assistance_team_once",
                                    violation_error_message=_("Esa persona ya está en el equipo propuesto.")),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.get_role_display()})"


class Currency(models.TextChoices):
    CLP = "CLP", _("Pesos (CLP)")
    UF = "UF", _("Unidades de fomento (UF)")


class ProposalStatus(models.TextChoices):
    BORRADOR = "borrador", _("Borrador")
    ENVIADA = "enviada", _("Enviada")
    ACEPTADA = "aceptada", _("Aceptada")
    RECHAZADA = "rechazada", _("Rechazada")
    REEMPLAZADA = "reemplazada", _("Reemplazada")


P = ProposalStatus
PROPOSAL_TRANSITIONS = {
    P.BORRADOR: [P.ENVIADA, P.REEMPLAZADA],
    P.ENVIADA: [P.ACEPTADA, P.RECHAZADA, P.REEMPLAZADA],
    P.ACEPTADA: [],
    P.RECHAZADA: [],
    P.REEMPLAZADA: [],
}


def _round_clp(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


class Proposal(models.Model):
    """One version of the proposal. Immutable once sent (services refuse every edit after ``borrador``)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="proposals")
    version = models.PositiveSmallIntegerField(_("versión"))
    status = models.CharField(_("estado"), max_length=20, choices=ProposalStatus.choices, default=P.BORRADOR)
    status_changed_at = models.DateTimeField(_("último cambio de estado"), default=timezone.now)
    scope = models.TextField(_("alcance y metodología"), max_length=8000, blank=True)
    proposal_date = models.DateField(_("fecha de la propuesta"), default=timezone.localdate)
    currency = models.CharField(_("moneda"), max_length=3, choices=Currency.choices, default=Currency.CLP)
    uf_value = models.DecimalField(_("valor de la UF en la fecha de la propuesta (CLP)"), max_digits=10,
                                   decimal_places=2, null=True, blank=True)
    expenses = models.DecimalField(_("gastos"), max_digits=14, decimal_places=2, default=0,
                                   validators=[MinValueValidator(0)])
    duration_days = models.PositiveSmallIntegerField(_("plazo (días corridos)"), default=90)
    total_clp = models.BigIntegerField(_("honorario total (CLP)"), null=True, blank=True)
    sent_at = models.DateTimeField(_("enviada"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["engagement", "version"]
        verbose_name = _("propuesta")
        verbose_name_plural = _("propuestas")
        constraints = [
            models.UniqueConstraint(fields=["engagement", "version"], name="assistance_proposal_version_once"),
            models.UniqueConstraint(fields=["engagement"], condition=Q(status="aceptada"),
                                    name="assistance_one_accepted_proposal",
                                    violation_error_message=_("Esta asistencia ya tiene una propuesta aceptada.")),
        ]

    def __str__(self) -> str:
        return f"{self.engagement} · v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:proposal_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == P.BORRADOR

    def fees_in_currency(self, lines=None) -> Decimal:
        lines = list(self.lines.all()) if lines is None else lines
        return sum((line.subtotal for line in lines), Decimal(0))

    def compute_total_clp(self, lines=None) -> int:
        """Σ role-days × day rate + expenses, in integer CLP (UF × the UF value fixed on the proposal date)."""
        amount = self.fees_in_currency(lines) + (self.expenses or Decimal(0))
        if self.currency == Currency.UF:
            return _round_clp(amount * (self.uf_value or Decimal(0)))
        return _round_clp(amount)

    @property
    def total_display_clp(self) -> int:
        return self.total_clp if self.total_clp is not None else self.compute_total_clp()


class ProposalLine(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="lines")
    role = models.CharField(_("rol"), max_length=120)
    days = models.DecimalField(_("días"), max_digits=6, decimal_places=1,
                               validators=[MinValueValidator(Decimal("0.5"))])
    day_rate = models.DecimalField(_("tarifa diaria"), max_digits=14, decimal_places=2,
                                   validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("línea de honorarios")
        verbose_name_plural = _("líneas de honorarios")

    def __str__(self) -> str:
        return f"{self.role}: {self.days} × {self.day_rate}"

    @property
    def subtotal(self) -> Decimal:
        return self.days * self.day_rate


class ScheduleItem(models.Model):
    """A milestone of the payment schedule in a proposal; percentages of a proposal total exactly 100."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="schedule")
    name = models.CharField(_("hito"), max_length=200)
    percentage = models.PositiveSmallIntegerField(_("porcentaje"), validators=[MinValueValidator(1),
                                                                               MaxValueValidator(100)])
    due_after_days = models.PositiveSmallIntegerField(_("días desde el inicio"), default=30)

    class Meta:
        ordering = ["due_after_days", "pk"]
        verbose_name = _("hito de pago")
        verbose_name_plural = _("calendario de pagos")

    def __str__(self) -> str:
        return f"{self.name} ({self.percentage} %)"


class MilestoneStatus(models.TextChoices):
    PENDIENTE = "pendiente", _("Pendiente")
    EN_REVISION_CLIENTE = "en_revision_cliente", _("En revisión del cliente")
    ACEPTADO = "aceptado", _("Aceptado")
    OBSERVADO = "observado", _("Observado")


M = MilestoneStatus
MILESTONE_TRANSITIONS = {
    M.PENDIENTE: [M.EN_REVISION_CLIENTE],
    M.EN_REVISION_CLIENTE: [M.ACEPTADO, M.OBSERVADO],
    M.OBSERVADO: [M.EN_REVISION_CLIENTE],
    M.ACEPTADO: [],
}


class Milestone(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("hito"), max_length=200)
    due_date = models.DateField(_("fecha comprometida"))
    percentage = models.PositiveSmallIntegerField(_("porcentaje del honorario"))
    amount_clp = models.BigIntegerField(_("monto (CLP)"))
    status = models.CharField(_("estado"), max_length=25, choices=MilestoneStatus.choices, default=M.PENDIENTE)
    status_changed_at = models.DateTimeField(_("último cambio de estado"), default=timezone.now)
    accepted_at = models.DateTimeField(_("aceptado"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    observation = models.TextField(_("observaciones del cliente"), max_length=4000, blank=True)

    class Meta:
        ordering = ["engagement", "due_date", "pk"]
        verbose_name = _("hito")
        verbose_name_plural = _("hitos")

    def __str__(self) -> str:
        return self.name

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status in (M.PENDIENTE, M.OBSERVADO) and self.due_date < today


def deliverable_path(instance, filename: str) -> str:
    return f"assistance/{instance.milestone.engagement_id}/hito-{instance.milestone_id}/entregable.pdf"


class Deliverable(models.Model):
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(_("título"), max_length=200)
    file = models.FileField(_("archivo (PDF)"), upload_to=deliverable_path, max_length=300)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("subido"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("entregable")
        verbose_name_plural = _("entregables")

    def __str__(self) -> str:
        return self.title


class PaymentDue(models.Model):
    """The fee share a milestone made due when the client accepted it (one per milestone, ready for finance)."""

    milestone = models.OneToOneField(Milestone, on_delete=models.PROTECT, related_name="payment_due")
    amount_clp = models.BigIntegerField(_("monto (CLP)"))
    due_on = models.DateField(_("exigible desde"))

    class Meta:
        verbose_name = _("cobro exigible")
        verbose_name_plural = _("cobros exigibles")

    def __str__(self) -> str:
        return f"{self.milestone}: {self.amount_clp}"


class ScopeChangeStatus(models.TextChoices):
    ENVIADO = "enviado", _("Enviado")
    APROBADO = "aprobado", _("Aprobado")
    RECHAZADO = "rechazado", _("Rechazado")


SCOPE_CHANGE_TRANSITIONS = {
    ScopeChangeStatus.ENVIADO: [ScopeChangeStatus.APROBADO, ScopeChangeStatus.RECHAZADO],
    ScopeChangeStatus.APROBADO: [],
    ScopeChangeStatus.RECHAZADO: [],
}


class ScopeChange(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="scope_changes")
    justification = models.TextField(_("justificación"), max_length=4000)
    delta_fee_clp = models.BigIntegerField(_("cambio en el honorario (CLP)"), default=0)
    delta_days = models.SmallIntegerField(_("cambio en el plazo (días)"), default=0)
    status = models.CharField(_("estado"), max_length=20, choices=ScopeChangeStatus.choices,
                              default=ScopeChangeStatus.ENVIADO)
    status_changed_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("cambio de alcance")
        verbose_name_plural = _("cambios de alcance")

    def __str__(self) -> str:
        return f"{self.engagement}: {self.justification[:40]}"


class RecommendationPriority(models.TextChoices):
    ALTA = "alta", _("Alta")
    MEDIA = "media", _("Media")
    BAJA = "baja", _("Baja")


class RecommendationStatus(models.TextChoices):
    """Computed from dates and updates (San Diego audit follow-up categories), never stored."""

    IMPLEMENTADA = "implementada", _("Implementada")
    A_TIEMPO = "en_curso_a_tiempo", _("En curso (a tiempo)")
    ATRASADA = "en_curso_atrasada", _("En curso (atrasada)")
    NO_SE_IMPLEMENTARA = "no_se_implementara", _("No se implementará")
    NO_APLICA = "no_aplica", _("No aplica")


class Recommendation(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recomendación"), max_length=2000)
    priority = models.CharField(_("prioridad"), max_length=10, choices=RecommendationPriority.choices,
                                default=RecommendationPriority.MEDIA)
    owner = models.CharField(_("responsable en el cliente"), max_length=150)
    due_date = models.DateField(_("fecha objetivo"))
    indicator = models.ForeignKey("observatory.Indicator", verbose_name=_("indicador del observatorio"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="assistance_recommendations")
    # Taken automatically from the comuna's latest Observation when the indicator is linked.
    baseline_value = models.FloatField(_("valor de línea base"), null=True, blank=True)
    baseline_period = models.CharField(_("periodo de la línea base"), max_length=7, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["engagement", "due_date", "pk"]
        verbose_name = _("recomendación")
        verbose_name_plural = _("recomendaciones")

    def __str__(self) -> str:
        return self.text[:80]

    def status_on(self, today: datetime.date | None = None, updates=None) -> str:
        """implementada / no se implementará / no aplica from the latest decisive update; else by due date."""
        today = today or timezone.localdate()
        updates = list(self.updates.all()) if updates is None else updates
        decisive = [u for u in updates if u.kind != UpdateKind.AVANCE and u.on <= today]
        if decisive:
            last = max(decisive, key=lambda u: (u.on, u.pk))
            return {
                UpdateKind.IMPLEMENTADA: RecommendationStatus.IMPLEMENTADA,
                UpdateKind.NO_SE_IMPLEMENTARA: RecommendationStatus.NO_SE_IMPLEMENTARA,
                UpdateKind.NO_APLICA: RecommendationStatus.NO_APLICA,
            }[last.kind]
        return RecommendationStatus.ATRASADA if self.due_date < today else RecommendationStatus.A_TIEMPO

    @property
    def status(self) -> str:
        return self.status_on()

    @property
    def status_label(self) -> str:
        return str(RecommendationStatus(self.status).label)

    @property
    def latest_update(self):
        updates = list(self.updates.all())
        return max(updates, key=lambda u: (u.on, u.pk)) if updates else None

    @property
    def reason(self) -> str:
        last = self.latest_update
        return last.note if last and last.kind in (UpdateKind.NO_SE_IMPLEMENTARA, UpdateKind.NO_APLICA) else ""


class UpdateKind(models.TextChoices):
    AVANCE = "avance", _("Avance")
    IMPLEMENTADA = "implementada", _("Implementada")
    NO_SE_IMPLEMENTARA = "no_se_implementara", _("No se implementará")
    NO_APLICA = "no_aplica", _("No aplica")


class RecommendationUpdate(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(_("tipo de actualización"), max_length=20, choices=UpdateKind.choices)
    on = models.DateField(_("fecha"), default=timezone.localdate)
    progress = models.PositiveSmallIntegerField(_("avance (%)"), default=0,
                                                validators=[MaxValueValidator(100)])
    note = models.TextField(_("detalle o motivo"), max_length=2000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("actualización de la recomendación")
        verbose_name_plural = _("actualizaciones de recomendaciones")

    def __str__(self) -> str:
        return f"{self.recommendation}: {self.get_kind_display()}"


class FollowUpReview(models.Model):
    """The progress review held (about) six months after the final report; its due date is computed."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("fecha de la revisión"))
    summary = models.TextField(_("conclusiones"), max_length=4000)
    # Per recommendation: status, progress and the indicator's value at the review (a record of what was seen).
    snapshot = models.JSONField(_("situación registrada"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("revisión de avance")
        verbose_name_plural = _("revisiones de avance")

    def __str__(self) -> str:
        return f"{self.engagement} · {self.held_on}"
