"""Similar comunas: k nearest neighbours on robustly scaled census, finance and poverty features.

Plain Python (346 rows × 8 features needs no numpy). Robust scaling: each feature becomes
(value − median) ÷ IQR (interquartile range; the median absolute deviation when the IQR is 0), clipped to
±3, so one extreme value (Colchane's investment per inhabitant is many times the next) cannot dominate the
distance. A comuna missing more than half the features is left out (it has no neighbours and is no one's
neighbour); the distance between two comunas uses only the features both have, rescaled to the full feature
count, and the number of features behind each match is shown. The table is cached with the data version.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from hub.territory.datafiles import read_json, resolve
from hub.territory.models import Comuna

from .models import Observation
from .selectors import cached

K = 8
CLIP = 3.0
CENSUS_FILE = "territory/censo2024_comunal.json"
HOUSEHOLDS_FILE = "territory/censo2024_hogares_viviendas.json"

CENSUS = _("INE, Censo de Población y Vivienda 2024 (CC BY 4.0)")
SINIM_2024 = _("SINIM, SUBDERE, 2024")
MDS_2022 = _("Observatorio Social, Ministerio de Desarrollo Social y Familia, 2022")

# (key, label shown on screen, where it comes from, source and year)
FEATURES = [
    ("log_poblacion", _("Población 2024 (escala logarítmica)"), "census", CENSUS),
    ("personas_hogar", _("Personas por hogar"), "census", CENSUS),
    ("pct_65_mas", _("Porcentaje de población de 65 años o más"), "census", CENSUS),
    ("pct_0_14", _("Porcentaje de población de 0 a 14 años"), "census", CENSUS),
    ("autonomia_financiera", _("Autonomía financiera"), "indicator", SINIM_2024),
    ("dependencia_fcm", _("Dependencia del Fondo Común Municipal"), "indicator", SINIM_2024),
    ("inversion_por_habitante", _("Inversión municipal por habitante"), "indicator", SINIM_2024),
    ("pobreza_multidimensional", _("Pobreza multidimensional"), "indicator", MDS_2022),
]
INDICATOR_FEATURES = [key for key, _label, origin, _source in FEATURES if origin == "indicator"]


@dataclass(frozen=True)
class Neighbour:
    cut: str
    name: str
    region: str
    distance: float
    shared_features: int


def _census() -> dict[str, dict[str, float]]:
    """{cut: {pct_65_mas, pct_0_14, personas_hogar}} from the census files (the household file's own field)."""
    out: dict[str, dict[str, float]] = {}
    for relative, reader in ((CENSUS_FILE, _shares), (HOUSEHOLDS_FILE, _households)):
        path = resolve(relative)
        try:
            rows = read_json(path) if path else []
        except (OSError, EOFError, ValueError):
            rows = []
        for row in rows if isinstance(rows, list) else []:
            values = reader(row)
            if values:
                out.setdefault(str(row.get("codigo_comuna", "")).zfill(5), {}).update(values)
    return out


def _shares(row: dict) -> dict[str, float]:
    total = row.get("poblacion_censada") or 0
    if total <= 0:
        return {}
    return {
        "pct_65_mas": 100 * (row.get("poblacion_65_mas") or 0) / total,
        "pct_0_14": 100 * (row.get("poblacion_0_14") or 0) / total,
    }


def _households(row: dict) -> dict[str, float]:
    value = row.get("promedio_personas_hogar")
    return {"personas_hogar": float(value)} if isinstance(value, (int, float)) and value > 0 else {}


def _raw_table() -> tuple[dict[str, dict[str, float | None]], dict[str, tuple[str, str]]]:
    census = _census()
    table: dict[str, dict[str, float | None]] = {}
    names: dict[str, tuple[str, str]] = {}
    for cut, name, region, population, households in Comuna.objects.values_list(
        "cut", "name", "region__name", "population_2024", "households_2024"
    ):
        names[cut] = (name, region)
        mine = census.get(cut, {})
        fallback = population / households if population and households else None
        table[cut] = {
            "log_poblacion": math.log(population) if population else None,
            "personas_hogar": mine.get("personas_hogar", fallback),
            "pct_65_mas": mine.get("pct_65_mas"),
            "pct_0_14": mine.get("pct_0_14"),
        }
    latest: dict[tuple[str, str], str] = {}
    for code, cut, period, value in Observation.objects.filter(
        indicator__code__in=INDICATOR_FEATURES, dimension="", flag=""
    ).values_list("indicator__code", "comuna_id", "period", "value"):
        if cut in table and period >= latest.get((code, cut), ""):
            table[cut][code] = value
            latest[(code, cut)] = period
    return table, names


def _quantile(values: list[float], q: float) -> float:
    position = (len(values) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def _robust_scale(table: dict[str, dict[str, float | None]]) -> dict[str, dict[str, float]]:
    """(value − median) ÷ IQR per feature, clipped to ±CLIP; comunas missing more than half the features out."""
    scaled: dict[str, dict[str, float]] = {cut: {} for cut in table}
    for key, _label, _origin, _source in FEATURES:
        present = [(cut, row[key]) for cut, row in table.items() if row.get(key) is not None]
        if len(present) < 2:
            continue
        ordered = sorted(v for _c, v in present)
        median = statistics.median(ordered)
        spread = _quantile(ordered, 0.75) - _quantile(ordered, 0.25)
        if spread == 0:
            spread = statistics.median(abs(v - median) for v in ordered) * 1.4826
        if spread == 0:
            continue
        for cut, value in present:
            scaled[cut][key] = max(-CLIP, min(CLIP, (value - median) / spread))
    total = len(FEATURES)
    return {cut: values for cut, values in scaled.items() if len(values) * 2 >= total}


def feature_table() -> dict:
    """Cached {"z": {cut: {feature: scaled}}, "names": {cut: (name, region)}, "raw": ...}."""

    def compute() -> dict:
        raw, names = _raw_table()
        return {"z": _robust_scale(raw), "names": names, "raw": raw}

    return cached("similar", "v2", compute=compute)


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


def is_excluded(cut: str) -> bool:
    """True when the comuna has too few features to be compared (more than half missing)."""
    data = feature_table()
    return cut in data["raw"] and cut not in data["z"]


def features_used(cut: str | None = None) -> list[dict]:
    """The features on screen: label, source with year, and for a comuna its raw value (None when missing)."""
    raw = feature_table()["raw"].get(cut, {}) if cut else {}
    return [
        {"key": key, "label": label, "source": source, "value": raw.get(key)}
        for key, label, _origin, source in FEATURES
    ]
