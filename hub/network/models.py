"""Network of municipalities (stage 7): practices, replications, events, congresses and awards.

Status changes go through the transition maps below, applied by services.py; models only hold
single-row invariants (dates in order, one winner per category, one of comuna/organisation).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge, RevenueLine

# The revenue line these events feed (institutional document, financial model).
EVENTS_REVENUE_LINE = RevenueLine.EVENTOS


class PracticeStatus(models.TextChoices):
    DRAFT = "borrador", _("Borrador")
    IN_REVIEW = "en_revision", _("En revisión")
    PUBLISHED = "publicada", _("Publicada")
    RETURNED = "devuelta", _("Devuelta con observaciones")


PRACTICE_TRANSITIONS = {
    PracticeStatus.DRAFT: {PracticeStatus.IN_REVIEW},
    PracticeStatus.IN_REVIEW: {PracticeStatus.PUBLISHED, PracticeStatus.RETURNED},
    PracticeStatus.RETURNED: {PracticeStatus.IN_REVIEW},
    PracticeStatus.PUBLISHED: set(),
}
# Officials edit their text only while it is theirs: before sending it or after it comes back.
PRACTICE_EDITABLE = {PracticeStatus.DRAFT, PracticeStatus.RETURNED}


class Practice(models.Model):
    """A municipal experience (buena práctica) that a comuna shares with the network."""

    title = models.CharField(_("título"), max_length=200)
    problem = models.TextField(_("problema que aborda"))
    solution = models.TextField(_("solución implementada"))
    results = models.TextField(_("resultados"), blank=True)
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices)
    cost_clp = models.PositiveBigIntegerField(_("costo aproximado (CLP)"), null=True, blank=True)
    contact_name = models.CharField(_("nombre de contacto"), max_length=150)
    contact_email = models.EmailField(_("correo de contacto"))
    contact_consent = models.BooleanField(
        _("el contacto acepta aparecer en la API abierta"), default=False,
        help_text=_("Sin este consentimiento, el nombre y correo de contacto se muestran solo en la plataforma."),
    )
    comuna = models.ForeignKey(
        "territory.Comuna", verbose_name=_("comuna"), on_delete=models.PROTECT, related_name="practices"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_practices",
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT, db_index=True
    )
    review_comment = models.TextField(_("observaciones del equipo del Hub"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revisada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("enviada a revisión"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicada el"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("experiencia")
        verbose_name_plural = _("experiencias")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="publicada") | Q(published_at__isnull=False),
                name="network_practice_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:practice_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status in PRACTICE_EDITABLE


class ReplicationStatus(models.TextChoices):
    INTEREST = "interes", _("Interés")
    IMPLEMENTING = "en_implementacion", _("En implementación")
    IMPLEMENTED = "implementada", _("Implementada")
    ABANDONED = "abandonada", _("Abandonada")


REPLICATION_TRANSITIONS = {
    ReplicationStatus.INTEREST: {ReplicationStatus.IMPLEMENTING, ReplicationStatus.ABANDONED},
    ReplicationStatus.IMPLEMENTING: {ReplicationStatus.IMPLEMENTED, ReplicationStatus.ABANDONED},
    ReplicationStatus.IMPLEMENTED: set(),
    # A comuna that dropped a replication may take it up again from the start.
    ReplicationStatus.ABANDONED: {ReplicationStatus.INTEREST},
}


class Replication(models.Model):
    """A comuna replicating a practice of another comuna (or, later, a Hub solution)."""

    practice = models.ForeignKey(
        Practice,
        verbose_name=_("experiencia"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replications",
    )
    solution = models.ForeignKey(
        "portfolio.Solution",
        verbose_name=_("solución del Hub"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_replications",
    )
    comuna = models.ForeignKey(
        "territory.Comuna",
        verbose_name=_("comuna que replica"),
        on_delete=models.PROTECT,
        related_name="replications",
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=ReplicationStatus.choices, default=ReplicationStatus.INTEREST
    )
    start_date = models.DateField(_("fecha de inicio"), null=True, blank=True)
    end_date = models.DateField(_("fecha de término"), null=True, blank=True)
    results = models.TextField(_("resultados"), blank=True)
    lessons = models.TextField(_("aprendizajes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("replicación")
        verbose_name_plural = _("replicaciones")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="network_replication_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["practice", "comuna"],
                condition=Q(practice__isnull=False),
                name="network_replication_once_per_comuna",
            ),
            models.UniqueConstraint(
                fields=["solution", "comuna"],
                condition=Q(solution__isnull=False),
                name="network_solution_replication_once_per_comuna",
            ),
            models.CheckConstraint(
                condition=Q(practice__isnull=False, solution__isnull=True)
                | Q(practice__isnull=True, solution__isnull=False),
                name="network_replication_of_practice_or_solution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.comuna} · {self.origin_title}"

    @property
    def origin(self):
        """What is replicated: a practice of another comuna or a solution of the Hub's portfolio."""
        return self.practice if self.practice_id else self.solution

    @property
    def origin_title(self) -> str:
        return self.origin.title if self.origin else ""

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _(
                "La fecha de término no puede ser anterior a la de inicio. Corrija una de las dos fechas."
            )
        if (self.practice_id is None) == (self.solution_id is None):
            errors["practice"] = _("Indique la experiencia o bien la solución del Hub que se replica (solo una).")
        if self.practice_id and self.practice.comuna_id == self.comuna_id:
            errors["comuna"] = _(
                "Una comuna no puede replicar su propia experiencia. Elija la comuna que la replica."
            )
        if errors:
            raise ValidationError(errors)


class EventKind(models.TextChoices):
    SEMINAR = "seminario", _("Seminario")
    CONGRESS = "congreso", _("Congreso")
    WORKSHOP = "taller", _("Taller")
    CEREMONY = "premiacion", _("Ceremonia de premiación")


class Event(models.Model):
    """An event, congress or award ceremony of the network (revenue line 8: registrations, stands)."""

    title = models.CharField(_("título"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=20, choices=EventKind.choices, default=EventKind.SEMINAR)
    description = models.TextField(_("descripción"), blank=True)
    starts_at = models.DateTimeField(_("inicio"))
    ends_at = models.DateTimeField(_("término"), null=True, blank=True)
    place = models.CharField(_("lugar"), max_length=250, blank=True)
    online_url = models.URLField(_("enlace de transmisión"), blank=True)
    capacity = models.PositiveIntegerField(_("cupos"))
    fee_member_clp = models.PositiveBigIntegerField(_("valor comunas asociadas (CLP)"), default=0)
    fee_non_member_clp = models.PositiveBigIntegerField(_("valor comunas no asociadas (CLP)"), default=0)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("evento")
        verbose_name_plural = _("eventos")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="network_event_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="network_event_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:event_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if not self.place and not self.online_url:
            errors["place"] = _("Indique el lugar o el enlace de transmisión del evento.")
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("El término no puede ser anterior al inicio. Corrija una de las dos fechas.")
        if errors:
            raise ValidationError(errors)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmada", _("Confirmada")
    WAITING = "espera", _("En lista de espera")
    CANCELLED = "cancelada", _("Cancelada")


class Registration(models.Model):
    """A person registered to an event, for a comuna or an organisation."""

    event = models.ForeignKey(Event, verbose_name=_("evento"), on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("nombre"), max_length=150)
    email = models.EmailField(_("correo"))
    comuna = models.ForeignKey(
        "territory.Comuna",
        verbose_name=_("comuna"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("organización"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    fee_clp = models.PositiveBigIntegerField(_("valor (CLP)"), default=0)
    attended = models.BooleanField(_("asistió"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inscrita por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("inscrita"), auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("inscripción")
        verbose_name_plural = _("inscripciones")
        constraints = [
            models.CheckConstraint(
                condition=Q(comuna__isnull=False) | Q(organization__isnull=False),
                name="network_registration_has_comuna_or_org",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelada"),
                name="network_registration_once_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.event}"

    def clean(self):
        if self.comuna_id is None and self.organization_id is None:
            raise ValidationError(_("Indique la comuna o la organización de la persona inscrita."))


class Award(models.Model):
    name = models.CharField(_("nombre"), max_length=200)
    year = models.PositiveSmallIntegerField(_("año"))
    description = models.TextField(_("descripción"), blank=True)
    event = models.ForeignKey(
        Event, verbose_name=_("ceremonia"), null=True, blank=True, on_delete=models.SET_NULL, related_name="awards"
    )
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("premio")
        verbose_name_plural = _("premios")
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="network_award_unique_name_year")]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("network:award_detail", args=[self.pk])


class AwardCategory(models.Model):
    award = models.ForeignKey(Award, verbose_name=_("premio"), on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("nombre"), max_length=200)
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices, blank=True)

    class Meta:
        ordering = ["award", "name"]
        verbose_name = _("categoría de premio")
        verbose_name_plural = _("categorías de premio")
        constraints = [models.UniqueConstraint(fields=["award", "name"], name="network_category_unique_name")]

    def __str__(self) -> str:
        return f"{self.award} · {self.name}"


class Nomination(models.Model):
    category = models.ForeignKey(
        AwardCategory, verbose_name=_("categoría"), on_delete=models.CASCADE, related_name="nominations"
    )
    practice = models.ForeignKey(
        Practice, verbose_name=_("experiencia"), on_delete=models.PROTECT, related_name="nominations"
    )
    is_winner = models.BooleanField(_("ganadora"), default=False)
    created_at = models.DateTimeField(_("nominada"), auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["category", "-is_winner", "created_at"]
        verbose_name = _("nominación")
        verbose_name_plural = _("nominaciones")
        constraints = [
            models.UniqueConstraint(fields=["category", "practice"], name="network_nomination_once"),
            models.UniqueConstraint(
                fields=["category"], condition=Q(is_winner=True), name="network_one_winner_per_category"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} · {self.practice}"

    def clean(self):
        if self.practice_id and not self.practice.is_published:
            raise ValidationError(
                {"practice": _("Solo se pueden nominar experiencias publicadas. Elija una experiencia publicada.")}
            )
