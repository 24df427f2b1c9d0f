"""CEAD police cases: one row per comuna, month and offence (about one million rows).

Streams the gzip through the csv module and aggregates in dicts, so memory stays small and the
database receives only the aggregates:
- ``casos_policiales``: yearly total per comuna (dimension "") and yearly total per offence
  (dimension = offence name);
- ``casos_policiales_mensual``: monthly total per comuna.
A duplicated (comuna, month, offence) row is rejected so it is never counted twice.
"""

from __future__ import annotations

import csv
import gzip
import io
from operator import itemgetter
from pathlib import Path

from .base import PERIOD_MAX_YEAR, PERIOD_MIN_YEAR, Collector, Importer, ImportStructureError, Progress, require_columns

YEARLY = "casos_policiales"
MONTHLY = "casos_policiales_mensual"


def open_text(path: Path):
    """Text stream over a .csv or .csv.gz, plus a function giving the fraction of the file read."""
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the returned stream
    size = max(path.stat().st_size, 1)
    magic = raw.read(2)
    raw.seek(0)
    binary = io.BufferedReader(gzip.GzipFile(fileobj=raw), 1 << 20) if magic == b"\x1f\x8b" else raw
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    return text, raw, (lambda: raw.tell() / size)


class CeadImporter(Importer):
    key = "cead"
    label = "CEAD: casos policiales mensuales por comuna y delito"
    default_path = "observatory/cead_casos_policiales_mensual_2018_2025.csv.gz"
    indicator_codes = (YEARLY, MONTHLY)

    def parse(self, path: Path, collector: Collector, progress: Progress) -> None:
        text, raw, fraction = open_text(path)
        try:
            self._parse(path, text, fraction, collector, progress)
        except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
            raise ImportStructureError(f"{path.name}: no se pudo leer el archivo ({exc}).") from exc
        finally:
            text.close()
            raw.close()

    def _parse(self, path, text, fraction, collector: Collector, progress: Progress) -> None:
        reader = csv.reader(text)
        header = next(reader, None)
        if header is None:
            raise ImportStructureError(f"{path.name}: el archivo está vacío.")
        cols = require_columns(header, ["cut_comuna", "fecha", "delito", "delito_n"], path.name)
        pick = itemgetter(cols["cut_comuna"], cols["fecha"], cols["delito"], cols["delito_n"])
        width = len(header)

        # The loop runs a million times: caches turn repeated strings into small ints. The file
        # comes in blocks of rows sharing comuna and month, so comuna and month are only resolved
        # when they change; each (comuna, month) "base" int owns a small dict offence -> cases,
        # which also detects duplicated rows. Totals are summed after the loop.
        cut_index: dict[str, int] = {}
        cut_names: list[str] = []
        month_index: dict[str, int] = {}
        offence_index: dict[str, int] = {}
        offence_names: list[str] = []
        blocks: dict[int, dict[int, int | float]] = {}
        reject = collector.reject
        offence_get = offence_index.get
        n_months = (PERIOD_MAX_YEAR - PERIOD_MIN_YEAR + 1) * 12
        last_cut = last_date = None
        c = m = base = -1
        block: dict[int, int | float] = {}
        row = 1
        for row, fields in enumerate(reader, start=2):
            if not row & 0xFFFF:
                progress(fraction())
            if len(fields) != width:
                reject(row, f"La fila tiene {len(fields)} columnas; se esperaban {width}.")
                continue
            raw_cut, raw_date, offence, raw_n = pick(fields)
            if raw_date != last_date or raw_cut != last_cut:
                last_cut, last_date = raw_cut, raw_date
                c = cut_index.get(raw_cut)
                if c is None:
                    c = cut_index[raw_cut] = self._cut(raw_cut, collector, cut_names)
                m = month_index.get(raw_date)
                if m is None:
                    m = month_index[raw_date] = self._month(raw_date)
                if c >= 0 and m >= 0:
                    base = c * n_months + m
                    block = blocks.get(base)
                    if block is None:
                        block = blocks[base] = {}
                else:
                    base = -1
            if base < 0:
                if c < 0:
                    collector.cut(raw_cut, row)
                else:
                    reject(row, f"Fecha «{raw_date}» inválida o fuera de rango: se espera AAAA-MM-DD "
                                f"entre {PERIOD_MIN_YEAR} y {PERIOD_MAX_YEAR}.")
                continue
            o = offence_get(offence)
            if o is None:
                o = offence_index[offence] = self._offence(offence, offence_names)
            if o < 0:
                reject(row, "El delito está vacío.")
                continue
            try:
                value = int(raw_n)
            except ValueError:
                number = collector.number(raw_n, row, "número de casos")
                if number is None:
                    continue
                value = number
            if value < 0:
                reject(row, f"El número de casos «{raw_n}» es negativo.")
                continue
            if o in block:
                reject(row, f"Clave duplicada: comuna {cut_names[c]}, fecha {raw_date}, delito «{offence}» "
                            "ya apareció antes en el archivo.")
                continue
            block[o] = value
        collector.rows_read += row - 1

        values = collector.values
        yearly: dict[tuple[int, int], dict[int, int | float]] = {}  # (comuna, year) -> offence -> cases
        for base, cases in blocks.items():
            if not cases:
                continue
            c, m = divmod(base, n_months)
            year, month = divmod(m, 12)
            values[(MONTHLY, cut_names[c], f"{PERIOD_MIN_YEAR + year:04d}-{month + 1:02d}", "")] = (
                float(sum(cases.values())), None, None)
            totals = yearly.get((c, year))
            if totals is None:
                yearly[(c, year)] = dict(cases)
                continue
            totals_get = totals.get
            for o, value in cases.items():
                totals[o] = totals_get(o, 0) + value
        for (c, year), totals in yearly.items():
            cut, period = cut_names[c], str(PERIOD_MIN_YEAR + year)
            for o, value in totals.items():
                values[(YEARLY, cut, period, offence_names[o])] = (float(value), None, None)
            values[(YEARLY, cut, period, "")] = (float(sum(totals.values())), None, None)
        progress(1.0)

    @staticmethod
    def _cut(raw: str, collector: Collector, names: list[str]) -> int:
        text = raw.strip()
        cut = text.zfill(5) if text.isdigit() else text
        if cut not in collector.comunas:
            return -1
        if cut in names:
            return names.index(cut)
        names.append(cut)
        return len(names) - 1

    @staticmethod
    def _offence(raw: str, names: list[str]) -> int:
        name = raw.strip()[:120]
        if not name:
            return -1
        if name in names:  # "Robo " and "Robo" are the same offence
            return names.index(name)
        if len(names) >= 1024:
            raise ImportStructureError("El archivo tiene más de 1.024 delitos distintos: no es un archivo CEAD.")
        names.append(name)
        return len(names) - 1

    @staticmethod
    def _month(raw: str) -> int:
        """Months since January of PERIOD_MIN_YEAR, or -1 when the date is invalid or out of range."""
        text = raw.strip()
        if len(text) < 7 or text[4] != "-" or not text[:4].isdigit() or not text[5:7].isdigit():
            return -1
        year, month = int(text[:4]), int(text[5:7])
        if not (PERIOD_MIN_YEAR <= year <= PERIOD_MAX_YEAR and 1 <= month <= 12):
            return -1
        return (year - PERIOD_MIN_YEAR) * 12 + month - 1
