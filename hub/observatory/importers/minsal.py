"""MINSAL health facilities register -> municipal primary care facilities (APS) per comuna.

Counted: ``nivel_atencion == "Primer Nivel"``, ``dependencia_administrativa == "Municipal"`` and a
status beginning with "Vigente" (any case: the register writes both "Vigente en Operación Habitual"
and "Vigente en operación habitual"). Every comuna gets a value, 0 when it has none: the register is
complete, so absence means no municipal APS facility. The register has no date: the period is
``options["period"]`` (default "2024", the population year it is compared with).
"""

from __future__ import annotations

import csv
from pathlib import Path

from .base import Collector, Importer, ImportStructureError, Progress, require_columns
from .cead import open_text

CODE = "aps_establecimientos_municipales"


def is_municipal_aps(nivel: str, dependencia: str, estado: str) -> bool:
    return (
        nivel.strip() == "Primer Nivel"
        and dependencia.strip() == "Municipal"
        and estado.strip().lower().startswith("vigente")
    )


class MinsalImporter(Importer):
    key = "minsal"
    label = "MINSAL: establecimientos de salud (APS municipal por comuna)"
    default_path = "observatory/minsal_establecimientos_salud.csv"
    indicator_codes = (CODE,)

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        period = str(self.options.get("period") or "2024")
        if collector.period(period, 0, "year") is None:
            raise ImportStructureError(f"{path.name}: periodo «{period}» inválido (AAAA).")
        counts = dict.fromkeys(collector.comunas, 0)
        seen: dict[str, int] = {}
        text, raw, fraction = open_text(path)
        try:
            reader = csv.reader(text)
            header = next(reader, None)
            if header is None:
                raise ImportStructureError(f"{path.name}: el archivo está vacío.")
            required = ["codigo_establecimiento", "codigo_comuna", "nivel_atencion", "dependencia_administrativa",
                        "estado_funcionamiento"]
            cols = require_columns(header, required, path.name)
            for fields in reader:
                row = reader.line_num
                collector.rows_read += 1
                if len(fields) != len(header):
                    collector.reject(row, f"La fila tiene {len(fields)} columnas; se esperaban {len(header)}.")
                    continue
                code = fields[cols["codigo_establecimiento"]].strip()
                if code in seen:
                    collector.reject(row, f"Clave duplicada: el establecimiento {code} ya viene en la fila "
                                          f"{seen[code]}.")
                    continue
                seen[code] = row
                cut = collector.cut(fields[cols["codigo_comuna"]], row)
                if cut and is_municipal_aps(
                    fields[cols["nivel_atencion"]],
                    fields[cols["dependencia_administrativa"]],
                    fields[cols["estado_funcionamiento"]],
                ):
                    counts[cut] += 1
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ImportStructureError(f"{path.name}: no se pudo leer el archivo ({exc}).") from exc
        finally:
            text.close()
            raw.close()
        for cut, count in counts.items():
            collector.values[(CODE, cut, period, "")] = (float(count), None, None)
        progress(1.0)
