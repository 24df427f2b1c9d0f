"""Faults with real processes on a SQLite file: a concurrent writer during an import, then kill -9 mid-import,
the reaper and a clean re-run."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite file faults (PostgreSQL: see locks)"
)


def manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600, **kwargs)


def big_wide_file(path: Path, cuts: list[str], measures: int = 15, years: int = 30) -> dict:
    header = ["CUT", "Anio"] + [f"m{i}" for i in range(measures)]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(",".join(header) + "\n")
        for year in range(2000, 2000 + years):
            for n, cut in enumerate(cuts):
                handle.write(",".join([cut, str(year)] + [str(n + i + year) for i in range(measures)]) + "\n")
    return {"columns": {"cut": "CUT", "period": "Anio"},
            "indicators": [{"code": f"falla_m{i}", "column": f"m{i}", "unit": "count"} for i in range(measures)]}


def test_kill_9_mid_import_then_reaper_and_rerun_give_a_clean_result(tmp_path):
    db = tmp_path / "faults.sqlite3"
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{db}", "HUB_DATA_DIR": "/work/shared/data",
           "MEDIA_ROOT": str(tmp_path)}
    env.setdefault("HUB_DATA_DIR", "/work/shared/data")
    assert manage(env, "migrate", "-v0").returncode == 0
    assert manage(env, "load_territory").returncode == 0
    cuts = [row[0] for row in sqlite3.connect(db).execute("select cut from territory_comuna order by cut")]
    data = tmp_path / "grande.csv"
    mapping_path = tmp_path / "mapping.json"
    mapping_path.write_text(json.dumps(big_wide_file(data, cuts)), encoding="utf-8")
    expected = len(cuts) * 30 * 15

    # 1. kill -9 while the import runs.
    proc = subprocess.Popen([sys.executable, "manage.py", "import_dataset", "generic", str(data), "--mapping",
                             str(mapping_path)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    watcher = sqlite3.connect(db, timeout=5)
    deadline = time.monotonic() + 120
    status = None
    while time.monotonic() < deadline:
        row = watcher.execute("select status, progress from observatory_importrun order by id desc limit 1").fetchone()
        if row and row[0] == "running" and row[1] >= 20:
            status = row
            break
        time.sleep(0.05)
    assert status, "the import never reached 20 %"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert watcher.execute("select status from observatory_importrun").fetchone()[0] == "running"

    # 2. The reaper closes it (the worker's pid is gone) and releases the lock; nothing half-written.
    reap = manage(env, "import_reap")
    assert "Importaciones cerradas: 1" in reap.stdout, reap.stdout + reap.stderr
    status, message = watcher.execute("select status, message from observatory_importrun").fetchone()
    assert status == "failed" and "reintentarla" in message
    assert watcher.execute("select count(*) from observatory_importlock").fetchone()[0] == 0
    assert watcher.execute("select count(*) from observatory_observation").fetchone()[0] == 0

    # 3. A re-run, with a concurrent writer hammering the database: no "database is locked", clean result.
    proc = subprocess.Popen([sys.executable, "manage.py", "import_dataset", "generic", str(data), "--mapping",
                             str(mapping_path)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    # The web server waits 5 s (busy_timeout in config/settings.py); on the shared 2-core CI machine a short
    # batch can be descheduled for longer, so the writer here waits up to 15 s and the worst wait is reported.
    writer = sqlite3.connect(db, timeout=15, isolation_level=None)
    writer.execute("PRAGMA busy_timeout=15000")
    writes, errors, slowest = 0, [], 0.0
    while proc.poll() is None:
        started = time.monotonic()
        try:
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("update territory_comuna set name = name where cut = '13120'")
            writer.execute("COMMIT")
            writes += 1
        except sqlite3.OperationalError as exc:
            errors.append(f"{exc} after {time.monotonic() - started:.2f} s")
            writer.execute("ROLLBACK") if writer.in_transaction else None
        slowest = max(slowest, time.monotonic() - started)
        time.sleep(0.02)
    out, err = proc.communicate()
    assert proc.returncode == 0, out + err
    assert not errors, errors
    assert writes > 5 and slowest < 15
    print(f"concurrent writer: {writes} writes, slowest wait {slowest:.2f} s")
    assert watcher.execute("select count(*) from observatory_observation").fetchone()[0] == expected
    statuses = [r[0] for r in watcher.execute("select status from observatory_importrun order by id")]
    assert statuses == ["failed", "succeeded"]
