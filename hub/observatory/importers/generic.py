"""Generic importer: any tidy or wide public file loads with a declarative mapping and no new code.

``manage.py import_dataset generic <file> --mapping <mapping.json>`` or the staff upload page. The mapping
format is documented in docs/importing.md and validated by ``hub.observatory.mapping``:

- long files: one observation per row, ``"columns": {"cut", "period", "indicator", "value", "dimension"}``;
  with ``"create_indicators": {"name": <column>, "unit": <column>, "theme": <column>}`` the indicators named in
  the file are created, and ``"code_map"`` renames codes that cannot be normalised;
- wide files: ``"indicators": [{"code", "column", "name_es", "unit", ..., "numerator_column",
  "denominator_column", "scale"}]`` loads every listed value column in one run;
- ``"columns.dimension"`` may be a list of columns (a two-way breakdown, joined "a · b").

Files are read with caps on decompressed size, rows and XLSX cells (settings ``HUB_IMPORT_MAX_BYTES``,
``HUB_IMPORT_MAX_ROWS``, ``HUB_IMPORT_MAX_CELLS``); encoding and delimiter are detected unless declared.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

from django.conf import settings

from ..mapping import load_mapping, resolve_code
from ..units import fold, match_unit
from .base import Collector, Importer, ImportStructureError, IndicatorInfo, Progress, empty, parse_number

DEFAULT_COLUMNS = {
    "cut": "CUT",
    "indicator": "indicator",
    "period": "period",
    "value": "value",
    "lower": "lower",
    "upper": "upper",
    "dimension": "dimension",
}
FORMATS = {"csv", "json", "xlsx"}
DIMENSION_JOIN = " · "
DEFAULT_SOURCE = "carga-generica"

__all__ = ["GenericImporter", "load_mapping"]


def cap(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_bytes() -> int:
    return cap("HUB_IMPORT_MAX_BYTES", 512 * 1024 * 1024)


def max_rows() -> int:
    return cap("HUB_IMPORT_MAX_ROWS", 2_000_000)


def max_cells() -> int:
    return cap("HUB_IMPORT_MAX_CELLS", 10_000_000)


def _too_big(limit: int) -> ImportStructureError:
    return ImportStructureError(
        f"El archivo descomprimido supera el máximo admitido ({limit // (1024 * 1024)} MB). "
        "Divídalo en archivos más pequeños. Nada fue modificado."
    )


class _CappedReader(io.RawIOBase):
    """Reads a (possibly gzip) file and refuses once more than ``limit`` bytes came out."""

    def __init__(self, handle, limit: int):
        self.handle, self.limit, self.count = handle, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.handle.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise _too_big(self.limit)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.handle.close()
        super().close()


def open_binary(path: Path) -> io.BufferedReader:
    with open(path, "rb") as probe:
        magic = probe.read(2)
    handle = gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")  # noqa: SIM115
    return io.BufferedReader(_CappedReader(handle, max_bytes()), buffer_size=1 << 16)


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    decoder = __import__("codecs").getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def detect_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()][:20]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|").delimiter
    except csv.Error:
        header = lines[0]
        return max(",;\t|", key=header.count)


class GenericImporter(Importer):
    key = "generic"
    label = "Genérico: cualquier archivo público con su definición (mapping)"
    default_path = ""

    def __init__(self, options: dict | None = None):
        super().__init__(options)
        self.mapping = load_mapping(self.options.get("mapping"))
        self.detected: dict[str, str] = {}

    # -- parse -------------------------------------------------------------------------------------
    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        mapping = self.mapping
        collector.validate_units = True
        fmt = (mapping.get("format") or _extension(path)).lower()
        if fmt not in FORMATS:
            raise ImportStructureError(f"{path.name}: formato «{fmt}» no soportado (use csv, json o xlsx).")
        columns = {**DEFAULT_COLUMNS, **mapping["columns"]}
        reader = {"csv": self._csv_rows, "json": self._json_rows, "xlsx": self._xlsx_rows}[fmt]
        rows = reader(path, mapping)
        header = [str(h) for h in next(rows)]
        wide = mapping.get("indicators")
        needed = ["cut"]
        if not wide:
            needed.append("value")
            if not mapping.get("indicator"):
                needed.append("indicator")
        if not mapping.get("period"):
            needed.append("period")
        wanted = [columns[name] for name in needed]
        dims = columns["dimension"] if isinstance(columns["dimension"], list) else None
        if dims:
            wanted += dims
        elif "dimension" in mapping["columns"]:
            wanted.append(columns["dimension"])
        for item in wide or []:
            wanted += [item[k] for k in ("column", "numerator_column", "denominator_column") if item.get(k)]
        if mapping.get("create_indicators"):
            wanted += list(mapping["create_indicators"].values())
        missing = [col for col in dict.fromkeys(wanted) if col not in header]
        if missing:
            raise ImportStructureError(
                f"{path.name}: faltan las columnas {', '.join(missing)} en la fila 1 "
                f"(columnas encontradas: {', '.join(header) or 'ninguna'})."
            )
        present = {name: col for name, col in columns.items() if not isinstance(col, list) and col in header}
        if wide:
            for item in wide:
                self._plan(collector, item["code"], item, row=None)
        limit = max_rows()
        for row, record, fraction in rows:
            collector.rows_read += 1
            if collector.rows_read > limit:
                raise ImportStructureError(
                    f"{path.name}: el archivo tiene más de {limit:,} filas, el máximo por archivo. "
                    "Divídalo en partes. Nada fue modificado.".replace(",", ".")
                )
            if not collector.rows_read % 2000:
                progress(fraction)
            if wide:
                self._wide_row(collector, row, record, present, dims, wide)
            else:
                self._long_row(collector, row, record, present, dims)
        progress(1.0)

    # -- indicators the file needs -------------------------------------------------------------
    def _plan(self, collector: Collector, code: str, spec: dict, row: int | None) -> IndicatorInfo | None:
        """The IndicatorInfo of ``code``: existing, or planned for creation from ``spec`` (listed in the preview)."""
        info = collector.indicators.get(code)
        if info is not None:
            return info
        if spec is None:
            return None
        mapping = self.mapping
        unit_text = spec.get("unit") or ""
        unit = match_unit(unit_text) if unit_text else "count"
        if unit is None:
            unit = _new_unit(collector, unit_text)
        theme = _theme(spec.get("theme"))
        if theme is None:
            theme = "contexto"
            collector.warnings.append(
                f"El tema «{spec.get('theme')}» de {code} no es uno de la plataforma: se usa «contexto»."
            )
        periodicity = spec.get("periodicity") or mapping.get("periodicity") or "year"
        name_es = (spec.get("name_es") or code.replace("_", " ").capitalize())[:200]
        plan = {
            "code": code,
            "name_es": name_es,
            "name_en": (spec.get("name_en") or name_es)[:200],
            "definition": spec.get("definition") or f"{name_es}. Cargado con el importador genérico.",
            "unit": unit,
            "theme": theme,
            "periodicity": periodicity,
            "direction": spec.get("direction") or "neutral",
            "aggregation": spec.get("aggregation") or ("sum" if _unit_sums(unit) else "none"),
            "scale": float(spec.get("scale") or 1.0),
            "decimals": spec.get("decimals", 0 if _unit_sums(unit) else 1),
            "is_public": spec.get("public", mapping.get("public", True)),
            "min": spec.get("min"),
            "max": spec.get("max"),
            "row": row,
        }
        collector.new_indicators[code] = plan
        info = IndicatorInfo(code=code, periodicity=periodicity, unit=unit, minimum=plan["min"],
                             maximum=plan["max"])
        collector.indicators[code] = info
        return info

    # -- rows ---------------------------------------------------------------------------------
    def _common(self, collector: Collector, row: int, record: dict, present: dict, dims, periodicity: str):
        mapping = self.mapping
        cut = collector.cut(record.get(present["cut"]), row)
        raw_period = record.get(present["period"]) if "period" in present else mapping.get("period")
        fmt_period = mapping.get("period_format")
        if fmt_period and isinstance(raw_period, str):
            try:
                raw_period = datetime.strptime(raw_period.strip(), fmt_period)
            except ValueError:
                collector.reject(row, f"Periodo «{raw_period}» no corresponde al formato {fmt_period}.")
                return None
        period = collector.period(raw_period, row, periodicity)
        if dims:
            parts = [str(record.get(col) or "").strip() for col in dims]
            dimension = DIMENSION_JOIN.join(p for p in parts if p)
        elif "dimension" in mapping["columns"] and "dimension" in present:
            dimension = str(record.get(present["dimension"]) or "").strip()
        else:
            dimension = str(mapping.get("dimension") or "").strip()
        if len(dimension) > 120:
            collector.reject(row, "La desagregación supera los 120 caracteres.")
            return None
        if not (cut and period):
            return None
        return cut, period, dimension

    def _long_row(self, collector: Collector, row: int, record: dict, present: dict, dims) -> None:
        mapping = self.mapping
        raw_code = record.get(present["indicator"]) if "indicator" in present else None
        if empty(raw_code):
            raw_code = mapping.get("indicator")
        code, error = resolve_code(raw_code, mapping["code_map"])
        if error:
            collector.reject(row, error)
            return
        info = collector.indicators.get(code)
        create = mapping.get("create_indicators")
        if info is None and create:
            spec = {"name_es": str(record.get(create["name"]) or "").strip() or None}
            for key, target in (("unit", "unit"), ("theme", "theme"), ("name_en", "name_en"),
                                ("definition", "definition")):
                if create.get(key):
                    spec[target] = str(record.get(create[key]) or "").strip() or None
            info = self._plan(collector, code, spec, row)
        info = collector.indicator(code, row) if info is None or not info.importable else info
        if info is None:
            return
        common = self._common(collector, row, record, present, dims, info.periodicity)
        raw_value = record.get(present["value"])
        if empty(raw_value):
            collector.skip(row, "El valor está vacío.")
            return
        value = collector.number(raw_value, row)
        lower = None if empty(record.get(present.get("lower"))) else collector.number(
            record.get(present["lower"]), row, "límite inferior")
        upper = None if empty(record.get(present.get("upper"))) else collector.number(
            record.get(present["upper"]), row, "límite superior")
        if common is None or value is None or row in collector.rejections:
            return
        cut, period, dimension = common
        key = (info.code, cut, period, dimension)
        if collector.add(row, key, value, lower, upper) and "numerator" in present and "denominator" in present:
            num = parse_number(record.get(present["numerator"]))
            den = parse_number(record.get(present["denominator"]))
            if num is not None and den:
                collector.components[key] = (num, den)

    def _wide_row(self, collector: Collector, row: int, record: dict, present: dict, dims, wide: list) -> None:
        periodicity = collector.indicators[wide[0]["code"]].periodicity
        common = self._common(collector, row, record, present, dims, periodicity)
        if common is None:
            return
        cut, period, dimension = common
        cells = []
        for item in wide:
            code = item["code"]
            info = collector.indicators[code]
            if not info.importable:
                collector.reject(row, f"El indicador «{code}» es derivado: se calcula desde sus componentes.")
                return
            num = den = None
            if item.get("numerator_column"):
                raw_num, raw_den = record.get(item["numerator_column"]), record.get(item["denominator_column"])
                if empty(raw_num) or empty(raw_den):
                    continue
                num = collector.number(raw_num, row, f"numerador de {code}")
                den = collector.number(raw_den, row, f"denominador de {code}")
                if num is None or den is None:
                    return
                if den <= 0:
                    collector.reject(row, f"{code}: el denominador {den:g} debe ser mayor que cero.")
                    return
            if item.get("column"):
                raw = record.get(item["column"])
                if empty(raw):
                    continue
                value = collector.number(raw, row, f"valor de {code}")
                if value is None:
                    return
            else:
                value = num / den * float(item.get("scale") or 1.0)
            reason = collector.unit_problem(code, value)
            if reason:
                collector.reject(row, f"{code}: {reason}")
                return
            cells.append(((code, cut, period, dimension), value, num, den))
        for key, value, num, den in cells:
            if collector.add(row, key, value) and num is not None:
                collector.components[key] = (num, den)

    # -- readers: first yield the header, then (row number, record, fraction read) ---------------
    def _csv_rows(self, path: Path, mapping: dict):
        raw = open_binary(path)
        try:
            sample = raw.peek(1 << 16)[: 1 << 16]
            encoding = mapping.get("encoding") or "auto"
            if encoding == "auto":
                encoding = detect_encoding(sample)
            if encoding == "utf-8" and sample.startswith(b"\xef\xbb\xbf"):
                encoding = "utf-8-sig"
            delimiter = mapping.get("delimiter") or "auto"
            if delimiter == "auto":
                delimiter = detect_delimiter(sample.decode(encoding, errors="ignore"))
            self.detected = {"encoding": encoding, "delimiter": delimiter}
            text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            size = max(path.stat().st_size * (4 if raw.raw.handle.__class__.__name__ == "GzipFile" else 1), 1)
            reader = csv.reader(text, delimiter=delimiter)
            header = [h.strip() for h in next(reader, [])]
            yield header
            for fields in reader:
                if not any(f.strip() for f in fields):
                    continue
                yield reader.line_num, dict(zip(header, fields, strict=False)), min(1.0, raw.raw.count / size)
        except UnicodeDecodeError as exc:
            raise ImportStructureError(
                f"{path.name}: el archivo no está en la codificación {encoding} ({exc.reason}). "
                "Indique «encoding»: «latin-1» o «cp1252»."
            ) from exc
        except csv.Error as exc:
            raise ImportStructureError(f"{path.name}: no se pudo leer el CSV ({exc}).") from exc
        except (OSError, EOFError) as exc:
            raise ImportStructureError(f"{path.name}: archivo dañado o comprimido de forma inválida.") from exc
        finally:
            raw.close()

    @staticmethod
    def _json_rows(path: Path, mapping: dict):
        try:
            with open_binary(path) as handle:
                data = json.loads(handle.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, OSError, EOFError) as exc:
            raise ImportStructureError(f"{path.name}: no es un archivo JSON válido.") from exc
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

        limit, cells_cap = max_bytes(), max_cells()
        try:
            with zipfile.ZipFile(path) as archive:
                expanded = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImportStructureError(f"{path.name}: no es un archivo XLSX válido.") from exc
        if expanded > limit:
            raise _too_big(limit)
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a bad file
            raise ImportStructureError(f"{path.name}: no es un archivo XLSX válido.") from exc
        try:
            sheet_name = mapping.get("sheet")
            if sheet_name and sheet_name not in book.sheetnames:
                raise ImportStructureError(f"{path.name}: no existe la hoja «{sheet_name}».")
            sheet = book[sheet_name] if sheet_name else book.worksheets[0]
            declared = (sheet.max_row or 0) * (sheet.max_column or 0)
            too_many = ImportStructureError(
                f"{path.name}: la hoja tiene más de {cells_cap:,} celdas, el máximo admitido. "
                "Guarde solo las columnas y filas necesarias. Nada fue modificado.".replace(",", ".")
            )
            if declared > cells_cap:
                raise too_many
            total = max(sheet.max_row or 1, 1)
            rows = sheet.iter_rows(values_only=True)
            header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
            yield header
            cells = len(header)
            for number, values in enumerate(rows, start=2):
                cells += len(values)
                if cells > cells_cap:
                    raise too_many
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                yield number, dict(zip(header, values, strict=False)), min(1.0, number / total)
        finally:
            book.close()


def _extension(path: Path) -> str:
    suffixes = [s.lower().lstrip(".") for s in path.suffixes]
    if suffixes and suffixes[-1] == "gz":
        return suffixes[-2] if len(suffixes) > 1 and suffixes[-2] in FORMATS else "csv"
    return suffixes[-1] if suffixes else ""


def _theme(text) -> str | None:
    from ..models import IndicatorTheme

    if not text:
        return "contexto"
    wanted = fold(text)
    for value, label in IndicatorTheme.choices:
        if wanted in {fold(value), fold(label)}:
            return value
    return None


def _unit_sums(unit: str) -> bool:
    from ..units import rule

    return rule(unit).kind == "count" or unit in {"clp", "m2"}


def _new_unit(collector: Collector, text: str) -> str:
    from ..mapping import normalise_code

    code = normalise_code(text)[:20].rstrip("_") or "unidad"
    if code not in collector.new_units:
        symbol = text.strip()[:20] if len(text.strip()) <= 6 else ""
        collector.new_units[code] = {"code": code, "name_es": text.strip()[:100] or code, "symbol": symbol,
                                     "display": "suffix" if symbol else "number", "kind": "magnitude"}
    return code
