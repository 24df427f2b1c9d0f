"""Exit criteria of each stage (required / desirable), checked from the platform's records where they can be.

A check returns ``Check(met, detail, url)``. A criterion that no record can check ("manual") is met only by a
staff attestation with its document (CriterionAttestation). Everything is computed when read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from hub.core.taxonomy import Challenge, WorkLine


@dataclass(frozen=True)
class Check:
    met: bool
    detail: str
    url: str = ""


@dataclass(frozen=True)
class Criterion:
    code: str
    stage: int
    text: str
    required: bool
    check: str = ""  # name of a method of Evidence; "" = manual attestation


def _url(name: str, query: str = "") -> str:
    try:
        return reverse(name) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return ""


class Evidence:
    """The platform's records the checks read, fetched at most once per request."""

    def __init__(self, today: datetime.date | None = None):
        self.today = today or datetime.date.today()
        self.since = datetime.date(2000, 1, 1)

    @cached_property
    def attestations(self) -> dict:
        from .models import CriterionAttestation

        latest = {}
        for a in CriterionAttestation.objects.order_by("criterion", "-created_at", "-pk"):
            latest.setdefault(a.criterion, a)
        return latest

    @cached_property
    def matrix(self):
        from hub.portfolio.ecosystem import ecosystem_matrix

        return ecosystem_matrix()

    @cached_property
    def published_solutions(self):
        from hub.portfolio.models import Solution, SolutionStatus

        return list(Solution.objects.filter(status=SolutionStatus.PUBLISHED).prefetch_related("reviews"))

    def _evidence(self, indicator: str):
        from hub.evaluation.results import collect

        return [e for _k, _l, items in collect(indicator, self.since, self.today) for e in items]

    # -- stage 1
    def taxonomy_defined(self) -> Check:
        ok = len(Challenge) == 5 and len(WorkLine) == 5
        return Check(
            ok,
            _("{c} desafíos y {w} líneas de trabajo definidos.").format(c=len(Challenge), w=len(WorkLine)),
            _url("core:home"),
        )

    # -- stage 2
    def units_mapped(self) -> Check:
        from hub.portfolio.models import EcosystemUnit

        units = list(EcosystemUnit.objects.prefetch_related("products"))
        with_products = sum(1 for u in units if u.products.all())
        ok = len(units) >= 3 and with_products == len(units)
        return Check(
            ok,
            _("{n} unidades en el mapa; {p} con productos registrados.").format(n=len(units), p=with_products),
            _url("portfolio:unit_list"),
        )

    def relations_recorded(self) -> Check:
        from hub.portfolio.models import UnitRelation

        n = UnitRelation.objects.count()
        return Check(n >= 1, _("{n} relaciones entre unidades.").format(n=n), _url("portfolio:ecosystem_map"))

    def no_duplications(self) -> Check:
        n = len(self.matrix.duplications)
        gaps = len(self.matrix.gaps)
        return Check(
            n == 0,
            _("{n} duplicidades y {g} vacíos en la matriz.").format(n=n, g=gaps),
            _url("portfolio:ecosystem_matrix"),
        )

    # -- stage 3
    def every_line_has_solution(self) -> Check:
        lines = {s.work_line for s in self.published_solutions}
        missing = [str(w.label) for w in WorkLine if w.value not in lines]
        detail = (
            _("Líneas sin solución publicada: {m}.").format(m=", ".join(missing))
            if missing
            else _("Las cinco líneas tienen soluciones publicadas.")
        )
        return Check(not missing, detail, _url("portfolio:solution_list"))

    def service_models(self) -> Check:
        from hub.portfolio.models import ServiceModel

        n = ServiceModel.objects.values("typology").distinct().count()
        return Check(n >= 2, _("Modelos de servicio para {n} tipologías.").format(n=n), _url("portfolio:solution_list"))

    # -- stage 4
    def agreements_each_actor(self) -> Check:
        from hub.partners.models import ActorType

        items = self._evidence("articulacion")
        types = {e.actor_type for e in items if e.kind == "agreement_signed"}
        missing = [str(a.label) for a in ActorType if a.value not in types]
        detail = (
            _("Sin convenio firmado con: {m}.").format(m=", ".join(missing))
            if missing
            else _("Convenios firmados con los cuatro tipos de actor.")
        )
        return Check(not missing, detail, _url("partners:agreement_list"))

    def working_group_recent(self) -> Check:
        from hub.partners.models import WorkingGroupSession

        since = self.today - datetime.timedelta(days=365)
        n = WorkingGroupSession.objects.filter(date__range=(since, self.today), group__is_active=True).count()
        return Check(
            n >= 1,
            _("{n} sesiones de mesas técnicas en los últimos 12 meses.").format(n=n),
            _url("partners:group_list"),
        )

    def project_running(self) -> Check:
        from hub.partners.models import Project, ProjectStatus

        n = Project.objects.filter(status=ProjectStatus.EN_EJECUCION).count()
        return Check(n >= 1, _("{n} proyectos colaborativos en ejecución.").format(n=n), _url("partners:project_list"))

    # -- stage 5
    def quality_approved_solution(self) -> Check:
        from hub.portfolio.models import QualityCriterion, Verdict

        active = set(QualityCriterion.objects.filter(is_active=True).values_list("pk", flat=True))
        ok_count = 0
        for s in self.published_solutions:
            latest = {}
            for r in sorted(s.reviews.all(), key=lambda r: (r.created_at, r.pk)):
                latest[r.criterion_id] = r.verdict
            if active and all(latest.get(c) == Verdict.APPROVED for c in active):
                ok_count += 1
        return Check(
            ok_count >= 1,
            _("{n} soluciones publicadas aprobadas en los {c} criterios de calidad activos.").format(
                n=ok_count, c=len(active)
            ),
            _url("portfolio:solution_list"),
        )

    def every_challenge_has_solution(self) -> Check:
        challenges = {s.challenge for s in self.published_solutions}
        missing = [str(c.label) for c in Challenge if c.value not in challenges]
        detail = (
            _("Desafíos sin solución: {m}.").format(m=", ".join(missing))
            if missing
            else _("Los cinco desafíos tienen soluciones publicadas.")
        )
        return Check(not missing, detail, _url("portfolio:solution_list"))

    # -- stage 6
    def preregistered_pilot(self) -> Check:
        items = [e for e in self._evidence("impacto") if e.extra.get("preregistered")]
        return Check(
            bool(items),
            _("{n} pilotos cerrados con análisis pre-registrado.").format(n=len(items)),
            _url("pilots:index"),
        )

    def pilots_all_typologies(self) -> Check:
        from hub.territory.models import Comuna, Typology

        cuts = {e.cut for e in self._evidence("cobertura") if e.kind.startswith("pilot") and e.cut}
        typologies = set(Comuna.objects.filter(cut__in=cuts).values_list("typology", flat=True))
        return Check(
            len(typologies & set(Typology.values)) == 4,
            _("Pilotos en {n} de 4 tipologías.").format(n=len(typologies & set(Typology.values))),
            _url("pilots:index"),
        )

    # -- stage 7
    @cached_property
    def _replication_cuts(self) -> set:
        return {e.cut for e in self._evidence("cobertura") if e.kind == "replication" and e.cut}

    def replications(self) -> Check:
        n = len(self._replication_cuts)
        return Check(
            n >= 3, _("Replicaciones implementadas en {n} comunas.").format(n=n), _url("network:practice_list")
        )

    def replications_all_typologies(self) -> Check:
        from hub.territory.models import Comuna, Typology

        typologies = set(Comuna.objects.filter(cut__in=self._replication_cuts).values_list("typology", flat=True))
        n = len(typologies & set(Typology.values))
        return Check(n == 4, _("Replicaciones en {n} de 4 tipologías.").format(n=n), _url("network:practice_list"))

    # -- stage 8
    def period_closed(self) -> Check:
        from hub.evaluation.models import Period, PeriodStatus

        n = Period.objects.filter(status=PeriodStatus.CLOSED, snapshot__created_at__date__lte=self.today).count()
        return Check(
            n >= 1, _("{n} periodos de evaluación cerrados con instantánea.").format(n=n), _url("evaluation:index")
        )

    def annual_report(self) -> Check:
        from hub.evaluation.models import AnnualReport

        n = AnnualReport.objects.filter(created_at__date__lte=self.today).count()
        return Check(n >= 1, _("{n} memorias anuales publicadas.").format(n=n), _url("evaluation:report_list"))


CRITERIA = [
    Criterion(
        "1.documento",
        1,
        "Documento marco del Hub aprobado (figura institucional, objetivos, alcance y propuesta de valor).",
        True,
    ),
    Criterion(
        "1.taxonomia",
        1,
        "Los cinco desafíos prioritarios y las cinco líneas de trabajo definidos como taxonomía común.",
        False,
        "taxonomy_defined",
    ),
    Criterion(
        "2.unidades",
        2,
        "Mapa de unidades integradas: al menos tres unidades, cada una con sus productos.",
        True,
        "units_mapped",
    ),
    Criterion("2.relaciones", 2, "Relaciones entre unidades registradas en el mapa.", True, "relations_recorded"),
    Criterion(
        "2.duplicidades",
        2,
        "Sin duplicidades funcionales pendientes en la matriz línea × desafío.",
        False,
        "no_duplications",
    ),
    Criterion(
        "3.lineas",
        3,
        "Cada una de las cinco líneas de trabajo tiene al menos una solución publicada.",
        True,
        "every_line_has_solution",
    ),
    Criterion("3.modelos", 3, "Modelos de servicio diferenciados por tipología comunal.", False, "service_models"),
    Criterion("4.actores", 4, "Al menos un convenio firmado con cada tipo de actor.", True, "agreements_each_actor"),
    Criterion(
        "4.mesas",
        4,
        "Al menos una mesa técnica activa con sesión en los últimos 12 meses.",
        True,
        "working_group_recent",
    ),
    Criterion("4.proyectos", 4, "Al menos un proyecto colaborativo en ejecución.", False, "project_running"),
    Criterion(
        "5.calidad",
        5,
        "Al menos una solución publicada aprobada en todos los criterios de calidad activos.",
        True,
        "quality_approved_solution",
    ),
    Criterion(
        "5.desafios",
        5,
        "Cada desafío prioritario tiene al menos una solución publicada.",
        False,
        "every_challenge_has_solution",
    ),
    Criterion(
        "6.preregistro",
        6,
        "Al menos un piloto cerrado con indicadores de resultado pre-registrados.",
        True,
        "preregistered_pilot",
    ),
    Criterion("6.tipologias", 6, "Pilotos en las cuatro tipologías comunales.", False, "pilots_all_typologies"),
    Criterion("7.replicaciones", 7, "Replicaciones implementadas en al menos tres comunas.", True, "replications"),
    Criterion(
        "7.tipologias", 7, "Replicaciones en las cuatro tipologías comunales.", False, "replications_all_typologies"
    ),
    Criterion(
        "8.periodo", 8, "Los cuatro indicadores calculados con al menos un periodo cerrado.", True, "period_closed"
    ),
    Criterion("8.memoria", 8, "Memoria anual publicada desde una instantánea congelada.", False, "annual_report"),
]

CRITERIA_BY_CODE = {c.code: c for c in CRITERIA}


def criteria_for(stage: int) -> list[Criterion]:
    return [c for c in CRITERIA if c.stage == stage]


def evaluate(criterion: Criterion, evidence: Evidence) -> dict:
    if criterion.check:
        result = getattr(evidence, criterion.check)()
        return {
            "code": criterion.code,
            "text": criterion.text,
            "required": criterion.required,
            "manual": False,
            "met": result.met,
            "detail": result.detail,
            "url": result.url,
        }
    att = evidence.attestations.get(criterion.code)
    if att is None:
        detail, met, url = _("Requiere una constancia con su documento."), False, ""
    else:
        detail = _("Constancia del {d}: {n}").format(
            d=att.created_at.strftime("%d-%m-%Y"), n=att.note or att.document_url
        )
        met, url = att.met, att.document_url
    return {
        "code": criterion.code,
        "text": criterion.text,
        "required": criterion.required,
        "manual": True,
        "met": met,
        "detail": detail,
        "url": url,
    }
