"""Where a practice has been replicated: the origin cabecera and each replicating cabecera on a dot map.

Projection and the background of every cabecera come from the territory locator, so both maps agree.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hub.territory.templatetags.territory_maps import HEIGHT, WIDTH, _in_frame, _points, _xy

register = template.Library()

STATUS_COLORS = {
    "interes": "#74c0fc",
    "en_implementacion": "#1c7ed6",
    "implementada": "#0b7285",
    "abandonada": "#868e96",
}


def _located(comuna) -> bool:
    return comuna.has_location and _in_frame(comuna.latitude, comuna.longitude)


@register.simple_tag
def replication_map(practice, replications):
    origin = practice.comuna
    dots = format_html_join("", '<circle cx="{}" cy="{}" r="1.2" fill="#ced4da"/>', _points())
    lines, marks = [], []
    ox, oy = _xy(origin.latitude, origin.longitude) if _located(origin) else (None, None)
    for replication in replications:
        if not _located(replication.comuna):
            continue
        x, y = _xy(replication.comuna.latitude, replication.comuna.longitude)
        if ox is not None:
            lines.append(format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#1c7ed6" stroke-width="0.8" stroke-opacity="0.6"/>',
                ox, oy, x, y,
            ))
        marks.append(format_html(
            '<circle cx="{}" cy="{}" r="3.5" fill="{}" stroke="#fff" stroke-width="1">'
            "<title>{} — {}</title></circle>",
            x, y, STATUS_COLORS.get(replication.status, "#1c7ed6"),
            replication.comuna.name, replication.get_status_display(),
        ))
    origin_mark = ""
    if ox is not None:
        origin_mark = format_html(
            '<circle cx="{}" cy="{}" r="5" fill="#d9480f" stroke="#fff" stroke-width="1.2"><title>{}</title></circle>',
            ox, oy, _("%(comuna)s (origen)") % {"comuna": origin.name},
        )
    label = _("Mapa: %(n)d comunas replican la experiencia de %(comuna)s") % {
        "n": len(marks), "comuna": origin.name,
    }
    return format_html(
        '<svg class="replication-map" viewBox="-5 -5 {} {}" role="img" aria-label="{}">{}{}{}{}</svg>',
        WIDTH + 10, HEIGHT + 10, label, mark_safe(dots), mark_safe("".join(lines)), mark_safe("".join(marks)),
        origin_mark,
    )
