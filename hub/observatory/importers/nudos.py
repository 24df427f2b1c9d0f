"""NUDOS Índice de Digitalización Comunal (IDC) 2024 and 2025: one row per comuna × edition.

Loaded: the total ``idc`` and the ``municipio_digital`` subindex (0–1). A blank score means NUDOS did
not compute it for that comuna (e.g. no SIMCE data for digital education): it is stored as missing with
that reason, never as 0.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .base import Collector, Importer, ImportStructureError, Progress, require_columns
from .cead import open_text

COLUMNS = {"idc": "indice_digitalizacion_comunal", "municipio_digital": "municipio_digital"}
NOT_COMPUTED = "No calculado por NUDOS"


class NudosImporter(Importer):
    key = "nudos"
    label = "NUDOS: Índice de Digitalización Comunal 2024-2025"
    default_path = "observatory/nudos_indice_digitalizacion_comunal_2024_2025.csv"
    indicator_codes = tuple(COLUMNS.values())

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        text, raw, _fraction = open_text(path)
        try:
            reader = csv.reader(text)
            header = next(reader, None)
            if header is None:
                raise ImportStructureError(f"{path.name}: el archivo está vacío.")
            cols = require_columns(header, ["cut", "anio", *COLUMNS], path.name)
            for fields in reader:
                row = reader.line_num
                collector.rows_read += 1
                if len(fields) != len(header):
                    collector.reject(row, f"La fila tiene {len(fields)} columnas; se esperaban {len(header)}.")
                    continue
                cut = collector.cut(fields[cols["cut"]], row)
                period = collector.period(fields[cols["anio"]], row, "year")
                if not (cut and period):
                    continue
                for column, code in COLUMNS.items():
                    raw_value = fields[cols[column]].strip()
                    key = (code, cut, period, "")
                    if not raw_value:
                        collector.add_missing(row, key, NOT_COMPUTED)
                        continue
                    value = collector.number(raw_value, row, f"valor de {column}")
                    if value is not None:
                        collector.add(row, key, value)
        except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
            raise ImportStructureError(f"{path.name}: no se pudo leer el archivo ({exc}).") from exc
        finally:
            text.close()
            raw.close()
        progress(1.0)
