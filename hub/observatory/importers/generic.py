"""Generic importer for tidy files: one observation per row, driven by a small declarative mapping.

A new public dataset loads with no new code: write a mapping (a JSON file or dict) and run
``manage.py import_dataset generic <file> --mapping <mapping.json>``. Every key is optional:

    {
      "format": "csv",               # csv | json | xlsx; default: from the file extension
      "delimiter": ",",              # CSV only
      "encoding": "utf-8-sig",       # CSV only
      "sheet": "Hoja1",              # XLSX only; default: the first sheet
      "indicator": "pobreza_ingresos",   # fixed indicator code when the file has no indicator column
      "period": "2022",              # fixed period when the file has no period column
      "dimension": "",               # fixed dimension when the file has no dimension column
      "columns": {"cut": "CUT", "indicator": "indicator", "period": "period", "value": "value",
                  "lower": "lower", "upper": "upper", "dimension": "dimension"},
      "period_format": "%d-%m-%Y"    # strptime format of the period column; default: AAAA, AAAA-MM, AAAA-MM-DD
    }

The default columns are the tidy ones above (``lower``, ``upper`` and ``dimension`` are optional).
The indicator must exist in the catalogue and must not be a ratio (ratios are computed from their
components). The period must match the indicator's periodicity (AAAA yearly, AAAA-MM monthly).
"""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

from .base import Collector, Importer, ImportStructureError, Progress, empty
from .cead import open_text

DEFAULT_COLUMNS = {
    "cut": "CUT",
    "indicator": "indicator",
    "period": "period",
    "value": "value",
    "lower": "lower",
    "upper": "upper",
    "dimension": "dimension",
}
OPTIONAL = {"lower", "upper", "dimension"}
FORMATS = {"csv", "json", "xlsx"}


def load_mapping(source) -> dict:
    """A mapping from a dict, a JSON string or a path to a JSON file; refuses unknown keys."""
    if source is None:
        return {}
    if isinstance(source, dict):
        mapping = source
    else:
        text = Path(source).read_text(encoding="utf-8") if Path(str(source)).suffix == ".json" else str(source)
        try:
            mapping = json.loads(text)
        except ValueError as exc:
            raise ImportStructureError(f"La definición (mapping) no es JSON válido: {exc}.") from exc
    if not isinstance(mapping, dict):
        raise ImportStructureError("La definición (mapping) debe ser un objeto JSON.")
    known = {"format", "delimiter", "encoding", "sheet", "indicator", "period", "dimension", "columns",
             "period_format"}
    unknown = sorted(set(mapping) - known)
    if unknown:
        raise ImportStructureError(f"Claves desconocidas en la definición: {', '.join(unknown)}.")
    return mapping


class GenericImporter(Importer):
    key = "generic"
    label = "Genérico: archivo ordenado (CUT, indicador, periodo, valor)"
    default_path = ""

    def __init__(self, options: dict | None = None):
        super().__init__(options)
        self.mapping = load_mapping(self.options.get("mapping"))

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        mapping = self.mapping
        fmt = (mapping.get("format") or path.suffix.lower().lstrip(".")).lower()
        if fmt == "gz":
            fmt = "csv"
        if fmt not in FORMATS:
            raise ImportStructureError(f"{path.name}: formato «{fmt}» no soportado (use csv, json o xlsx).")
        columns = {**DEFAULT_COLUMNS, **(mapping.get("columns") or {})}
        reader = {"csv": self._csv_rows, "json": self._json_rows, "xlsx": self._xlsx_rows}[fmt]
        rows = reader(path, mapping)
        header = next(rows)
        needed = {"cut", "value"}
        if not mapping.get("indicator"):
            needed.add("indicator")
        if not mapping.get("period"):
            needed.add("period")
        missing = [columns[name] for name in sorted(needed) if columns[name] not in header]
        if missing:
            raise ImportStructureError(
                f"{path.name}: faltan las columnas {', '.join(missing)} en la fila 1 "
                f"(columnas encontradas: {', '.join(map(str, header)) or 'ninguna'})."
            )
        present = {name: col for name, col in columns.items() if col in header and (name not in OPTIONAL or True)}
        fmt_period = mapping.get("period_format")
        for row, record, fraction in rows:
            collector.rows_read += 1
            if not collector.rows_read % 2000:
                progress(fraction)
            self._row(collector, row, record, present, mapping, fmt_period)
        progress(1.0)

    def _row(self, collector: Collector, row: int, record: dict, present: dict, mapping: dict, fmt_period) -> None:
        def get(name):
            return record.get(present[name]) if name in present else None

        code = get("indicator") if "indicator" in present and not empty(get("indicator")) else mapping.get("indicator")
        info = collector.indicator(str(code or "").strip(), row)
        cut = collector.cut(get("cut"), row)
        raw_period = get("period") if "period" in present else mapping.get("period")
        if fmt_period and isinstance(raw_period, str):
            try:
                raw_period = datetime.strptime(raw_period.strip(), fmt_period)
            except ValueError:
                collector.reject(row, f"Periodo «{raw_period}» no corresponde al formato {fmt_period}.")
                return
        period = collector.period(raw_period, row, info.periodicity) if info else None
        raw_value = get("value")
        if empty(raw_value):
            collector.reject(row, "El valor está vacío.")
            return
        value = collector.number(raw_value, row)
        lower = None if empty(get("lower")) else collector.number(get("lower"), row, "límite inferior")
        upper = None if empty(get("upper")) else collector.number(get("upper"), row, "límite superior")
        dimension = get("dimension") if "dimension" in present else mapping.get("dimension", "")
        dimension = str(dimension or "").strip()
        if len(dimension) > 120:
            collector.reject(row, "La desagregación supera los 120 caracteres.")
            return
        if row in collector.rejections or not (info and cut and period) or value is None:
            return
        collector.add(row, (info.code, cut, period, dimension), value, lower, upper)

    # -- readers: first yield the header, then (row number, record, fraction read) ---------------
    @staticmethod
    def _csv_rows(path: Path, mapping: dict):
        text, raw, fraction = open_text(path)
        if mapping.get("encoding") and mapping["encoding"].lower() not in {"utf-8", "utf-8-sig", "utf8"}:
            text.close()
            raw = open(path, "rb")  # noqa: SIM115
            import io

            text = io.TextIOWrapper(raw, encoding=mapping["encoding"], newline="")
        try:
            reader = csv.reader(text, delimiter=mapping.get("delimiter") or ",")
            header = [h.strip() for h in next(reader, [])]
            yield header
            for fields in reader:
                if not any(f.strip() for f in fields):
                    continue
                yield reader.line_num, dict(zip(header, fields, strict=False)), fraction()
        except (UnicodeDecodeError, csv.Error) as exc:
            raise ImportStructureError(f"{path.name}: no se pudo leer el CSV ({exc}).") from exc
        finally:
            text.close()
            raw.close()

    @staticmethod
    def _json_rows(path: Path, mapping: dict):
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ImportStructureError(f"{path.name}: no es un archivo JSON válido ({exc}).") from exc
        if isinstance(data, dict) and isinstance(data.get("rows"), list):
            data = data["rows"]
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise ImportStructureError(f"{path.name}: se esperaba una lista de objetos JSON.")
        yield list(data[0]) if data else []
        total = max(len(data), 1)
        for index, item in enumerate(data, start=1):
            yield index, item, index / total

    @staticmethod
    def _xlsx_rows(path: Path, mapping: dict):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a bad file
            raise ImportStructureError(f"{path.name}: no es un archivo XLSX válido ({exc}).") from exc
        try:
            sheet_name = mapping.get("sheet")
            if sheet_name and sheet_name not in book.sheetnames:
                raise ImportStructureError(f"{path.name}: no existe la hoja «{sheet_name}».")
            sheet = book[sheet_name] if sheet_name else book.worksheets[0]
            total = max(sheet.max_row or 1, 1)
            rows = sheet.iter_rows(values_only=True)
            header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
            yield header
            for number, values in enumerate(rows, start=2):
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                yield number, dict(zip(header, values, strict=False)), number / total
        finally:
            book.close()
