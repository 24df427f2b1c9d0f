import pytest
from django.core.management import CommandError, call_command

from hub.territory.models import Comuna, Region, Typology, TypologySource

pytestmark = pytest.mark.django_db


def test_all_346_comunas_16_regions_56_provinces_are_loaded():
    assert Comuna.objects.count() == 346
    assert Region.objects.count() == 16
    assert Comuna.objects.values("province").distinct().count() == 56


def test_santiago_page_shows_census_population(client):
    response = client.get("/comunas/13101/")
    assert response.status_code == 200
    assert "Santiago" in response.text
    assert "438.856" in response.text


def test_unknown_cut_gets_spanish_404(client):
    response = client.get("/comunas/99999/")
    assert response.status_code == 404
    assert "No existe una comuna con el código CUT 99999" in response.text


def test_search_without_accents_finds_nunoa(client):
    response = client.get("/comunas/", {"q": "nunoa"})
    assert "Ñuñoa" in response.text
    assert "Providencia" not in response.text


def test_search_in_upper_case_finds_accented_name(client):
    response = client.get("/comunas/", {"q": "CONCEPCION"})
    assert "Concepción" in response.text


def test_filter_by_region_and_typology(client):
    response = client.get("/comunas/", {"region": "13", "typology": Typology.METROPOLITANAS})
    assert "Ñuñoa" in response.text
    assert "Temuco" not in response.text
    assert "34 comunas" in response.text


def test_antartica_has_no_location():
    antartica = Comuna.objects.get(cut="12202")
    assert antartica.latitude is None and antartica.longitude is None
    assert not antartica.has_location


def test_typology_rule_is_deterministic_and_explained():
    assert Comuna.objects.get(cut="13101").typology == Typology.METROPOLITANAS
    assert Comuna.objects.get(cut="09101").typology == Typology.MAYORES  # Temuco
    puerto_natales = Comuna.objects.get(cut="12401")
    assert puerto_natales.typology == Typology.RURALES_SEMIURBANAS
    assert "menos de 30.000" in puerto_natales.typology_reason
    counts = {t: Comuna.objects.filter(typology=t).count() for t in Typology}
    assert counts[Typology.METROPOLITANAS] == 49  # 32 + 2 + 5 + 10
    assert sum(counts.values()) == 346


def test_official_typology_import_overrides_rule_and_survives_reload(tmp_path):
    csv_file = tmp_path / "oficial.csv"
    csv_file.write_text("cut;tipologia\n09101;Metropolitanas\n13101;Urbanas medianas\n", encoding="utf-8")
    call_command("import_typology", str(csv_file))
    temuco = Comuna.objects.get(cut="09101")
    assert temuco.typology == Typology.METROPOLITANAS
    assert temuco.typology_source == TypologySource.OFFICIAL
    call_command("load_territory")
    assert Comuna.objects.get(cut="09101").typology == Typology.METROPOLITANAS


def test_typology_import_with_one_bad_row_changes_nothing(tmp_path):
    csv_file = tmp_path / "malo.csv"
    csv_file.write_text("09101;Metropolitanas\n99999;Mayores\n13101;Grandes\n", encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("import_typology", str(csv_file))
    assert "Fila 2" in str(excinfo.value) and "99999" in str(excinfo.value)
    assert "Fila 3" in str(excinfo.value)
    assert Comuna.objects.get(cut="09101").typology == Typology.MAYORES


def test_malformed_territory_table_stops_load_and_names_row(tmp_path):
    bad = tmp_path / "comunas.csv"
    from hub.territory.sources import TABLE_PATH

    lines = TABLE_PATH.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(lines[5].split(",")[0], "ABC", 1)
    bad.write_text("\n".join(lines), encoding="utf-8")
    before = Comuna.objects.get(cut="13101").population_2024
    with pytest.raises(CommandError) as excinfo:
        call_command("load_territory", "--path", str(bad))
    assert "fila 5" in str(excinfo.value) and "ABC" in str(excinfo.value)
    assert Comuna.objects.get(cut="13101").population_2024 == before


def test_api_comuna_detail_and_404(client):
    data = client.get("/api/v1/comunas/13101").json()
    assert data["name"] == "Santiago" and data["population_2024"] == 438856
    assert client.get("/api/v1/comunas/99999").status_code == 404


def test_api_comuna_list_filters_and_paginates(client):
    data = client.get("/api/v1/comunas", {"region": "13", "limit": 10}).json()
    assert data["count"] == 52
    assert len(data["items"]) == 10


def test_api_comuna_list_refuses_huge_page_with_422(client):
    response = client.get("/api/v1/comunas", {"limit": 10**12})
    assert response.status_code == 422
    assert "limit" in str(response.json())
