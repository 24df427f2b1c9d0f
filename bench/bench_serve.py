"""Throughput over real HTTP, as ratios against named anchors (`make bench`).

- Pages: gunicorn, 2 workers, production settings (DEBUG=0), serving the site plus a bare Django view in the same
  process and middleware (bench/wsgi_bench.py; production has no such route). Anonymous warm pages (home,
  catalogue, indicator, comuna, compare) against the bare view. Goal: >= 0.5.
- Open-data API against Datasette (`pip install -e '.[bench]'`), 2 instances (same number of workers) with
  `--setting suggest_facets off`, serving a SQLite table built from the same observations; same questions
  (indicator + period, + region, one comuna's whole series, CSV), fresh connections and keep-alive. Goal: >= 1.5.

Rounds are interleaved (every URL once per round, anchors included) and the table shows medians of the rounds
and the spread (min-max of the per-round ratios), because the machine is shared.

    DATABASE_URL=sqlite:///$PWD/var/bench.sqlite3 .venv/bin/python bench/bench_serve.py [--rounds 3] [--seconds 2]

The database needs the territory and the open data loaded (manage.py load_territory, load_open_data).
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUB_PORT = int(os.environ.get("BENCH_PORT", "8120"))
DS_PORTS = (HUB_PORT + 2, HUB_PORT + 3)
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))


def _worker(port_list, path, seconds, keepalive, queue):
    port = port_list[os.getpid() % len(port_list)]
    done = 0
    conn = None
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if conn is None or not keepalive:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers={"Connection": "keep-alive" if keepalive else "close"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            queue.put(-1)
            return
        if not keepalive:
            conn.close()
        done += 1
    queue.put(done)


def throughput(ports, path, seconds, keepalive=True) -> float:
    queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=_worker, args=(ports, path, seconds, keepalive, queue)) for _ in range(CLIENTS)
    ]
    for p in procs:
        p.start()
    counts = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    if min(counts) < 0:
        raise SystemExit(f"HTTP error on {path}")
    return sum(counts) / seconds


def wait_port(port, path="/"):
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not start")


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def build_datasette_db(path: Path) -> dict:
    """The same comuna observations (totals) as one flat table, indexed for the questions asked."""
    from hub.observatory.models import Observation

    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE obs (indicator TEXT, cut TEXT, comuna TEXT, region TEXT, typology TEXT, period TEXT, "
        "value REAL, lower REAL, upper REAL, numerator REAL, denominator REAL, flag TEXT)"
    )
    rows = Observation.objects.filter(dimension="", indicator__is_public=True).values_list(
        "indicator__code", "comuna_id", "comuna__name", "comuna__region_id", "comuna__typology", "period", "value",
        "lower", "upper", "numerator", "denominator", "flag",
    )
    db.executemany("INSERT INTO obs VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows.iterator(chunk_size=5000))
    db.execute("CREATE INDEX obs_ip ON obs (indicator, period, region)")
    db.execute("CREATE INDEX obs_ci ON obs (cut, indicator, period)")
    db.commit()
    count = db.execute("SELECT COUNT(*) FROM obs").fetchone()[0]
    db.close()
    return {"rows": count}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--only", choices=["pages", "api"])
    args = parser.parse_args(argv)
    setup_django()
    from django.conf import settings

    from hub.observatory.models import Observation

    db = settings.DATABASES["default"]
    if not Observation.objects.exists():
        print("bench_serve: no hay observaciones; ejecute manage.py load_open_data primero.")
        return 1
    period = (
        Observation.objects.filter(indicator__code="casos_policiales", dimension="")
        .order_by("-period").values_list("period", flat=True).first()
    )
    var = ROOT / "var"
    ds_db = var / "bench_datasette.sqlite3"
    built = build_datasette_db(ds_db)
    env = dict(
        os.environ, DEBUG="0", SECRET_KEY="bench-only-secret-key-0123456789abcdef", ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0", HUB_API_RATE="0", AXES_ENABLED="0",
    )
    if db["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{db['NAME']}"
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    servers = [
        subprocess.Popen(
            [gunicorn, "bench.wsgi_bench:application", "-w", "2", "-b", f"127.0.0.1:{HUB_PORT}", "--log-level",
             "warning", "--keep-alive", "5"],
            cwd=ROOT, env=env,
        )
    ]
    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent))
    if datasette:
        for port in DS_PORTS:
            servers.append(
                subprocess.Popen(
                    [datasette, "serve", "-i", str(ds_db), "-p", str(port), "--setting", "suggest_facets", "off",
                     "--setting", "max_returned_rows", "2000"],
                    cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            )
    else:
        print("Datasette no está instalado: pip install -e '.[bench]' (se omiten las comparaciones de la API)")
    try:
        wait_port(HUB_PORT, "/__bench__/bare/")
        for port in DS_PORTS if datasette else ():
            wait_port(port, "/")
        hub = (HUB_PORT,)
        pages = [
            ("portada", "/"),
            ("catálogo", "/observatorio/"),
            ("indicador", "/observatorio/casos_policiales/"),
            ("indicador región 13", "/observatorio/tasa_casos_policiales/?region=13"),
            ("comuna 13120", "/comunas/13120/"),
            ("comparar 3", "/observatorio/comparar/?cut=13120&cut=09101&cut=13101"),
        ]
        ds = "/bench_datasette/obs"
        api = [
            ("indicador+periodo JSON", f"/api/v1/indicators/casos_policiales/values?period={period}&limit=1000",
             f"{ds}.json?indicator=casos_policiales&period={period}&_shape=objects&_size=max"),
            ("+región JSON", f"/api/v1/indicators/casos_policiales/values?period={period}&region=13&limit=1000",
             f"{ds}.json?indicator=casos_policiales&period={period}&region=13&_shape=objects&_size=max"),
            ("serie de una comuna", "/api/v1/comunas/13120/series?indicator=casos_policiales_mensual",
             f"{ds}.json?indicator=casos_policiales_mensual&cut=13120&_sort=period&_shape=objects&_size=max"),
            ("CSV", f"/api/v1/indicators/casos_policiales/values?period={period}&format=csv",
             f"{ds}.csv?indicator=casos_policiales&period={period}&_size=max"),
        ]
        # Warm every URL (caches of both workers; a cold indicator page takes ~1 s on this machine).
        for _, url in pages + [("bare", "/__bench__/bare/")]:
            throughput(hub, url, 2.5)
        for _, url, ds_url in api:
            throughput(hub, url, 0.3)
            if datasette:
                throughput(DS_PORTS, ds_url, 0.3)
        results: dict[tuple, list[float]] = {}
        raw: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            if args.only != "api":
                bare = throughput(hub, "/__bench__/bare/", args.seconds)
                raw.setdefault("bare", []).append(bare)
                for label, url in pages:
                    rate = throughput(hub, url, args.seconds)
                    raw.setdefault(label, []).append(rate)
                    results.setdefault((f"página {label}", "vista mínima (bare)", 0.5), []).append(rate / bare)
            if args.only != "pages" and datasette:
                for keepalive in (True, False):
                    mode = "keep-alive" if keepalive else "conexión nueva"
                    for label, url, ds_url in api:
                        ours = throughput(hub, url, args.seconds, keepalive)
                        theirs = throughput(DS_PORTS, ds_url, args.seconds, keepalive)
                        raw.setdefault(f"API {label} {mode}", []).append(ours)
                        raw.setdefault(f"Datasette {label} {mode}", []).append(theirs)
                        results.setdefault((f"API {label} ({mode})", "Datasette, facets off", 1.5), []).append(
                            ours / theirs
                        )
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    print(f"\nbench_serve · {db['ENGINE'].rsplit('.', 1)[-1]} · tabla Datasette {built['rows']:,} filas · "
          f"{args.rounds} rondas intercaladas de {args.seconds:.0f} s · {CLIENTS} clientes")
    print(f"{'medida':<44} {'req/s (mediana)':>16} {'min-max':>16}")
    for label, rates in raw.items():
        print(f"{label:<44} {statistics.median(rates):16.0f} {min(rates):7.0f}-{max(rates):<8.0f}")
    print(f"\n{'cifra':<44} {'ancla':<22} {'razón':>7} {'min-max':>12} {'meta':>6}")
    ok = True
    for (label, anchor, goal), ratios in results.items():
        median = statistics.median(ratios)
        ok &= median >= goal
        flag = "" if median >= goal else "  < meta"
        print(f"{label:<44} {anchor:<22} {median:7.2f} {min(ratios):5.2f}-{max(ratios):<6.2f} {goal:>6.2f}{flag}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
