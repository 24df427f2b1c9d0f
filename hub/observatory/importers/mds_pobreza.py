"""MDSF small-area poverty estimates: income and multidimensional rates with confidence bounds."""

from __future__ import annotations

from pathlib import Path

from .base import Collector, Importer, Progress, empty, read_json_list

CODES = {"ingresos": "pobreza_ingresos", "multidimensional": "pobreza_multidimensional"}


class MdsPobrezaImporter(Importer):
    key = "mds_pobreza"
    label = "MDSF: pobreza comunal por ingresos y multidimensional"
    default_path = "observatory/mds_pobreza_comunal_2022.json"
    indicator_codes = tuple(CODES.values())

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        items = read_json_list(path, ["codigo_comuna", "anio", "dimension", "tasa"])
        for row, item in enumerate(items, start=1):
            collector.rows_read += 1
            code = CODES.get(str(item.get("dimension", "")).strip().lower())
            if code is None:
                collector.reject(row, f"Dimensión de pobreza desconocida: «{item.get('dimension')}» "
                                      "(se espera ingresos o multidimensional).")
                continue
            cut = collector.cut(item.get("codigo_comuna"), row)
            period = collector.period(item.get("anio"), row, "year")
            if empty(item.get("tasa")):
                collector.skip(row, "Tasa vacía.")
                continue
            value = collector.number(item.get("tasa"), row, "valor de la tasa")
            lower = upper = None
            if not empty(item.get("limite_inferior")):
                lower = collector.number(item.get("limite_inferior"), row, "límite inferior")
            if not empty(item.get("limite_superior")):
                upper = collector.number(item.get("limite_superior"), row, "límite superior")
            if row in collector.rejections or not (cut and period) or value is None:
                continue
            collector.add(row, (code, cut, period, ""), value, lower, upper)
        progress(1.0)
