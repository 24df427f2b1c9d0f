import io

import pytest
from django.urls import reverse

from .pages_data import build, clear_observatory_cache  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_observatory_cache")]


def test_csv_download_opens_in_spanish_excel(client):
    build(comunas=4, years=1, first_year=2024)
    response = client.get(reverse("observatory:indicator_csv", args=["tasa_casos_policiales"]), {"period": "2024"})
    assert response["Content-Disposition"] == 'attachment; filename="tasa_casos_policiales_2024.csv"'
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Fuente: CEAD, Subsecretaría de Prevención del Delito, 2024 · licencia CC BY 4.0"
    assert lines[1].split(";")[:3] == ["cut", "comuna", "region"]
    values = [line.split(";")[5] for line in lines[2:]]
    assert len(values) == 4
    assert all("," in v and "." not in v for v in values)  # decimal comma


def test_csv_download_respects_region_filter(client):
    build(comunas=30, years=1, first_year=2024)
    response = client.get(reverse("observatory:indicator_csv", args=["casos_policiales"]),
                          {"period": "2024", "region": "13"})
    rows = response.content.decode("utf-8-sig").splitlines()[2:]
    assert rows and all(row.startswith("13") for row in rows)


def test_xlsx_download_has_data_and_attribution_sheet(client):
    from openpyxl import load_workbook

    build(comunas=4, years=1, first_year=2024)
    response = client.get(reverse("observatory:indicator_xlsx", args=["pobreza_multidimensional"]))
    workbook = load_workbook(io.BytesIO(response.content))
    data = workbook["datos"]
    assert [c.value for c in data[1]][:6] == ["cut", "comuna", "region", "tipologia", "periodo", "valor"]
    assert data.max_row == 5
    assert isinstance(data.cell(row=2, column=6).value, int | float)  # a number, not text
    about = workbook["fuente"]
    assert about["A1"].value.startswith("Fuente: Observatorio Social")
    assert "licencia" in about["A1"].value


def test_download_of_private_indicator_is_404(client):
    build(comunas=2, years=1)
    assert client.get(reverse("observatory:indicator_csv", args=["componente_privado"])).status_code == 404
