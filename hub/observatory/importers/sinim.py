"""SINIM municipal finance: the components of the finance ratios, one indicator per field (CLP)."""

from __future__ import annotations

from pathlib import Path

from .base import Collector, Importer, Progress, empty, read_json_list

FIELDS = {
    "ingresos_totales": "sinim_ingresos_totales",
    "gastos_totales": "sinim_gastos_totales",
    "ingresos_propios_permanentes": "sinim_ingresos_propios_permanentes",
    "fondo_comun_municipal": "sinim_fondo_comun_municipal",
    "gasto_personal": "sinim_gasto_personal",
    "gasto_inversion": "sinim_gasto_inversion",
}


class SinimImporter(Importer):
    key = "sinim"
    label = "SINIM: ingresos y gastos municipales"
    default_path = "observatory/sinim_finanzas_municipales_2024.json"
    indicator_codes = tuple(FIELDS.values())

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        items = read_json_list(path, ["anio", "codigo_comuna", *FIELDS])
        for row, item in enumerate(items, start=1):
            collector.rows_read += 1
            cut = collector.cut(item.get("codigo_comuna"), row)
            period = collector.period(item.get("anio"), row, "year")
            parsed = {}
            for field, code in FIELDS.items():
                if empty(item.get(field)):
                    continue
                value = collector.number(item.get(field), row, f"valor de {field}")
                if value is not None:
                    parsed[code] = value
            if row in collector.rejections or not (cut and period):
                continue
            if not parsed:
                collector.skip(row, f"Comuna {cut}: sin datos financieros informados (valores vacíos).")
                continue
            for code, value in parsed.items():
                collector.add(row, (code, cut, period, ""), value)
        progress(1.0)
