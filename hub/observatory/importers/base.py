"""What every importer shares: the collector of validated observations and the rejection report.

An importer reads one file and feeds a ``Collector``: each observation is keyed on its natural key
(indicator code, CUT, period, dimension); a row that cannot be loaded is recorded with its row number
and a reason in Spanish that says what to fix. A structural problem (missing columns, unreadable
file) raises ``ImportStructureError`` and the whole file is refused. Importers never write to the
database: ``services.import_file`` does, atomically, after checking the error threshold.

Row numbers: for CSV files, the line in the file (the header is line 1); for JSON files, the position
of the object in the list (first object = 1); for XLSX, the spreadsheet row (header = 1).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PERIOD_MIN_YEAR = 1990
PERIOD_MAX_YEAR = 2050
YEAR_RE = re.compile(r"^\d{4}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")

Key = tuple[str, str, str, str]  # (indicator code, CUT, period, dimension)
Progress = Callable[[float], None]


class ImportStructureError(Exception):
    """The file cannot be imported at all (missing columns, wrong format): nothing is written."""


@dataclass
class IndicatorInfo:
    code: str
    periodicity: str
    importable: bool = True
    unit: str = ""
    # Declared range of an indicator created by a mapping (overrides the unit's own range).
    minimum: float | None = None
    maximum: float | None = None


def reason_kind(reason: str) -> str:
    """A rejection reason without its values, to count rows per kind of problem."""
    text = re.sub(r"«[^»]*»", "«…»", reason)
    text = re.sub(r"-?\d[\d.,e+\-]*", "N", text)
    return text[:200]


@dataclass
class Collector:
    comunas: set[str]
    indicators: dict[str, IndicatorInfo]
    values: dict[Key, tuple[float, float | None, float | None]] = field(default_factory=dict)
    rows_read: int = 0
    rejections: dict[int, str] = field(default_factory=dict)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    # Quality flags of loaded values (key -> flag) and comuna-periods the source reports without a number
    # (key -> the source's reason). Missing is never zero: those keys never get a value.
    flags: dict[Key, str] = field(default_factory=dict)
    missing: dict[Key, str] = field(default_factory=dict)
    _sources: dict[Key, int] = field(default_factory=dict)
    # The generic importer: indicators and units the file needs that do not exist yet (created when the run
    # writes, listed in the dry-run preview), warnings for the preview, imported numerator/denominator per key.
    new_indicators: dict[str, dict] = field(default_factory=dict)
    new_units: dict[str, dict] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    components: dict[Key, tuple[float, float]] = field(default_factory=dict)
    validate_units: bool = False

    def row_of(self, key: Key) -> int | None:
        return self._sources.get(key)

    # -- rejections -----------------------------------------------------------------------
    def reject(self, row: int, reason: str) -> None:
        """Record the first reason a row cannot be loaded (one row counts once)."""
        self.rejections.setdefault(row, reason)

    def skip(self, row: int, reason: str) -> None:
        """A row with no data to load (an empty value in the source): reported, not an error."""
        self.skipped.append((row, reason))

    @property
    def rows_rejected(self) -> int:
        return len(self.rejections)

    # -- validation helpers ---------------------------------------------------------------
    def cut(self, raw, row: int) -> str | None:
        """The 5-digit CUT with its leading zero restored (CEAD and INE drop it), or None and a rejection."""
        text = str(raw).strip() if raw is not None else ""
        if text.endswith(".0"):  # spreadsheets turn 1101 into 1101.0
            text = text[:-2]
        cut = text.zfill(5) if text.isdigit() else text
        if cut not in self.comunas:
            self.reject(row, f"Código CUT desconocido: «{text}» (se espera el código de 5 dígitos de una comuna).")
            return None
        return cut

    def number(self, raw, row: int, label: str = "valor") -> float | None:
        value = parse_number(raw)
        if value is None:
            self.reject(row, f"El {label} «{raw}» no es numérico.")
        return value

    def indicator(self, code: str, row: int) -> IndicatorInfo | None:
        info = self.indicators.get(str(code).strip())
        if info is None:
            self.reject(row, f"Indicador desconocido: «{code}» (use un código del catálogo del observatorio).")
            return None
        if not info.importable:
            self.reject(row, f"El indicador «{code}» es derivado: se calcula desde sus componentes, no se importa.")
            return None
        return info

    def period(self, raw, row: int, periodicity: str) -> str | None:
        text = normalise_period(raw, periodicity)
        if text is None:
            expected = "AAAA" if periodicity == "year" else "AAAA-MM"
            self.reject(row, f"Periodo «{raw}» inválido: se espera {expected}.")
            return None
        year = int(text[:4])
        if not PERIOD_MIN_YEAR <= year <= PERIOD_MAX_YEAR:
            self.reject(row, f"Periodo «{raw}» fuera de rango ({PERIOD_MIN_YEAR}-{PERIOD_MAX_YEAR}).")
            return None
        return text

    # -- observations ---------------------------------------------------------------------
    def add(
        self,
        row: int,
        key: Key,
        value: float,
        lower: float | None = None,
        upper: float | None = None,
    ) -> bool:
        """Add one observation; a second row with the same natural key is rejected as a duplicate."""
        first = self._sources.get(key)
        if first is not None:
            self.reject(row, f"Clave duplicada: {key[0]} {key[1]} {key[2]} {key[3]} ya viene en la fila {first}.")
            return False
        if self.validate_units:
            reason = self.unit_problem(key[0], value)
            if reason:
                self.reject(row, f"{key[0]}: {reason}")
                return False
        self._sources[key] = row
        self.values[key] = (value, lower, upper)
        return True

    def unit_problem(self, code: str, value: float) -> str:
        """Why ``value`` is impossible for indicator ``code`` given its unit and declared range ("" if fine)."""
        from hub.observatory.units import check_value, rule

        info = self.indicators.get(code)
        if info is None:
            return ""
        return check_value(value, rule(info.unit), minimum=info.minimum, maximum=info.maximum)

    def add_missing(self, row: int, key: Key, status: str) -> bool:
        """A comuna-period the source gives no number for, with its reason (kept, never read as 0)."""
        first = self._sources.get(key)
        if first is not None:
            self.reject(row, f"Clave duplicada: {key[0]} {key[1]} {key[2]} {key[3]} ya viene en la fila {first}.")
            return False
        self._sources[key] = row
        self.missing[key] = status[:60]
        return True


def parse_number(raw) -> float | None:
    """A finite float from an int/float or a string like "12.5", "12,5" or "1.234,5"; None otherwise."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            if "," not in text:
                return None
            try:
                value = float(text.replace(".", "").replace(",", "."))
            except ValueError:
                return None
    return value if math.isfinite(value) else None


def normalise_period(raw, periodicity: str) -> str | None:
    """'2024', 2024, 2024.0 -> '2024'; '2024-03', '2024-03-01', '2024/03', datetime -> '2024-03' (monthly)."""
    if hasattr(raw, "year") and hasattr(raw, "month"):
        return f"{raw.year:04d}" if periodicity == "year" else f"{raw.year:04d}-{raw.month:02d}"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip().replace("/", "-") if raw is not None else ""
    if periodicity == "year":
        return text if YEAR_RE.match(text) else None
    if len(text) == 10 and text[7] == "-":  # a full date: keep year and month
        text = text[:7]
    match = MONTH_RE.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return text


def empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


class Importer:
    """One public source. Subclasses set key/label/default_path/indicator_codes and implement parse()."""

    key: str = ""
    label: str = ""
    # Path of the shipped file relative to settings.HUB_DATA_DIR ("" when there is no default file).
    default_path: str = ""
    indicator_codes: tuple[str, ...] = ()

    def __init__(self, options: dict | None = None):
        self.options = options or {}

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:  # pragma: no cover
        raise NotImplementedError


def require_columns(header: list[str], required: list[str], file_name: str) -> dict[str, int]:
    """Map column name -> index, or refuse the file naming the missing columns."""
    positions = {name.strip(): index for index, name in enumerate(header)}
    missing = [name for name in required if name not in positions]
    if missing:
        raise ImportStructureError(
            f"{file_name}: faltan las columnas {', '.join(missing)} en la fila 1 "
            f"(columnas encontradas: {', '.join(h.strip() for h in header) or 'ninguna'})."
        )
    return positions


def read_json_list(path: Path, required: list[str]) -> list[dict]:
    from hub.territory.datafiles import read_json

    try:
        data = read_json(path)
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
        raise ImportStructureError(f"{path.name}: no es un archivo JSON válido ({exc}).") from exc
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        data = data["rows"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ImportStructureError(f"{path.name}: se esperaba una lista de objetos JSON.")
    if data:
        missing = [name for name in required if name not in data[0]]
        if missing:
            raise ImportStructureError(f"{path.name}: faltan los campos {', '.join(missing)} en el objeto 1.")
    return data
