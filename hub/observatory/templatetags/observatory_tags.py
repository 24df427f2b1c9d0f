"""Formatting of indicator values the Chilean way: 1.234.567, 12,5 %, $1.234.567."""

from django import template
from django.utils.formats import number_format

register = template.Library()
LEGACY_UNITS = {"count", "persons", "per_100k", "per_10k", "per_1000", "index"}
ZERO_DECIMAL_UNITS = {"clp", "clp_per_person", "count", "persons", "m2"}  # selectors.displayed_decimals agrees


def format_number(value, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_value(value, indicator, *, with_unit: bool = True) -> str:
    """A value with the indicator's decimals and unit; money never shows decimals."""
    if value is None:
        return "—"
    unit = getattr(indicator, "unit", "")
    decimals = 0 if unit in ZERO_DECIMAL_UNITS else getattr(indicator, "decimals", 1)
    text = format_number(value, decimals)
    if not with_unit:
        return text
    if unit == "percent":
        return f"{text} %"
    if unit in {"clp", "clp_per_person"}:
        return f"${text}"
    if unit in {"m2", "m2_per_person"}:
        return f"{text} m²"
    if unit and unit not in LEGACY_UNITS:  # a unit staff added: its own display rule
        from hub.observatory.units import format_with_unit

        return format_with_unit(text, unit)
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


@register.filter
def flag_label(flag: str) -> str:
    """A quality flag of the source in words (the code itself when unknown)."""
    from hub.observatory.catalogue import FLAG_LABELS

    return FLAG_LABELS.get(flag, flag)


def missing_label(indicator) -> str:
    from django.utils.translation import gettext

    code = getattr(getattr(indicator, "source", None), "code", "")
    if code.startswith("sinim"):
        return gettext("no informada al SINIM")
    return gettext("sin valor en la fuente")


@register.inclusion_tag("observatory/_home_headlines.html")
def challenge_headlines():
    """The five challenges in figures (home page): national headline indicators with source and year."""
    from hub.observatory.selectors_aggregates import challenge_headlines as compute

    return {"challenges": compute()}


@register.filter
def missing_phrase(indicator) -> str:
    """How a value the source did not give is said on screen (never as 0)."""
    from django.utils.translation import gettext

    code = getattr(getattr(indicator, "source", None), "code", "")
    return gettext("No informado al SINIM") if code.startswith("sinim") else gettext("Sin valor en la fuente")


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when absent): a chart series' value for one period."""
    return mapping.get(key) if hasattr(mapping, "get") else None
