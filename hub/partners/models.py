"""Articulación multiactor: organisations, agreements (convenios), working groups, collaborative projects.

Single-row invariants live here (clean + DB constraints); rules that span rows (parties of an
agreement, allowed status changes) live in services.py.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from stdnum.cl import rut as rut_number

from .validators import validate_pdf


class ActorType(models.TextChoices):
    """The four actor types of the institutional document (stage 4), word for word."""

    ESTADO_CENTRAL = "estado_central", _("Estado central")
    MUNICIPIOS = "municipios", _("Municipios")
    ACADEMIA = "academia", _("Academia")
    PRIVADO_COOPERACION = "privado_cooperacion", _("Sector privado y cooperación internacional")


class OrganizationKind(models.TextChoices):
    MINISTERIO = "ministerio", _("Ministerio")
    SERVICIO_PUBLICO = "servicio_publico", _("Servicio público")
    UNIVERSIDAD = "universidad", _("Universidad")
    CENTRO_INVESTIGACION = "centro_investigacion", _("Centro de investigación")
    ORGANISMO_MULTILATERAL = "organismo_multilateral", _("Organismo multilateral")
    AGENCIA_COOPERACION = "agencia_cooperacion", _("Agencia de cooperación")
    FUNDACION = "fundacion", _("Fundación")
    EMPRESA = "empresa", _("Empresa")
    CONSULTORA = "consultora", _("Consultora")
    MUNICIPALIDAD = "municipalidad", _("Municipalidad")
    OTRO = "otro", _("Otro")


# Sub-kinds whose actor type is not a matter of opinion; the others may belong to more than one.
KIND_ACTOR_TYPE = {
    OrganizationKind.MINISTERIO: ActorType.ESTADO_CENTRAL,
    OrganizationKind.SERVICIO_PUBLICO: ActorType.ESTADO_CENTRAL,
    OrganizationKind.MUNICIPALIDAD: ActorType.MUNICIPIOS,
}

# Display names for the countries partners usually come from; any other ISO code shows as the code.
COUNTRY_NAMES = {
    "CL": _("Chile"),
    "DE": _("Alemania"),
    "US": _("Estados Unidos"),
    "ES": _("España"),
    "FR": _("Francia"),
    "GB": _("Reino Unido"),
    "JP": _("Japón"),
    "KR": _("Corea del Sur"),
    "AR": _("Argentina"),
    "BR": _("Brasil"),
    "CO": _("Colombia"),
    "MX": _("México"),
    "PE": _("Perú"),
    "UY": _("Uruguay"),
    "CA": _("Canadá"),
    "IT": _("Italia"),
    "NL": _("Países Bajos"),
    "SE": _("Suecia"),
    "EU": _("Unión Europea"),
}

iso_country = RegexValidator(
    re.compile(r"^[A-Z]{2}$"), _("Indique el país con su código ISO de dos letras en mayúsculas, p. ej. CL o DE.")
)


def format_rut(value: str) -> str:
    return rut_number.format(value) if value else ""


class Organization(models.Model):
    name = models.CharField(_("nombre"), max_length=200)
    short_name = models.CharField(_("sigla"), max_length=40, blank=True)
    actor_type = models.CharField(_("tipo de actor"), max_length=30, choices=ActorType.choices)
    kind = models.CharField(
        _("tipo de organización"), max_length=30, choices=OrganizationKind.choices, default=OrganizationKind.OTRO
    )
    country = models.CharField(_("país (código ISO)"), max_length=2, default="CL", validators=[iso_country])
    rut = models.CharField(
        _("RUT"),
        max_length=12,
        blank=True,
        help_text=_("Obligatorio para entidades chilenas. Se guarda sin puntos ni guion y se muestra 60.501.000-8."),
    )
    comuna = models.ForeignKey(
        "territory.Comuna",
        verbose_name=_("comuna (si es municipio)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    website = models.URLField(_("sitio web"), blank=True)
    description = models.TextField(_("descripción"), blank=True)
    # Personal data of one contact person: only what is needed to reach them, shown only to staff and members.
    contact_name = models.CharField(_("nombre de contacto"), max_length=150, blank=True)
    contact_email = models.EmailField(_("correo de contacto"), blank=True)
    contact_phone = models.CharField(_("teléfono de contacto"), max_length=30, blank=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        constraints = [
            models.UniqueConstraint(
                fields=["rut"],
                condition=~Q(rut=""),
                name="partners_org_unique_rut",
                violation_error_message=_("Ya hay una organización registrada con ese RUT: búsquela en el directorio."),
            ),
            models.UniqueConstraint(
                fields=["comuna"],
                condition=Q(kind="municipalidad"),
                name="partners_one_municipality_per_comuna",
                violation_error_message=_("Esa comuna ya tiene su municipalidad registrada."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:organization_detail", args=[self.pk])

    @property
    def is_chilean(self) -> bool:
        return self.country == "CL"

    @property
    def rut_display(self) -> str:
        return format_rut(self.rut)

    @property
    def country_name(self) -> str:
        return str(COUNTRY_NAMES.get(self.country, self.country))

    def clean(self):
        errors = {}
        self.country = (self.country or "").strip().upper()
        if self.rut:
            try:
                self.rut = rut_number.validate(self.rut)
            except Exception:
                errors["rut"] = _(
                    "El RUT %(rut)s no es válido: revise los números y el dígito verificador (p. ej. 60.501.000-8)."
                ) % {"rut": self.rut}
        elif self.is_chilean:
            errors["rut"] = _("Indique el RUT de la entidad chilena (p. ej. 60.501.000-8).")
        if self.kind == OrganizationKind.MUNICIPALIDAD:
            if not self.comuna_id:
                errors["comuna"] = _("Una municipalidad debe estar asociada a su comuna: elija la comuna.")
            if not self.is_chilean:
                errors["country"] = _("Una municipalidad del Hub es chilena: use el código CL.")
        expected = KIND_ACTOR_TYPE.get(self.kind)
        if expected and self.actor_type != expected:
            errors["actor_type"] = _("Un(a) %(kind)s corresponde al tipo de actor «%(actor)s».") % {
                "kind": self.get_kind_display().lower(),
                "actor": expected.label,
            }
        if self.comuna_id and self.kind != OrganizationKind.MUNICIPALIDAD:
            errors["comuna"] = _("La comuna solo se indica para municipalidades; déjela en blanco.")
        if errors:
            raise ValidationError(errors)


class AgreementStatus(models.TextChoices):
    BORRADOR = "borrador", _("Borrador")
    FIRMADO = "firmado", _("Firmado")
    VIGENTE = "vigente", _("Vigente")
    FINALIZADO = "finalizado", _("Finalizado")
    TERMINADO = "terminado", _("Terminado anticipadamente")


PUBLISHED_STATUSES = [
    AgreementStatus.FIRMADO,
    AgreementStatus.VIGENTE,
    AgreementStatus.FINALIZADO,
    AgreementStatus.TERMINADO,
]

# The only status changes an agreement may make; services refuse everything else.
AGREEMENT_TRANSITIONS = {
    AgreementStatus.BORRADOR: {AgreementStatus.FIRMADO},
    AgreementStatus.FIRMADO: {AgreementStatus.VIGENTE, AgreementStatus.TERMINADO},
    AgreementStatus.VIGENTE: {AgreementStatus.FINALIZADO, AgreementStatus.TERMINADO},
    AgreementStatus.FINALIZADO: set(),
    AgreementStatus.TERMINADO: set(),
}


class PartyRole(models.TextChoices):
    CONTRAPARTE = "contraparte", _("Contraparte")
    FINANCISTA = "financista", _("Financista")
    EJECUTOR = "ejecutor", _("Ejecutor")
    PATROCINANTE = "patrocinante", _("Patrocinante")
    ASESOR = "asesor", _("Asesor técnico")


def agreement_document_path(instance, filename: str) -> str:
    return f"partners/convenios/{instance.pk or 'nuevo'}/convenio-firmado.pdf"


class Agreement(models.Model):
    title = models.CharField(_("título"), max_length=250)
    purpose = models.TextField(_("objeto del convenio"))
    status = models.CharField(
        _("estado"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.BORRADOR
    )
    start_date = models.DateField(_("fecha de inicio"))
    end_date = models.DateField(_("fecha de término"))
    signed_on = models.DateField(_("fecha de firma"), null=True, blank=True)
    signed_document = models.FileField(
        _("convenio firmado (PDF)"), upload_to=agreement_document_path, blank=True, validators=[validate_pdf]
    )
    termination_reason = models.TextField(_("motivo del término anticipado"), blank=True)
    projects = models.ManyToManyField(
        "partners.Project", verbose_name=_("proyectos"), blank=True, related_name="agreements"
    )
    solutions = models.ManyToManyField(
        "portfolio.Solution", verbose_name=_("soluciones vinculadas"), blank=True, related_name="agreements"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("creado por"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("convenio")
        verbose_name_plural = _("convenios")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="partners_agreement_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:agreement_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_STATUSES

    @property
    def total_amount_clp(self) -> int:
        return sum(t.amount_clp for t in self.transfers.all())

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("La fecha de término debe ser igual o posterior a la fecha de inicio.")}
            )


class AgreementParty(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("convenio"), on_delete=models.CASCADE, related_name="parties"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organización"), on_delete=models.PROTECT, related_name="agreement_parties"
    )
    role = models.CharField(_("rol"), max_length=20, choices=PartyRole.choices, default=PartyRole.CONTRAPARTE)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("parte del convenio")
        verbose_name_plural = _("partes del convenio")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organization"],
                name="partners_party_once",
                violation_error_message=_("Esa organización ya es parte de este convenio."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class AgreementTransfer(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("convenio"), on_delete=models.CASCADE, related_name="transfers"
    )
    payer = models.ForeignKey(
        Organization, verbose_name=_("quién paga"), on_delete=models.PROTECT, related_name="transfers_paid"
    )
    payee = models.ForeignKey(
        Organization, verbose_name=_("quién recibe"), on_delete=models.PROTECT, related_name="transfers_received"
    )
    amount_clp = models.PositiveBigIntegerField(
        _("monto (CLP)"),
        validators=[MinValueValidator(1, _("El monto debe ser un número entero positivo de pesos, p. ej. 15000000."))],
    )
    concept = models.CharField(_("concepto"), max_length=200)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("transferencia")
        verbose_name_plural = _("transferencias")
        constraints = [
            models.CheckConstraint(condition=Q(amount_clp__gt=0), name="partners_transfer_positive"),
            models.CheckConstraint(condition=~Q(payer=models.F("payee")), name="partners_transfer_two_parties"),
        ]

    def __str__(self) -> str:
        return f"{self.payer} → {self.payee}: {self.amount_clp}"

    def clean(self):
        if self.payer_id and self.payer_id == self.payee_id:
            raise ValidationError({"payee": _("Quien paga y quien recibe deben ser organizaciones distintas.")})


class ProjectStatus(models.TextChoices):
    FORMULACION = "formulacion", _("Formulación")
    EN_EJECUCION = "en_ejecucion", _("En ejecución")
    CERRADO = "cerrado", _("Cerrado")
    CANCELADO = "cancelado", _("Cancelado")


class Project(models.Model):
    name = models.CharField(_("nombre"), max_length=250)
    description = models.TextField(_("descripción"), blank=True)
    organizations = models.ManyToManyField(
        Organization, verbose_name=_("organizaciones socias"), blank=True, related_name="projects"
    )
    comunas = models.ManyToManyField(
        "territory.Comuna", verbose_name=_("comunas"), blank=True, related_name="partner_projects"
    )
    budget_clp = models.PositiveBigIntegerField(_("presupuesto (CLP)"), null=True, blank=True)
    status = models.CharField(
        _("estado"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.FORMULACION
    )
    start_date = models.DateField(_("fecha de inicio"), null=True, blank=True)
    end_date = models.DateField(_("fecha de término"), null=True, blank=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("proyecto colaborativo")
        verbose_name_plural = _("proyectos colaborativos")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="partners_project_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:project_detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("La fecha de término debe ser igual o posterior a la fecha de inicio.")}
            )


class WorkingGroup(models.Model):
    name = models.CharField(_("nombre"), max_length=200)
    purpose = models.TextField(_("propósito"), blank=True)
    organizations = models.ManyToManyField(
        Organization, verbose_name=_("organizaciones integrantes"), blank=True, related_name="working_groups"
    )
    is_active = models.BooleanField(_("activa"), default=True)
    is_demo = models.BooleanField(_("dato de demostración"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mesa técnica")
        verbose_name_plural = _("mesas técnicas")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:group_detail", args=[self.pk])


class WorkingGroupMember(models.Model):
    """A person in a working group: a platform user, or an external person named here (name and affiliation only)."""

    group = models.ForeignKey(WorkingGroup, verbose_name=_("mesa"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuario"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="working_group_memberships",
    )
    external_name = models.CharField(_("nombre (persona externa)"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organización"), null=True, blank=True, on_delete=models.SET_NULL
    )
    role = models.CharField(_("rol en la mesa"), max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("integrante de mesa")
        verbose_name_plural = _("integrantes de mesa")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(external_name="")) | (Q(user__isnull=True) & ~Q(external_name="")),
                name="partners_member_user_or_name",
            ),
            models.UniqueConstraint(fields=["group", "user"], name="partners_member_user_once"),
        ]

    def __str__(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.username
        return self.external_name

    def clean(self):
        if bool(self.user_id) == bool(self.external_name.strip()):
            raise ValidationError(
                _("Elija un usuario de la plataforma o escriba el nombre de una persona externa (solo uno de los dos).")
            )


class WorkingGroupSession(models.Model):
    group = models.ForeignKey(WorkingGroup, verbose_name=_("mesa"), on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("fecha"))
    title = models.CharField(_("tema"), max_length=200, blank=True)
    minutes = models.TextField(_("acta"), blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")

    def __str__(self) -> str:
        return f"{self.group} · {self.date:%d-%m-%Y}"


class AgreedAction(models.Model):
    session = models.ForeignKey(
        WorkingGroupSession, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(_("acuerdo"), max_length=300)
    owner = models.ForeignKey(
        WorkingGroupMember, verbose_name=_("responsable"), on_delete=models.PROTECT, related_name="actions"
    )
    due_date = models.DateField(_("fecha comprometida"))
    done = models.BooleanField(_("cumplido"), default=False)

    class Meta:
        ordering = ["done", "due_date", "pk"]
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")

    def __str__(self) -> str:
        return self.description

    def clean(self):
        if self.owner_id and self.session_id and self.owner.group_id != self.session.group_id:
            raise ValidationError({"owner": _("El responsable debe ser integrante de esta mesa.")})
