"""Similar comunas: k nearest neighbours on standardised census and municipal-finance features.

Plain Python (346 rows × 8 features needs no numpy). Features are z-scores over the comunas that have
them; the distance between two comunas uses only the features both have, rescaled to the full feature
count, and a pair sharing fewer than half the features is not compared. The standardised table is cached
and keyed by a fingerprint of the observations it reads, so a new import invalidates it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hub.territory.models import Comuna

from .models import Observation
from .selectors import cached

K = 8

# (key, label shown on screen, where it comes from)
FEATURES = [
    ("log_poblacion", _("Población 2024 (escala logarítmica)"), "census"),
    ("personas_hogar", _("Personas por hogar"), "census"),
    ("pct_65_mas", _("Porcentaje de población de 65 años o más"), "census"),
    ("pct_0_14", _("Porcentaje de población de 0 a 14 años"), "census"),
    ("autonomia_financiera", _("Autonomía financiera"), "indicator"),
    ("dependencia_fcm", _("Dependencia del Fondo Común Municipal"), "indicator"),
    ("inversion_por_habitante", _("Inversión municipal por habitante"), "indicator"),
    ("pobreza_multidimensional", _("Pobreza multidimensional"), "indicator"),
]
INDICATOR_FEATURES = [key for key, _label, origin in FEATURES if origin == "indicator"]


@dataclass(frozen=True)
class Neighbour:
    cut: str
    name: str
    region: str
    distance: float
    shared_features: int


def _census_shares() -> dict[str, tuple[float | None, float | None]]:
    from hub.territory.sources import SourceError, census_by_cut

    try:
        rows = census_by_cut(Path(settings.HUB_DATA_DIR))
    except SourceError:
        return {}
    shares = {}
    for cut, row in rows.items():
        total = row.get("poblacion_censada") or 0
        if total > 0:
            shares[cut] = (
                100 * (row.get("poblacion_65_mas") or 0) / total,
                100 * (row.get("poblacion_0_14") or 0) / total,
            )
    return shares


def _raw_table() -> tuple[dict[str, dict[str, float | None]], dict[str, tuple[str, str]]]:
    shares = _census_shares()
    table: dict[str, dict[str, float | None]] = {}
    names: dict[str, tuple[str, str]] = {}
    for cut, name, region, population, households in Comuna.objects.values_list(
        "cut", "name", "region__name", "population_2024", "households_2024"
    ):
        names[cut] = (name, region)
        share_65, share_0_14 = shares.get(cut, (None, None))
        table[cut] = {
            "log_poblacion": math.log(population) if population else None,
            "personas_hogar": population / households if population and households else None,
            "pct_65_mas": share_65,
            "pct_0_14": share_0_14,
        }
    latest: dict[tuple[str, str], str] = {}
    for code, cut, period, value in Observation.objects.filter(
        indicator__code__in=INDICATOR_FEATURES, dimension=""
    ).values_list("indicator__code", "comuna_id", "period", "value"):
        if cut in table and period >= latest.get((code, cut), ""):
            table[cut][code] = value
            latest[(code, cut)] = period
    return table, names


def _standardise(table: dict[str, dict[str, float | None]]) -> dict[str, dict[str, float]]:
    z: dict[str, dict[str, float]] = {cut: {} for cut in table}
    for key, _label, _origin in FEATURES:
        present = [(cut, row[key]) for cut, row in table.items() if row.get(key) is not None]
        if len(present) < 2:
            continue
        mean = sum(v for _c, v in present) / len(present)
        sd = math.sqrt(sum((v - mean) ** 2 for _c, v in present) / (len(present) - 1))
        if sd == 0:
            continue
        for cut, value in present:
            z[cut][key] = (value - mean) / sd
    return z


def feature_table() -> dict:
    """Cached {"z": {cut: {feature: z}}, "names": {cut: (name, region)}, "raw": ...}."""
    def compute() -> dict:
        raw, names = _raw_table()
        return {"z": _standardise(raw), "names": names, "raw": raw}

    return cached("similar", "v1", compute=compute)


def similar_comunas(cut: str, k: int = K) -> list[Neighbour]:
    data = feature_table()
    z = data["z"]
    mine = z.get(cut)
    if not mine:
        return []
    total = len(FEATURES)
    scored = []
    for other, features in z.items():
        if other == cut:
            continue
        shared = [key for key in mine if key in features]
        if len(shared) * 2 < total:
            continue
        squared = sum((mine[key] - features[key]) ** 2 for key in shared)
        distance = math.sqrt(squared * total / len(shared))
        name, region = data["names"][other]
        scored.append(Neighbour(other, name, region, round(distance, 3), len(shared)))
    scored.sort(key=lambda n: (n.distance, n.cut))
    return scored[:k]


def features_used(cut: str | None = None) -> list[dict]:
    """The features on screen: label, and for a comuna its raw value (None when missing)."""
    raw = feature_table()["raw"].get(cut, {}) if cut else {}
    return [{"key": key, "label": label, "value": raw.get(key)} for key, label, _origin in FEATURES]
