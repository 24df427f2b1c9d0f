from django import template

from hub.core.formatting import format_clp, format_number, format_percent

register = template.Library()


@register.filter
def clp(amount) -> str:
    return format_clp(amount)


@register.filter
def pct(value, decimals=1) -> str:
    return format_percent(value, int(decimals))


@register.filter
def num(value, decimals=0) -> str:
    return format_number(value, int(decimals))
