"""FONASA beneficiaries 2023 by comuna and tramo: ``cut, nombre_comuna, anio, tramo_fonasa, beneficiarios``.

``Total`` (the source's own per-comuna total, equal to the sum of the tramos) is the value of
``fonasa_beneficiarios`` (dimension ""); tramos A–D are its breakdown (dimension "Tramo A"…). A tramo
absent for a comuna that has a total (Timaukel has no tramo C row) is stored as missing, never as 0.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .base import Collector, Importer, ImportStructureError, Progress, require_columns
from .cead import open_text

CODE = "fonasa_beneficiarios"
TRAMOS = ("A", "B", "C", "D")
ABSENT = "Sin fila en el archivo de FONASA"


class FonasaImporter(Importer):
    key = "fonasa"
    label = "FONASA: beneficiarios por comuna y tramo 2023"
    default_path = "observatory/fonasa_beneficiarios_comuna_tramo_2023.csv"
    indicator_codes = (CODE,)

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        text, raw, _fraction = open_text(path)
        seen: dict[tuple[str, str], set[str]] = {}
        try:
            reader = csv.reader(text)
            header = next(reader, None)
            if header is None:
                raise ImportStructureError(f"{path.name}: el archivo está vacío.")
            cols = require_columns(header, ["cut", "anio", "tramo_fonasa", "beneficiarios"], path.name)
            for fields in reader:
                row = reader.line_num
                collector.rows_read += 1
                if len(fields) != len(header):
                    collector.reject(row, f"La fila tiene {len(fields)} columnas; se esperaban {len(header)}.")
                    continue
                tramo = fields[cols["tramo_fonasa"]].strip()
                if tramo != "Total" and tramo not in TRAMOS:
                    collector.reject(row, f"Tramo FONASA desconocido «{tramo}» (se espera A, B, C, D o Total).")
                    continue
                cut = collector.cut(fields[cols["cut"]], row)
                period = collector.period(fields[cols["anio"]], row, "year")
                value = collector.number(fields[cols["beneficiarios"]], row, "número de beneficiarios")
                if not (cut and period) or value is None:
                    continue
                dimension = "" if tramo == "Total" else f"Tramo {tramo}"
                if collector.add(row, (CODE, cut, period, dimension), value):
                    seen.setdefault((cut, period), set()).add(tramo)
        except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
            raise ImportStructureError(f"{path.name}: no se pudo leer el archivo ({exc}).") from exc
        finally:
            text.close()
            raw.close()
        for (cut, period), tramos in sorted(seen.items()):
            if "Total" not in tramos:
                continue
            for tramo in TRAMOS:
                if tramo not in tramos:
                    collector.missing[(CODE, cut, period, f"Tramo {tramo}")] = ABSENT
        progress(1.0)
