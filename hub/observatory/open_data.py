"""Open-data packaging of the observatory: the data dictionary, a Frictionless Data Package descriptor and
the bulk download (a zip with one CSV per public indicator plus ``datapackage.json``).

Machine dialect everywhere (UTF-8, ``,``, decimal point). Every resource carries its source, licence as the
source states it, retrieval date and dataset URL; derived indicators name both components.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.conf import settings

from .models import Indicator, MissingValue, Observation
from .selectors import cached, public_indicators

DICTIONARY_HEADER = [
    "codigo",
    "nombre",
    "nombre_en",
    "desafio_o_tema",
    "unidad",
    "periodicidad",
    "agregacion",
    "numerador",
    "denominador",
    "escala",
    "decimales",
    "definicion",
    "fuente",
    "institucion",
    "conjunto_de_datos",
    "url",
    "licencia",
    "fecha_obtencion",
    "atribucion",
]
VALUES_HEADER = [
    "cut",
    "comuna",
    "periodo",
    "valor",
    "limite_inferior",
    "limite_superior",
    "numerador",
    "denominador",
    "alerta",
    "estado",
]
PACKAGE_NAME = "hub-local-observatorio"


def _indicators() -> list[Indicator]:
    return list(public_indicators().select_related("numerator", "denominator").order_by("theme", "code"))


def dictionary_rows(indicators: list[Indicator] | None = None) -> list[list]:
    rows = []
    for ind in indicators if indicators is not None else _indicators():
        s = ind.source
        rows.append(
            [
                ind.code,
                ind.name_es,
                ind.name_en,
                ind.theme,
                ind.get_unit_display(),
                ind.periodicity,
                ind.aggregation,
                ind.numerator.code if ind.numerator_id else "",
                ind.denominator.code if ind.denominator_id else "",
                ind.scale,
                ind.decimals,
                ind.definition,
                s.code,
                s.institution,
                s.dataset,
                s.url,
                s.licence or "no declarada por la fuente",
                s.retrieved,
                s.attribution,
            ]
        )
    return rows


def dictionary_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DICTIONARY_HEADER)
    writer.writerows([[str(v) for v in row] for row in dictionary_rows()])
    return buffer.getvalue()


def _resource(ind: Indicator, site: str) -> dict:
    s = ind.source
    return {
        "name": ind.code.replace("_", "-"),
        "path": f"{ind.code}.csv",
        "title": ind.name_es,
        "description": ind.definition,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "sources": [{"title": f"{s.institution}: {s.dataset}", "path": s.url}],
        "licenses": [{"title": s.licence or "no declarada por la fuente"}],
        "hub:attribution": s.attribution,
        "hub:retrieved": s.retrieved,
        "hub:aggregation": ind.aggregation,
        "hub:api": f"{site}/api/v1/indicators/{ind.code}/values",
        "schema": {
            "primaryKey": ["cut", "periodo"],
            "missingValues": [""],
            "fields": [
                {"name": "cut", "type": "string", "description": "Código Único Territorial de 5 dígitos"},
                {"name": "comuna", "type": "string"},
                {"name": "periodo", "type": "string", "description": "AAAA o AAAA-MM"},
                {"name": "valor", "type": "number", "description": f"{ind.get_unit_display()}; vacío si falta"},
                {"name": "limite_inferior", "type": "number"},
                {"name": "limite_superior", "type": "number"},
                {
                    "name": "numerador",
                    "type": "number",
                    "description": ind.numerator.code if ind.numerator_id else "solo indicadores de razón",
                },
                {
                    "name": "denominador",
                    "type": "number",
                    "description": ind.denominator.code if ind.denominator_id else "solo indicadores de razón",
                },
                {
                    "name": "alerta",
                    "type": "string",
                    "description": "alerta de calidad de la fuente: valor fuera de rankings y agregados",
                },
                {
                    "name": "estado",
                    "type": "string",
                    "description": "motivo informado por la fuente cuando no hay valor (no es cero)",
                },
            ],
        },
    }


def datapackage(indicators: list[Indicator] | None = None) -> dict:
    site = settings.HUB_SITE_URL.rstrip("/")
    indicators = indicators if indicators is not None else _indicators()
    return {
        "profile": "data-package",
        "name": PACKAGE_NAME,
        "title": "Hub Nacional de Gobierno Local: indicadores comunales del observatorio",
        "description": "Indicadores comunales de fuentes públicas oficiales para las 346 comunas de Chile. Cada "
        "recurso indica su fuente, licencia declarada y fecha de obtención; falta de valor no es "
        "cero (columna estado).",
        "homepage": f"{site}/observatorio/",
        "licenses": [{"title": "Cada recurso conserva la licencia de su fuente (ver licenses de cada recurso)"}],
        "resources": [_resource(ind, site) for ind in indicators],
    }


def _number(value) -> str:
    if value is None:
        return ""
    text = repr(round(float(value), 6))
    return text[:-2] if text.endswith(".0") else text


def bulk_zip() -> bytes:
    """Every public indicator's comuna values (all periods, totals) as CSVs + datapackage.json + dictionary."""
    return cached("bulk_zip", "v1", compute=_bulk_zip)


def _bulk_zip() -> bytes:
    indicators = _indicators()
    ids = {ind.pk: ind for ind in indicators}
    by_indicator: dict[int, list[list[str]]] = {pk: [] for pk in ids}
    observations = Observation.objects.filter(indicator_id__in=list(ids), dimension="").values_list(
        "indicator_id",
        "comuna_id",
        "comuna__name",
        "period",
        "value",
        "lower",
        "upper",
        "numerator",
        "denominator",
        "flag",
    )
    for pk, cut, name, period, value, lower, upper, num, den, flag in observations.iterator(chunk_size=20000):
        by_indicator[pk].append(
            [cut, name, period, _number(value), _number(lower), _number(upper), _number(num), _number(den), flag, ""]
        )
    missing = MissingValue.objects.filter(indicator_id__in=list(ids), dimension="").values_list(
        "indicator_id", "comuna_id", "comuna__name", "period", "status"
    )
    for pk, cut, name, period, status in missing:
        by_indicator[pk].append([cut, name, period, "", "", "", "", "", "", status])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(datapackage(indicators), ensure_ascii=False, indent=2))
        archive.writestr("diccionario_indicadores.csv", dictionary_csv())
        for pk, ind in ids.items():
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(VALUES_HEADER)
            writer.writerows(sorted(by_indicator[pk], key=lambda r: (r[2], r[0])))
            archive.writestr(f"{ind.code}.csv", text.getvalue())
    return buffer.getvalue()
