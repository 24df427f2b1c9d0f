"""The one Chilean number formatter: CLP without decimals, percentages with a decimal comma, counts with a dot.

Templates use the same functions through ``{% load hub_format %}`` (``|clp``, ``|pct``, ``|num``).
"""

from __future__ import annotations

from decimal import Decimal


def _group(integer_text: str) -> str:
    sign = "-" if integer_text.startswith("-") else ""
    digits = integer_text.lstrip("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + ".".join(groups or ["0"])


def format_number(value, decimals: int = 0) -> str:
    """1234567.891 → "1.234.567,9" (decimals=1); None → "—"."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals)) if decimals else Decimal(str(value))
    if not decimals:
        number = number.quantize(Decimal(1))
    text = f"{number:f}"
    integer, _, fraction = text.partition(".")
    out = _group(integer)
    return f"{out},{fraction}" if fraction else out


def format_clp(amount) -> str:
    """Chilean pesos: $1.234.567 (CLP has no decimals)."""
    if amount is None or amount == "":
        return "—"
    return "$" + format_number(int(round(Decimal(str(amount)))))


def format_percent(value, decimals: int = 1) -> str:
    """12.5 → "12,5 %" (the value is already a percentage, not a fraction)."""
    if value is None or value == "":
        return "—"
    return f"{format_number(value, decimals)} %"
