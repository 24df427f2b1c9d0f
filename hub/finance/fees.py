"""The fee rule, as a pure function of a scale and the population/typology it froze (reproducible for any year).

Formula scale:  fee = clamp(round_half_up((base + rate × population) × factor(typology)), minimum, maximum)
Band scale:     fee = clamp(round_half_up(band_fee(population) × factor(typology)), minimum, maximum)
                where band_fee is the fee of the first band whose "hasta habitantes" ≥ population
                (the open band, without an upper limit, catches the rest).
The typology factor is 1 when the scale sets none. Minimum and maximum bound the final fee (a factor never
pushes a fee below the minimum). Decimal arithmetic, never floats; the result is whole pesos.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


@dataclass
class ScaleRule:
    """A scale's parameters, detached from the database so the simulator can evaluate a proposal."""

    kind: str = "formula"
    base_clp: int = 0
    rate_per_inhabitant: Decimal = Decimal("0")
    minimum_clp: int = 0
    maximum_clp: int | None = None
    bands: list[tuple[int | None, int]] = field(default_factory=list)  # (up_to_population or None, fee)
    factors: dict[str, Decimal] = field(default_factory=dict)

    @classmethod
    def from_scale(cls, scale) -> ScaleRule:
        return cls(
            kind=scale.kind,
            base_clp=scale.base_clp,
            rate_per_inhabitant=scale.rate_per_inhabitant,
            minimum_clp=scale.minimum_clp,
            maximum_clp=scale.maximum_clp,
            bands=[(b.up_to_population, b.fee_clp) for b in scale.bands.all()],
            factors={f.typology: f.factor for f in scale.factors.all()},
        )


def _band_fee(bands: list[tuple[int | None, int]], population: int) -> int:
    ordered = sorted(bands, key=lambda b: (b[0] is None, b[0] or 0))
    for up_to, fee in ordered:
        if up_to is None or population <= up_to:
            return fee
    return ordered[-1][1] if ordered else 0


def compute_fee(rule: ScaleRule, population: int, typology: str = "") -> int:
    if rule.kind == "tramos":
        raw = Decimal(_band_fee(rule.bands, population))
    else:
        raw = Decimal(rule.base_clp) + Decimal(rule.rate_per_inhabitant) * Decimal(population)
    factor = Decimal(rule.factors.get(typology, Decimal("1")))
    fee = int((raw * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    fee = max(fee, rule.minimum_clp)
    if rule.maximum_clp is not None:
        fee = min(fee, rule.maximum_clp)
    return fee
