import pytest

from .pages_data import build, clear_observatory_cache  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_observatory_cache")]


def test_indicator_list_has_only_public_indicators_with_source_and_licence(client):
    build(comunas=3, years=1)
    body = client.get("/api/v1/indicators").json()
    codes = [item["code"] for item in body["items"]]
    assert "casos_policiales" in codes
    assert "componente_privado" not in codes
    casos = next(item for item in body["items"] if item["code"] == "casos_policiales")
    assert casos["source"]["licence"] == "CC BY 4.0"
    assert casos["source"]["attribution"].startswith("CEAD")


def test_indicator_detail_lists_periods_newest_first(client):
    build(comunas=3, years=3, first_year=2021)
    body = client.get("/api/v1/indicators/casos_policiales").json()
    assert body["periods"] == ["2023", "2022", "2021"]
    assert body["name"] == "Casos policiales"


def test_values_of_a_yearly_period(client):
    build(comunas=5, years=2, first_year=2023)
    body = client.get("/api/v1/indicators/casos_policiales/values", {"period": "2024"}).json()
    assert body["count"] == 5
    assert body["period"] == "2024"
    item = body["items"][0]
    assert set(item) == {"cut", "comuna", "period", "value", "lower", "upper", "numerator", "denominator", "status",
                         "flag"}
    assert item["period"] == "2024"
    assert "Fuente: CEAD" in body["source"]


def test_values_of_a_monthly_period_and_latest_by_default(client):
    build(comunas=4, years=1, months=3, first_year=2024)
    body = client.get("/api/v1/indicators/casos_policiales_mensual/values", {"period": "2024-02"}).json()
    assert body["count"] == 4 and body["items"][0]["period"] == "2024-02"
    latest = client.get("/api/v1/indicators/casos_policiales_mensual/values").json()
    assert latest["period"] == "2024-03"


def test_values_filters_by_region_typology_and_cut(client):
    build(comunas=30, years=1, first_year=2024)
    region = client.get("/api/v1/indicators/casos_policiales/values", {"period": "2024", "region": "13"}).json()
    assert {i["cut"][:2] for i in region["items"]} == {"13"}
    one = client.get("/api/v1/indicators/casos_policiales/values", {"period": "2024", "cut": "13120"}).json()
    assert [i["comuna"] for i in one["items"]] == ["Ñuñoa"]
    typ = client.get("/api/v1/indicators/casos_policiales/values",
                     {"period": "2024", "typology": "metropolitanas"}).json()
    assert typ["count"] >= 1


def test_values_include_confidence_bounds(client):
    build(comunas=3, years=1)
    body = client.get("/api/v1/indicators/pobreza_multidimensional/values", {"period": "2022"}).json()
    assert all(i["lower"] < i["value"] < i["upper"] for i in body["items"])


def test_values_are_paginated_with_a_maximum_page_size(client):
    build(comunas=12, years=1, first_year=2024)
    page = client.get("/api/v1/indicators/casos_policiales/values", {"period": "2024", "limit": 5, "offset": 10}).json()
    assert page["count"] == 12 and len(page["items"]) == 2
    too_big = client.get("/api/v1/indicators/casos_policiales/values", {"limit": 5000})
    assert too_big.status_code == 422
    assert too_big.json()["detail"][0]["loc"] == ["query", "limit"]
    assert "entre 1 y 1000" in too_big.json()["detail"][0]["msg"]
    schema = client.get("/api/v1/openapi.json").json()
    params = schema["paths"]["/api/v1/indicators/{code}/values"]["get"]["parameters"]
    assert "1000" in next(p for p in params if p["name"] == "limit")["description"]


@pytest.mark.parametrize(
    "params, parameter",
    [({"period": "20x4"}, "period"), ({"period": "2024-13"}, "period"), ({"typology": "grandes"}, "typology"),
     ({"region": "99"}, "region"), ({"format": "pdf"}, "format")],
)
def test_bad_parameters_are_422_naming_the_parameter(client, params, parameter):
    build(comunas=2, years=1)
    response = client.get("/api/v1/indicators/casos_policiales/values", params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["query", parameter]
    assert detail[0]["msg"]


def test_unknown_indicator_private_indicator_and_unknown_cut_are_json_404(client):
    build(comunas=2, years=1)
    for url in ["/api/v1/indicators/no_existe", "/api/v1/indicators/componente_privado",
                "/api/v1/indicators/no_existe/values"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "No existe un indicador público" in response.json()["detail"]
    response = client.get("/api/v1/indicators/casos_policiales/values", {"cut": "99999"})
    assert response.status_code == 404
    assert "99999" in response.json()["detail"]


def test_values_as_csv_with_attribution_line(client):
    build(comunas=3, years=1, first_year=2024)
    response = client.get("/api/v1/indicators/tasa_casos_policiales/values", {"period": "2024", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith('"Fuente: CEAD')
    assert lines[1].startswith("cut,comuna,")
    assert len(lines) == 5


def test_openapi_schema_is_valid_and_lists_the_observatory(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/indicators/{code}/values" in schema["paths"]
    import schemathesis

    loaded = schemathesis.openapi.from_dict(schema)
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert any(op.path == "/api/v1/indicators/{code}/values" for op in operations)
    values = schema["paths"]["/api/v1/indicators/{code}/values"]["get"]
    assert {p["name"] for p in values["parameters"]} >= {"code", "period", "region", "typology", "cut", "limit"}


def test_docs_page_loads_its_assets_locally(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn.jsdelivr" not in html and "unpkg" not in html
    assert "/static/" in html
