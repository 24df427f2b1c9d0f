"""Staff CSV upload (all or nothing, a Spanish reason per row) and the cohort export as CSV and XLSX."""

import io

import pytest
from openpyxl import load_workbook

from hub.training import services

from .factories import COMUNA_A, COMUNA_B, enrol, make_cohort, make_official, make_staff

pytestmark = pytest.mark.django_db


def _upload(client, cohort, text):
    file = io.BytesIO(text.encode("utf-8"))
    file.name = "inscripciones.csv"
    return client.post(f"/formacion/gestion/versiones/{cohort.pk}/importar/", {"file": file})


def test_a_clean_file_enrols_everyone_and_reports_each_row(client):
    cohort = make_cohort(capacity=1)
    a, b = make_official(COMUNA_A), make_official(COMUNA_B)
    client.force_login(make_staff())
    html = _upload(client, cohort, f"usuario;comuna;rut\n{a.username};13120;12345678-5\n{b.username};9101;\n")
    html = html.content.decode()
    assert "Carga aplicada" in html
    statuses = dict(cohort.enrolments.values_list("user__username", "status"))
    assert statuses == {a.username: "solicitada", b.username: "en_espera"}
    assert "En lista de espera" in html


def test_one_bad_row_enrols_nobody_and_says_what_to_fix_per_row(client):
    cohort = make_cohort()
    good = make_official(COMUNA_A)
    other = make_official(COMUNA_B)
    client.force_login(make_staff())
    text = (f"usuario,comuna,rut\n{good.username},13120,\nnadie,13120,\n{other.username},13120,\n"
            f"{good.username},13120,11.111.111-2\n")
    html = _upload(client, cohort, text).content.decode()
    assert not cohort.enrolments.exists()
    assert "No hay una cuenta con usuario o correo «nadie»" in html
    assert "La persona no actúa por Ñuñoa" in html or "la persona no actúa por Ñuñoa" in html
    assert "repetida en el archivo" in html and "RUT" in html
    assert "no se inscribió a nadie" in html


def test_a_file_in_another_encoding_is_refused_with_a_message(client):
    cohort = make_cohort()
    client.force_login(make_staff())
    file = io.BytesIO("usuario;comuna\nñandú;13120\n".encode("latin-1"))
    file.name = "x.csv"
    html = client.post(f"/formacion/gestion/versiones/{cohort.pk}/importar/", {"file": file}, follow=True)
    assert "UTF-8" in html.content.decode()


def test_import_is_staff_only():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.enrolments_import(acting_user=make_official(COMUNA_A), cohort=make_cohort(), text="usuario\n")


def test_export_csv_is_excel_friendly_and_defuses_formulas(client):
    cohort = make_cohort()
    learner = make_official(COMUNA_A, email="ana@nunoa.cl")
    learner.first_name = "=HYPERLINK(1)"
    learner.save()
    enrol(cohort, learner)
    client.force_login(make_staff())
    response = client.get(f"/formacion/gestion/versiones/{cohort.pk}/exportar.csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff") and ";" in body and "\r\n" in body
    assert "'=HYPERLINK(1)" in body and "ana@nunoa.cl" in body and "250000" in body


def test_export_xlsx_has_one_row_per_enrolment(client):
    cohort = make_cohort(capacity=1)
    enrol(cohort)
    enrol(cohort)
    client.force_login(make_staff())
    response = client.get(f"/formacion/gestion/versiones/{cohort.pk}/exportar.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Nombre" and len(rows) == 4
    assert {rows[2][4], rows[3][4]} == {"Solicitada", "En lista de espera"}
    assert rows[2][6] == 250000
