"""The one Excel-friendly CSV writer: UTF-8 with BOM, ``;`` separator, CRLF, and formula injection defused.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with an apostrophe
so a spreadsheet shows it as text instead of running it (OWASP "CSV injection"). Numbers are written as
numbers (a negative number is not text and is left alone), also when already formatted as text ("-12,5").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from django.http import HttpResponse

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMBER_TEXT = re.compile(r"-?\d+(?:[.,]\d+)*")


def safe_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES) and not NUMBER_TEXT.fullmatch(text):
        return "'" + text
    return text


def excel_csv_text(header: Iterable, rows: Iterable[Iterable], *, preamble: Iterable[str] = ()) -> str:
    """The CSV text (without BOM): optional preamble lines (e.g. the source), the header, then the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for line in preamble:
        writer.writerow([safe_cell(line)])
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def excel_csv_response(filename: str, header: Iterable, rows: Iterable[Iterable], *, preamble=()) -> HttpResponse:
    body = ("\ufeff" + excel_csv_text(header, rows, preamble=preamble)).encode("utf-8")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
