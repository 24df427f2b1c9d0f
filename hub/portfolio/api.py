"""Open data of the portfolio: reference lists, published solutions, library metadata, ecosystem."""

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hub.core.api_params import id_path
from hub.core.pagination import Pagination200
from hub.core.taxonomy import CHALLENGE_DESCRIPTIONS, Challenge, SolutionKind, WorkLine
from hub.territory.models import Typology

from . import ecosystem, selectors
from .models import EcosystemUnit, LibraryKind, SubTheme
from .search import library_search

router = Router(tags=["Portafolio"])


class Mapped:
    """A queryset seen through a serialiser: the paginator slices and counts it lazily in SQL."""

    def __init__(self, queryset, fn):
        self.queryset, self.fn = queryset, fn

    def all(self):
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, key):
        return [self.fn(obj) for obj in self.queryset[key]]


class ChoiceOut(Schema):
    code: str
    label: str


class ChallengeOut(ChoiceOut):
    description: str
    subthemes: list[str]


class ServiceModelOut(Schema):
    typology: str
    typology_label: str
    description: str


class SolutionOut(Schema):
    id: int
    title: str
    summary: str
    description: str
    work_line: str
    challenge: str
    kind: str
    subtheme: str | None
    owner_unit: str
    typologies: list[str]
    service_models: list[ServiceModelOut]
    published_at: str | None
    is_demo: bool


class LibraryItemOut(Schema):
    id: int
    title: str
    kind: str
    summary: str
    authors: str
    year: int
    work_line: str
    challenge: str
    comunas: list[str]
    regions: list[str]
    licence: str
    is_premium: bool
    file_url: str | None = Field(None, description="Solo para documentos no premium con archivo.")
    rank: float | None = None
    is_demo: bool


class ProductOut(Schema):
    name: str
    kind: str
    work_line: str
    challenge: str


class RelationOut(Schema):
    kind: str
    kind_label: str
    target: str


class UnitOut(Schema):
    slug: str
    name: str
    short_name: str
    mission: str
    responsible: str
    governance_decision: str
    governance_prioritization: str
    governance_coordination: str
    products: list[ProductOut]
    relations: list[RelationOut]
    is_demo: bool


class CellOut(Schema):
    work_line: str
    challenge: str
    units: list[str]
    solutions: list[int]
    is_gap: bool
    duplicated: bool


class DuplicationOut(Schema):
    work_line: str
    challenge: str
    kind: str
    units: list[str]


class SynergyOut(Schema):
    challenge: str
    units: list[str]


class MatrixOut(Schema):
    cells: list[CellOut]
    duplications: list[DuplicationOut]
    synergies: list[SynergyOut]
    gaps: int


def _solution_out(s) -> dict:
    return {
        "id": s.pk,
        "title": s.title,
        "summary": s.summary,
        "description": s.description,
        "work_line": s.work_line,
        "challenge": s.challenge,
        "kind": s.kind,
        "subtheme": s.subtheme.name if s.subtheme_id else None,
        "owner_unit": s.owner_unit.slug,
        "typologies": [m.typology for m in s.service_models.all()],
        "service_models": [
            {"typology": m.typology, "typology_label": str(m.get_typology_display()), "description": m.description}
            for m in s.service_models.all()
        ],
        "published_at": s.published_at.isoformat() if s.published_at else None,
        "is_demo": s.is_demo,
    }


@router.get("/work-lines", response=list[ChoiceOut], summary="Las cinco líneas de trabajo")
def list_work_lines(request):
    return [{"code": c, "label": str(label)} for c, label in WorkLine.choices]


@router.get("/challenges", response=list[ChallengeOut], summary="Los cinco desafíos prioritarios y sus subtemas")
def list_challenges(request):
    subthemes: dict[str, list[str]] = {}
    for st in SubTheme.objects.all():
        subthemes.setdefault(st.challenge, []).append(st.name)
    return [
        {
            "code": c.value,
            "label": str(c.label),
            "description": str(CHALLENGE_DESCRIPTIONS[c]),
            "subthemes": subthemes.get(c.value, []),
        }
        for c in Challenge
    ]


@router.get("/solutions", response=list[SolutionOut], summary="Soluciones publicadas")
@paginate(Pagination200)
def list_solutions(
    request,
    work_line: WorkLine | None = None,
    challenge: Challenge | None = None,
    kind: SolutionKind | None = None,
    typology: Typology | None = None,
):
    filters = {"work_line": work_line, "challenge": challenge, "kind": kind, "typology": typology}
    qs = selectors.solution_catalogue(filters={k: v.value for k, v in filters.items() if v})
    return Mapped(qs, _solution_out)


@router.get("/solutions/{solution_id}", response=SolutionOut, summary="Una solución publicada")
def get_solution(request, solution_id: int = id_path()):
    # The public API never reveals drafts, even to staff sessions: same rule for everyone.
    solution = selectors.solution_catalogue(filters={}).filter(pk=solution_id).first()
    if solution is None:
        raise Http404("No existe una solución publicada con ese número.")
    return _solution_out(solution)


@router.get("/library", response=list[LibraryItemOut], summary="Biblioteca: búsqueda por relevancia")
@paginate(Pagination200)
def list_library_items(
    request,
    q: str = Query("", max_length=200),
    work_line: WorkLine | None = None,
    challenge: Challenge | None = None,
    kind: LibraryKind | None = None,
    typology: Typology | None = None,
    year: int | None = Query(None, ge=1900, le=2100),
):
    filters = {"work_line": work_line, "challenge": challenge, "kind": kind, "typology": typology}
    filters = {k: v.value for k, v in filters.items() if v}
    if year:
        filters["year"] = year
    result = library_search(q, filters)
    return Mapped(result.items.prefetch_related("comunas", "regions"), lambda i: _library_out(request, i))


def _library_out(request, i) -> dict:
    return {
        "id": i.pk,
        "title": i.title,
        "kind": i.kind,
        "summary": i.summary,
        "authors": i.authors,
        "year": i.year,
        "work_line": i.work_line,
        "challenge": i.challenge,
        "comunas": [c.cut for c in i.comunas.all()],
        "regions": [r.code for r in i.regions.all()],
        "licence": i.licence,
        "is_premium": i.is_premium,
        "file_url": request.build_absolute_uri(i.download_url) if i.file and not i.is_premium else None,
        "rank": getattr(i, "rank", None),
        "is_demo": i.is_demo,
    }


@router.get("/units", response=list[UnitOut], summary="Unidades integradas del ecosistema")
def list_units(request):
    units = EcosystemUnit.objects.prefetch_related("products", "relations_out__target")
    return [
        {
            **{f: getattr(u, f) for f in ("slug", "name", "short_name", "mission", "responsible",
                                          "governance_decision", "governance_prioritization",
                                          "governance_coordination", "is_demo")},
            "products": [
                {"name": p.name, "kind": p.kind, "work_line": p.work_line, "challenge": p.challenge}
                for p in u.products.all()
            ],
            "relations": [
                {"kind": r.kind, "kind_label": str(r.get_kind_display()), "target": r.target.slug}
                for r in u.relations_out.all()
            ],
        }
        for u in units
    ]


@router.get(
    "/ecosystem/matrix", response=MatrixOut, summary="Matriz línea × desafío con duplicidades, vacíos y sinergias"
)
def ecosystem_matrix(request):
    m = ecosystem.ecosystem_matrix()
    return {
        "cells": [
            {
                "work_line": c.work_line,
                "challenge": c.challenge,
                "units": [u.slug for u in c.units],
                "solutions": [s.pk for s in c.solutions],
                "is_gap": c.is_gap,
                "duplicated": c.duplicated,
            }
            for _, row in m.rows
            for c in row
        ],
        "duplications": [
            {"work_line": d.work_line, "challenge": d.challenge, "kind": d.kind, "units": [u.slug for u in d.units]}
            for d in m.duplications
        ],
        "synergies": [{"challenge": s.challenge, "units": [s.unit_a.slug, s.unit_b.slug]} for s in m.synergies],
        "gaps": len(m.gaps),
    }
