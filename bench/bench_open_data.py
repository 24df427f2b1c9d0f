"""Load time of every open-data file shipped in data/ (`make bench`), first load and idempotent reload.

For each backend, in a subprocess with its own DATABASE_URL: migrate, load_territory, sync the catalogue,
then import each file of ``load_open_data`` in order (timed one by one, ratios recomputed once at the end,
as ``load_open_data`` does), then the same files again (everything unchanged). Target: every file other
than CEAD (which bench_import.py measures against the raw database speed) loads in under 5 s.

    .venv/bin/python bench/bench_open_data.py [--only sqlite|postgres]
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/hub_bench_open_data (default)
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/hub_bench_open_data")
SQLITE_URL = "sqlite:////tmp/hub_bench_open_data.sqlite3"
TARGET_SECONDS = 5.0


def phase(backend: str) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from hub.observatory.importers import IMPORTERS
    from hub.observatory.services import catalogue_sync, derived_recompute, import_file
    from hub.territory.datafiles import resolve

    call_command("migrate", verbosity=0)
    call_command("load_territory", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    catalogue_sync()
    rows = []
    for attempt in ("load", "reload"):
        for key, cls in IMPORTERS.items():
            path = resolve(cls.default_path) if cls.default_path else None
            if path is None:
                continue
            started = time.perf_counter()
            run = import_file(importer_key=key, path=path, recompute=False)
            seconds = time.perf_counter() - started
            assert run.status == "succeeded", run.message
            rows.append(
                {
                    "attempt": attempt,
                    "file": path.name,
                    "key": key,
                    "seconds": seconds,
                    "rows": run.rows_read,
                    "loaded": run.rows_loaded,
                    "unchanged": run.rows_unchanged,
                    "bytes": path.stat().st_size,
                }
            )
        started = time.perf_counter()
        derived_recompute()
        rows.append(
            {
                "attempt": attempt,
                "file": "(ratios derivados)",
                "key": "derived",
                "seconds": time.perf_counter() - started,
                "rows": 0,
                "loaded": 0,
                "unchanged": 0,
                "bytes": 0,
            }
        )
    return {"backend": backend, "rows": rows}


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
    ok = True
    for backend in ["sqlite", "postgres"]:
        if args.only and backend != args.only:
            continue
        env = dict(os.environ, DEBUG="1", AXES_ENABLED="0")
        if backend == "postgres":
            try:
                ensure_pg_database(PG_URL)
            except Exception as exc:  # no server: report and go on
                print(f"PostgreSQL no disponible en {PG_URL}: {exc}")
                continue
            env["DATABASE_URL"] = PG_URL
        else:
            Path(SQLITE_URL.removeprefix("sqlite:///")).unlink(missing_ok=True)
            env["DATABASE_URL"] = SQLITE_URL
        out = subprocess.run(
            [sys.executable, __file__, "--phase", backend], env=env, cwd=ROOT, capture_output=True, text=True
        )
        if out.returncode:
            print(out.stdout[-2000:], out.stderr[-4000:])
            return out.returncode
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"\n{backend}: {'archivo':<52} {'vez':<7} {'filas':>8} {'cargadas':>9} {'iguales':>8} {'KB':>6} {'s':>7}")
        for row in result["rows"]:
            print(
                f"{backend}: {row['file']:<52} {row['attempt']:<7} {row['rows']:>8} {row['loaded']:>9} "
                f"{row['unchanged']:>8} {row['bytes'] // 1024:>6} {row['seconds']:7.2f}"
            )
            if row["key"] != "cead" and row["seconds"] > TARGET_SECONDS:
                ok = False
                print(f"{backend}: {row['file']} FUERA DE META (> {TARGET_SECONDS} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
