"""A small locator map: every comuna's cabecera as a dot, the current one highlighted. Pure SVG, offline."""

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


@register.simple_tag
def comuna_locator(comuna):
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
        f"Ubicación de {comuna.name} en Chile continental",
        mark_safe(dots),
        marker,
    )
