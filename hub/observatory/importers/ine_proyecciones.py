"""INE population projections 2002-2035 (base Censo 2017): one row per comuna and year."""

from __future__ import annotations

import csv
from pathlib import Path

from .base import Collector, Importer, ImportStructureError, Progress, require_columns
from .cead import open_text

CODE = "poblacion_proyectada"


class IneProyeccionesImporter(Importer):
    key = "ine_proyecciones"
    label = "INE: proyecciones de población por comuna 2002-2035"
    default_path = "territory/ine_proyecciones_poblacion_2002_2035.csv"
    indicator_codes = (CODE,)

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        text, raw, fraction = open_text(path)
        try:
            reader = csv.reader(text)
            header = next(reader, None)
            if header is None:
                raise ImportStructureError(f"{path.name}: el archivo está vacío.")
            cols = require_columns(header, ["cut_comuna", "año", "población"], path.name)
            for fields in reader:
                row = reader.line_num
                collector.rows_read += 1
                if len(fields) != len(header):
                    collector.reject(row, f"La fila tiene {len(fields)} columnas; se esperaban {len(header)}.")
                    continue
                cut = collector.cut(fields[cols["cut_comuna"]], row)
                period = collector.period(fields[cols["año"]], row, "year")
                value = collector.number(fields[cols["población"]], row, "valor de población")
                if cut and period and value is not None:
                    collector.add(row, (CODE, cut, period, ""), value)
                if not collector.rows_read % 2000:
                    progress(fraction())
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ImportStructureError(f"{path.name}: no se pudo leer el archivo ({exc}).") from exc
        finally:
            text.close()
            raw.close()
