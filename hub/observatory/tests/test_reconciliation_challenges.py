"""The new challenge indicators recomputed independently from the files in data/ and compared with the
database, the /values API and the /aggregates API. The whole bundle is imported once for this module."""

import csv
import io
import json
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from hub.observatory.models import ImportRun, Indicator, MissingValue, Observation, Source
from hub.observatory.selectors import Row, assign_ranks, period_rows
from hub.observatory.services import open_data_load
from hub.territory.datafiles import read_text, resolve

SINIM_FILES = {
    "rrhh": "observatory/sinim_capital_humano_municipal.csv",
    "salud": "observatory/sinim_salud_aps.csv",
    "ambiental": "observatory/sinim_gestion_ambiental.csv",
    "seguridad": "observatory/sinim_seguridad_municipal.csv",
}
INE = "territory/ine_proyecciones_poblacion_2002_2035.csv"
NUDOS = "observatory/nudos_indice_digitalizacion_comunal_2024_2025.csv"
FONASA = "observatory/fonasa_beneficiarios_comuna_tramo_2023.csv"
SAMPLE = [("13120", "2022"), ("09101", "2021"), ("05101", "2023"), ("01101", "2019"), ("10101", "2020")]


def rows_of(relative: str) -> list[dict]:
    path = resolve(relative)
    assert path is not None, f"{relative} ships in data/ (HUB_DATA_DIR={settings.HUB_DATA_DIR})"
    return list(csv.DictReader(io.StringIO(read_text(path))))


@pytest.fixture(scope="module")
def raw():
    """Independent parse of the raw files: {(variable, cut, year): (value|None, status, flag)} and INE."""
    sinim = {}
    for relative in SINIM_FILES.values():
        for r in rows_of(relative):
            value = float(r["valor"]) if r["valor"] else None
            sinim[(r["variable_codigo"], r["cut"], r["anio"])] = (value, r["estado"], r["alerta"])
    ine = {(r["cut_comuna"].zfill(5), r["año"]): float(r["población"]) for r in rows_of(INE)}
    return {"sinim": sinim, "ine": ine}


@pytest.fixture(scope="module")
def open_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        marks = {
            model: model.objects.order_by("-id").values_list("id", flat=True).first() or 0
            for model in (Source, Indicator, ImportRun, Observation, MissingValue)
        }
        result = open_data_load(data_dir=Path(settings.HUB_DATA_DIR))
        yield result
        MissingValue.objects.filter(id__gt=marks[MissingValue]).delete()
        Observation.objects.filter(id__gt=marks[Observation]).delete()
        ImportRun.objects.filter(id__gt=marks[ImportRun]).delete()
        new_indicators = Indicator.objects.filter(id__gt=marks[Indicator])
        new_indicators.filter(numerator__isnull=False).delete()
        new_indicators.delete()
        Source.objects.filter(id__gt=marks[Source]).delete()


@pytest.fixture
def loaded(open_data, db):
    cache.clear()
    return open_data


def v(raw, variable, cut, year):
    value, _status, flag = raw["sinim"].get((variable, cut, year), (None, "", ""))
    return value if not flag else None


def ratio(num, den, scale=1.0):
    return None if num is None or den is None or den <= 0 else num / den * scale


# indicator code -> how to recompute one comuna-year from the raw files
RECIPES = {
    "profesionalizacion_municipal": lambda r, c, y: v(r, "738", c, y),
    "funcionarios_planta_contrata": lambda r, c, y: v(r, "4071", c, y),
    "funcionarios_por_1000_hab": lambda r, c, y: ratio(v(r, "4071", c, y), r["ine"].get((c, y)), 1000),
    "honorarios_pct": lambda r, c, y: ratio(
        v(r, "4069", c, y),
        None if v(r, "4069", c, y) is None or v(r, "4071", c, y) is None else v(r, "4069", c, y) + v(r, "4071", c, y),
        100,
    ),
    "mujeres_funcionarias_pct": lambda r, c, y: ratio(v(r, "4073", c, y), v(r, "4071", c, y), 100),
    "gasto_personal_umbral_legal": lambda r, c, y: v(r, "4341", c, y),
    "capacitacion_gasto_personal_pct": lambda r, c, y: v(r, "1106", c, y),
    "aps_poblacion_inscrita": lambda r, c, y: v(r, "787", c, y),
    "aps_cobertura": lambda r, c, y: v(r, "788", c, y),
    "aps_gasto_por_inscrito": lambda r, c, y: ratio(
        None if v(r, "1128", c, y) is None else v(r, "1128", c, y) * 1000, v(r, "787", c, y)
    ),
    "aps_cesfam": lambda r, c, y: v(r, "MCESFAM", c, y),
    "areas_verdes_m2_por_hab": lambda r, c, y: ratio(v(r, "MAVM", c, y), r["ine"].get((c, y))),
    "gasto_aseo_por_hab": lambda r, c, y: ratio(
        None if v(r, "3923", c, y) is None else v(r, "3923", c, y) * 1000, r["ine"].get((c, y))
    ),
    "cobertura_derechos_aseo_pct": lambda r, c, y: ratio(v(r, "3954", c, y), v(r, "3923", c, y), 100),
    "gasto_alumbrado_por_hab": lambda r, c, y: ratio(
        None if v(r, "3925", c, y) is None else v(r, "3925", c, y) * 1000, r["ine"].get((c, y))
    ),
    "camaras_vigilancia": lambda r, c, y: v(r, "MNSEGCIUCA", c, y),
    "inspectores_seguridad_por_10mil_hab": lambda r, c, y: ratio(v(r, "MNSEGCIUIN", c, y), r["ine"].get((c, y)), 10000),
}


def stored(code, cut, period, dimension=""):
    obs = Observation.objects.filter(indicator__code=code, comuna_id=cut, period=period, dimension=dimension).first()
    return obs.value if obs else None


def api_value(client, code, cut, period):
    body = client.get(f"/api/v1/indicators/{code}/values", {"cut": cut, "period": period}).json()
    return body["items"][0] if body["items"] else None


def test_every_new_file_imports_without_rejected_rows(loaded):
    runs = {run.importer: run for run in loaded["runs"]}
    for key in ("sinim_capital_humano", "sinim_salud", "sinim_ambiental", "sinim_seguridad", "nudos", "fonasa"):
        assert runs[key].status == "succeeded", runs[key].message
        assert runs[key].rows_rejected == 0


@pytest.mark.parametrize("code", sorted(RECIPES))
def test_each_new_sinim_indicator_equals_a_recomputation_from_the_raw_file_in_db_and_api(loaded, raw, client, code):
    checked = 0
    for cut, year in SAMPLE:
        expected = RECIPES[code](raw, cut, year)
        if expected is None:
            continue
        assert stored(code, cut, year) == pytest.approx(expected, rel=1e-9), (cut, year)
        item = api_value(client, code, cut, year)
        assert item["value"] == pytest.approx(expected, rel=1e-9)
        assert item["status"] == ""
        checked += 1
    assert checked >= 2, f"sample too small for {code}"


def test_digital_indices_equal_the_nudos_file_in_db_and_api(loaded, client):
    for r in rows_of(NUDOS)[:40]:
        for column, code in (("idc", "indice_digitalizacion_comunal"), ("municipio_digital", "municipio_digital")):
            if r[column]:
                assert stored(code, r["cut"], r["anio"]) == float(r[column])
                assert api_value(client, code, r["cut"], r["anio"])["value"] == float(r[column])
            else:
                item = api_value(client, code, r["cut"], r["anio"])
                assert item["value"] is None and item["status"] == "No calculado por NUDOS"


def test_fonasa_total_and_tramos_equal_the_file_and_the_missing_tramo_is_not_zero(loaded):
    rows = rows_of(FONASA)
    total = {r["cut"]: float(r["beneficiarios"]) for r in rows if r["tramo_fonasa"] == "Total"}
    assert stored("fonasa_beneficiarios", "13120", "2023") == total["13120"]
    tramo_a = next(float(r["beneficiarios"]) for r in rows if r["cut"] == "09101" and r["tramo_fonasa"] == "A")
    assert stored("fonasa_beneficiarios", "09101", "2023", "Tramo A") == tramo_a
    national = sum(
        Observation.objects.filter(indicator__code="fonasa_beneficiarios", period="2023", dimension="").values_list(
            "value", flat=True
        )
    )
    assert national == sum(total.values()) == 16058254
    assert stored("fonasa_beneficiarios", "12303", "2023", "Tramo C") is None  # Timaukel: no row, not 0
    assert MissingValue.objects.get(indicator__code="fonasa_beneficiarios", comuna_id="12303", dimension="Tramo C")


def test_sinim_money_is_published_in_nominal_pesos(loaded, raw):
    thousands = raw["sinim"][("1128", "13120", "2022")][0]
    assert stored("sinim_gasto_salud", "13120", "2022") == thousands * 1000


def _region_ratio(raw, cut_prefix, year, num_var, den, scale):
    num = den_sum = 0.0
    for (variable, cut, y), (value, _status, flag) in raw["sinim"].items():
        if variable != num_var or y != year or not cut.startswith(cut_prefix) or value is None or flag:
            continue
        d = raw["ine"].get((cut, y)) if den == "ine" else v(raw, den, cut, y)
        if d is None or d <= 0:
            continue
        num += value
        den_sum += d
    return num / den_sum * scale


@pytest.mark.parametrize(
    ("code", "region", "year", "num_var", "den", "scale"),
    [
        ("funcionarios_por_1000_hab", "13", "2022", "4071", "ine", 1000),
        ("inspectores_seguridad_por_10mil_hab", "05", "2023", "MNSEGCIUIN", "ine", 10000),
        ("cobertura_derechos_aseo_pct", "08", "2021", "3954", "3923", 100),
        ("mujeres_funcionarias_pct", "09", "2023", "4073", "4071", 100),
    ],
)
def test_region_ratio_aggregate_is_sum_over_sum_from_the_raw_files(
    loaded, raw, client, code, region, year, num_var, den, scale
):
    expected = _region_ratio(raw, region, year, num_var, den, scale)
    body = client.get(f"/api/v1/indicators/{code}/aggregates", {"level": "region", "period": year}).json()
    item = next(i for i in body["items"] if i["key"] == region)
    assert item["value"] == pytest.approx(expected, rel=1e-9)
    assert item["numerator"] / item["denominator"] * scale == pytest.approx(expected, rel=1e-9)
    country = client.get(f"/api/v1/indicators/{code}/aggregates", {"level": "country", "period": year}).json()
    assert country["items"][0]["value"] == pytest.approx(_region_ratio(raw, "", year, num_var, den, scale), rel=1e-9)


def test_typology_aggregates_add_up_to_the_country(loaded, client):
    by_typology = client.get(
        "/api/v1/indicators/funcionarios_planta_contrata/aggregates", {"level": "typology", "period": "2022"}
    ).json()["items"]
    country = client.get(
        "/api/v1/indicators/funcionarios_planta_contrata/aggregates", {"level": "country", "period": "2022"}
    ).json()["items"][0]
    assert sum(i["value"] or 0 for i in by_typology) == pytest.approx(country["value"])
    assert sum(i["comunas"] for i in by_typology) == country["comunas"]


def test_missing_status_rows_are_absent_as_numbers_and_present_with_their_status(loaded, raw, client):
    missing = [
        (cut, y, status)
        for (variable, cut, y), (value, status, _f) in raw["sinim"].items()
        if variable == "4071" and value is None
    ]
    assert missing
    for cut, year, status in missing[:5]:
        assert stored("funcionarios_planta_contrata", cut, year) is None
        item = api_value(client, "funcionarios_planta_contrata", cut, year)
        assert item["value"] is None and item["status"] == status
        # the ratio built on it is missing with the same reason, not 0
        assert stored("funcionarios_por_1000_hab", cut, year) is None
        assert api_value(client, "funcionarios_por_1000_hab", cut, year)["status"] == status
    # 787 has no 2023 number at all: every comuna has its status and the default period is the last observed one
    body = client.get("/api/v1/indicators/aps_poblacion_inscrita/values", {"period": "2023", "limit": 1000}).json()
    assert body["count"] == 345 and all(i["value"] is None and i["status"] for i in body["items"])
    assert client.get("/api/v1/indicators/aps_poblacion_inscrita/values").json()["period"] == "2022"


def test_flagged_values_are_stored_with_the_flag_and_left_out_of_ranks_and_aggregates(loaded, raw, client):
    flagged = {
        cut
        for (variable, cut, y), (_v, _s, flag) in raw["sinim"].items()
        if variable == "787" and y == "2021" and flag == "inscritos_menor_100"
    }
    assert flagged
    indicator = Indicator.objects.get(code="aps_poblacion_inscrita")
    rows = period_rows(indicator, "2021")
    assert {r.cut for r in rows if r.flag == "inscritos_menor_100"} == flagged
    assert all(r.rank == 0 for r in rows if r.flag)
    assert max(r.rank for r in rows) <= len(rows) - len(flagged)
    country = client.get(
        "/api/v1/indicators/aps_poblacion_inscrita/aggregates", {"level": "country", "period": "2021"}
    ).json()["items"][0]
    assert country["comunas_excluded"] == len(flagged)
    expected = sum(
        value
        for (variable, cut, y), (value, _s, flag) in raw["sinim"].items()
        if variable == "787" and y == "2021" and value is not None and not flag
    )
    assert country["value"] == expected
    html = client.get("/observatorio/aps_poblacion_inscrita/?period=2021").content.decode()
    assert "alerta de calidad" in html and "quedan fuera del ranking y de los agregados" in html


def test_indicator_page_lists_comunas_not_reported_to_sinim(loaded, client):
    html = client.get("/observatorio/funcionarios_planta_contrata/?period=2019").content.decode()
    assert "no informada al SINIM" in html and "No Recepcionado" in html


def test_poverty_ranks_are_ranges_and_equal_displayed_values_share_a_rank(loaded):
    rows = period_rows(Indicator.objects.get(code="pobreza_multidimensional"), "2022")
    assert all(r.rank_low <= r.rank <= r.rank_high for r in rows)
    assert sum(1 for r in rows if r.rank_range) > 300  # intervals overlap: strict positions would overstate
    tied = [
        Row("1", "a", "", "", "", "", "2024", 12.34),
        Row("2", "b", "", "", "", "", "2024", 12.31),
        Row("3", "c", "", "", "", "", "2024", 11.0, flag="x"),
        Row("4", "d", "", "", "", "", "2024", 10.0),
    ]
    assign_ranks(tied, 1)
    assert [r.rank for r in tied] == [1, 1, 0, 3]


def test_default_period_is_the_latest_observed_never_a_projection(loaded, client):
    body = client.get("/api/v1/indicators/poblacion_proyectada/values").json()
    assert int(body["period"]) <= 2026


def test_licences_and_dates_are_honest_on_derived_indicators(loaded, client):
    body = client.get("/api/v1/indicators/aps_por_10mil_hab").json()
    assert "CC0" in body["source"]["licence"] and "CC BY 4.0" in body["source"]["licence"]
    nudos = client.get("/api/v1/indicators/municipio_digital").json()["source"]
    assert "no declarada" in nudos["licence"]
    mds = client.get("/api/v1/indicators/pobreza_ingresos").json()["source"]
    assert mds["url"].endswith("Estimaciones_Tasa_Pobreza_Ingresos_Comunas_2022.xlsx")


def test_dictionary_package_and_bulk_zip_cover_every_public_indicator(loaded, client):
    public = set(Indicator.objects.filter(is_public=True).values_list("code", flat=True))
    dictionary = list(csv.DictReader(io.StringIO(client.get("/api/v1/indicators.csv").content.decode())))
    assert {r["codigo"] for r in dictionary} == public
    assert all(r["licencia"] for r in dictionary)
    package = client.get("/api/v1/datapackage.json").json()
    assert {r["path"] for r in package["resources"]} == {f"{code}.csv" for code in public}
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/datapackage.zip").content))
    assert "datapackage.json" in archive.namelist()
    assert json.loads(archive.read("datapackage.json"))["name"] == "hub-local-observatorio"
    lines = list(csv.DictReader(io.StringIO(archive.read("funcionarios_planta_contrata.csv").decode())))
    assert any(r["valor"] == "" and r["estado"] == "No Recepcionado" for r in lines)
    assert not any(r["valor"] == "0" and r["estado"] for r in lines)


def test_home_and_comuna_page_show_real_figures_for_every_challenge(loaded, client):
    home = client.get("/").content.decode()
    for name in (
        "Funcionarios de planta y contrata por 1.000 habitantes",
        "Índice de Digitalización Comunal",
        "Áreas verdes con mantención por habitante",
        "Población inscrita en APS municipal",
        "Tasa de casos policiales",
    ):
        assert name in home
    assert "importador genérico" not in home
    page = client.get("/comunas/13120/").content.decode()
    by_theme = defaultdict(int)
    for name in (
        "Nivel de profesionalización municipal",
        "Subíndice municipio digital",
        "Gasto en aseo y recolección por habitante",
        "Cámaras de televigilancia municipales",
    ):
        by_theme[name] += page.count(name)
    assert all(by_theme.values()), by_theme


def test_comuna_page_says_not_reported_to_sinim_instead_of_a_number(loaded, client):
    # Camiña did not report its staff for 2023 (SINIM «No Recepcionado»): the page says so, never 0.
    page = client.get("/comunas/01402/").content.decode()
    block = page.split("Funcionarios de planta y contrata por 1.000 habitantes", 1)[1][:1500]
    assert "No informado al SINIM" in block and "No Recepcionado" in block
