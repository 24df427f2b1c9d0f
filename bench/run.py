"""Benchmark runner (`make bench`): runs every bench/bench_*.py it finds, one subprocess each.

Benchmarks are never part of `make test`. Each bench script is standalone (`python bench/bench_x.py`),
prints its own table and exits non-zero when it misses its target. Hook for new benches: drop a
bench/bench_<name>.py file here (e.g. bench_pages.py for page latency) — no registration needed.

    .venv/bin/python bench/run.py [name ...]     # e.g. `bench/run.py import` runs only bench_import.py
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if argv:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in argv]
    results = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        results.append((script.name, code, time.monotonic() - started))
    print("\n=== resumen ===")
    for name, code, seconds in results:
        print(f"{name:<28} {'OK' if code == 0 else f'FALLÓ ({code})':<12} {seconds:8.1f} s")
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
