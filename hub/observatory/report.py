"""The comuna report: per challenge, the comuna's headline indicators as a time series beside its region,
the median of its typology and the median of its similar comunas — a profile a mayor can take to a council
meeting (HTML with a print stylesheet, and the same content as a PDF through WeasyPrint).

Charts are accessible SVG drawn here (a title and description, the numbers in a table beside each chart);
aggregates follow the one rule (region: Σ numerator ÷ Σ denominator or the sum, from
``selectors.aggregate_series``); medians are of the comunas that have a value that year, flagged values
left out.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.html import escape

from hub.observatory import selectors, similar
from hub.observatory.models import Indicator, Observation
from hub.observatory.templatetags.observatory_tags import format_value

MAX_PERIODS = 10
PER_CHALLENGE = 2
COLORS = {"comuna": "#0b4f6c", "region": "#e07a1f", "typology": "#5b8c2a", "peers": "#7a4fa3"}


@dataclass
class Series:
    key: str
    label: str
    points: dict[str, float]


@dataclass
class ReportChart:
    indicator: Indicator
    periods: list[str]
    series: list[Series]
    svg: str
    source: str
    direction_hint: str = ""


@dataclass
class ReportSection:
    theme: str
    label: str
    charts: list[ReportChart] = field(default_factory=list)
    empty_message: str = ""


def _annual(periods) -> list[str]:
    return sorted({p for p in periods if len(p) == 4})[-MAX_PERIODS:]


def _medians(indicator: Indicator, cuts: set[str] | None, typology: str | None, *, region: str = "") -> dict:
    qs = Observation.objects.filter(indicator=indicator, dimension="")
    if region:
        qs = qs.filter(comuna__region_id=region)
    if hasattr(Observation, "flag"):
        qs = qs.filter(flag="")
    if cuts is not None:
        qs = qs.filter(comuna_id__in=cuts)
    if typology is not None:
        qs = qs.filter(comuna__typology=typology)
    by_period: dict[str, list[float]] = defaultdict(list)
    for period, value in qs.values_list("period", "value"):
        if len(period) == 4:
            by_period[period].append(value)
    return {p: statistics.median(v) for p, v in by_period.items() if v}


def _comuna_points(indicator: Indicator, cut: str) -> dict[str, float]:
    qs = Observation.objects.filter(indicator=indicator, comuna_id=cut, dimension="")
    return {p: v for p, v in qs.values_list("period", "value") if len(p) == 4}


def line_chart_svg(title: str, periods: list[str], series: list[Series], indicator: Indicator) -> str:
    """A small line chart as SVG markup (no scripts, no inline styles: it passes the CSP and prints)."""
    width, height, left, right, top, bottom = 560, 220, 64, 12, 14, 34
    values = [v for s in series for p, v in s.points.items() if p in periods]
    if not periods or not values:
        return ""
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    low = min(low, 0) if low >= 0 and low < (high - low) else low - (high - low) * 0.05
    high = high + (high - low) * 0.05
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / max(1, len(periods) - 1) if len(periods) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - low) / (high - low))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)}" class="report-chart">', f"<title>{escape(title)}</title>"]
    for k in range(5):
        v = low + (high - low) * k / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#dde4e9"/>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11" fill="#5b6770">'
                     f"{escape(format_value(v, indicator, with_unit=False))}</text>")
    step = max(1, len(periods) // 6)
    for i, period in enumerate(periods):
        if i % step == 0 or i == len(periods) - 1:
            parts.append(f'<text x="{x(i):.1f}" y="{height - 12}" text-anchor="middle" font-size="11" '
                         f'fill="#5b6770">{escape(period)}</text>')
    for s in series:
        points = [(x(i), y(s.points[p])) for i, p in enumerate(periods) if p in s.points]
        if not points:
            continue
        dash = ' stroke-dasharray="5 4"' if s.key in ("typology", "peers") else ""
        weight = 3 if s.key == "comuna" else 2
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline fill="none" stroke="{COLORS[s.key]}" stroke-width="{weight}"{dash} '
                     f'points="{path}"/>')
        for px, py in points:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{3 if s.key == "comuna" else 2}" '
                         f'fill="{COLORS[s.key]}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _direction_hint(indicator: Indicator) -> str:
    return "" if indicator.direction == "neutral" else str(indicator.get_direction_display())


def comuna_report(comuna) -> list[ReportSection]:
    peers = {n.cut for n in similar.similar_comunas(comuna.cut)}
    sections = []
    for group in selectors.comuna_dashboard(comuna, sorted(peers)):
        section = ReportSection(theme=group.theme, label=str(group.label), empty_message=str(group.empty_message))
        items = (group.headlines or group.items)[:PER_CHALLENGE]
        for item in items:
            indicator = item.indicator
            mine = _comuna_points(indicator, comuna.cut)
            periods = _annual(mine)
            if not periods:
                continue
            if indicator.aggregation == "ratio":
                # A rate: the region's own rate, recomputed from numerators and denominators.
                region = dict(selectors.aggregate_series(indicator, region=comuna.region_id))
                region_label = comuna.region.name
            else:
                # A count: the region's total would dwarf any comuna; compare with its typical comuna instead.
                region = _medians(indicator, None, None, region=comuna.region_id)
                region_label = f"Mediana de las comunas de {comuna.region.name}"
            series = [
                Series("comuna", comuna.name, mine),
                Series("region", region_label, {p: v for p, v in region.items() if p in periods}),
                Series("typology", f"Mediana de su tipología ({comuna.get_typology_display()})",
                       _medians(indicator, None, comuna.typology)),
                Series("peers", f"Mediana de {len(peers)} comunas similares", _medians(indicator, peers, None)),
            ]
            title = f"{indicator.name_es}: {comuna.name} frente a su región, su tipología y comunas similares"
            section.charts.append(ReportChart(
                indicator=indicator, periods=periods, series=series,
                svg=line_chart_svg(title, periods, series, indicator),
                source=item.source, direction_hint=_direction_hint(indicator),
            ))
        sections.append(section)
    return sections
