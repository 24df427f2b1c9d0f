from django import template

from hub.core.formatting import format_number, format_percent

register = template.Library()


@register.filter
def share(value, decimals=1) -> str:
    """A fraction shown as a percentage: 0.125 → "12,5 %"; None → "—"."""
    if value is None or value == "":
        return "—"
    return format_percent(float(value) * 100, int(decimals))


@register.filter
def dec(value, decimals=3) -> str:
    return format_number(value, int(decimals))


@register.filter
def get(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None
