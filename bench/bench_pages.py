"""Latency of the observatory's pages and open-data API with the real data loaded.

Runs ~50 warm requests per URL through django.test.Client against the configured database (the SQLite
dev DB by default, or DATABASE_URL) and prints p50/p95 in milliseconds. Target: p50 < 50 ms.

    DEBUG=1 DATABASE_URL=sqlite:////tmp/hub_obs.sqlite3 .venv/bin/python bench/bench_pages.py [--n 50]

The database must have the territory and the open data loaded (manage.py load_territory, load_open_data).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

TARGET_P50_MS = 50.0


def setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("HUB_API_RATE", "0")
    os.environ.setdefault("AXES_ENABLED", "0")
    import django

    django.setup()


def urls() -> list[tuple[str, str]]:
    from hub.observatory.models import Observation

    latest_month = (
        Observation.objects.filter(indicator__code="casos_policiales_mensual", dimension="")
        .order_by("-period").values_list("period", flat=True).first()
    ) or "2025-12"
    return [
        ("referencia: portada del sitio", "/"),
        ("catálogo", "/observatorio/"),
        ("indicador casos_policiales", "/observatorio/casos_policiales/"),
        ("indicador tasa, región 13", "/observatorio/tasa_casos_policiales/?region=13"),
        ("ranking htmx página 3", "/observatorio/casos_policiales/?page=3&sort=name"),
        ("página de comuna 13120", "/comunas/13120/"),
        ("comparar 3 comunas", "/observatorio/comparar/?cut=13120&cut=09101&cut=13101"),
        ("API valores anuales", "/api/v1/indicators/casos_policiales/values?limit=1000"),
        ("API valores mensuales", f"/api/v1/indicators/casos_policiales_mensual/values?period={latest_month}"),
        ("API valores CSV", "/api/v1/indicators/tasa_casos_policiales/values?format=csv"),
    ]


def measure(client, url: str, n: int, headers: dict | None = None) -> list[float]:
    for _ in range(3):  # warm: caches (map paths, similar comunas), connections, templates
        response = client.get(url, **(headers or {}))
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    timings = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url, **(headers or {}))
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="requests per URL (default 50)")
    args = parser.parse_args(argv)
    setup_django()
    from django.conf import settings
    from django.test import Client

    from hub.observatory.models import Observation

    total = Observation.objects.count()
    if not total:
        print("bench_pages: no hay observaciones; ejecute manage.py load_open_data primero.")
        return 1
    db = settings.DATABASES["default"]
    print(f"bench_pages · {db['ENGINE'].rsplit('.', 1)[-1]} · {total:,} observaciones · {args.n} peticiones por URL")
    client = Client()
    failed = False
    print(f"{'URL':<34} {'p50 ms':>8} {'p95 ms':>8} {'KB':>6}")
    for label, url in urls():
        headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "ranking"} if "htmx" in label else None
        timings = measure(client, url, args.n, headers)
        size = len(client.get(url, **(headers or {})).content) / 1024
        p50 = statistics.median(timings)
        failed |= p50 > TARGET_P50_MS and not label.startswith("referencia")
        flag = "" if p50 <= TARGET_P50_MS else "  > objetivo"
        print(f"{label:<34} {p50:8.1f} {p95(timings):8.1f} {size:6.0f}{flag}")
    print(f"objetivo: p50 < {TARGET_P50_MS:.0f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
