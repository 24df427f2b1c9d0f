"""Writes to the territory: loading the shipped table, typology rule and official overrides."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from hub.core.text import fold

from .models import Comuna, Province, Region, Typology, TypologySource
from .sources import TABLE_COLUMNS, TABLE_PATH, SourceError
from .typology import classify

# Region codes from north to south.
REGION_ORDER = ["15", "01", "02", "03", "04", "05", "13", "06", "07", "16", "08", "09", "14", "10", "11", "12"]


def _int_or_none(path, number, column, value):
    if value in ("", None):
        return None
    try:
        return int(float(value))
    except ValueError as exc:
        raise SourceError(f"{path}, fila {number}: la columna {column} no es un número ({value!r}).") from exc


def _float_or_none(path, number, column, value):
    if value in ("", None):
        return None
    try:
        return float(value)
    except ValueError as exc:
        raise SourceError(f"{path}, fila {number}: la columna {column} no es un número ({value!r}).") from exc


def read_table(path: Path = TABLE_PATH) -> list[dict]:
    if not path.exists():
        raise SourceError(f"No se encontró el archivo {path}.")
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    reader = csv.DictReader(lines)
    missing = set(TABLE_COLUMNS) - set(reader.fieldnames or [])
    if missing:
        raise SourceError(f"{path}: faltan las columnas {', '.join(sorted(missing))}.")
    rows = []
    for number, row in enumerate(reader, start=2):
        cut = (row["cut"] or "").strip()
        if len(cut) != 5 or not cut.isdigit():
            raise SourceError(f"{path}, fila {number}: código CUT no válido {cut!r} (deben ser 5 dígitos).")
        if not row["name"].strip():
            raise SourceError(f"{path}, fila {number}: falta el nombre de la comuna {cut}.")
        row["population_2024"] = _int_or_none(path, number, "population_2024", row["population_2024"])
        row["households_2024"] = _int_or_none(path, number, "households_2024", row["households_2024"])
        row["dwellings_2024"] = _int_or_none(path, number, "dwellings_2024", row["dwellings_2024"])
        row["latitude"] = _float_or_none(path, number, "latitude", row["latitude"])
        row["longitude"] = _float_or_none(path, number, "longitude", row["longitude"])
        rows.append(row)
    if not rows:
        raise SourceError(f"{path}: el archivo no tiene comunas.")
    return rows


@dataclass
class LoadReport:
    regions: int = 0
    provinces: int = 0
    comunas_created: int = 0
    comunas_updated: int = 0
    messages: list[str] = field(default_factory=list)


@transaction.atomic
def territory_load(*, rows: list[dict]) -> LoadReport:
    """Upsert regions, provinces and comunas by code; keeps membership and official typologies."""
    report = LoadReport()
    for row in rows:
        region, _ = Region.objects.update_or_create(
            code=row["region_code"],
            defaults={
                "name": row["region_name"],
                "abbreviation": row["region_abbreviation"],
                "order": REGION_ORDER.index(row["region_code"]) + 1 if row["region_code"] in REGION_ORDER else 99,
            },
        )
        province, _ = Province.objects.update_or_create(
            code=row["province_code"], defaults={"name": row["province_name"], "region": region}
        )
        comuna, created = Comuna.objects.update_or_create(
            cut=row["cut"],
            defaults={
                "name": row["name"],
                "province": province,
                "region": region,
                "population_2024": row["population_2024"],
                "households_2024": row["households_2024"],
                "dwellings_2024": row["dwellings_2024"],
                "latitude": row["latitude"],
                "longitude": row["longitude"],
            },
        )
        if created:
            report.comunas_created += 1
        else:
            report.comunas_updated += 1
    report.regions = Region.objects.count()
    report.provinces = Province.objects.count()
    typology_apply_rule()
    return report


@transaction.atomic
def typology_apply_rule() -> int:
    """Assign the rule's typology to every comuna without an official classification."""
    changed = []
    for comuna in Comuna.objects.exclude(typology_source=TypologySource.OFFICIAL):
        typology, reason = classify(comuna.cut, comuna.province_id, comuna.population_2024)
        if (comuna.typology, comuna.typology_reason) != (typology, reason):
            comuna.typology, comuna.typology_reason = typology, reason
            changed.append(comuna)
    Comuna.objects.bulk_update(changed, ["typology", "typology_reason"])
    return len(changed)


class TypologyImportError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


# Accepted spellings of each category: code, label, or code with spaces ("urbanas medianas").
_TYPOLOGY_ALIASES = {
    fold(alias): choice.value
    for choice in Typology
    for alias in (choice.value, str(choice.label), choice.value.replace("_", " "))
}


@transaction.atomic
def typology_import_official(*, content: str, source_name: str = "archivo") -> int:
    """Import an official classification (CSV with columns cut;typology). All rows or none."""
    sample = content[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=delimiter)
    errors, updates = [], {}
    known = set(Comuna.objects.values_list("cut", flat=True))
    for number, row in enumerate(reader, start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if number == 1 and not row[0].strip().isdigit():
            continue  # header
        if len(row) < 2:
            errors.append(f"Fila {number}: se esperan dos columnas (CUT y tipología).")
            continue
        cut, category = row[0].strip().zfill(5), fold(row[1])
        if cut not in known:
            errors.append(f"Fila {number}: el código CUT {row[0].strip()!r} no corresponde a ninguna comuna.")
        elif category not in _TYPOLOGY_ALIASES:
            errors.append(
                f"Fila {number}: tipología desconocida {row[1].strip()!r}; use Metropolitanas, Mayores, "
                "Urbanas medianas o Rurales/semiurbanas."
            )
        elif cut in updates:
            errors.append(f"Fila {number}: la comuna {cut} aparece más de una vez.")
        else:
            updates[cut] = _TYPOLOGY_ALIASES[category]
    if errors:
        raise TypologyImportError(errors)
    if not updates:
        raise TypologyImportError([f"{source_name}: el archivo no contiene filas con CUT y tipología."])
    reason = f"Clasificación oficial importada ({source_name})."
    comunas = list(Comuna.objects.filter(cut__in=updates))
    for comuna in comunas:
        comuna.typology = updates[comuna.cut]
        comuna.typology_source = TypologySource.OFFICIAL
        comuna.typology_reason = reason
    Comuna.objects.bulk_update(comunas, ["typology", "typology_source", "typology_reason"])
    return len(comunas)
