"""Reconciliation on the REAL open data (settings.HUB_DATA_DIR): figures in the database equal figures
computed independently from the raw files. The whole bundle is imported once for this module."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.conf import settings

from hub.observatory.models import ImportRun, Indicator, Observation, Source
from hub.observatory.selectors import aggregate_at, aggregate_series
from hub.observatory.services import import_file, open_data_load
from hub.territory.datafiles import read_text, resolve

CEAD = "observatory/cead_casos_policiales_mensual_2018_2025.csv.gz"
MINSAL = "observatory/minsal_establecimientos_salud.csv"
SINIM = "observatory/sinim_finanzas_municipales_2024.json"


def data_file(relative: str) -> Path:
    """The shipped file (plain or .gz). data/ is in the repository, so a missing file is a failure, never a skip."""
    path = resolve(relative)
    assert path is not None, f"Falta el archivo de datos abiertos {relative} en HUB_DATA_DIR ({settings.HUB_DATA_DIR})."
    return path


@pytest.fixture(scope="module")
def open_data(django_db_setup, django_db_blocker):
    """Import every real file once for the module, then remove what it created (other modules start clean)."""
    data_file(CEAD)
    with django_db_blocker.unblock():
        marks = {model: model.objects.order_by("-id").values_list("id", flat=True).first() or 0
                 for model in (Source, Indicator, ImportRun, Observation)}
        result = open_data_load(data_dir=Path(settings.HUB_DATA_DIR))
        yield result
        Observation.objects.filter(id__gt=marks[Observation]).delete()
        ImportRun.objects.filter(id__gt=marks[ImportRun]).delete()
        new_indicators = Indicator.objects.filter(id__gt=marks[Indicator])
        new_indicators.filter(numerator__isnull=False).delete()  # ratios first: components are PROTECTed
        new_indicators.delete()
        Source.objects.filter(id__gt=marks[Source]).delete()


@pytest.fixture
def loaded(open_data, db):
    return open_data


def value(code, cut, period, dimension=""):
    return Observation.objects.get(indicator__code=code, comuna_id=cut, period=period, dimension=dimension).value


def raw_cead():
    yield from csv.DictReader(io.StringIO(read_text(data_file(CEAD))))


def test_every_shipped_file_imports_without_rejected_rows(loaded):
    assert {run.importer for run in loaded["runs"]} == {"censo", "ine_proyecciones", "cead", "mds_pobreza",
                                                        "minsal", "sinim", "sinim_capital_humano", "sinim_salud",
                                                        "sinim_ambiental", "sinim_seguridad", "nudos", "fonasa"}
    for run in loaded["runs"]:
        assert run.status == "succeeded", run.message
        assert run.rows_rejected == 0, run.report["rejected"][:3]
    assert not loaded["missing"]


def test_national_police_cases_of_a_year_equal_the_sum_of_the_raw_cead_rows(loaded):
    expected = sum(int(row["delito_n"]) for row in raw_cead() if row["fecha"].startswith("2024"))
    stored = Observation.objects.filter(indicator__code="casos_policiales", period="2024", dimension="")
    assert sum(stored.values_list("value", flat=True)) == expected
    assert aggregate_at(aggregate_series(Indicator.objects.get(code="casos_policiales")), "2024") == expected


def test_a_comunas_yearly_police_cases_equal_the_sum_of_its_twelve_months(loaded):
    months = Observation.objects.filter(indicator__code="casos_policiales_mensual", comuna_id="13120",
                                        period__startswith="2023-")
    assert months.count() == 12
    assert sum(months.values_list("value", flat=True)) == value("casos_policiales", "13120", "2023")


def test_the_offence_breakdown_adds_up_to_the_total(loaded):
    offences = Observation.objects.filter(indicator__code="casos_policiales", comuna_id="09101", period="2019") \
        .exclude(dimension="")
    assert offences.count() == 30
    assert sum(offences.values_list("value", flat=True)) == value("casos_policiales", "09101", "2019")


def test_police_case_rate_divides_by_the_projection_of_the_same_year(loaded):
    cases = value("casos_policiales", "01101", "2022")
    population = value("poblacion_proyectada", "01101", "2022")
    assert value("tasa_casos_policiales", "01101", "2022") == pytest.approx(cases / population * 100000)


def test_aps_count_for_a_comuna_matches_a_count_from_the_raw_register(loaded):
    expected = sum(
        1 for row in csv.DictReader(io.StringIO(read_text(data_file(MINSAL))))
        if row["codigo_comuna"] == "09101" and row["nivel_atencion"] == "Primer Nivel"
        and row["dependencia_administrativa"] == "Municipal"
        and row["estado_funcionamiento"].lower().startswith("vigente")
    )
    assert expected > 0
    assert value("aps_establecimientos_municipales", "09101", "2024") == expected
    population = value("poblacion_censo_2024", "09101", "2024")
    assert value("aps_por_10mil_hab", "09101", "2024") == pytest.approx(expected / population * 10000)


def test_autonomia_financiera_for_iquique_is_own_income_over_total_income(loaded):
    assert value("autonomia_financiera", "01101", "2024") == pytest.approx(47463055000 / 104723522000 * 100)


def test_regional_ratio_is_recomputed_from_sums_never_averaged(loaded):
    data = json.loads(read_text(data_file(SINIM)))
    tarapaca = [row for row in data if row["codigo_comuna"].startswith("01") and row["ingresos_totales"]]
    expected = sum(r["ingresos_propios_permanentes"] for r in tarapaca) / sum(r["ingresos_totales"] for r in tarapaca)
    indicator = Indicator.objects.get(code="autonomia_financiera")
    regional = aggregate_at(aggregate_series(indicator, region="01"), "2024")
    assert regional == pytest.approx(expected * 100)
    average = sum(r["ingresos_propios_permanentes"] / r["ingresos_totales"] for r in tarapaca) / len(tarapaca)
    assert regional != pytest.approx(average * 100)


def test_poverty_rates_keep_their_confidence_bounds_and_have_no_aggregate(loaded):
    obs = Observation.objects.get(indicator__code="pobreza_ingresos", comuna_id="01101", period="2022")
    assert obs.lower < obs.value < obs.upper
    assert aggregate_at(aggregate_series(obs.indicator), "2022") is None


def test_reimporting_real_files_reports_unchanged_and_creates_nothing(loaded):
    count = Observation.objects.count()
    for key, relative in (("sinim", SINIM), ("minsal", MINSAL)):
        run = import_file(importer_key=key, path=data_file(relative))
        assert run.rows_loaded == 0 and run.rows_unchanged > 0, run.message
        assert "sin cambios" in run.message
    assert Observation.objects.count() == count
