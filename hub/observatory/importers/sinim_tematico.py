"""SINIM by theme (capital humano, salud/APS, gestión ambiental, seguridad): long CSVs, one row per
comuna × year × SINIM variable, shipped gzip-compressed in data/observatory/.

Columns: ``cut, nombre_comuna, anio, variable_codigo, valor, estado, alerta, origen`` (see
data/observatory/PROVENANCE_sinim_nudos_fonasa.md). Rules:
- ``valor`` is a number (dot decimal): loaded; money variables (``M$``, thousands of nominal pesos) are
  multiplied by 1,000 so the platform publishes nominal pesos.
- ``valor`` empty: SINIM's status text in ``estado`` ("No Recepcionado", "Sin Servicio", "No Aplica",
  "Costo Fijo"…) is stored as the reason the value is missing. Missing is never zero.
- ``alerta`` (an objective quality flag of the file) is stored with the value; flagged values are shown
  with a warning and left out of rankings and aggregates.
- Variables the catalogue does not use are read and ignored (counted in the report).
"""

from __future__ import annotations

import csv
from pathlib import Path

from .base import Collector, Importer, ImportStructureError, Progress, require_columns
from .cead import open_text

COLUMNS = ["cut", "anio", "variable_codigo", "valor", "estado", "alerta"]
NO_STATUS = "Sin valor ni estado en la fuente"


class SinimTemaImporter(Importer):
    """One SINIM theme file. ``variables``: SINIM code -> (indicator code, is money in M$)."""

    variables: dict[str, tuple[str, bool]] = {}
    # Indicator code -> the SINIM codes whose same-year sum it is (only when every part has a number).
    sums: dict[str, tuple[str, ...]] = {}

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        text, raw, fraction = open_text(path)
        parts: dict[tuple[str, str, str], tuple[float | None, str, str]] = {}
        wanted_parts = {code for codes in self.sums.values() for code in codes}
        ignored = 0
        try:
            reader = csv.reader(text)
            header = next(reader, None)
            if header is None:
                raise ImportStructureError(f"{path.name}: el archivo está vacío.")
            cols = require_columns(header, COLUMNS, path.name)
            c_cut, c_year, c_var, c_val, c_status, c_flag = (cols[name] for name in COLUMNS)
            width = len(header)
            for fields in reader:
                row = reader.line_num
                collector.rows_read += 1
                if not collector.rows_read % 5000:
                    progress(fraction())
                if len(fields) != width:
                    collector.reject(row, f"La fila tiene {len(fields)} columnas; se esperaban {width}.")
                    continue
                variable = fields[c_var].strip()
                target = self.variables.get(variable)
                if target is None and variable not in wanted_parts:
                    ignored += 1
                    continue
                cut = collector.cut(fields[c_cut], row)
                period = collector.period(fields[c_year], row, "year")
                if not (cut and period):
                    continue
                raw_value, status, flag = fields[c_val].strip(), fields[c_status].strip(), fields[c_flag].strip()
                value = None
                if raw_value:
                    value = collector.number(raw_value, row)
                    if value is None:
                        continue
                    if target and target[1]:
                        value *= 1000  # M$ (thousands of nominal pesos) -> pesos
                if variable in wanted_parts:
                    parts[(variable, cut, period)] = (value, status or NO_STATUS, flag)
                if target is None:
                    continue
                key = (target[0], cut, period, "")
                if value is None:
                    collector.add_missing(row, key, status or NO_STATUS)
                elif collector.add(row, key, value) and flag:
                    collector.flags[key] = flag[:60]
        except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
            raise ImportStructureError(f"{path.name}: no se pudo leer el archivo ({exc}).") from exc
        finally:
            text.close()
            raw.close()
        self._sums(parts, collector)
        if ignored:
            collector.skip(0, f"{ignored} filas de variables SINIM que el catálogo no usa (se leen y se omiten).")
        progress(1.0)

    def _sums(self, parts: dict, collector: Collector) -> None:
        for code, variables in self.sums.items():
            places = {(cut, period) for (variable, cut, period) in parts if variable == variables[0]}
            for cut, period in sorted(places):
                items = [parts.get((variable, cut, period)) for variable in variables]
                key = (code, cut, period, "")
                if any(item is None for item in items):
                    continue  # a part absent from the file: nothing to say
                missing = next((item for item in items if item[0] is None), None)
                if missing is not None:
                    collector.missing[key] = missing[1]
                    continue
                collector.values[key] = (float(sum(item[0] for item in items)), None, None)
                flag = next((item[2] for item in items if item[2]), "")
                if flag:
                    collector.flags[key] = flag[:60]


class SinimCapitalHumanoImporter(SinimTemaImporter):
    key = "sinim_capital_humano"
    label = "SINIM: recursos humanos municipales 2019-2023"
    default_path = "observatory/sinim_capital_humano_municipal.csv"
    variables = {
        "738": ("profesionalizacion_municipal", False),
        "4071": ("funcionarios_planta_contrata", False),
        "4069": ("sinim_honorarios", False),
        "4073": ("sinim_funcionarias_mujeres", False),
        "4341": ("gasto_personal_umbral_legal", False),
        "1106": ("capacitacion_gasto_personal_pct", False),
    }
    sums = {"sinim_dotacion_con_honorarios": ("4071", "4069")}
    indicator_codes = (*[code for code, _money in variables.values()], *sums)


class SinimSaludImporter(SinimTemaImporter):
    key = "sinim_salud"
    label = "SINIM: salud municipal y APS 2018-2023"
    default_path = "observatory/sinim_salud_aps.csv"
    variables = {
        "787": ("aps_poblacion_inscrita", False),
        "788": ("aps_cobertura", False),
        "1128": ("sinim_gasto_salud", True),
        "MCESFAM": ("aps_cesfam", False),
    }
    indicator_codes = tuple(code for code, _money in variables.values())


class SinimAmbientalImporter(SinimTemaImporter):
    key = "sinim_ambiental"
    label = "SINIM: gestión ambiental y territorial 2018-2023"
    default_path = "observatory/sinim_gestion_ambiental.csv"
    variables = {
        "MAVM": ("sinim_areas_verdes_m2", False),
        "3923": ("sinim_gasto_aseo", True),
        "3954": ("sinim_derechos_aseo", True),
        "3925": ("sinim_gasto_alumbrado", True),
    }
    indicator_codes = tuple(code for code, _money in variables.values())


class SinimSeguridadImporter(SinimTemaImporter):
    key = "sinim_seguridad"
    label = "SINIM: seguridad municipal 2018-2023"
    default_path = "observatory/sinim_seguridad_municipal.csv"
    variables = {
        "MNSEGCIUCA": ("camaras_vigilancia", False),
        "MNSEGCIUIN": ("sinim_inspectores_seguridad", False),
    }
    indicator_codes = tuple(code for code, _money in variables.values())
