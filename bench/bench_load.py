"""Throughput and p50/p99 under a bounded concurrent load against the production server (issue 19).

Starts gunicorn with the production settings (DEBUG off, WEB_CONCURRENCY=2, the task worker not needed) on
a free loopback port, then for each engine (SQLite: var/hub.sqlite3 as `make setup` leaves it; PostgreSQL:
BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/hub_bench, loaded on first use) and each concurrency
level sends keep-alive GETs for BENCH_LOAD_SECONDS (20) to the home, indicator and comuna pages and the
values API. The load generator runs on the same 2 cores as the server: figures are a floor, not a ceiling.
It also times the PostgreSQL backup drill (pg_dump custom format, pg_restore into a scratch database).

    .venv/bin/python bench/bench_load.py [--seconds 20] [--levels 1,8,32] [--engines sqlite,postgres]
"""

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ROUTES = [
    ("portada", "/"),
    ("indicador", "/observatorio/casos_policiales/"),
    ("comuna 13120", "/comunas/13120/"),
    ("API valores", "/api/v1/indicators/casos_policiales/values?limit=100"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(database_url: str) -> dict:
    secret = (ROOT / "var" / "secret_key")
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secret.read_text().strip() if secret.exists() else "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "HUB_API_RATE": "0",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
    }


def ensure_postgres(url: str) -> bool:
    base, name = url.rsplit("/", 1)
    try:
        query = f"SELECT 1 FROM pg_database WHERE datname='{name}'"
        found = subprocess.run(["psql", f"{base}/postgres", "-tAc", query], capture_output=True, text=True, check=True)
        exists = found.stdout.strip() == "1"
    except (OSError, subprocess.CalledProcessError):
        print("PostgreSQL no disponible: se omite.")
        return False
    env = {**env_for(url), "DEBUG": "1"}
    if not exists:
        subprocess.run(["psql", f"{base}/postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True)
    for command in (["migrate", "--noinput", "-v", "0"], ["load_territory"], ["load_open_data"]):
        subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return True


def worker(port, path, stop_at, latencies, errors):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept-Language": "es"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        except (OSError, http.client.HTTPException):
            errors.append("conexión")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append((time.perf_counter() - started) * 1000)
    connection.close()


def load(port, path, clients, seconds):
    latencies, errors = [], []
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=worker, args=(port, path, stop_at, latencies, errors)) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    if not latencies:
        return 0.0, float("nan"), float("nan"), len(errors)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / seconds, statistics.median(latencies), p99, len(errors)


def serve(database_url):
    port = free_port()
    env = env_for(database_url)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    process = subprocess.Popen([PY, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
                                "--access-logfile", "/dev/null", "config.wsgi"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn no respondió")


def pg_drill(url):
    if not shutil.which("pg_dump"):
        return
    base, name = url.rsplit("/", 1)
    dump = Path("/tmp/hub_bench.dump")
    started = time.monotonic()
    subprocess.run(["pg_dump", "--format=custom", "--compress=6", f"--file={dump}", url], check=True)
    dumped = time.monotonic() - started
    subprocess.run(["psql", f"{base}/postgres", "-qc", 'DROP DATABASE IF EXISTS "hub_restore_check"'], check=True)
    subprocess.run(["psql", f"{base}/postgres", "-qc", 'CREATE DATABASE "hub_restore_check"'], check=True)
    started = time.monotonic()
    target = f"--dbname={base}/hub_restore_check"
    subprocess.run(["pg_restore", "--no-owner", "--jobs=2", target, str(dump)], check=True)
    restored = time.monotonic() - started
    print(f"\nSimulacro PostgreSQL: pg_dump {dumped:.1f} s ({dump.stat().st_size / 1e6:.1f} MB), "
          f"pg_restore {restored:.1f} s")
    subprocess.run(["psql", f"{base}/postgres", "-qc", 'DROP DATABASE "hub_restore_check"'], check=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_LOAD_SECONDS", "20")))
    parser.add_argument("--levels", default="1,8,32")
    parser.add_argument("--engines", default="sqlite,postgres")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    engines = []
    if "sqlite" in args.engines:
        engines.append(("SQLite", os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'hub.sqlite3'}"))
    pg_url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/hub_bench")
    if "postgres" in args.engines and ensure_postgres(pg_url):
        engines.append(("PostgreSQL", pg_url))
    print(f"{'motor':<11} {'ruta':<13} {'clientes':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errores':>8}")
    for engine, url in engines:
        process, port = serve(url)
        try:
            for label, path in ROUTES:
                load(port, path, 2, 2)  # warm every worker's caches
                for clients in levels:
                    rps, p50, p99, errors = load(port, path, clients, args.seconds)
                    print(f"{engine:<11} {label:<13} {clients:>8} {rps:>8.0f} {p50:>8.1f} {p99:>8.1f} {errors:>8}",
                          flush=True)
        finally:
            process.terminate()
            process.wait(timeout=30)
        if engine == "PostgreSQL":
            pg_drill(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
