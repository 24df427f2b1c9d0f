"""A small locator map: the outline of continental Chile (every comuna drawn light grey from the DPA
boundaries) with the current comuna highlighted. Pure SVG, offline. Without the boundaries file it falls
back to the cabeceras as dots. The dot projection (``_xy``, ``_points``) is also used by the network maps."""

from django import template
from django.core.cache import cache
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from hub.territory.models import Comuna

register = template.Library()

# Continental Chile frame; oceanic comunas (Isla de Pascua, Juan Fernández) fall outside.
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = -56.0, -17.4, -76.0, -66.0
WIDTH, HEIGHT = 120, 470


def _xy(lat: float, lon: float) -> tuple[float, float]:
    x = (lon - LON_MIN) / (LON_MAX - LON_MIN) * WIDTH
    y = (LAT_MAX - lat) / (LAT_MAX - LAT_MIN) * HEIGHT
    return round(x, 1), round(y, 1)


def _in_frame(lat: float, lon: float) -> bool:
    return LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX


def _points() -> list[tuple[float, float]]:
    points = cache.get("territory:locator_points")
    if points is None:
        points = [
            _xy(lat, lon)
            for lat, lon in Comuna.objects.exclude(latitude=None).values_list("latitude", "longitude")
            if _in_frame(lat, lon)
        ]
        cache.set("territory:locator_points", points, 3600)
    return points


def _outline(height: float):
    """(width, height, grey outline markup, {cut: (d, centre)}) at the locator's scale, cached per process."""
    global _OUTLINE
    from hub.core.registry import projected_boundaries  # registered by the observatory, which owns the DPA file

    projected = projected_boundaries("", height)
    if projected is None or not projected.paths:
        return None
    if _OUTLINE is not None and _OUTLINE[0] is projected:
        return _OUTLINE[1]
    grey = "".join(d for _cut, _name, d, _centre in projected.paths)
    result = (
        projected.width,
        projected.height,
        format_html('<path class="locator-land" d="{}" fill="#dee2e6" stroke="#dee2e6" stroke-width=".6"/>', grey),
        {cut: (d, centre) for cut, _name, d, centre in projected.paths},
    )
    _OUTLINE = (projected, result)
    return result


_OUTLINE = None
LOCATOR_HEIGHT = 470.0


@register.simple_tag
def comuna_locator(comuna):
    outline = _outline(LOCATOR_HEIGHT)
    label = f"Ubicación de {comuna.name} en Chile continental"
    if outline is not None:
        width, height, land, by_cut = outline
        if comuna.cut not in by_cut:
            return format_html('<p class="small">{}</p>', "Comuna insular: fuera del marco del mapa continental.")
        d, (cx, cy) = by_cut[comuna.cut]
        highlight = format_html(
            '<path d="{}" fill="#d9480f" stroke="#d9480f" stroke-width=".6"/>'
            '<circle cx="{}" cy="{}" r="5" fill="none" stroke="#d9480f" stroke-width="1.5"/>'
            '<circle cx="{}" cy="{}" r="1.6" fill="#d9480f"/>',
            d, cx, cy, cx, cy,
        )
        return format_html(
            '<svg class="locator" viewBox="-6 -6 {} {}" role="img" aria-label="{}">{}{}</svg>',
            round(width + 12, 1), round(height + 12, 1), label, land, highlight,
        )
    if not comuna.has_location:
        return ""
    if not _in_frame(comuna.latitude, comuna.longitude):
        return format_html('<p class="small">{}</p>', "Comuna insular: fuera del marco del mapa continental.")
    dots = format_html_join("", '<circle cx="{}" cy="{}" r="1.2" fill="#adb5bd"/>', _points())
    x, y = _xy(comuna.latitude, comuna.longitude)
    marker = format_html('<circle cx="{}" cy="{}" r="4" fill="#d9480f" stroke="#fff" stroke-width="1"/>', x, y)
    return format_html(
        '<svg class="locator" viewBox="-5 -5 {} {}" role="img" aria-label="{}">{}{}</svg>',
        WIDTH + 10,
        HEIGHT + 10,
        label,
        mark_safe(dots),
        marker,
    )
