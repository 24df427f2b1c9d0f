"""The generic importer from upload to published values, on SQLite (a fresh file database):

- ``wide``: one row per comuna (346) with 8 measures, 2 of them rates with numerator and denominator,
  creating 8 indicators;
- ``long``: 346 comunas × 12 years × 40 indicator codes named in the file (166,080 rows) creating 40 indicators
  and a new unit through ``create_indicators``.

Each is run as a dry-run preview, then for real, then re-imported unchanged (idempotent).

    .venv/bin/python bench/bench_import_generic.py
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = Path(tempfile.gettempdir()) / "hub_bench_generic.sqlite3"


def main() -> int:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{DB}",
           "HUB_DATA_DIR": os.environ.get("HUB_DATA_DIR", "/work/shared/data")}
    for args in (["migrate", "-v0"], ["load_territory"]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from hub.observatory.services import import_file
    from hub.territory.models import Comuna

    cuts = list(Comuna.objects.values_list("cut", flat=True))
    work = Path(tempfile.mkdtemp())
    wide = work / "ancho.csv"
    with open(wide, "w", encoding="utf-8") as handle:
        handle.write("CUT,Año," + ",".join(f"m{i}" for i in range(6)) + ",num,den\n")
        for n, cut in enumerate(cuts):
            handle.write(f"{cut},2024," + ",".join(str(n + i) for i in range(6)) + f",{n},{1000 + n}\n")
    wide_map = {"columns": {"cut": "CUT", "period": "Año"}, "indicators": [
        *({"code": f"bench_m{i}", "column": f"m{i}", "unit": "personas", "theme": "aps"} for i in range(6)),
        {"code": "bench_tasa", "numerator_column": "num", "denominator_column": "den", "scale": 100, "unit": "%"},
        {"code": "bench_tasa_mil", "numerator_column": "num", "denominator_column": "den", "scale": 1000,
         "unit": "por 1.000 hab."},
    ]}
    long = work / "largo.csv"
    with open(long, "w", encoding="cp1252") as handle:
        handle.write("cut;año;código;nombre;unidad;valor\n")
        for k in range(40):
            for year in range(2013, 2025):
                for n, cut in enumerate(cuts):
                    handle.write(f"{cut};{year};Indicador Nº{k};Indicador número {k};"
                                 f"{'kWh' if k % 2 else 'personas'};{n + k + year}\n")
    long_map = {"columns": {"cut": "cut", "period": "año", "indicator": "código", "value": "valor"},
                "create_indicators": {"name": "nombre", "unit": "unidad"}}
    print(f"{'archivo':<8} {'paso':<12} {'filas':>8} {'valores':>8} {'indicadores':>11} {'segundos':>9}")
    for name, path, mapping in (("ancho", wide, wide_map), ("largo", long, long_map)):
        for step, dry in (("vista previa", True), ("carga", False), ("recarga", False)):
            started = time.monotonic()
            run = import_file(importer_key="generic", path=path, dry_run=dry, options={"mapping": mapping})
            seconds = time.monotonic() - started
            if run.status not in {"succeeded"}:
                print(run.status, run.message)
                return 1
            loaded = run.report.get("created", 0) + run.report.get("updated", 0)
            print(f"{name:<8} {step:<12} {run.rows_read:>8} {loaded:>8} "
                  f"{run.report.get('indicators_created', 0):>11} {seconds:>9.2f}")
    print(json.dumps({"db": str(DB)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
