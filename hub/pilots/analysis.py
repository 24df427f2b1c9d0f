"""Outcome estimation on observatory panels: difference-in-differences (statsmodels) and synthetic control (pysyncon).

DiD is the two-way fixed-effects regression y_it = a_i + g_t + b·D_it + e_it with D_it = treated × post, with
standard errors clustered by comuna and t-based inference with G-1 degrees of freedom (few clusters). The
pre-trend check regresses the baseline periods on unit and period effects plus a treated-specific linear
trend; a differential trend with p < 0.10 is flagged. Missing data: complete cases (a comuna without a value
in every registered period is left out, and listed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

PRETREND_ALPHA = 0.10
DID_ASSUMPTIONS = [
    _("Tendencias paralelas: sin el piloto, las comunas piloto habrían evolucionado como las de comparación."),
    _("Sin anticipación: el indicador no cambia en las comunas piloto antes del inicio de la intervención."),
    _("Sin contagio: la intervención no afecta a las comunas de comparación."),
    _("Composición estable: se usan solo comunas con datos en todos los periodos registrados (casos completos)."),
    _("Con pocas comunas el error estándar agrupado es aproximado: se usa la t de Student con G−1 grados de libertad."),
]
SYNTH_ASSUMPTIONS = [
    _("El promedio de las comunas piloto se reproduce con una combinación convexa de las comunas de comparación "
      "durante la línea base."),
    _("La incertidumbre se mide con placebos en el espacio: cada comuna de comparación se trata como si fuera "
      "piloto; el valor p es su rango según la razón RMSPE posterior/anterior."),
]


@dataclass
class Estimate:
    estimator: str
    effect: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    details: dict = field(default_factory=dict)
    error: str = ""


def complete_panel(values: dict[tuple[str, str], float], units: list[str], periods: list[str]):
    """Keep the units with a value in every period; returns (kept units, dropped units)."""
    kept = [u for u in units if all((u, p) in values for p in periods)]
    dropped = [u for u in units if u not in kept]
    return kept, dropped


def _frame(values, units, periods, treated, post):
    import pandas as pd

    rows = []
    for index, period in enumerate(periods):
        for unit in units:
            is_treated = unit in treated
            rows.append({
                "unit": unit, "period": period, "t": float(index), "y": float(values[(unit, period)]),
                "treated": 1.0 if is_treated else 0.0,
                "d": 1.0 if is_treated and period in post else 0.0,
            })
    return pd.DataFrame(rows)


def _clustered(formula: str, frame, term: str):
    import statsmodels.formula.api as smf

    groups = frame["unit"].astype("category").cat.codes
    fit = smf.ols(formula, data=frame).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    low, high = fit.conf_int(alpha=0.05).loc[term]
    return float(fit.params[term]), float(fit.bse[term]), float(low), float(high), float(fit.pvalues[term])


def did(values: dict[tuple[str, str], float], *, treated: list[str], controls: list[str], base: list[str],
        follow: list[str]) -> Estimate:
    periods = sorted(set(base) | set(follow))
    units, dropped = complete_panel(values, sorted(set(treated) | set(controls)), periods)
    kept_treated = [u for u in units if u in treated]
    kept_controls = [u for u in units if u not in treated]
    details = {"n_treated": len(kept_treated), "n_controls": len(kept_controls), "periods": periods,
               "dropped": dropped, "assumptions": [str(a) for a in DID_ASSUMPTIONS]}
    if not kept_treated or len(kept_controls) < 2 or not base or not follow:
        return Estimate("dif_en_dif", None, details=details, error=_(
            "Faltan datos: se necesitan comunas piloto y al menos dos de comparación con valores en todos los "
            "periodos registrados."))
    frame = _frame(values, units, periods, set(kept_treated), set(follow))
    effect, se, low, high, p = _clustered("y ~ d + C(unit) + C(period)", frame, "d")
    details["se"] = se
    # Means for the 2x2 table shown next to the estimate.
    def mean(rows):
        return float(rows["y"].mean()) if len(rows) else None
    is_post = frame["period"].isin(follow)
    details["means"] = {
        "treated_pre": mean(frame[(frame.treated == 1) & ~is_post]),
        "treated_post": mean(frame[(frame.treated == 1) & is_post]),
        "control_pre": mean(frame[(frame.treated == 0) & ~is_post]),
        "control_post": mean(frame[(frame.treated == 0) & is_post]),
    }
    details["pretrend"] = pretrend(values, treated=kept_treated, controls=kept_controls, base=sorted(base))
    return Estimate("dif_en_dif", effect, low, high, p, details)


def pretrend(values, *, treated, controls, base) -> dict:
    if len(base) < 3:
        return {"checked": False, "reason": str(_("Se necesitan al menos tres periodos de línea base."))}
    frame = _frame(values, sorted(set(treated) | set(controls)), base, set(treated), set())
    slope, se, low, high, p = _clustered("y ~ treated:t + C(unit) + C(period)", frame, "treated:t")
    return {"checked": True, "slope": slope, "ci_low": low, "ci_high": high, "p_value": p,
            "flagged": bool(p < PRETREND_ALPHA)}


def _synth_gaps(series: dict[str, dict[str, float]], target: list[float], donors: list[str], base, follow):
    import numpy as np
    import pandas as pd
    from pysyncon import Synth

    periods = list(base) + list(follow)
    z0 = pd.DataFrame({d: [series[d][p] for p in periods] for d in donors}, index=periods)
    z1 = pd.Series(target, index=periods, name="__piloto__")
    synth = Synth()
    # Predictors are the baseline outcomes themselves, equally weighted (V = I): deterministic and fast enough
    # to refit once per placebo.
    synth.fit(X0=z0.loc[list(base)], X1=z1.loc[list(base)], Z0=z0.loc[list(base)], Z1=z1.loc[list(base)],
              custom_V=np.ones(len(base)))
    gaps = z1 - synth._synthetic(Z0=z0)
    weights = {d: float(w) for d, w in zip(donors, synth.W, strict=True)}
    return gaps, weights


def synthetic_control(values, *, treated: list[str], controls: list[str], base: list[str],
                      follow: list[str]) -> Estimate:
    """Synthetic control of the average pilot comuna, with placebo-in-space inference."""
    periods = sorted(set(base) | set(follow))
    units, dropped = complete_panel(values, sorted(set(treated) | set(controls)), periods)
    kept_treated = [u for u in units if u in treated]
    donors = [u for u in units if u not in treated]
    details = {"n_treated": len(kept_treated), "n_controls": len(donors), "dropped": dropped,
               "assumptions": [str(a) for a in SYNTH_ASSUMPTIONS]}
    if not kept_treated or len(donors) < 3 or len(base) < 3:
        return Estimate("control_sintetico", None, details=details, error=_(
            "Las series no permiten control sintético: se necesitan al menos tres periodos de línea base y tres "
            "comunas de comparación con datos completos."))
    base, follow = sorted(base), sorted(follow)
    series = {u: {p: float(values[(u, p)]) for p in periods} for u in units}
    target = [sum(series[u][p] for u in kept_treated) / len(kept_treated) for p in base + follow]
    gaps, weights = _synth_gaps(series, target, donors, base, follow)

    def ratio(gap_series) -> float:
        pre = math.sqrt(sum(g * g for g in gap_series.loc[base]) / len(base))
        post = math.sqrt(sum(g * g for g in gap_series.loc[follow]) / len(follow))
        return post / pre if pre > 0 else float("inf")

    effect = float(gaps.loc[follow].mean())
    placebo_effects, placebo_ratios = [], []
    for donor in donors:
        others = [d for d in donors if d != donor]
        placebo_gaps, _w = _synth_gaps(series, [series[donor][p] for p in base + follow], others, base, follow)
        placebo_effects.append(float(placebo_gaps.loc[follow].mean()))
        placebo_ratios.append(ratio(placebo_gaps))
    mine = ratio(gaps)
    p_value = (1 + sum(1 for r in placebo_ratios if r >= mine)) / (1 + len(placebo_ratios))
    pre_rmspe = math.sqrt(sum(g * g for g in gaps.loc[base]) / len(base))
    details.update({"weights": {k: round(v, 4) for k, v in weights.items() if v > 0.001},
                    "pre_rmspe": pre_rmspe, "placebo_effects": placebo_effects,
                    "gaps": {p: float(gaps.loc[p]) for p in base + follow}})
    return Estimate("control_sintetico", effect, None, None, p_value, details)


def improvement(effect: float, direction: str) -> float:
    """The effect expressed as improvement: a fall is an improvement when higher is worse."""
    return -effect if direction == "higher_worse" else effect


def threshold_met(estimate: Estimate, *, direction: str, threshold: float) -> bool:
    """The registered rule: improvement ≥ threshold and the 95 % interval excludes zero on the good side."""
    if estimate.effect is None or estimate.ci_low is None or estimate.ci_high is None:
        return False
    if improvement(estimate.effect, direction) < threshold:
        return False
    if direction == "higher_worse":
        return estimate.ci_high < 0
    return estimate.ci_low > 0
