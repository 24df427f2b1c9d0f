"""Pre-serialised answers of the open-data values API: trusted rows are serialised once with orjson and kept as
final bytes keyed by the data version, so a warm request runs no query, no schema validation and no sort.

The Ninja operations in api.py keep their ``response=`` schemas (the OpenAPI document stays exact) and return
these ``HttpResponse`` objects, which Ninja passes through untouched. The item dicts are built in the schema's
field order with the schema's defaults, so the bytes are what Ninja would have produced.
"""

from __future__ import annotations

import hashlib

import orjson
from django.core.cache import cache
from django.http import HttpResponse

from . import selectors

SECONDS = selectors.CACHE_SECONDS
JSON = "application/json; charset=utf-8"


def cache_key(name: str, *parts) -> str:
    raw = "\x1f".join(str(p) for p in parts)
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    return f"observatory:fast:{name}:{selectors.data_version()}:{digest}"


def cached_response(key: str) -> HttpResponse | None:
    entry = cache.get(key)
    if entry is None:
        return None
    body, content_type, headers = entry
    response = HttpResponse(body, content_type=content_type)
    for name, value in headers:
        response[name] = value
    return response


def store(key: str, response: HttpResponse, headers: tuple[str, ...] = ()) -> HttpResponse:
    kept = tuple((h, response[h]) for h in headers if response.has_header(h))
    cache.set(key, (response.content, response["Content-Type"], kept), SECONDS)
    return response


def json_response(key: str, payload: dict) -> HttpResponse:
    return store(key, HttpResponse(orjson.dumps(payload), content_type=JSON))


def series_payload(indicator, comuna) -> dict:
    """Every period of one comuna's series, oldest first, with the source's reasons for missing values."""
    from .models import MissingValue, Observation

    items = [
        {"period": period, "value": value, "lower": lower, "upper": upper, "numerator": num, "denominator": den,
         "status": "", "flag": flag or ""}
        for period, value, lower, upper, num, den, flag in Observation.objects.filter(
            indicator=indicator, comuna_id=comuna.cut, dimension=""
        ).values_list("period", "value", "lower", "upper", "numerator", "denominator", "flag")
    ]
    items += [
        {"period": period, "value": None, "lower": None, "upper": None, "numerator": None, "denominator": None,
         "status": status, "flag": ""}
        for period, status in MissingValue.objects.filter(
            indicator=indicator, comuna_id=comuna.cut, dimension=""
        ).values_list("period", "status")
    ]
    items.sort(key=lambda item: item["period"])
    return {
        "indicator": indicator.code,
        "cut": comuna.cut,
        "comuna": comuna.name,
        "source": str(selectors.source_line(indicator)),
        "count": len(items),
        "items": items,
    }
