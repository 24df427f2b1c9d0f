"""Formación y certificación: programmes, cohorts, sessions, enrolments, attendance, grades, certificates.

Single-row invariants live here (DB constraints, clean()); rules across rows (seats, waiting list, pools,
completion) live in services.py. Seat counters (``Cohort.seats_taken``, ``SeatPool.seats_used``) are written
only by services with a conditional UPDATE, so the last seat can never be given twice, even on SQLite.
Date-driven states (a certificate's expiry) are computed, never stored.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge, SolutionKind, WorkLine
from hub.territory.models import Typology


class Modality(models.TextChoices):
    PRESENCIAL = "presencial", _("Presencial")
    B_LEARNING = "b_learning", _("B-learning (mixta)")
    E_LEARNING = "e_learning", _("E-learning (en línea)")


class Programme(models.Model):
    title = models.CharField(_("título"), max_length=200)
    summary = models.CharField(_("resumen"), max_length=400)
    work_line = models.CharField(
        _("línea de trabajo"), max_length=30, choices=WorkLine.choices, default=WorkLine.FORMACION
    )
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices)
    audience = models.CharField(_("público objetivo"), max_length=300)
    typologies = models.JSONField(_("tipologías comunales a las que apunta"), default=list, blank=True)
    hours = models.PositiveSmallIntegerField(_("horas cronológicas"), validators=[MinValueValidator(1)])
    learning_outcomes = models.TextField(_("resultados de aprendizaje (uno por línea)"), max_length=4000)
    solution = models.ForeignKey(
        "portfolio.Solution", verbose_name=_("solución del portafolio"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="training_programmes",
        limit_choices_to={"kind": SolutionKind.CAPACITACION},
    )
    validity_months = models.PositiveSmallIntegerField(
        _("vigencia del certificado (meses)"), null=True, blank=True,
        help_text=_("Vacío: el certificado no vence. Un cambio rige solo para certificados nuevos."),
    )
    is_published = models.BooleanField(_("publicado en el catálogo"), default=True)
    created_at = models.DateTimeField(_("creado"), default=timezone.now)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("programa de formación")
        verbose_name_plural = _("programas de formación")
        constraints = [models.UniqueConstraint(fields=["title"], name="training_programme_unique_title")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:programme_detail", args=[self.pk])

    @property
    def outcomes_list(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def typology_labels(self) -> list[str]:
        labels = dict(Typology.choices)
        return [str(labels.get(t, t)) for t in self.typologies]

    def clean(self):
        valid = set(Typology.values)
        if not isinstance(self.typologies, list) or any(t not in valid for t in self.typologies):
            raise ValidationError({"typologies": _("Elija tipologías de la lista: %(v)s.") % {"v": ", ".join(valid)}})
        if self.solution_id and self.solution.kind != SolutionKind.CAPACITACION:
            raise ValidationError({"solution": _("La solución vinculada debe ser un «Programa de capacitación».")})


class CohortStatus(models.TextChoices):
    BORRADOR = "borrador", _("Borrador")
    ABIERTA = "abierta", _("Inscripciones abiertas")
    EN_CURSO = "en_curso", _("En curso")
    CERRADA = "cerrada", _("Cerrada")
    CANCELADA = "cancelada", _("Cancelada")


COHORT_TRANSITIONS = {
    CohortStatus.BORRADOR: {CohortStatus.ABIERTA, CohortStatus.CANCELADA},
    CohortStatus.ABIERTA: {CohortStatus.EN_CURSO, CohortStatus.CANCELADA},
    CohortStatus.EN_CURSO: {CohortStatus.CERRADA, CohortStatus.CANCELADA},
    CohortStatus.CERRADA: set(),
    CohortStatus.CANCELADA: set(),
}

DEFAULT_RULE = {
    "approval": {"min_attendance_pct": 75, "min_grade": "4.0"},
    "participation": {"min_attendance_pct": 75},
    "late_credit_pct": 50,
}


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, verbose_name=_("programa"), on_delete=models.PROTECT,
                                  related_name="cohorts")
    name = models.CharField(_("versión"), max_length=120, help_text=_("P. ej. «2026-1 Santiago»."))
    start_date = models.DateField(_("inicio"))
    end_date = models.DateField(_("término"))
    enrolment_deadline = models.DateField(_("cierre de inscripciones"))
    modality = models.CharField(_("modalidad"), max_length=20, choices=Modality.choices)
    place = models.CharField(_("lugar o enlace"), max_length=250, blank=True)
    region = models.ForeignKey("territory.Region", verbose_name=_("región"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="training_cohorts")
    capacity = models.PositiveIntegerField(_("cupos"), validators=[MinValueValidator(1)])
    seats_taken = models.PositiveIntegerField(_("cupos ocupados"), default=0, editable=False)
    fee_member_clp = models.PositiveBigIntegerField(_("valor para comunas asociadas (CLP)"), default=0)
    fee_other_clp = models.PositiveBigIntegerField(_("valor para otras comunas (CLP)"), default=0)
    instructors = models.CharField(_("docentes"), max_length=300)
    status = models.CharField(_("estado"), max_length=20, choices=CohortStatus.choices,
                              default=CohortStatus.BORRADOR, db_index=True)
    status_changed_at = models.DateTimeField(_("estado cambiado"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("versión (cohorte)")
        verbose_name_plural = _("versiones (cohortes)")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="training_cohort_end_after_start"),
            models.CheckConstraint(condition=Q(enrolment_deadline__lte=F("end_date")),
                                   name="training_cohort_deadline_before_end"),
            models.CheckConstraint(condition=Q(seats_taken__lte=F("capacity")),
                                   name="training_cohort_never_overbooked"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.title} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("training:cohort_detail", args=[self.pk])

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    def accepts_enrolments(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.status == CohortStatus.ABIERTA and on <= self.enrolment_deadline

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("El término debe ser igual o posterior al inicio.")
        if self.enrolment_deadline and self.end_date and self.enrolment_deadline > self.end_date:
            errors["enrolment_deadline"] = _("Las inscripciones deben cerrar a más tardar el día de término.")
        if errors:
            raise ValidationError(errors)


class CompletionRule(models.Model):
    """The declarative completion rule of a cohort; a change adds a version, the earlier ones stay."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="rules", verbose_name=_("versión"))
    version = models.PositiveIntegerField(_("versión de la regla"))
    rule = models.JSONField(_("regla"))
    created_at = models.DateTimeField(_("creada"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["cohort", "-version"]
        verbose_name = _("regla de aprobación")
        verbose_name_plural = _("reglas de aprobación")
        constraints = [models.UniqueConstraint(fields=["cohort", "version"], name="training_rule_unique_version")]

    def __str__(self) -> str:
        return f"{self.cohort} v{self.version}"


class Session(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("versión"))
    title = models.CharField(_("título"), max_length=200)
    starts_at = models.DateTimeField(_("inicio"))
    duration_minutes = models.PositiveIntegerField(_("duración (minutos)"), validators=[MinValueValidator(1)])
    place = models.CharField(_("lugar o enlace"), max_length=250, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        constraints = [models.CheckConstraint(condition=Q(duration_minutes__gte=1), name="training_session_duration")]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y %H:%M})"

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.duration_minutes)


class Coordinator(models.Model):
    """An official who enrols colleagues of her comuna (named by Hub staff)."""

    comuna = models.ForeignKey("territory.Comuna", on_delete=models.CASCADE, related_name="training_coordinators",
                               verbose_name=_("comuna"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_coordinations",
                             verbose_name=_("funcionaria o funcionario"))
    created_at = models.DateTimeField(_("designada"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["comuna__name"]
        verbose_name = _("coordinación comunal de formación")
        verbose_name_plural = _("coordinaciones comunales de formación")
        constraints = [models.UniqueConstraint(fields=["comuna", "user"], name="training_coordinator_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.comuna}"


class SeatPool(models.Model):
    """Seats a municipality bought through a published agreement, drawn down by its officials' enrolments."""

    agreement = models.ForeignKey("partners.Agreement", on_delete=models.PROTECT, related_name="training_pools",
                                  verbose_name=_("convenio"))
    comuna = models.ForeignKey("territory.Comuna", on_delete=models.PROTECT, related_name="training_pools",
                               verbose_name=_("comuna"))
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="pools", verbose_name=_("programa (vacío: cualquiera)"))
    seats_total = models.PositiveIntegerField(_("cupos comprados"), validators=[MinValueValidator(1)])
    seats_used = models.PositiveIntegerField(_("cupos usados"), default=0, editable=False)
    unit_price_clp = models.PositiveBigIntegerField(_("valor por cupo (CLP)"), default=0)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["comuna__name", "pk"]
        verbose_name = _("bolsa de cupos")
        verbose_name_plural = _("bolsas de cupos")
        constraints = [models.CheckConstraint(condition=Q(seats_used__lte=F("seats_total")),
                                              name="training_pool_never_overdrawn")]

    def __str__(self) -> str:
        return f"{self.comuna} · {self.agreement} ({self.seats_used}/{self.seats_total})"

    @property
    def seats_left(self) -> int:
        return max(self.seats_total - self.seats_used, 0)


class EnrolmentStatus(models.TextChoices):
    SOLICITADA = "solicitada", _("Solicitada")
    EN_ESPERA = "en_espera", _("En lista de espera")
    CONFIRMADA = "confirmada", _("Confirmada")
    ACTIVA = "activa", _("Activa (cursando)")
    APROBADA = "aprobada", _("Aprobada")
    PARTICIPO = "participo", _("Participó")
    NO_COMPLETO = "no_completo", _("No completó")
    RETIRADA = "retirada", _("Retirada")
    CANCELADA = "cancelada", _("Cancelada")


S = EnrolmentStatus
ENROLMENT_TRANSITIONS = {
    S.SOLICITADA: {S.CONFIRMADA, S.RETIRADA, S.CANCELADA},
    S.EN_ESPERA: {S.SOLICITADA, S.RETIRADA, S.CANCELADA},
    S.CONFIRMADA: {S.ACTIVA, S.RETIRADA, S.CANCELADA},
    S.ACTIVA: {S.APROBADA, S.PARTICIPO, S.NO_COMPLETO, S.RETIRADA},
    S.APROBADA: set(),
    S.PARTICIPO: set(),
    S.NO_COMPLETO: set(),
    S.RETIRADA: set(),
    S.CANCELADA: set(),
}
# States that hold one of the cohort's seats (a waiting or withdrawn person holds none).
SEAT_HOLDING = {S.SOLICITADA, S.CONFIRMADA, S.ACTIVA, S.APROBADA, S.PARTICIPO, S.NO_COMPLETO}
OPEN_STATES = SEAT_HOLDING | {S.EN_ESPERA}
FINISHED = {S.APROBADA, S.PARTICIPO, S.NO_COMPLETO}


class FeeBasis(models.TextChoices):
    SOCIA = "socia", _("Comuna asociada")
    NO_SOCIA = "no_socia", _("Comuna no asociada")
    CONVENIO = "convenio", _("Cupo de convenio")


class PaymentStatus(models.TextChoices):
    PENDIENTE = "pendiente", _("Pago pendiente")
    PAGADA = "pagada", _("Pagada")
    CONVENIO = "convenio", _("Cubierta por convenio")
    SIN_COSTO = "sin_costo", _("Sin costo")
    ANULADA = "anulada", _("Anulada")


PAYMENT_TRANSITIONS = {
    PaymentStatus.PENDIENTE: {PaymentStatus.PAGADA, PaymentStatus.ANULADA},
    PaymentStatus.PAGADA: set(),
    PaymentStatus.CONVENIO: {PaymentStatus.ANULADA},
    PaymentStatus.SIN_COSTO: {PaymentStatus.ANULADA},
    PaymentStatus.ANULADA: set(),
}


class Enrolment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("versión"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_enrolments",
                             verbose_name=_("participante"))
    comuna = models.ForeignKey("territory.Comuna", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="training_enrolments", verbose_name=_("comuna"))
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("inscrita por"))
    rut = models.CharField(_("RUT"), max_length=12, blank=True)
    status = models.CharField(_("estado"), max_length=20, choices=EnrolmentStatus.choices, db_index=True)
    status_changed_at = models.DateTimeField(_("estado cambiado"), null=True, blank=True)
    requested_at = models.DateTimeField(_("solicitada el"), default=timezone.now)
    waitlisted_at = models.DateTimeField(_("ingresó a la lista de espera"), null=True, blank=True)
    fee_basis = models.CharField(_("base del valor"), max_length=20, choices=FeeBasis.choices)
    fee_due_clp = models.PositiveBigIntegerField(_("valor a pagar (CLP)"), default=0)
    pool = models.ForeignKey(SeatPool, null=True, blank=True, on_delete=models.PROTECT, related_name="enrolments",
                             verbose_name=_("bolsa de cupos"))
    payment_status = models.CharField(_("estado del pago"), max_length=20, choices=PaymentStatus.choices,
                                      default=PaymentStatus.PENDIENTE)
    payment_reference = models.CharField(_("referencia del pago"), max_length=100, blank=True)
    paid_at = models.DateTimeField(_("pagada el"), null=True, blank=True)
    outcome = models.JSONField(_("resultado evaluado"), default=dict, blank=True,
                               help_text=_("Asistencia, nota final y versión de la regla usada al cerrar."))

    class Meta:
        ordering = ["cohort", "requested_at", "pk"]
        verbose_name = _("inscripción")
        verbose_name_plural = _("inscripciones")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"], condition=~Q(status__in=["retirada", "cancelada"]),
                name="training_one_open_enrolment_per_person",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status", "waitlisted_at"], name="training_enrol_waitlist")]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user} · {self.cohort}"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING


class AttendanceMark(models.TextChoices):
    PRESENTE = "presente", _("Presente")
    ATRASADO = "atrasado", _("Atrasado")
    AUSENTE = "ausente", _("Ausente")
    JUSTIFICADO = "justificado", _("Justificado")


class Attendance(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    mark = models.CharField(_("asistencia"), max_length=20, choices=AttendanceMark.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("registrada"), default=timezone.now)

    class Meta:
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencias")
        constraints = [models.UniqueConstraint(fields=["enrolment", "session"], name="training_attendance_once")]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.session}: {self.get_mark_display()}"


class Assessment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="assessments",
                               verbose_name=_("versión"))
    title = models.CharField(_("evaluación"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("ponderación (%)"), validators=[MinValueValidator(1),
                                                                              MaxValueValidator(100)])
    due_date = models.DateField(_("fecha"), null=True, blank=True)

    class Meta:
        ordering = ["cohort", "due_date", "pk"]
        verbose_name = _("evaluación")
        verbose_name_plural = _("evaluaciones")
        constraints = [models.CheckConstraint(condition=Q(weight__gte=1) & Q(weight__lte=100),
                                              name="training_assessment_weight")]

    def __str__(self) -> str:
        return f"{self.title} ({self.weight} %)"


class Grade(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="grades")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="grades")
    value = models.DecimalField(_("nota"), max_digits=2, decimal_places=1,
                                validators=[MinValueValidator(Decimal("1.0")), MaxValueValidator(Decimal("7.0"))])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("registrada"), default=timezone.now)

    class Meta:
        verbose_name = _("nota")
        verbose_name_plural = _("notas")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "enrolment"], name="training_grade_once"),
            models.CheckConstraint(condition=Q(value__gte=Decimal("1.0")) & Q(value__lte=Decimal("7.0")),
                                   name="training_grade_chilean_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.assessment}: {self.value}"


class SigningKey(models.Model):
    """The Hub's Ed25519 keys, kept with their history so credentials signed with a retired key still verify.

    ``secret`` holds the private key encrypted with a key derived from SECRET_KEY (Fernet); it is never shown,
    never serialised, and left out of the audit log (field name in hub.core.audit.EXCLUDED_FIELDS).
    """

    key_id = models.CharField(_("identificador"), max_length=40, unique=True)
    public_key_multibase = models.CharField(_("clave pública (multibase)"), max_length=80)
    secret = models.TextField(_("clave privada cifrada"), max_length=400, editable=False)
    created_at = models.DateTimeField(_("creada"), default=timezone.now)
    retired_at = models.DateTimeField(_("retirada"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("clave de firma")
        verbose_name_plural = _("claves de firma")

    def __str__(self) -> str:
        return self.key_id


class CertificateKind(models.TextChoices):
    APROBACION = "aprobacion", _("Certificado de aprobación")
    PARTICIPACION = "participacion", _("Constancia de participación")


class CertificateStatus(models.TextChoices):
    EMITIDO = "emitido", _("Emitido")
    REVOCADO = "revocado", _("Revocado")
    REEMPLAZADO = "reemplazado", _("Reemplazado")


CERTIFICATE_TRANSITIONS = {
    CertificateStatus.EMITIDO: {CertificateStatus.REVOCADO, CertificateStatus.REEMPLAZADO},
    CertificateStatus.REVOCADO: set(),
    CertificateStatus.REEMPLAZADO: set(),
}

STATUS_LIST_ID = 1
STATUS_LIST_SIZE = 131_072  # 16 KiB, the Bitstring Status List's minimum for herd privacy


class Certificate(models.Model):
    code = models.CharField(_("código de verificación"), max_length=24, unique=True)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="certificates")
    kind = models.CharField(_("tipo"), max_length=20, choices=CertificateKind.choices)
    snapshot = models.JSONField(_("campos impresos"))
    pdf_sha256 = models.CharField(_("SHA-256 del PDF"), max_length=64)
    credential = models.JSONField(_("credencial firmada (Open Badges 3.0)"), default=dict)
    signing_key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="certificates")
    status_list = models.PositiveIntegerField(_("lista de estado"), default=STATUS_LIST_ID)
    status_index = models.PositiveIntegerField(_("posición en la lista de estado"))
    issued_at = models.DateTimeField(_("emitido"), default=timezone.now)
    valid_until = models.DateField(_("válido hasta"), null=True, blank=True)
    status = models.CharField(_("estado"), max_length=20, choices=CertificateStatus.choices,
                              default=CertificateStatus.EMITIDO)
    status_changed_at = models.DateTimeField(_("estado cambiado"), null=True, blank=True)
    status_reason = models.CharField(_("motivo"), max_length=500, blank=True)
    replaced_by = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="replaces", verbose_name=_("reemplazado por"))
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-issued_at", "pk"]
        verbose_name = _("certificado")
        verbose_name_plural = _("certificados")
        constraints = [
            models.UniqueConstraint(fields=["status_list", "status_index"], name="training_certificate_status_slot"),
            models.CheckConstraint(condition=Q(status_index__lt=STATUS_LIST_SIZE), name="training_status_index_range"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", args=[self.code])

    def public_status(self, on: date | None = None) -> str:
        """vigente / revocada / reemplazada / expirada (the last computed from the date)."""
        if self.status == CertificateStatus.REVOCADO:
            return "revocada"
        if self.status == CertificateStatus.REEMPLAZADO:
            return "reemplazada"
        if self.valid_until and self.valid_until < (on or timezone.localdate()):
            return "expirada"
        return "vigente"


class CertificateFile(models.Model):
    """The issued PDF, byte for byte (its SHA-256 is on the certificate)."""

    audit_exempt = "PDF binario; el certificado, con su SHA-256, sí se audita."

    certificate = models.OneToOneField(Certificate, on_delete=models.CASCADE, related_name="file")
    pdf = models.BinaryField()

    class Meta:
        verbose_name = _("PDF de certificado")
        verbose_name_plural = _("PDF de certificados")

    def __str__(self) -> str:
        return f"PDF {self.certificate_id}"
