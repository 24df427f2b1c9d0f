"""export_all → restore_all into an empty database → export_all again gives the same counts and hashes.

Runs in subprocesses against scratch databases (SQLite files, or PostgreSQL databases beside the test one when
DATABASE_URL points at PostgreSQL), with real content: the territory and the demo.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


def _database_url(tmp_path, name):
    if not ON_POSTGRES:
        return f"sqlite:///{tmp_path / (name + '.sqlite3')}"
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    admin = f"{base}/postgres"
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", admin, "-q", "-c", sql], check=True, capture_output=True)
    return f"{base}/{name}"


def _manage(url, tmp_path, *args, check=True):
    name = url.rsplit("/", 1)[-1].removesuffix(".sqlite3")
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": url, "MEDIA_ROOT": str(tmp_path / f"{name}-files" / "media"),
           "AXES_ENABLED": "0"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if check and result.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} falló:\n{result.stderr[-3000:]}")
    return result


def _tables(manifest_dir):
    manifest = json.loads((manifest_dir / "manifest.json").read_text())
    return {k: (v["rows"], v["sha256"]) for k, v in manifest["tables"].items()}, manifest["files"]


@pytest.mark.slow
def test_export_restore_round_trip_keeps_every_row_and_file(tmp_path):
    source = _database_url(tmp_path, "hub_backup_source")
    target = _database_url(tmp_path, "hub_backup_target")
    _manage(source, tmp_path, "migrate", "-v", "0")
    _manage(source, tmp_path, "load_territory")
    _manage(source, tmp_path, "load_demo")
    _manage(source, tmp_path, "export_all", str(tmp_path / "first"))
    _manage(target, tmp_path, "migrate", "-v", "0")
    _manage(target, tmp_path, "restore_all", str(tmp_path / "first"), "--yes")
    _manage(target, tmp_path, "export_all", str(tmp_path / "second"))

    first_tables, first_files = _tables(tmp_path / "first")
    second_tables, second_files = _tables(tmp_path / "second")
    assert first_tables["territory.comuna"][0] == 346
    assert sum(rows for rows, _ in first_tables.values()) > 1000
    assert first_tables == second_tables
    assert first_files == second_files


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path):
    url = _database_url(tmp_path, "hub_backup_damaged")
    _manage(url, tmp_path, "migrate", "-v", "0")
    _manage(url, tmp_path, "load_territory")
    _manage(url, tmp_path, "export_all", str(tmp_path / "copy"))
    damaged = tmp_path / "copy" / "tables" / "territory.region.json"
    damaged.write_text(damaged.read_text().replace("Arica", "Arika"))
    result = _manage(url, tmp_path, "restore_all", str(tmp_path / "copy"), "--yes", check=False)
    assert result.returncode != 0
    assert "dañada" in result.stderr and "territory.region.json" in result.stderr
    count = _manage(url, tmp_path, "shell", "-c",
                    "from hub.territory.models import Comuna; print(Comuna.objects.count())")
    assert count.stdout.strip().endswith("346")
