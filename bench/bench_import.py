"""Import speed of the full CEAD file (993,600 rows) against the raw speed of the database.

For each backend, in a subprocess with its own DATABASE_URL:
- ``import``   : services.import_file("cead", ...) on a database without CEAD rows — parse, validate,
                 aggregate (118,680 observations), write, all in one transaction;
- ``reimport`` : the same file again (idempotent: everything unchanged);
- baselines    : PostgreSQL — ``COPY`` of the same 993,600 rows into a plain table, fed with the raw
                 decompressed bytes (``COPY ... CSV``: no Python per row) and row by row from the csv
                 module; SQLite — ``executemany`` of the same rows into a plain table.
Target: import within 2x the raw baseline (the row-by-row one, which reads the file the same way).

    .venv/bin/python bench/bench_import.py [--only sqlite|postgres]
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/hub_bench (default)
"""

import argparse
import csv
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/hub_bench")
SQLITE_URL = "sqlite:////tmp/hub_bench_import.sqlite3"
TARGET_RATIO = 2.0
REPEAT = int(os.environ.get("BENCH_REPEAT", "2"))  # best of N: the machine is shared, timings fluctuate
CEAD = "observatory/cead_casos_policiales_mensual_2018_2025.csv.gz"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("AXES_ENABLED", "0")
    import django

    django.setup()


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def best_of(fn, reset) -> float:
    times = []
    for _ in range(REPEAT):
        reset()
        times.append(timed(fn))
    return min(times)


def raw_rows(path: Path):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            yield row[0], row[1], row[2], row[3], row[4], row[5], int(row[6])


RAW_TABLE = "CREATE TABLE bench_raw_cead (comuna text, cut_comuna text, region text, cut_region text, fecha text, " \
            "delito text, delito_n integer)"


def baseline_postgres(path: Path) -> dict:
    from django.db import connection

    def reset():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_raw_cead")
            cursor.execute(RAW_TABLE)

    def copy_bytes():
        with connection.cursor() as cursor, gzip.open(path, "rb") as handle:
            with cursor.cursor.copy("COPY bench_raw_cead FROM STDIN (FORMAT csv, HEADER true)") as copy:
                while chunk := handle.read(1 << 20):
                    copy.write(chunk)

    def copy_rows():
        with connection.cursor() as cursor:
            with cursor.cursor.copy("COPY bench_raw_cead FROM STDIN") as copy:
                for row in raw_rows(path):
                    copy.write_row(row)

    bytes_seconds = best_of(copy_bytes, reset)
    rows_seconds = best_of(copy_rows, reset)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_raw_cead")
        count = cursor.fetchone()[0]
        cursor.execute("DROP TABLE bench_raw_cead")
    return {"raw COPY (bytes, CSV)": bytes_seconds, "raw COPY (csv module rows)": rows_seconds, "rows": count}


def baseline_sqlite(path: Path) -> dict:
    from django.db import connection, transaction

    def run():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(RAW_TABLE)
            cursor.executemany("INSERT INTO bench_raw_cead VALUES (%s, %s, %s, %s, %s, %s, %s)", raw_rows(path))

    def reset():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_raw_cead")

    seconds = best_of(run, reset)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_raw_cead")
        count = cursor.fetchone()[0]
        cursor.execute("DROP TABLE bench_raw_cead")
    return {"raw executemany (csv module rows)": seconds, "rows": count}


def phase(backend: str) -> dict:
    """Runs inside a subprocess whose DATABASE_URL points at the bench database."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from hub.observatory.models import Observation
    from hub.observatory.services import catalogue_sync, import_file

    path = Path(settings.HUB_DATA_DIR) / CEAD
    call_command("migrate", verbosity=0)
    call_command("load_territory", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    catalogue_sync()
    result = {"backend": backend}
    run = None

    def reset():
        Observation.objects.filter(indicator__code__in=["casos_policiales", "casos_policiales_mensual",
                                                        "tasa_casos_policiales"]).delete()

    def do_import():
        nonlocal run
        run = import_file(importer_key="cead", path=path, recompute=False)

    result["import"] = best_of(do_import, reset)
    assert run.status == "succeeded", run.message
    result["observations"] = run.rows_loaded
    result["rows"] = run.rows_read
    result["reimport (unchanged)"] = timed(do_import)
    assert run.rows_unchanged == result["observations"]
    result.update(baseline_postgres(path) if backend == "postgres" else baseline_sqlite(path))
    return result


def ensure_pg_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--phase", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase)))
        return 0

    results = []
    for backend in ["postgres", "sqlite"]:
        if args.only and backend != args.only:
            continue
        env = dict(os.environ, DEBUG="1", AXES_ENABLED="0")
        if backend == "postgres":
            try:
                ensure_pg_database(PG_URL)
            except Exception as exc:  # no server: report and go on with SQLite
                print(f"PostgreSQL no disponible en {PG_URL}: {exc}")
                continue
            env["DATABASE_URL"] = PG_URL
        else:
            Path(SQLITE_URL.removeprefix("sqlite:///")).unlink(missing_ok=True)
            env["DATABASE_URL"] = SQLITE_URL
        out = subprocess.run([sys.executable, __file__, "--phase", backend], env=env, cwd=ROOT,
                             capture_output=True, text=True)
        if out.returncode:
            print(out.stdout[-2000:], out.stderr[-4000:])
            return out.returncode
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))

    ok = True
    print(f"{'backend':<10} {'medición':<36} {'segundos':>9} {'razón':>7}")
    for result in results:
        backend = result["backend"]
        baseline_key = "raw COPY (csv module rows)" if backend == "postgres" else "raw executemany (csv module rows)"
        baseline = result[baseline_key]
        for key in ["import", "reimport (unchanged)", "raw COPY (bytes, CSV)", "raw COPY (csv module rows)",
                    "raw executemany (csv module rows)"]:
            if key in result:
                print(f"{backend:<10} {key:<36} {result[key]:9.2f} {result[key] / baseline:7.2f}")
        ratio = result["import"] / baseline
        status = "OK" if ratio <= TARGET_RATIO else "FUERA DE META"
        print(f"{backend:<10} import / {baseline_key}: {ratio:.2f}x (meta ≤ {TARGET_RATIO}x) {status}; "
              f"{result['rows']} filas -> {result['observations']} observaciones")
        ok = ok and ratio <= TARGET_RATIO
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
