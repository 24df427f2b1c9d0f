"""Importer behaviour on small files written to tmp_path: errors row by row, threshold, dry run, idempotence."""

import gzip
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hub.observatory.models import ImportRun, ImportStatus, Observation
from hub.observatory.services import catalogue_sync, import_file

pytestmark = pytest.mark.django_db

HEADER = "comuna,cut_comuna,region,cut_region,fecha,delito,delito_n\n"
OFFENCES = ["Amenazas", "Hurtos", "Robo con violencia o intimidación"]


@pytest.fixture
def catalogue(db):
    catalogue_sync()


def cead_lines(cut="1101", months=12, year=2024, offences=OFFENCES, value=lambda m, o: m + o):
    """CEAD-format rows: one per month and offence; CUT written without its leading zero like the source."""
    lines = []
    for month in range(1, months + 1):
        for index, offence in enumerate(offences):
            lines.append(f"Iquique,{cut},Tarapacá,1,{year}-{month:02d}-01,{offence},{value(month, index)}\n")
    return lines


def write_gz(path, lines):
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.writelines(lines)
    return path


def observations(code, **filters):
    return Observation.objects.filter(indicator__code=code, **filters)


def test_cead_slice_sums_offences_per_year_and_month_and_restores_the_leading_zero(catalogue, tmp_path):
    path = write_gz(tmp_path / "cead.csv.gz", cead_lines())
    run = import_file(importer_key="cead", path=path)
    assert run.status == ImportStatus.SUCCEEDED
    expected_year = sum(m + o for m in range(1, 13) for o in range(3))
    total = observations("casos_policiales", comuna_id="01101", period="2024", dimension="").get()
    assert total.value == expected_year
    hurtos = observations("casos_policiales", comuna_id="01101", period="2024", dimension="Hurtos").get()
    assert hurtos.value == sum(m + 1 for m in range(1, 13))
    march = observations("casos_policiales_mensual", comuna_id="01101", period="2024-03").get()
    assert march.value == 3 + 4 + 5
    assert run.rows_read == 36
    assert run.rows_loaded == 1 + 3 + 12


def test_bad_rows_are_reported_one_by_one_with_row_number_and_reason(catalogue, tmp_path):
    lines = cead_lines(months=12, offences=OFFENCES * 1) + cead_lines(year=2023, offences=OFFENCES)  # 72 good rows
    lines += [
        "Nowhere,99999,X,1,2024-01-01,Amenazas,3\n",  # unknown CUT (line 74)
        "Iquique,1101,Tarapacá,1,2022-01-01,Amenazas,tres\n",  # text value (line 75)
        "Iquique,1101,Tarapacá,1,2024-01-01,Amenazas,1\n",  # duplicate (comuna, month, offence) (line 76)
    ]
    run = import_file(importer_key="cead", path=write_gz(tmp_path / "bad.csv.gz", lines))
    assert run.status == ImportStatus.SUCCEEDED
    rejected = {item["row"]: item["reason"] for item in run.report["rejected"]}
    assert set(rejected) == {74, 75, 76}
    assert "CUT desconocido" in rejected[74] and "99999" in rejected[74]
    assert "no es numérico" in rejected[75] and "tres" in rejected[75]
    assert "duplicada" in rejected[76]
    assert run.rows_rejected == 3
    # The duplicate is not counted twice: January 2024 keeps the first row's value.
    january = observations("casos_policiales_mensual", comuna_id="01101", period="2024-01").get()
    assert january.value == 1 + 2 + 3
    assert not observations("casos_policiales", period="2022").exists()


def test_a_file_above_the_error_threshold_is_refused_whole_and_the_database_is_unchanged(catalogue, tmp_path):
    import_file(importer_key="cead", path=write_gz(tmp_path / "good.csv.gz", cead_lines()))
    before = list(Observation.objects.order_by("id").values_list("id", "value"))
    lines = cead_lines(value=lambda m, o: 100) + [f"X,1101,T,1,2025-{m:02d}-01,Amenazas,n/a\n" for m in range(1, 13)]
    with pytest.raises(CommandError) as error:
        call_command("import_dataset", "cead", str(write_gz(tmp_path / "worse.csv.gz", lines)))
    assert "worse.csv.gz" in str(error.value) and "fila 38" in str(error.value)
    assert list(Observation.objects.order_by("id").values_list("id", "value")) == before
    run = ImportRun.objects.latest("started_at")
    assert run.status == ImportStatus.REJECTED
    assert run.rows_rejected == 12


def test_missing_columns_refuse_the_file_naming_them(catalogue, tmp_path):
    path = tmp_path / "cead.csv"
    path.write_text("comuna,cut_comuna,fecha,delito\nIquique,1101,2024-01-01,Hurtos\n", encoding="utf-8")
    run = import_file(importer_key="cead", path=path)
    assert run.status == ImportStatus.REJECTED
    assert "delito_n" in run.message and "cead.csv" in run.message
    assert not Observation.objects.exists()


def test_dry_run_reports_what_would_change_and_writes_nothing(catalogue, tmp_path):
    run = import_file(importer_key="cead", path=write_gz(tmp_path / "c.csv.gz", cead_lines()), dry_run=True)
    assert run.status == ImportStatus.SUCCEEDED
    assert run.rows_loaded == 16
    assert "Simulación" in run.message
    assert not Observation.objects.exists()


def test_reimporting_the_same_file_changes_nothing_and_says_so(catalogue, tmp_path):
    path = write_gz(tmp_path / "c.csv.gz", cead_lines())
    import_file(importer_key="cead", path=path)
    ids = list(Observation.objects.order_by("id").values_list("id", flat=True))
    again = import_file(importer_key="cead", path=path)
    assert (again.rows_loaded, again.rows_unchanged) == (0, 16)
    assert "sin cambios" in again.message
    assert list(Observation.objects.order_by("id").values_list("id", flat=True)) == ids


def test_a_corrected_value_updates_the_observation_and_its_derived_rate(catalogue, tmp_path):
    projection = tmp_path / "proy.csv"
    projection.write_text("cut_region,region,cut_provincia,provincia,cut_comuna,comuna,año,población\n"
                          "1,Tarapacá,11,Iquique,1101,Iquique,2024,200000\n", encoding="utf-8")
    import_file(importer_key="ine_proyecciones", path=projection)
    import_file(importer_key="cead", path=write_gz(tmp_path / "a.csv.gz", cead_lines(value=lambda m, o: 1)))
    rate = observations("tasa_casos_policiales", comuna_id="01101", period="2024").get()
    assert rate.value == pytest.approx(36 / 200000 * 100000)
    assert (rate.numerator, rate.denominator) == (36, 200000)
    run = import_file(importer_key="cead", path=write_gz(tmp_path / "b.csv.gz", cead_lines(value=lambda m, o: 2)))
    assert run.report["updated"] == 16 and run.report["created"] == 0
    rate.refresh_from_db()
    assert rate.value == pytest.approx(72 / 200000 * 100000)


def test_generic_importer_loads_a_tidy_csv_with_a_mapping_and_rejects_unknown_indicators(catalogue, tmp_path):
    path = tmp_path / "tidy.csv"
    rows = ["CUT;indicador;anio;valor;li;ls"]
    rows += [f"{cut};pobreza_ingresos;2022;{10 + i},5;9;12" for i, cut in enumerate(["01101", "01107", "13120"])]
    rows += [f"0910{i};pobreza_ingresos;2022;7;6;8" for i in range(1, 9)]
    rows += ["13120;no_existe;2022;1;;"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    mapping = {"delimiter": ";", "columns": {"indicator": "indicador", "period": "anio", "value": "valor",
                                             "lower": "li", "upper": "ls"}}
    mapping_path = tmp_path / "mapping.json"
    mapping_path.write_text(json.dumps(mapping), encoding="utf-8")
    # 12 rows, one unknown indicator (8.3 % > 5 %): refused whole, naming the file and the row.
    with pytest.raises(CommandError, match="tidy.csv.*fila 13"):
        call_command("import_dataset", "generic", str(path), "--mapping", str(mapping_path), "--dry-run")
    assert not Observation.objects.exists()
    path.write_text("\n".join(rows[:-1]) + "\n", encoding="utf-8")
    run = import_file(importer_key="generic", path=path, options={"mapping": mapping})
    assert run.status == ImportStatus.SUCCEEDED, run.message
    nunoa = observations("pobreza_ingresos", comuna_id="13120", period="2022").get()
    assert (nunoa.value, nunoa.lower, nunoa.upper) == (12.5, 9, 12)


def test_generic_importer_reads_xlsx_and_json_and_refuses_ratio_indicators(catalogue, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["CUT", "indicator", "period", "value"])
    sheet.append([1101, "poblacion_proyectada", 2030, 190000])
    sheet.append(["13120", "poblacion_proyectada", "2030", 210000])
    book.save(tmp_path / "p.xlsx")
    run = import_file(importer_key="generic", path=tmp_path / "p.xlsx", options={"mapping": {}})
    assert run.status == ImportStatus.SUCCEEDED, run.message
    assert observations("poblacion_proyectada", comuna_id="01101", period="2030").get().value == 190000

    data = [{"CUT": "13120", "value": 5, "period": "2024"}, {"CUT": "01101", "value": 5, "period": "2024"}]
    (tmp_path / "r.json").write_text(json.dumps(data), encoding="utf-8")
    run = import_file(importer_key="generic", path=tmp_path / "r.json",
                      options={"mapping": {"indicator": "tasa_casos_policiales"}})
    assert run.status == ImportStatus.REJECTED
    assert "derivado" in run.report["rejected"][0]["reason"]


def test_load_open_data_lists_missing_files_and_continues(catalogue, tmp_path, settings):
    from io import StringIO

    settings.HUB_DATA_DIR = tmp_path
    out = StringIO()
    call_command("load_open_data", stdout=out)
    text = out.getvalue()
    assert "No se encontró" in text and "cead_casos_policiales_mensual_2018_2025.csv.gz" in text
    assert not Observation.objects.exists()
