"""CSV and XLSX downloads of an indicator's comuna values, with the source and licence in the file.

The CSV for people is what Excel in Spanish opens without a wizard: UTF-8 with BOM, ``;`` separator and
decimal comma. The API's ``format=csv`` is the plain machine dialect (``,`` and decimal point). Both start
with the attribution line, because every redistributed figure carries its source.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify

from hub.core.csv_export import excel_csv_response, excel_csv_text

from .selectors import Row, source_line

HEADER = ["cut", "comuna", "region", "tipologia", "periodo", "valor", "limite_inferior", "limite_superior", "unidad"]


def _number(value, decimal_comma: bool) -> str:
    if value is None:
        return ""
    text = repr(round(float(value), 6))
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",") if decimal_comma else text


def _records(rows: list[Row], indicator) -> list[list]:
    unit = indicator.get_unit_display()
    return [
        [r.cut, r.name, r.region, r.typology_label, r.period, r.value, r.lower, r.upper, str(unit)] for r in rows
    ]


def filename(indicator, period: str, extension: str) -> str:
    return f"{slugify(indicator.code)}_{period or 'todos'}.{extension}"


def _cells(record: list, excel: bool) -> list:
    return [_number(v, excel) if isinstance(v, float) or v is None else v for v in record]


def csv_text(rows: list[Row], indicator, period: str, *, excel: bool) -> str:
    if excel:
        records = (_cells(r, True) for r in _records(rows, indicator))
        return excel_csv_text(HEADER, records, preamble=[str(source_line(indicator, period))])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    writer.writerow([str(source_line(indicator, period))])
    writer.writerow(HEADER)
    for record in _records(rows, indicator):
        writer.writerow(_cells(record, excel))
    return buffer.getvalue()


def csv_response(rows: list[Row], indicator, period: str, *, excel: bool = True) -> HttpResponse:
    name = filename(indicator, period, "csv")
    if excel:  # for people: the one Excel writer (BOM, ";", formula injection defused)
        records = (_cells(r, True) for r in _records(rows, indicator))
        return excel_csv_response(name, HEADER, records, preamble=[str(source_line(indicator, period))])
    body = csv_text(rows, indicator, period, excel=False).encode("utf-8")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def xlsx_response(rows: list[Row], indicator, period: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "datos"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    number_format = "#,##0" if indicator.unit in {"count", "persons", "clp"} else "#,##0." + "0" * max(
        indicator.decimals, 1
    )
    for record in _records(rows, indicator):
        sheet.append(record)
        for cell in sheet[sheet.max_row][5:8]:
            cell.number_format = number_format
    for column, width in zip("ABCDEFGHI", [8, 26, 30, 20, 10, 14, 14, 14, 18], strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    about = workbook.create_sheet("fuente")
    about.append([str(source_line(indicator, period))])
    about.append([indicator.name_es])
    about.append([indicator.definition])
    about.append([f"Unidad: {indicator.get_unit_display()}"])
    if indicator.source.url:
        about.append([indicator.source.url])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(indicator, period, "xlsx")}"'
    return response
