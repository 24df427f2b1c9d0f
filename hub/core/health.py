"""Health endpoints for load balancers: /healthz (the process answers) and /readyz (it can serve).

/readyz checks the database (a query), the cache (a write and read), the task queue (its table answers) and
free disk under the media root, and answers 503 with the failing checks named, so a balancer takes the node
out of rotation without a person reading logs.
"""

import shutil
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

MIN_FREE_BYTES = 200 * 1024 * 1024


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    key = "hub-readyz"
    value = str(time.time())
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        raise RuntimeError("la caché no devolvió el valor escrito")


def _check_tasks():
    backend = settings.TASKS["default"]["BACKEND"]
    if "django_tasks_db" in backend:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()


def _check_disk():
    root = settings.MEDIA_ROOT
    root.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(root).free
    if free < MIN_FREE_BYTES:
        raise RuntimeError(f"quedan {free // (1024 * 1024)} MB libres")


CHECKS = {"database": _check_database, "cache": _check_cache, "tasks": _check_tasks, "disk": _check_disk}


@never_cache
def readyz(request):
    results, ok = {}, True
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - a readiness probe reports every failure, whatever it is
            ok = False
            results[name] = f"error: {type(exc).__name__}: {str(exc)[:120]}"
    return JsonResponse({"status": "ok" if ok else "error", "checks": results}, status=200 if ok else 503)
