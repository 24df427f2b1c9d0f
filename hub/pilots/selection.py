"""Selection of pilot comunas: reproducible stratified draw, balance table and comparison suggestions.

The draw sorts the candidates by CUT, groups them by typology in the document's order and samples each
group with ``random.Random(seed)``: the same seed and candidate list always give the same comunas. The
candidate list is fingerprinted (SHA-256 of the sorted CUTs and the quotas) so a reproduction can check it
used the same input.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hub.observatory.models import Observation
from hub.observatory.similar import similar_comunas
from hub.territory.models import Comuna, Typology

from .models import TYPOLOGY_ORDER

SMD_FLAG = 0.25
BALANCE_INDICATORS = [
    ("autonomia_financiera", _("Autonomía financiera (SINIM)")),
    ("dependencia_fcm", _("Dependencia del FCM (SINIM)")),
]


def default_quotas() -> dict[str, int]:
    return {t: 1 for t in TYPOLOGY_ORDER}


def candidates_fingerprint(cuts: list[str], quotas: dict[str, int]) -> str:
    payload = json.dumps({"candidatas": sorted(cuts), "cuotas": quotas}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def stratified_draw(candidates: list[tuple[str, str]], quotas: dict[str, int], seed: int) -> list[str]:
    """candidates: (cut, typology). Returns the drawn CUTs, sorted. Refuses when a quota cannot be met."""
    by_typology: dict[str, list[str]] = {}
    for cut, typology in sorted(candidates):
        by_typology.setdefault(typology, []).append(cut)
    short = [
        f"{Typology(t).label} ({n} pedidas, {len(by_typology.get(t, []))} candidatas)"
        for t, n in sorted(quotas.items(), key=lambda item: TYPOLOGY_ORDER.index(item[0]))
        if n > len(by_typology.get(t, []))
    ]
    if short:
        raise ValidationError(
            _("No hay suficientes candidatas para cumplir las cuotas: %(s)s. Agregue candidatas o baje la cuota.")
            % {"s": "; ".join(short)}
        )
    rng = random.Random(seed)
    drawn: list[str] = []
    for typology in TYPOLOGY_ORDER:
        quota = quotas.get(typology, 0)
        if quota:
            drawn.extend(rng.sample(by_typology[typology], quota))
    return sorted(drawn)


@dataclass
class BalanceRow:
    label: str
    mean_selected: float | None
    mean_rest: float | None
    smd: float | None

    @property
    def flagged(self) -> bool:
        return self.smd is not None and abs(self.smd) > SMD_FLAG


def _mean_sd(values: list[float]) -> tuple[float | None, float]:
    if not values:
        return None, 0.0
    mean = sum(values) / len(values)
    if len(values) < 2:
        return mean, 0.0
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def smd(group_a: list[float], group_b: list[float]) -> float | None:
    """Standardised mean difference with the pooled SD of the two groups (None when undefined)."""
    mean_a, sd_a = _mean_sd(group_a)
    mean_b, sd_b = _mean_sd(group_b)
    if mean_a is None or mean_b is None:
        return None
    pooled = math.sqrt((sd_a ** 2 + sd_b ** 2) / 2)
    if pooled == 0:
        return 0.0 if mean_a == mean_b else None
    return (mean_a - mean_b) / pooled


def _baseline_values(codes: list[str], cuts: set[str], periods: list[str]) -> dict[str, dict[str, float]]:
    """{code: {cut: mean over the given periods (or the latest period when none given)}} in one query."""
    rows = Observation.objects.filter(indicator__code__in=codes, comuna_id__in=cuts, dimension="")
    if periods:
        rows = rows.filter(period__in=periods)
    collected: dict[str, dict[str, list[tuple[str, float]]]] = {}
    for code, cut, period, value in rows.values_list("indicator__code", "comuna_id", "period", "value"):
        collected.setdefault(code, {}).setdefault(cut, []).append((period, value))
    result: dict[str, dict[str, float]] = {}
    for code, per_cut in collected.items():
        result[code] = {}
        for cut, items in per_cut.items():
            if periods:
                result[code][cut] = sum(v for _p, v in items) / len(items)
            else:
                result[code][cut] = max(items)[1]
    return result


def balance_table(selected: list[str], rest: list[str], *, outcomes: list[tuple[str, str]] = (),
                  baseline: list[str] = ()) -> list[BalanceRow]:
    """Census (population, households), finance and baseline outcomes, selected vs rest, with SMD."""
    cuts = set(selected) | set(rest)
    census = {c.cut: c for c in Comuna.objects.filter(cut__in=cuts).only("cut", "population_2024", "households_2024")}
    rows = []
    for attr, label in (("population_2024", _("Población (Censo 2024)")), ("households_2024",
                                                                           _("Hogares (Censo 2024)"))):
        a = [getattr(census[c], attr) for c in selected if c in census and getattr(census[c], attr)]
        b = [getattr(census[c], attr) for c in rest if c in census and getattr(census[c], attr)]
        rows.append(BalanceRow(label, _mean_sd(a)[0], _mean_sd(b)[0], smd(a, b)))
    finance = _baseline_values([code for code, _l in BALANCE_INDICATORS], cuts, [])
    outcome_values = _baseline_values([code for code, _l in outcomes], cuts, list(baseline)) if outcomes else {}
    for code, label, source in [*[(c, lbl, finance) for c, lbl in BALANCE_INDICATORS],
                                *[(c, lbl, outcome_values) for c, lbl in outcomes]]:
        per_cut = source.get(code, {})
        a = [per_cut[c] for c in selected if c in per_cut]
        b = [per_cut[c] for c in rest if c in per_cut]
        rows.append(BalanceRow(str(label), _mean_sd(a)[0], _mean_sd(b)[0], smd(a, b)))
    return rows


def suggest_comparison(selected: list[str], *, exclude: set[str], per_unit: int = 3) -> list[str]:
    """Similar untreated comunas of the same typology as each pilot comuna (observatory similar-comunas)."""
    typologies = dict(Comuna.objects.filter(cut__in=selected).values_list("cut", "typology"))
    all_typologies = dict(Comuna.objects.values_list("cut", "typology"))
    chosen: list[str] = []
    taken = set(exclude) | set(selected)
    for cut in sorted(selected):
        picked = 0
        for neighbour in similar_comunas(cut, k=40):
            if picked >= per_unit:
                break
            if neighbour.cut in taken or all_typologies.get(neighbour.cut) != typologies.get(cut):
                continue
            chosen.append(neighbour.cut)
            taken.add(neighbour.cut)
            picked += 1
    return sorted(chosen)
