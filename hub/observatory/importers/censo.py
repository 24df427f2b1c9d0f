"""INE Censo 2024: census population per comuna (poblacion_censada)."""

from __future__ import annotations

from pathlib import Path

from .base import Collector, Importer, Progress, empty, read_json_list

CODE = "poblacion_censo_2024"


class CensoImporter(Importer):
    key = "censo"
    label = "INE: Censo de Población y Vivienda 2024 (población censada)"
    default_path = "territory/censo2024_comunal.json"
    indicator_codes = (CODE,)

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        items = read_json_list(path, ["codigo_comuna", "poblacion_censada"])
        for row, item in enumerate(items, start=1):
            collector.rows_read += 1
            cut = collector.cut(item.get("codigo_comuna"), row)
            if empty(item.get("poblacion_censada")):
                collector.skip(row, "Población censada vacía.")
                continue
            value = collector.number(item.get("poblacion_censada"), row, "valor de población")
            if cut and value is not None:
                collector.add(row, (CODE, cut, "2024", ""), value)
        progress(1.0)
