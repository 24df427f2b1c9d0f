"""Formatting of indicator values the Chilean way: 1.234.567, 12,5 %, $1.234.567."""

from django import template
from django.utils.formats import number_format

register = template.Library()


def format_number(value, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_value(value, indicator, *, with_unit: bool = True) -> str:
    """A value with the indicator's decimals and unit; money never shows decimals."""
    if value is None:
        return "—"
    unit = getattr(indicator, "unit", "")
    decimals = 0 if unit in {"clp", "count", "persons"} else getattr(indicator, "decimals", 1)
    text = format_number(value, decimals)
    if not with_unit:
        return text
    if unit == "percent":
        return f"{text} %"
    if unit == "clp":
        return f"${text}"
    return text


@register.filter
def indicator_value(value, indicator):
    return format_value(value, indicator)


@register.filter
def indicator_number(value, indicator):
    return format_value(value, indicator, with_unit=False)


@register.filter
def num(value, decimals=0):
    return format_number(value, int(decimals))


@register.filter
def indicator_name(indicator) -> str:
    """The indicator's name in the active language (Spanish first; English only when chosen)."""
    from django.utils.translation import get_language

    if (get_language() or "es").startswith("en") and getattr(indicator, "name_en", ""):
        return indicator.name_en
    return indicator.name_es
