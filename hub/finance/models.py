"""Membresía y finanzas: membership periods and payments, the fee scale, revenue records, reviews, SaaS licences.

Money is whole Chilean pesos in integer fields (CLP has no decimals). Only a foreign-currency original amount
and its exchange rate are decimals, stored next to the frozen CLP amount they produced.

No membership status is stored: ``hub.finance.membership.membership_status`` computes it from the dated facts
kept here (periods, payments, notice, suspension decision), so it never goes stale.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import RevenueLine
from hub.territory.models import Typology

POSITIVE_CLP = MinValueValidator(1, _("El monto debe ser un número entero positivo de pesos, p. ej. 1500000."))


# Fee scale -------------------------------------------------------------------------------------------------------


class ScaleKind(models.TextChoices):
    FORMULA = "formula", _("Base + tasa por habitante, con mínimo y máximo")
    BANDS = "tramos", _("Tramos de población")


class ScaleStatus(models.TextChoices):
    BORRADOR = "borrador", _("Propuesta (borrador)")
    APROBADA = "aprobada", _("Aprobada")


SCALE_TRANSITIONS = {
    ScaleStatus.BORRADOR: {ScaleStatus.APROBADA},
    ScaleStatus.APROBADA: set(),
}


class FeeScale(models.Model):
    """The yearly membership fee scale. Approved scales are frozen: population, typology and rules never change."""

    year = models.PositiveSmallIntegerField(
        _("año"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    name = models.CharField(_("nombre"), max_length=150)
    kind = models.CharField(_("tipo de escala"), max_length=10, choices=ScaleKind.choices, default=ScaleKind.FORMULA)
    base_clp = models.PositiveBigIntegerField(_("cuota base (CLP)"), default=0)
    rate_per_inhabitant = models.DecimalField(
        _("tasa por habitante (CLP)"), max_digits=10, decimal_places=4, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    minimum_clp = models.PositiveBigIntegerField(_("cuota mínima (CLP)"), default=0)
    maximum_clp = models.PositiveBigIntegerField(_("cuota máxima (CLP)"), null=True, blank=True)
    population_source = models.CharField(
        _("fuente de la población"), max_length=150, default="INE, Censo de Población y Vivienda 2024"
    )
    status = models.CharField(_("estado"), max_length=10, choices=ScaleStatus.choices, default=ScaleStatus.BORRADOR)
    status_changed_at = models.DateTimeField(_("cambio de estado"), null=True, blank=True)
    decision_body = models.CharField(_("órgano que aprueba"), max_length=150, blank=True)
    decision_reference = models.CharField(_("referencia del acuerdo (acta)"), max_length=200, blank=True)
    decision_date = models.DateField(_("fecha del acuerdo"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrada por"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("creada por"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("escala de cuotas")
        verbose_name_plural = _("escalas de cuotas")
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=Q(status="aprobada"), name="finance_one_approved_scale_per_year",
                violation_error_message=_("Ya hay una escala aprobada para ese año."),
            ),
            models.CheckConstraint(
                condition=Q(maximum_clp__isnull=True) | Q(maximum_clp__gte=models.F("minimum_clp")),
                name="finance_scale_max_above_min",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("finance:scale_detail", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.status == ScaleStatus.APROBADA

    @property
    def approved_by_name(self) -> str:
        user = self.approved_by
        return (user.get_full_name() or user.username) if user else "—"

    def clean(self):
        if self.maximum_clp is not None and self.maximum_clp < self.minimum_clp:
            raise ValidationError({"maximum_clp": _("La cuota máxima debe ser igual o mayor que la mínima.")})


class FeeBand(models.Model):
    """One population band: comunas with population ≤ up_to (None = no upper limit) pay fee_clp."""

    scale = models.ForeignKey(FeeScale, on_delete=models.CASCADE, related_name="bands")
    up_to_population = models.PositiveIntegerField(_("hasta habitantes"), null=True, blank=True)
    fee_clp = models.PositiveBigIntegerField(_("cuota del tramo (CLP)"))

    class Meta:
        ordering = ["scale", models.F("up_to_population").asc(nulls_last=True)]
        verbose_name = _("tramo de población")
        verbose_name_plural = _("tramos de población")
        constraints = [
            models.UniqueConstraint(fields=["scale", "up_to_population"], name="finance_band_once"),
        ]

    def __str__(self) -> str:
        return f"≤ {self.up_to_population or '∞'}: {self.fee_clp}"


class TypologyFactor(models.Model):
    """Optional multiplier of the fee for one of the four typologies (e.g. rurales/semiurbanas 0,8)."""

    scale = models.ForeignKey(FeeScale, on_delete=models.CASCADE, related_name="factors")
    typology = models.CharField(_("tipología"), max_length=30, choices=Typology.choices)
    factor = models.DecimalField(
        _("factor"), max_digits=4, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.10")), MaxValueValidator(Decimal("5.00"))],
    )

    class Meta:
        verbose_name = _("factor por tipología")
        verbose_name_plural = _("factores por tipología")
        constraints = [models.UniqueConstraint(fields=["scale", "typology"], name="finance_factor_once")]

    def __str__(self) -> str:
        return f"{self.typology} × {self.factor}"


class FrozenPopulation(models.Model):
    """The population (and typology) a scale used for a comuna, copied from the official source at approval."""

    scale = models.ForeignKey(FeeScale, on_delete=models.CASCADE, related_name="populations")
    comuna = models.ForeignKey("territory.Comuna", on_delete=models.PROTECT, related_name="+")
    population = models.PositiveIntegerField(_("población usada"))
    typology = models.CharField(_("tipología usada"), max_length=30, blank=True)
    fee_clp = models.PositiveBigIntegerField(_("cuota resultante (CLP)"))

    class Meta:
        ordering = ["comuna__name"]
        verbose_name = _("población congelada")
        verbose_name_plural = _("poblaciones congeladas")
        constraints = [models.UniqueConstraint(fields=["scale", "comuna"], name="finance_population_once")]

    def __str__(self) -> str:
        return f"{self.comuna_id}: {self.population} → {self.fee_clp}"


# Membership ------------------------------------------------------------------------------------------------------


class Membership(models.Model):
    """A comuna's membership of AMUCH: the dated facts its state is computed from (never a stored status)."""

    comuna = models.OneToOneField("territory.Comuna", on_delete=models.PROTECT, related_name="finance_membership")
    agreement = models.ForeignKey(
        "partners.Agreement", verbose_name=_("convenio de incorporación"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("Convenio publicado del que provienen las cuotas (principio de transparencia)."),
    )
    joined_on = models.DateField(_("fecha de solicitud de incorporación"))
    notice_on = models.DateField(_("aviso de retiro recibido el"), null=True, blank=True)
    notice_reference = models.CharField(_("referencia del aviso de retiro"), max_length=200, blank=True)
    suspended_on = models.DateField(_("suspendida desde"), null=True, blank=True)
    suspension_reference = models.CharField(_("acuerdo de suspensión"), max_length=200, blank=True)
    reinstated_on = models.DateField(_("rehabilitada el"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["comuna__name"]
        verbose_name = _("membresía")
        verbose_name_plural = _("membresías")
        constraints = [
            models.CheckConstraint(
                condition=Q(reinstated_on__isnull=True) | Q(suspended_on__isnull=False),
                name="finance_reinstated_only_if_suspended",
            ),
        ]

    def __str__(self) -> str:
        return str(self.comuna)

    def get_absolute_url(self) -> str:
        return reverse("finance:membership_detail", args=[self.comuna_id])


class MembershipPeriod(models.Model):
    """One fee period (a calendar year by default) with its fee frozen from the scale."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="periods")
    starts_on = models.DateField(_("inicio del período"))
    ends_on = models.DateField(_("término del período"))
    due_on = models.DateField(_("vencimiento de pago"))
    fee_clp = models.PositiveBigIntegerField(_("cuota (CLP)"), validators=[POSITIVE_CLP])
    scale = models.ForeignKey(FeeScale, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    document_type = models.CharField(_("tipo de documento"), max_length=4, blank=True)
    document_number = models.CharField(_("folio"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["membership", "starts_on"]
        verbose_name = _("período de membresía")
        verbose_name_plural = _("períodos de membresía")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="finance_period_order"),
            models.UniqueConstraint(
                fields=["membership", "starts_on"], name="finance_period_once",
                violation_error_message=_("Esa comuna ya tiene un período que empieza en esa fecha."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.starts_on:%d-%m-%Y}–{self.ends_on:%d-%m-%Y}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("El término debe ser igual o posterior al inicio.")})


class MembershipPayment(models.Model):
    period = models.ForeignKey(MembershipPeriod, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField(_("fecha de pago"))
    amount_clp = models.PositiveBigIntegerField(_("monto pagado (CLP)"), validators=[POSITIVE_CLP])
    reference = models.CharField(_("referencia (transferencia, decreto de pago)"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("pago de cuota")
        verbose_name_plural = _("pagos de cuota")
        constraints = [models.CheckConstraint(condition=Q(amount_clp__gt=0), name="finance_payment_positive")]

    def __str__(self) -> str:
        return f"{self.paid_on:%d-%m-%Y} {self.amount_clp}"


# Revenue ---------------------------------------------------------------------------------------------------------


class Currency(models.TextChoices):
    CLP = "CLP", _("Peso chileno (CLP)")
    UF = "UF", _("Unidad de fomento (UF)")
    USD = "USD", _("Dólar (USD)")
    EUR = "EUR", _("Euro (EUR)")


class DocumentType(models.TextChoices):
    """SII electronic document types, noted only (no tax integration)."""

    FACTURA_AFECTA = "33", _("33 Factura electrónica")
    FACTURA_EXENTA = "34", _("34 Factura exenta electrónica")
    BOLETA_AFECTA = "39", _("39 Boleta electrónica")
    BOLETA_EXENTA = "41", _("41 Boleta exenta electrónica")
    NOTA_DEBITO = "56", _("56 Nota de débito")
    NOTA_CREDITO = "61", _("61 Nota de crédito")
    RECIBO = "rec", _("Recibo / comprobante de ingreso")
    EXTRANJERO = "ext", _("Documento extranjero (donante, agencia)")


class RevenueStatus(models.TextChoices):
    REGISTRADO = "registrado", _("Registrado")
    ANULADO = "anulado", _("Anulado")


REVENUE_TRANSITIONS = {
    RevenueStatus.REGISTRADO: {RevenueStatus.ANULADO},
    RevenueStatus.ANULADO: set(),
}

# Principle 3: these lines need a recorded mission-coherence review of their agreement (institutional document).
REVIEW_LINES = frozenset({RevenueLine.ESTUDIOS, RevenueLine.SAAS, RevenueLine.AUSPICIOS, RevenueLine.PUBLICACIONES})
# Principle 5: paid services (not memberships, grants or sponsorships) sold to the central State need a
# recorded subsidiarity justification: why the Hub and not the State itself or another public body.
SERVICE_LINES = frozenset({
    RevenueLine.FORMACION, RevenueLine.ASISTENCIA, RevenueLine.ESTUDIOS, RevenueLine.SAAS,
    RevenueLine.EVENTOS, RevenueLine.PUBLICACIONES,
})
# Lines whose income is recurrent by nature (default of the form; a record may say otherwise).
RECURRENT_LINES = frozenset({RevenueLine.MEMBRESIAS, RevenueLine.SAAS})


class RevenueRecord(models.Model):
    line = models.PositiveSmallIntegerField(_("línea de ingreso"), choices=RevenueLine.choices)
    client_comuna = models.ForeignKey(
        "territory.Comuna", verbose_name=_("comuna cliente"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    client_organization = models.ForeignKey(
        "partners.Organization", verbose_name=_("organización cliente"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    agreement = models.ForeignKey(
        "partners.Agreement", verbose_name=_("convenio publicado"), on_delete=models.PROTECT, related_name="+"
    )
    amount_clp = models.PositiveBigIntegerField(_("monto (CLP)"), validators=[POSITIVE_CLP])
    currency = models.CharField(_("moneda original"), max_length=3, choices=Currency.choices, default=Currency.CLP)
    original_amount = models.DecimalField(_("monto original"), max_digits=18, decimal_places=4)
    exchange_rate = models.DecimalField(_("tasa de cambio (CLP por unidad)"), max_digits=14, decimal_places=4,
                                        default=Decimal("1"))
    rate_date = models.DateField(_("fecha de la tasa"), null=True, blank=True)
    rate_source = models.CharField(_("fuente de la tasa"), max_length=100, blank=True)
    on = models.DateField(_("fecha de devengo"))
    recurrent = models.BooleanField(_("recurrente"), default=False)
    restricted = models.BooleanField(_("fondos con destino restringido"), default=False)
    restriction_purpose = models.CharField(_("destino de los fondos restringidos"), max_length=300, blank=True)
    document_type = models.CharField(_("tipo de documento"), max_length=4, choices=DocumentType.choices, blank=True)
    document_number = models.CharField(_("folio / número"), max_length=30, blank=True)
    description = models.CharField(_("descripción"), max_length=300, blank=True)
    source_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.CharField(_("id de origen"), max_length=64, blank=True)
    status = models.CharField(_("estado"), max_length=12, choices=RevenueStatus.choices,
                              default=RevenueStatus.REGISTRADO)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("ingreso")
        verbose_name_plural = _("ingresos")
        indexes = [models.Index(fields=["status", "on"], name="finance_revenue_status_on")]
        constraints = [
            models.CheckConstraint(condition=Q(amount_clp__gt=0), name="finance_revenue_positive"),
            models.CheckConstraint(
                condition=(Q(client_comuna__isnull=False) & Q(client_organization__isnull=True))
                | (Q(client_comuna__isnull=True) & Q(client_organization__isnull=False)),
                name="finance_revenue_one_client",
                violation_error_message=_("Indique una comuna o una organización cliente, no ambas."),
            ),
            models.UniqueConstraint(
                fields=["source_type", "source_id"], condition=Q(source_type__isnull=False),
                name="finance_revenue_one_per_source",
            ),
            models.CheckConstraint(
                condition=Q(restricted=False) | ~Q(restriction_purpose=""),
                name="finance_restricted_has_purpose",
                violation_error_message=_("Indique el destino de los fondos restringidos."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_line_display()} · {self.on:%d-%m-%Y} · {self.amount_clp}"

    @property
    def client(self):
        return self.client_comuna or self.client_organization

    @property
    def is_active(self) -> bool:
        return self.status == RevenueStatus.REGISTRADO


class ReviewPrinciple(models.TextChoices):
    COHERENCIA = "coherencia", _("Coherencia con la misión")
    SUBSIDIARIEDAD = "subsidiariedad", _("Subsidiariedad")


class ReviewDecision(models.TextChoices):
    APROBADO = "aprobado", _("Aprobado")
    CONDICIONES = "aprobado_con_condiciones", _("Aprobado con condiciones")
    RECHAZADO = "rechazado", _("Rechazado")


class AgreementReview(models.Model):
    """A recorded review of an agreement against principle 3 or 5. Append-only: the latest one counts."""

    agreement = models.ForeignKey("partners.Agreement", on_delete=models.PROTECT, related_name="+")
    principle = models.CharField(_("principio"), max_length=20, choices=ReviewPrinciple.choices)
    decision = models.CharField(_("decisión"), max_length=30, choices=ReviewDecision.choices)
    criteria = models.CharField(_("criterios aplicados"), max_length=500)
    rationale = models.TextField(_("fundamento"), max_length=4000)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField(_("fecha de la revisión"))
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("revisión de convenio")
        verbose_name_plural = _("revisiones de convenios")

    def __str__(self) -> str:
        return f"{self.principle} · {self.decision} · {self.reviewed_on:%d-%m-%Y}"


class YearTarget(models.Model):
    """Yearly target of the recurrent share of income (principle 2), set by a recorded decision."""

    year = models.PositiveSmallIntegerField(_("año"), unique=True)
    recurrent_share_pct = models.PositiveSmallIntegerField(
        _("meta de ingresos recurrentes (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    reference = models.CharField(_("referencia del acuerdo"), max_length=200, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("meta anual")
        verbose_name_plural = _("metas anuales")

    def __str__(self) -> str:
        return f"{self.year}: {self.recurrent_share_pct} %"


# SaaS licences ---------------------------------------------------------------------------------------------------


class SaasTool(models.TextChoices):
    OBSERVATORIO = "observatorio", _("Observatorio territorial avanzado")
    SEGURIDAD = "tablero_seguridad", _("Tablero de seguridad municipal")
    APS = "gestion_aps", _("Gestión de atención primaria (APS)")
    DATOS = "datos_abiertos", _("Portal de datos abiertos municipal")
    GESTION = "gestion_municipal", _("Tablero de gestión municipal")


class SaasLicence(models.Model):
    comuna = models.ForeignKey("territory.Comuna", on_delete=models.PROTECT, related_name="+")
    tool = models.CharField(_("herramienta"), max_length=30, choices=SaasTool.choices)
    starts_on = models.DateField(_("inicio de la licencia"))
    ends_on = models.DateField(_("término de la licencia"))
    price_clp = models.PositiveBigIntegerField(_("precio (CLP)"), validators=[POSITIVE_CLP])
    agreement = models.ForeignKey("partners.Agreement", on_delete=models.PROTECT, related_name="+")
    renews = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewal",
        verbose_name=_("renueva la licencia"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["ends_on", "comuna__name"]
        verbose_name = _("licencia SaaS")
        verbose_name_plural = _("licencias SaaS")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="finance_licence_order"),
        ]

    def __str__(self) -> str:
        return f"{self.get_tool_display()} · {self.comuna}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("El término debe ser posterior al inicio de la licencia.")})
