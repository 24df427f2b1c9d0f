"""Policy influence (work line 5): the agenda the Hub follows, its positions and evidence, its participation in
public agendas and its public positioning (publications, press, international networks).

Stages are per kind of item (a bill moves through Congress, a consultation opens and closes); every stage change
goes through ``hub.core.transitions.transition(..., field="stage", allowed=STAGE_TRANSITIONS[kind])`` and is
shown from ``state_history(item, field="stage")``.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge

BOLETIN_RE = re.compile(r"^\d{1,5}-\d{2}$")
boletin_validator = RegexValidator(
    BOLETIN_RE,
    _("El número de boletín tiene la forma «12345-06»: el número, un guion y los dos dígitos de la comisión."),
)


class ItemKind(models.TextChoices):
    BILL = "proyecto_ley", _("Proyecto de ley")
    REGULATION = "reglamento", _("Reglamento o norma")
    PROGRAMME = "programa", _("Programa nacional")
    CONSULTATION = "consulta", _("Consulta pública")


class Chamber(models.TextChoices):
    SENATE = "senado", _("Senado")
    DEPUTIES = "camara", _("Cámara de Diputadas y Diputados")


class ItemStage(models.TextChoices):
    # Bills (tramitación en el Congreso Nacional)
    INGRESO = "ingreso", _("Ingreso")
    PRIMER = "primer_tramite", _("Primer trámite constitucional")
    COMISION = "comision", _("En comisión")
    SEGUNDO = "segundo_tramite", _("Segundo trámite constitucional")
    TERCER = "tercer_tramite", _("Tercer trámite / comisión mixta")
    PROMULGADA = "promulgada", _("Promulgada")
    ARCHIVADA = "archivada", _("Archivada")
    # Regulations
    ELABORACION = "elaboracion", _("En elaboración")
    TOMA_RAZON = "toma_razon", _("En toma de razón")
    VIGENTE = "vigente", _("Vigente")
    # National programmes
    DISENO = "diseno", _("En diseño")
    EJECUCION = "ejecucion", _("En ejecución")
    CERRADO = "cerrado", _("Cerrado")
    # Consultations
    ABIERTA = "abierta", _("Abierta")
    CERRADA = "cerrada", _("Cerrada")


# kind -> {stage: {next stages}}. The first key is the stage a new item starts in.
STAGE_TRANSITIONS = {
    ItemKind.BILL: {
        ItemStage.INGRESO: {ItemStage.PRIMER, ItemStage.COMISION, ItemStage.ARCHIVADA},
        ItemStage.PRIMER: {ItemStage.COMISION, ItemStage.SEGUNDO, ItemStage.ARCHIVADA},
        ItemStage.COMISION: {ItemStage.PRIMER, ItemStage.SEGUNDO, ItemStage.TERCER, ItemStage.ARCHIVADA},
        ItemStage.SEGUNDO: {ItemStage.COMISION, ItemStage.TERCER, ItemStage.PROMULGADA, ItemStage.ARCHIVADA},
        ItemStage.TERCER: {ItemStage.PROMULGADA, ItemStage.ARCHIVADA},
        ItemStage.PROMULGADA: set(),
        ItemStage.ARCHIVADA: {ItemStage.INGRESO},  # desarchivo
    },
    ItemKind.REGULATION: {
        ItemStage.ELABORACION: {ItemStage.TOMA_RAZON, ItemStage.ARCHIVADA},
        ItemStage.TOMA_RAZON: {ItemStage.ELABORACION, ItemStage.VIGENTE},
        ItemStage.VIGENTE: set(),
        ItemStage.ARCHIVADA: {ItemStage.ELABORACION},
    },
    ItemKind.PROGRAMME: {
        ItemStage.DISENO: {ItemStage.EJECUCION, ItemStage.CERRADO},
        ItemStage.EJECUCION: {ItemStage.CERRADO},
        ItemStage.CERRADO: set(),
    },
    ItemKind.CONSULTATION: {
        ItemStage.ABIERTA: {ItemStage.CERRADA},
        ItemStage.CERRADA: set(),
    },
}


def stages_of(kind: str) -> list[str]:
    return list(STAGE_TRANSITIONS.get(kind, {}))


def initial_stage(kind: str) -> str:
    return stages_of(kind)[0]


class AgendaItem(models.Model):
    """A bill, regulation, national programme or consultation the Hub follows."""

    title = models.CharField(_("título"), max_length=250)
    kind = models.CharField(_("tipo"), max_length=20, choices=ItemKind.choices)
    boletin = models.CharField(
        _("boletín"), max_length=8, blank=True, validators=[boletin_validator],
        help_text=_("Solo proyectos de ley: número de boletín del Congreso, p. ej. 12345-06."),
    )
    chamber = models.CharField(_("cámara de origen"), max_length=10, choices=Chamber.choices, blank=True)
    institution = models.CharField(
        _("institución responsable"), max_length=200, blank=True,
        help_text=_("Ministerio o servicio a cargo (reglamentos, programas y consultas)."),
    )
    summary = models.TextField(_("resumen"), max_length=4000, blank=True)
    official_url = models.URLField(_("enlace oficial"), max_length=500, blank=True)
    stage = models.CharField(_("etapa"), max_length=20, choices=ItemStage.choices)
    started_on = models.DateField(_("fecha de ingreso o apertura"), default=timezone.localdate)
    stage_since = models.DateField(_("en esta etapa desde"), default=timezone.localdate)
    stage_changed_at = models.DateTimeField(_("etapa registrada el"), default=timezone.now)
    search_text = models.TextField(editable=False, blank=True, max_length=6000)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("registrado por"),
    )
    created_at = models.DateTimeField(_("creado"), default=timezone.now)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-stage_since", "-pk"]
        verbose_name = _("tema de la agenda")
        verbose_name_plural = _("agenda de incidencia")
        constraints = [
            models.UniqueConstraint(
                fields=["boletin"], condition=~models.Q(boletin=""), name="agenda_item_unique_boletin",
                violation_error_message=_("Ya existe un tema de la agenda con ese número de boletín."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="proyecto_ley") | (~models.Q(boletin="") & ~models.Q(chamber="")),
                name="agenda_bill_has_boletin_and_chamber",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="proyecto_ley") | (models.Q(boletin="") & models.Q(chamber="")),
                name="agenda_only_bills_have_boletin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (boletín {self.boletin})" if self.boletin else self.title

    def get_absolute_url(self) -> str:
        return reverse("agenda:item_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.kind == ItemKind.BILL:
            if not self.boletin:
                errors["boletin"] = _("Un proyecto de ley necesita su número de boletín (p. ej. 12345-06).")
            if not self.chamber:
                errors["chamber"] = _("Indique la cámara de origen del proyecto de ley.")
        else:
            if self.boletin:
                errors["boletin"] = _("Solo los proyectos de ley llevan número de boletín.")
            if self.chamber:
                errors["chamber"] = _("Solo los proyectos de ley tienen cámara de origen.")
        if self.kind and self.stage and self.stage not in stages_of(self.kind):
            errors["stage"] = _("La etapa «%(stage)s» no corresponde a un «%(kind)s».") % {
                "stage": ItemStage(self.stage).label, "kind": ItemKind(self.kind).label,
            }
        if errors:
            raise ValidationError(errors)

    @property
    def challenge_codes(self) -> list[str]:
        return [c.challenge for c in self.challenges.all()]

    @property
    def challenge_labels(self) -> list[str]:
        return [c.get_challenge_display() for c in self.challenges.all()]

    @property
    def is_closed(self) -> bool:
        return not STAGE_TRANSITIONS.get(self.kind, {}).get(self.stage)


class ItemChallenge(models.Model):
    """One of the five challenges an agenda item touches (an item touches one or more)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="challenges")
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices)

    class Meta:
        ordering = ["challenge"]
        constraints = [models.UniqueConstraint(fields=["item", "challenge"], name="agenda_item_challenge_unique")]

    def __str__(self) -> str:
        return self.get_challenge_display()


class PositionKind(models.TextChoices):
    BRIEF = "minuta", _("Minuta o documento publicado")
    CONSULTATION_RESPONSE = "respuesta_consulta", _("Respuesta a consulta")
    TESTIMONY = "exposicion", _("Exposición ante comisión")


class Position(models.Model):
    """The Hub's position on an item: a published library brief, a consultation response or a testimony."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="positions")
    kind = models.CharField(_("tipo de posición"), max_length=20, choices=PositionKind.choices)
    title = models.CharField(_("título"), max_length=250)
    summary = models.TextField(_("síntesis"), max_length=3000, blank=True)
    on = models.DateField(_("fecha"))
    library_item = models.ForeignKey(
        "portfolio.LibraryItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("documento de la biblioteca"),
    )
    committee = models.CharField(_("comisión"), max_length=200, blank=True)
    url = models.URLField(_("enlace"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("posición del Hub")
        verbose_name_plural = _("posiciones del Hub")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="minuta") | models.Q(library_item__isnull=False),
                name="agenda_brief_has_library_item",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="exposicion") | ~models.Q(committee=""),
                name="agenda_testimony_has_committee",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.kind == PositionKind.BRIEF and not self.library_item_id:
            errors["library_item"] = _("Una minuta debe ser un documento publicado en la biblioteca: elíjalo.")
        if self.kind == PositionKind.TESTIMONY and not self.committee.strip():
            errors["committee"] = _("Indique ante qué comisión expuso el Hub.")
        if errors:
            raise ValidationError(errors)

    @property
    def link(self) -> str:
        if self.library_item_id:
            return self.library_item.get_absolute_url()
        return self.url


class EvidenceKind(models.TextChoices):
    INDICATOR = "indicador", _("Indicador del observatorio")
    STUDY = "estudio", _("Estudio de la biblioteca")
    PILOT = "piloto", _("Piloto")


class EvidenceLink(models.Model):
    """Evidence used for a position: an observatory indicator (by code), a library study, or a pilot (by URL)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("tipo de evidencia"), max_length=20, choices=EvidenceKind.choices)
    indicator = models.ForeignKey(
        "observatory.Indicator", to_field="code", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("indicador"),
    )
    library_item = models.ForeignKey(
        "portfolio.LibraryItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("estudio"),
    )
    # Pilots live in another app written in parallel: they are linked by title and URL, not by key.
    title = models.CharField(_("título"), max_length=250, blank=True)
    url = models.CharField(_("enlace"), max_length=500, blank=True)
    note = models.CharField(_("para qué se usó"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")

    def __str__(self) -> str:
        return self.label

    def clean(self):
        errors = {}
        if self.kind == EvidenceKind.INDICATOR and not self.indicator_id:
            errors["indicator"] = _("Elija el indicador del observatorio (por su código).")
        if self.kind == EvidenceKind.STUDY and not self.library_item_id:
            errors["library_item"] = _("Elija el estudio de la biblioteca.")
        if self.kind == EvidenceKind.PILOT:
            if not self.title.strip():
                errors["title"] = _("Escriba el nombre del piloto.")
            if not (self.url.startswith("/") or self.url.startswith("https://") or self.url.startswith("http://")):
                errors["url"] = _("El enlace del piloto debe empezar con «/», «https://» o «http://».")
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        if self.kind == EvidenceKind.INDICATOR and self.indicator_id:
            return self.indicator.name_es
        if self.kind == EvidenceKind.STUDY and self.library_item_id:
            return self.library_item.title
        return self.title

    @property
    def link(self) -> str:
        if self.kind == EvidenceKind.INDICATOR and self.indicator_id:
            return reverse("observatory:indicator_detail", args=[self.indicator_id])
        if self.kind == EvidenceKind.STUDY and self.library_item_id:
            return self.library_item.get_absolute_url()
        return self.url


# --- Participation in public agendas (feeds the "Articulación" indicator) ----------------------------------------


class BodyKind(models.TextChoices):
    CONGRESS = "comision_congreso", _("Comisión del Congreso")
    MINISTRY = "ministerio", _("Ministerio o servicio público")
    REGIONAL = "gobierno_regional", _("Gobierno regional")
    INTERNATIONAL = "red_internacional", _("Red internacional")
    OTHER = "otro", _("Otro organismo")


class ParticipationKind(models.TextChoices):
    TESTIMONY = "exposicion", _("Exposición")
    ROUNDTABLE = "mesa", _("Mesa de trabajo o conversatorio")
    CONSULTATION = "consulta", _("Consulta")
    WORKING_GROUP = "grupo_trabajo", _("Grupo de trabajo")


class InternationalNetwork(models.Model):
    """A network the Hub belongs to or works with (CGLU/UCLG, Bloomberg, FCM, OCDE OPSI…): data, not code."""

    class Relation(models.TextChoices):
        MEMBER = "miembro", _("Miembro")
        PARTNER = "colaboracion", _("Colaboración")
        OBSERVER = "observador", _("Observador")

    name = models.CharField(_("nombre"), max_length=200, unique=True)
    short_name = models.CharField(_("sigla"), max_length=40, blank=True)
    relation = models.CharField(_("relación"), max_length=20, choices=Relation.choices, default=Relation.PARTNER)
    since_year = models.PositiveSmallIntegerField(_("desde el año"), null=True, blank=True)
    description = models.TextField(_("descripción"), max_length=2000, blank=True)
    url = models.URLField(_("sitio web"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("red internacional")
        verbose_name_plural = _("redes internacionales")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(since_year__isnull=True) | models.Q(since_year__gte=1900, since_year__lte=2100),
                name="agenda_network_since_year_range",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Participation(models.Model):
    """The Hub took part in a public agenda: a testimony, a roundtable, a consultation or a working group."""

    on = models.DateField(_("fecha"))
    title = models.CharField(_("título"), max_length=250)
    body_kind = models.CharField(_("tipo de organismo"), max_length=20, choices=BodyKind.choices)
    body_name = models.CharField(_("organismo"), max_length=200)
    kind = models.CharField(_("tipo de participación"), max_length=20, choices=ParticipationKind.choices)
    represented_by = models.CharField(_("quién representó al Hub"), max_length=300)
    document_title = models.CharField(_("documento resultante"), max_length=250, blank=True)
    document_url = models.URLField(_("enlace al documento"), max_length=500, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="participations",
        verbose_name=_("tema de la agenda"),
    )
    network = models.ForeignKey(
        InternationalNetwork, null=True, blank=True, on_delete=models.SET_NULL, related_name="participations",
        verbose_name=_("red internacional"),
    )
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("participación en agenda pública")
        verbose_name_plural = _("participaciones en agendas públicas")

    def __str__(self) -> str:
        return f"{self.on:%d-%m-%Y} · {self.title}"

    def clean(self):
        if self.body_kind == BodyKind.INTERNATIONAL and not self.network_id:
            raise ValidationError({"network": _("Elija la red internacional en la que participó el Hub.")})


class MentionKind(models.TextChoices):
    PUBLICATION = "publicacion", _("Publicación")
    PRESS = "prensa", _("Mención en prensa")
    ACADEMIC = "academica", _("Artículo académico")


class Mention(models.Model):
    """A publication of the Hub or a press mention of it."""

    kind = models.CharField(_("tipo"), max_length=20, choices=MentionKind.choices)
    title = models.CharField(_("título"), max_length=250)
    outlet = models.CharField(_("medio o revista"), max_length=200)
    on = models.DateField(_("fecha"))
    url = models.URLField(_("enlace"), max_length=500, blank=True)
    challenge = models.CharField(_("desafío"), max_length=30, choices=Challenge.choices, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("publicación o mención")
        verbose_name_plural = _("publicaciones y menciones")

    def __str__(self) -> str:
        return self.title


class NetworkActivity(models.Model):
    network = models.ForeignKey(InternationalNetwork, on_delete=models.CASCADE, related_name="activities")
    on = models.DateField(_("fecha"))
    title = models.CharField(_("actividad"), max_length=250)
    description = models.TextField(_("descripción"), max_length=2000, blank=True)
    url = models.URLField(_("enlace"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("actividad en red internacional")
        verbose_name_plural = _("actividades en redes internacionales")

    def __str__(self) -> str:
        return self.title
