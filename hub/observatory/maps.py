"""Choropleth maps of Chile by comuna, drawn server-side as inline SVG (offline, CSP-safe, no tiles).

The simplified DPA boundaries (IDE Chile) are projected once with an equirectangular projection scaled
by cos(mean latitude) and cached per file mtime; each request only picks a fill colour per comuna.
Oceanic comunas (Isla de Pascua, Juan Fernández) are left out of the continental frame and listed
below the map instead of being drawn hundreds of kilometres off the coast.
"""

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hub.territory.datafiles import read_json, resolve

from .templatetags.observatory_tags import format_value

GEOJSON_NAME = "territory/dpa_comunas_simplificado.geojson"
OCEANIC_LON = -78.0  # anything west of this is an island territory, not the continental strip
PALETTE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#d9d9d9"
NATIONAL_HEIGHT = 1400.0
REGIONAL_HEIGHT = 620.0
REGIONAL_MAX_WIDTH = 620.0
INSET_SIZE = 300.0  # the longest side of a metropolitan inset, in map units
INSET_PAD = 8.0
INSET_TITLE = 26.0
INSET_GAP = 24.0
INSET_TOP = 20.0
INSET_MARGIN = 40.0  # between the strip of Chile and the insets
LOCATOR_HEIGHT = 470.0


@dataclass(frozen=True)
class Shape:
    cut: str
    name: str
    region: str
    rings: tuple  # tuple of rings, each a tuple of (lon, lat)


def geojson_path() -> Path:
    """The boundaries file (shipped gzip-compressed in data/; a plain copy is read as well)."""
    return resolve(GEOJSON_NAME) or Path(settings.HUB_DATA_DIR) / GEOJSON_NAME


def _rings(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


@lru_cache(maxsize=2)
def _load(path: str, mtime: float) -> tuple:
    data = read_json(Path(path))
    shapes = []
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        cut = str(props.get("cut_com", "")).zfill(5)
        rings = tuple(tuple((float(x), float(y)) for x, y, *_rest in ring) for ring in _rings(feature["geometry"]))
        if rings:
            shapes.append(Shape(cut, props.get("comuna", cut), str(props.get("cut_reg", cut[:2])).zfill(2), rings))
    return tuple(shapes)


def _is_oceanic(shape: Shape) -> bool:
    lons = [lon for ring in shape.rings for lon, _lat in ring]
    return sum(lons) / len(lons) < OCEANIC_LON


@dataclass(frozen=True)
class ProjectedMap:
    width: float
    height: float
    paths: tuple  # (cut, name, d, (cx, cy))
    left_out: tuple  # names of oceanic comunas not drawn


def _ring_path(ring, min_lon, max_lat, sx, sy, digits: int, dx: float = 0.0, dy: float = 0.0,
               step: float = 0.0) -> str:
    """An SVG subpath; points closer than ``step`` (map units, Manhattan) to the last one kept are dropped."""
    coords = []
    last = None
    for lon, lat in ring:
        x = round(dx + (lon - min_lon) * sx, digits)
        y = round(dy + (max_lat - lat) * sy, digits)
        if last is None or (x, y) != last and abs(x - last[0]) + abs(y - last[1]) >= step:
            coords.append(f"{x:g} {y:g}")
            last = (x, y)
    return "M" + "L".join(coords) + "Z" if len(coords) >= 3 else ""


def _project_shapes(chosen: list, *, height: float, max_width: float | None, precision: int,
                    min_extent: float, dx: float = 0.0, dy: float = 0.0, fallback_digits: int = 1,
                    step: float = 0.0) -> tuple:
    """Project shapes into a box of the given height (and maximum width); returns (width, height, paths).

    Each path is (cut, name, d, (cx, cy)), the centre being that of the comuna's largest ring (for labels).
    """
    points = [pt for s in chosen for ring in s.rings for pt in ring]
    min_lon = min(p[0] for p in points)
    max_lon = max(p[0] for p in points)
    min_lat = min(p[1] for p in points)
    max_lat = max(p[1] for p in points)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * kx, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = height / span_y
    if max_width:
        scale = min(scale, max_width / span_x)
    sx, sy = kx * scale, scale
    paths = []
    for s in chosen:
        extents = [_extent(ring, sx, sy) for ring in s.rings]
        parts = [_ring_path(ring, min_lon, max_lat, sx, sy, precision, dx, dy, step)
                 for ring, extent in zip(s.rings, extents, strict=True) if extent >= min_extent]
        parts = [p for p in parts if p]
        largest = max(range(len(s.rings)), key=lambda i: extents[i])
        if not parts:
            # A small urban comuna: keep its largest ring, more precisely, so it stays on the map.
            parts = [_ring_path(s.rings[largest], min_lon, max_lat, sx, sy, fallback_digits, dx, dy)]
        ring = s.rings[largest]
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        centre = (round(dx + ((min(lons) + max(lons)) / 2 - min_lon) * sx, 1),
                  round(dy + (max_lat - (min(lats) + max(lats)) / 2) * sy, 1))
        paths.append((s.cut, s.name, "".join(parts), centre))
    return round(span_x * scale, 1), round(span_y * scale, 1), tuple(paths)


@lru_cache(maxsize=32)
def _project(path: str, mtime: float, region: str, height: float = 0.0) -> ProjectedMap:
    shapes = _load(path, mtime)
    chosen = [s for s in shapes if not region or s.region == region]
    left_out = tuple(s.name for s in chosen if _is_oceanic(s))
    chosen = [s for s in chosen if not _is_oceanic(s)]
    if not chosen:
        return ProjectedMap(0, 0, (), left_out)
    if height:  # a small overview (the comuna locator): coarse, whole units
        width, tall, paths = _project_shapes(chosen, height=height, max_width=None, precision=0, min_extent=3.0,
                                             fallback_digits=0, step=2.0)
    elif region:
        width, tall, paths = _project_shapes(chosen, height=REGIONAL_HEIGHT, max_width=REGIONAL_MAX_WIDTH,
                                             precision=1, min_extent=0.6)
    else:
        # National scale: whole units and no specks (the southern archipelagos have thousands of islets).
        width, tall, paths = _project_shapes(chosen, height=NATIONAL_HEIGHT, max_width=None, precision=0,
                                             min_extent=2.0)
    return ProjectedMap(width, tall, paths, left_out)


@dataclass(frozen=True)
class Inset:
    title: str
    x: float
    y: float
    width: float
    height: float
    paths: tuple


@lru_cache(maxsize=16)
def _insets(path: str, mtime: float, region: str, left: float) -> tuple:
    """The metropolitan areas drawn enlarged in boxes stacked to the right of the main map."""
    shapes = {s.cut: s for s in _load(path, mtime)}
    out = []
    y = INSET_TOP
    for title, region_code, cuts in metro_areas():
        if region and region != region_code:
            continue
        chosen = [shapes[c] for c in cuts if c in shapes]
        if not chosen:
            continue
        width, height, _paths = _project_shapes(chosen, height=INSET_SIZE, max_width=INSET_SIZE, precision=1,
                                                min_extent=0.6)
        pad = INSET_PAD
        dx = left + pad + (INSET_SIZE - width) / 2
        dy = y + INSET_TITLE + pad
        width, height, paths = _project_shapes(chosen, height=INSET_SIZE, max_width=INSET_SIZE, precision=1,
                                               min_extent=0.6, dx=dx, dy=dy)
        box_h = INSET_TITLE + height + 2 * pad
        out.append(Inset(title, left, y, INSET_SIZE + 2 * pad, box_h, paths))
        y += box_h + INSET_GAP
    return tuple(out)


def metro_areas() -> list[tuple[str, str, tuple]]:
    """(title, region code, comuna CUTs) of the three metropolitan areas, from the typology rule."""
    from hub.territory import typology

    santiago = set(typology.GRAN_SANTIAGO_EXTRA)
    # The 32 comunas of the Provincia de Santiago (typology.GRAN_SANTIAGO_PROVINCE): CUTs 13101 to 13132.
    santiago.update(f"{typology.GRAN_SANTIAGO_PROVINCE}{n:02d}" for n in range(1, 33))
    return [
        (gettext_noop("Gran Valparaíso"), "05", tuple(sorted(typology.GRAN_VALPARAISO))),
        (gettext_noop("Gran Santiago"), "13", tuple(sorted(santiago))),
        (gettext_noop("Gran Concepción"), "08", tuple(sorted(typology.GRAN_CONCEPCION))),
    ]


def _extent(ring, sx: float, sy: float) -> float:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return max((max(lons) - min(lons)) * sx, (max(lats) - min(lats)) * sy)


def _path_mtime() -> tuple[str, float] | None:
    path = geojson_path()
    try:
        return str(path), path.stat().st_mtime
    except OSError:
        return None


def projected_map(region: str = "", height: float = 0.0) -> ProjectedMap | None:
    found = _path_mtime()
    if found is None:
        return None
    return _project(found[0], found[1], region or "", height)


def insets(region: str, left: float) -> tuple:
    found = _path_mtime()
    if found is None:
        return ()
    return _insets(found[0], found[1], region or "", left)


def quantile_breaks(values: list[float], classes: int = 5) -> list[float]:
    """Upper bounds of each class (the last is the maximum); duplicates collapse for flat data."""
    ordered = sorted(values)
    if not ordered:
        return []
    breaks = []
    for i in range(1, classes + 1):
        index = min(len(ordered) - 1, math.ceil(i * len(ordered) / classes) - 1)
        value = ordered[index]
        if not breaks or value > breaks[-1]:
            breaks.append(value)
    return breaks


def class_of(value: float, breaks: list[float]) -> int:
    for i, upper in enumerate(breaks):
        if value <= upper:
            return i
    return len(breaks) - 1


def _palette(n: int) -> list[str]:
    if n >= len(PALETTE):
        return PALETTE
    # Spread the colours when there are fewer classes than the palette has.
    return [PALETTE[round(i * (len(PALETTE) - 1) / max(n - 1, 1))] for i in range(n)]


def _comuna_href() -> str:
    return reverse("territory:comuna_detail", args=["00000"])


def _comuna_link(ref: str, cut: str, name: str, centre: tuple, text: str, font: float) -> str:
    """One comuna: a focusable link to its page, with a tooltip (<title>) and a label shown on hover/focus.

    The coloured shape is drawn underneath (``_fill``); the link holds an invisible copy of it (<use>) that
    takes the pointer and shows on hover/focus, so a label is never covered by the comunas drawn after it.
    """
    cx, cy = centre
    href = _comuna_href().replace("00000", cut)
    return (
        f'<a class="comuna" href="{href}" tabindex="0" '
        f'aria-label="{escape(text)}" data-cut="{cut}"><title>{escape(text)}</title>'
        f'<use class="hit" href="#{ref}"/>'
        f'<text class="map-label" x="{cx:g}" y="{cy:g}" font-size="{font:g}" text-anchor="middle" '
        f'aria-hidden="true">{escape(name)}</text></a>'
    )


def _fill(ref: str, cut: str, d: str, fill: str) -> str:
    return f'<path id="{ref}" d="{d}" fill="{fill}" data-cut="{cut}"/>'


def _legend_svg(legend: list[dict], no_data_count: int, x: float, y: float) -> str:
    """The classes drawn inside the SVG too (the figure stays readable when saved or printed alone)."""
    out = [f'<g class="map-legend" aria-hidden="true" transform="translate({x:g} {y:g})">',
           f'<text x="0" y="0" font-size="17" font-weight="600">{escape(_("Leyenda (quintiles)"))}</text>']
    rows = [(item["colour"], f'{item["low"]} – {item["high"]}') for item in legend]
    rows.append((NO_DATA, _("sin dato") + (f" ({no_data_count})" if no_data_count else "")))
    for i, (colour, label) in enumerate(rows):
        ry = 14 + i * 26
        out.append(f'<rect x="0" y="{ry}" width="20" height="18" fill="{colour}" stroke="#5c6676" stroke-width=".6"/>'
                   f'<text x="28" y="{ry + 14}" font-size="16">{escape(label)}</text>')
    out.append("</g>")
    return "".join(out)


def choropleth(values: dict[str, float], *, indicator, region: str = "", label: str = "") -> dict:
    """Everything a template needs: the SVG markup (safe), the legend, and notes.

    The national map (and a regional one of Valparaíso, Metropolitana or Biobío) gets insets: the comunas of
    Gran Valparaíso, Gran Santiago and Gran Concepción enlarged in boxes beside the strip of Chile. Every
    comuna is a link to its page, reachable with the keyboard, with its name and value as tooltip and label.
    """
    projected = projected_map(region)
    if projected is None:
        return {"available": False}
    present = [v for v in values.values() if v is not None]
    breaks = quantile_breaks(present)
    colours = _palette(len(breaks))
    legend = []
    lower = min(present) if present else None
    for i, upper in enumerate(breaks):
        legend.append(
            {
                "colour": colours[i],
                "css": f"q{PALETTE.index(colours[i])}",
                "low": format_value(lower, indicator),
                "high": format_value(upper, indicator),
            }
        )
        lower = upper
    no_data_count = sum(1 for cut, *_rest in projected.paths if values.get(cut) is None)
    no_data = _("sin dato")

    def style(cut: str, name: str) -> tuple[str, str]:
        value = values.get(cut)
        if value is None:
            return NO_DATA, f"{name}: {no_data}"
        return colours[class_of(value, breaks)], f"{name}: {format_value(value, indicator)}"

    left = projected.width + INSET_MARGIN
    boxes = insets(region, left)
    legend_h = 40 + 26 * (len(legend) + 1)
    width = projected.width
    height = projected.height
    if boxes:
        width = left + boxes[0].width
        height = max(height, boxes[-1].y + boxes[-1].height + INSET_GAP + legend_h)
        legend_x, legend_y = left, boxes[-1].y + boxes[-1].height + INSET_GAP + 18
    else:
        legend_x, legend_y = None, None
    main_font = 16 if not region else 13
    out = [
        f'<svg class="choropleth" viewBox="-2 -2 {width + 4:g} {height + 4:g}" '
        f'role="group" aria-label="{escape(label)}" preserveAspectRatio="xMidYMin meet">',
        '<g class="map-fills" aria-hidden="true">',
    ]
    links = ['<g class="map-main">']
    for cut, name, d, centre in projected.paths:
        fill, text = style(cut, name)
        out.append(_fill(f"m{cut}", cut, d, fill))
        links.append(_comuna_link(f"m{cut}", cut, name, centre, text, main_font))
    links.append("</g>")
    inset_label = _("Recuadro ampliado: %(area)s")
    for n, box in enumerate(boxes):
        title = _(box.title)
        out.append(
            f'<rect class="inset-frame" x="{box.x:g}" y="{box.y:g}" width="{box.width:g}" height="{box.height:g}" '
            f'rx="4"/>'
        )
        links.append(
            f'<g class="map-inset" role="group" aria-label="{escape(inset_label % {"area": title})}">'
            f'<text class="inset-title" x="{box.x + INSET_PAD:g}" y="{box.y + 19:g}" font-size="17" '
            f'font-weight="600" aria-hidden="true">{escape(title)}</text>'
        )
        for cut, name, d, centre in box.paths:
            fill, text = style(cut, name)
            out.append(_fill(f"i{n}-{cut}", cut, d, fill))
            links.append(_comuna_link(f"i{n}-{cut}", cut, name, centre, text, 12))
        links.append("</g>")
    out.append("</g>")
    out.extend(links)
    if legend_x is not None:
        out.append(_legend_svg(legend, no_data_count, legend_x, legend_y))
    out.append("</svg>")
    return {
        "available": True,
        "svg": mark_safe("".join(out)),
        "legend": legend,
        "insets": [_(box.title) for box in boxes],
        "no_data_count": no_data_count,
        "left_out": projected.left_out,
    }


# --- Small server-side charts (same reasons: offline, CSP-safe, readable without JavaScript) -----------------


def _nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 0.001:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def line_chart(points: list[tuple[str, float]], *, indicator, label: str) -> str:
    """A line chart of (period, value) points with a y axis from zero (or the minimum when negative)."""
    if not points:
        return ""
    width, height = 640.0, 240.0
    left, right, top, bottom = 70.0, 34.0, 12.0, 34.0
    values = [v for _p, v in points]
    ticks = _nice_ticks(min(0.0, min(values)), max(values))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - (v - low) / (high - low) * plot_h

    out = [
        f'<svg class="chart" viewBox="0 0 {width:g} {height:g}" role="img" aria-label="{escape(label)}">'
    ]
    for tick in ticks:
        ty = y(tick)
        out.append(f'<line x1="{left:g}" x2="{width - right:g}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#e3e7ee"/>')
        out.append(
            f'<text x="{left - 6:g}" y="{ty + 4:.1f}" text-anchor="end" font-size="11" fill="#5c6676">'
            f"{escape(format_value(tick, indicator, with_unit=indicator.unit == 'clp'))}</text>"
        )
    step = max(1, math.ceil(len(points) / 8))
    for i, (period, _v) in enumerate(points):
        if i % step == 0 or i == len(points) - 1:
            out.append(
                f'<text x="{x(i):.1f}" y="{height - 12:g}" text-anchor="middle" font-size="11" fill="#5c6676">'
                f"{escape(period)}</text>"
            )
    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_p, v) in enumerate(points))
    out.append(f'<polyline points="{line}" fill="none" stroke="#0b4f8a" stroke-width="2"/>')
    radius = 3 if len(points) <= 30 else 1.6
    for i, (period, value) in enumerate(points):
        out.append(
            f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="{radius}" fill="#0b4f8a">'
            f"<title>{escape(period)}: {escape(format_value(value, indicator))}</title></circle>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def range_bars(distribution: list[dict], *, indicator, label: str) -> str:
    """Per typology: a bar from the minimum to the maximum with a tick at the median."""
    if not distribution:
        return ""
    width, row_h, left, right = 640.0, 34.0, 215.0, 20.0
    height = row_h * len(distribution) + 24
    low = min(0.0, min(d["min"] for d in distribution))
    high = max(d["max"] for d in distribution) or 1.0
    plot_w = width - left - right

    def x(v: float) -> float:
        return left + (v - low) / ((high - low) or 1) * plot_w

    out = [f'<svg class="chart" viewBox="0 0 {width:g} {height:g}" role="img" aria-label="{escape(label)}">']
    for i, d in enumerate(distribution):
        cy = 12 + i * row_h + row_h / 2
        out.append(
            f'<text x="{left - 8:g}" y="{cy + 4:.1f}" text-anchor="end" font-size="12" fill="#1d2430">'
            f'{escape(str(d["label"]))} (n={d["n"]})</text>'
        )
        out.append(
            f'<rect x="{x(d["min"]):.1f}" y="{cy - 6:.1f}" width="{max(x(d["max"]) - x(d["min"]), 1):.1f}" '
            f'height="12" fill="#bdd7e7"><title>{escape(str(d["label"]))}: mín. '
            f'{escape(format_value(d["min"], indicator))}, máx. '
            f'{escape(format_value(d["max"], indicator))}</title></rect>'
        )
        out.append(
            f'<rect x="{x(d["median"]) - 1.5:.1f}" y="{cy - 10:.1f}" width="3" height="20" fill="#08519c">'
            f'<title>{escape(_("mediana"))}: {escape(format_value(d["median"], indicator))}</title></rect>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))
