"""Build the small territorial table the project ships, from the open data in HUB_DATA_DIR.

Sources (keep the attribution): BCN, Biblioteca del Congreso Nacional (CC BY) for codes, names and
cabecera locations; INE, Censo de Población y Vivienda 2024 (CC BY 4.0) for population, households
and dwellings.
"""

import csv
from pathlib import Path

TABLE_PATH = Path(__file__).resolve().parent / "data" / "comunas.csv"
TABLE_COLUMNS = [
    "cut", "name", "province_code", "province_name", "region_code", "region_name", "region_abbreviation",
    "latitude", "longitude", "population_2024", "households_2024", "dwellings_2024",
]
SOURCE_FILES = {
    "comunas": "territory/comunas.json",
    "censo": "territory/censo2024_comunal.json",
    "hogares": "territory/censo2024_hogares_viviendas.json",
}


class SourceError(Exception):
    """A source file is missing or malformed; the message names the file and the row."""


def _read_json_list(path: Path) -> list[dict]:
    from .datafiles import read_json, resolve

    found = resolve(path.name, path.parent)
    if found is None:
        raise SourceError(f"No se encontró el archivo {path}.")
    try:
        data = read_json(found)
    except (ValueError, EOFError, OSError) as exc:
        raise SourceError(f"{path}: no es JSON válido ({exc}).") from exc
    if not isinstance(data, list):
        raise SourceError(f"{path}: se esperaba una lista de comunas.")
    return data


def _by_cut(path: Path, rows: list[dict]) -> dict[str, dict]:
    result = {}
    for number, row in enumerate(rows, start=1):
        cut = str(row.get("codigo_comuna", "")).zfill(5)
        if not cut.isdigit() or len(cut) != 5:
            raise SourceError(f"{path}, fila {number}: código de comuna no válido {row.get('codigo_comuna')!r}.")
        result[cut] = row
    return result


def source_by_cut(data_dir: Path, key: str) -> dict[str, dict]:
    """One territorial source file (``SOURCE_FILES[key]``, e.g. "censo") as {CUT: row}; SourceError if unreadable."""
    path = Path(data_dir) / SOURCE_FILES[key]
    return _by_cut(path, _read_json_list(path))


def census_by_cut(data_dir: Path) -> dict[str, dict]:
    """The one reader of the Censo 2024 comuna file: {CUT: row} (poblacion_censada, poblacion_65_mas, ...)."""
    return source_by_cut(data_dir, "censo")


def build_rows(data_dir: Path) -> list[dict]:
    comunas = source_by_cut(data_dir, "comunas")
    censo = census_by_cut(data_dir)
    hogares = source_by_cut(data_dir, "hogares")
    rows = []
    for cut in sorted(comunas):
        c = comunas[cut]
        lat, lon = c.get("latitud_cabecera"), c.get("longitud_cabecera")
        if not lat and not lon:  # 0,0 in the source is missing data (Antártica), never a place.
            lat = lon = ""
        rows.append(
            {
                "cut": cut,
                "name": c["nombre_comuna"],
                "province_code": str(c["codigo_provincia"]).zfill(3),
                "province_name": c["nombre_provincia"],
                "region_code": str(c["codigo_region"]).zfill(2),
                "region_name": c["nombre_region"],
                "region_abbreviation": c.get("abreviatura", ""),
                "latitude": lat,
                "longitude": lon,
                "population_2024": censo.get(cut, {}).get("poblacion_censada", ""),
                "households_2024": hogares.get(cut, {}).get("hogares_censados", ""),
                "dwellings_2024": hogares.get(cut, {}).get("viviendas_censadas", ""),
            }
        )
    return rows


def write_table(rows: list[dict], path: Path = TABLE_PATH) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Fuente: BCN (CC BY); INE, Censo de Población y Vivienda 2024 (CC BY 4.0).\n")
        writer = csv.DictWriter(fh, fieldnames=TABLE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
