"""The map of integrated units (stage 2): matrix, computed flags and the diagram geometry.

Duplications, gaps and synergies are computed from the units' products, never typed by anyone.
"""

import math
from dataclasses import dataclass, field
from itertools import combinations

from hub.core.taxonomy import Challenge, SolutionKind, WorkLine

from .models import EcosystemUnit, RelationKind, Solution, SolutionStatus, UnitProduct, UnitRelation


@dataclass
class Cell:
    work_line: str
    challenge: str
    units: list = field(default_factory=list)  # EcosystemUnit, distinct, by name
    products: list = field(default_factory=list)
    solutions: list = field(default_factory=list)
    duplicated: bool = False

    @property
    def is_gap(self) -> bool:
        return not self.units and not self.solutions

    @property
    def work_line_label(self) -> str:
        return WorkLine(self.work_line).label

    @property
    def challenge_label(self) -> str:
        return Challenge(self.challenge).label


@dataclass
class Duplication:
    work_line: str
    challenge: str
    kind: str
    units: list

    @property
    def labels(self) -> dict:
        return {
            "work_line": WorkLine(self.work_line).label,
            "challenge": Challenge(self.challenge).label,
            "kind": SolutionKind(self.kind).label,
        }


@dataclass
class Synergy:
    challenge: str
    unit_a: EcosystemUnit
    unit_b: EcosystemUnit
    lines_a: list
    lines_b: list

    @property
    def challenge_label(self) -> str:
        return Challenge(self.challenge).label


@dataclass
class Matrix:
    rows: list  # [(WorkLine, [Cell per challenge])]
    challenges: list
    duplications: list
    gaps: list
    synergies: list


def _products() -> list[UnitProduct]:
    return list(UnitProduct.objects.select_related("unit").order_by("unit__name", "name"))


def find_duplications(products: list[UnitProduct]) -> list[Duplication]:
    """Two or more units offering the same kind of product for the same challenge and work line."""
    groups: dict[tuple, dict] = {}
    for p in products:
        groups.setdefault((p.work_line, p.challenge, p.kind), {})[p.unit_id] = p.unit
    return [
        Duplication(line, challenge, kind, sorted(units.values(), key=lambda u: u.name))
        for (line, challenge, kind), units in sorted(groups.items())
        if len(units) >= 2
    ]


def find_synergies(products: list[UnitProduct]) -> list[Synergy]:
    """Units working on the same challenge from complementary lines (one brings a line the other lacks)."""
    lines: dict[str, dict[int, set]] = {}
    units: dict[int, EcosystemUnit] = {}
    for p in products:
        lines.setdefault(p.challenge, {}).setdefault(p.unit_id, set()).add(p.work_line)
        units[p.unit_id] = p.unit
    found = []
    for challenge in Challenge.values:
        per_unit = lines.get(challenge, {})
        ordered = sorted(per_unit, key=lambda uid: units[uid].name)
        for a, b in combinations(ordered, 2):
            if per_unit[a] != per_unit[b]:
                found.append(
                    Synergy(
                        challenge,
                        units[a],
                        units[b],
                        [WorkLine(x).label for x in sorted(per_unit[a])],
                        [WorkLine(x).label for x in sorted(per_unit[b])],
                    )
                )
    return found


def ecosystem_matrix(*, include_unpublished: bool = False) -> Matrix:
    products = _products()
    solutions = Solution.objects.select_related("owner_unit").order_by("title")
    if not include_unpublished:
        solutions = solutions.filter(status=SolutionStatus.PUBLISHED)
    cells = {(line, ch): Cell(line, ch) for line in WorkLine.values for ch in Challenge.values}
    for p in products:
        cell = cells[(p.work_line, p.challenge)]
        cell.products.append(p)
        if p.unit not in cell.units:
            cell.units.append(p.unit)
    for s in solutions:
        cells[(s.work_line, s.challenge)].solutions.append(s)
    duplications = find_duplications(products)
    for d in duplications:
        cells[(d.work_line, d.challenge)].duplicated = True
    rows = [(line, [cells[(line.value, ch.value)] for ch in Challenge]) for line in WorkLine]
    gaps = [cell for _, row in rows for cell in row if cell.is_gap]
    return Matrix(rows, list(Challenge), duplications, gaps, find_synergies(products))


# --- Diagram: circle layout, computed on the server, drawn as plain SVG ------------------------------------

RELATION_COLORS = {
    RelationKind.PROVIDES_DATA: "#1c7ed6",
    RelationKind.COORDINATES: "#2b8a3e",
    RelationKind.COPRODUCES: "#ae3ec9",
}


@dataclass
class Node:
    unit: EcosystemUnit
    x: float
    y: float
    lines: list  # [(text, y)] the label broken in up to two lines that fit inside the circle


@dataclass
class Edge:
    relation: UnitRelation
    x1: float
    y1: float
    x2: float
    y2: float
    lx: float
    ly: float
    color: str
    marker: str


def _label_lines(label: str, y: float) -> list[tuple[str, float]]:
    words = label.split()
    if len(words) < 2 or len(label) <= 10:
        return [(label, round(y + 4, 1))]
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return [(" ".join(words[:best]), round(y - 3, 1)), (" ".join(words[best:]), round(y + 12, 1))]


def ecosystem_diagram(size: int = 720, node_radius: int = 52) -> dict:
    units = list(EcosystemUnit.objects.order_by("name"))
    relations = list(UnitRelation.objects.select_related("source", "target"))
    center = size / 2
    ring = center - node_radius - 40
    nodes: dict[int, Node] = {}
    for i, unit in enumerate(units):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(units), 1)
        x, y = center + ring * math.cos(angle), center + ring * math.sin(angle)
        nodes[unit.pk] = Node(unit, round(x, 1), round(y, 1), _label_lines(unit.label, y))
    edges = []
    pair_total: dict[frozenset, int] = {}
    for rel in relations:
        key = frozenset((rel.source_id, rel.target_id))
        pair_total[key] = pair_total.get(key, 0) + 1
    pair_seen: dict[frozenset, int] = {}
    for rel in relations:
        a, b = nodes[rel.source_id], nodes[rel.target_id]
        dx, dy = b.x - a.x, b.y - a.y
        dist = math.hypot(dx, dy) or 1
        ux, uy = dx / dist, dy / dist
        # Several relations between the same pair are drawn side by side, not on top of each other; the
        # perpendicular comes from a fixed direction (lower id first) so opposite arrows separate too.
        key = frozenset((rel.source_id, rel.target_id))
        n, total = pair_seen.get(key, 0), pair_total[key]
        pair_seen[key] = n + 1
        sign = 1 if rel.source_id < rel.target_id else -1
        px, py = -uy * sign, ux * sign
        offset = (n - (total - 1) / 2) * 18
        ox, oy = px * offset, py * offset
        start = (a.x + ux * node_radius + ox, a.y + uy * node_radius + oy)
        end = (b.x - ux * (node_radius + 6) + ox, b.y - uy * (node_radius + 6) + oy)
        # Labels sit beside their own line, on the outer side when lines are paired.
        side = (1 if offset >= 0 else -1) * 10
        edges.append(
            Edge(
                rel,
                *(round(v, 1) for v in (*start, *end)),
                lx=round((start[0] + end[0]) / 2 + px * side, 1),
                ly=round((start[1] + end[1]) / 2 + py * side + 4, 1),
                color=RELATION_COLORS[rel.kind],
                marker=f"arrow-{rel.kind}",
            )
        )
    legend = [(kind, kind.label, RELATION_COLORS[kind]) for kind in RelationKind]
    return {
        "size": size,
        "radius": node_radius,
        "nodes": list(nodes.values()),
        "edges": edges,
        "legend": legend,
    }
