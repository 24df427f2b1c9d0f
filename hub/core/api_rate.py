"""Rate limit of the public API: HUB_API_RATE requests per client address, then 429 with Retry-After.

It also refuses (422) query parameters with a NUL character and pagination offsets beyond
hub.core.pagination.MAX_OFFSET on every API route, as a backstop for paginators that do not use
hub.core.pagination (Ninja leaves offsets unbounded, and a huge one overflows the database's integers).
"""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.translation import gettext as _

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str | None) -> tuple[int, int] | None:
    """"120/min" -> (120, 60); empty or "0" turns the limit off."""
    if not rate or rate.strip() in {"0", "off"}:
        return None
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period.strip() or "min"]


def client_ident(request) -> str:
    from hub.core.client_ip import client_ip

    return client_ip(request)


class ApiRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = parse_rate(getattr(settings, "HUB_API_RATE", ""))
        if not request.path.startswith(getattr(settings, "HUB_API_PREFIX", "/api/")):
            return self.get_response(request)
        if limit is None:
            return _bad_query(request) or self.get_response(request)
        refused = _bad_query(request)
        if refused is not None:
            return refused
        count, period = limit
        now = time.time()
        window = int(now // period)
        key = f"hub-api-rate:{client_ident(request)}:{window}"
        cache.add(key, 0, timeout=period + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.set(key, 1, timeout=period + 1)
            used = 1
        if used > count:
            retry_after = max(1, math.ceil((window + 1) * period - now))
            message = _(
                "Demasiadas solicitudes a la API: el límite es %(count)s por %(period)s segundos. "
                "Intente nuevamente en %(retry)s segundos."
            ) % {"count": count, "period": period, "retry": retry_after}
            response = JsonResponse({"detail": message, "retry_after": retry_after}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
        return self.get_response(request)


def _bad_query(request):
    """A NUL character in a query parameter (PostgreSQL refuses it in any string) or an offset out of range."""
    for name, values in request.GET.lists():
        if any("\x00" in value for value in values) or "\x00" in name:
            message = _("El parámetro contiene un carácter nulo (\\x00), que no es válido; quítelo.")
            return JsonResponse({"detail": [{"loc": ["query", name.replace("\x00", "")], "msg": message}]}, status=422)
    return _bad_offset(request)


def _bad_offset(request):
    from hub.core.pagination import MAX_OFFSET as maximum
    raw = request.GET.get("offset")
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        return None  # Ninja answers 422 for non-integers itself
    if value <= maximum:
        return None
    message = _("El parámetro offset no puede superar %(max)s; use los filtros para acotar la búsqueda.") % {
        "max": maximum
    }
    return JsonResponse({"detail": [{"loc": ["query", "offset"], "msg": message}]}, status=422)
