"""The generic importer: mappings that create indicators, validation by unit, caps, encodings, history, faults."""

import gzip
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from hub.observatory.importers.base import ImportStructureError
from hub.observatory.mapping import load_mapping, normalise_code
from hub.observatory.models import (
    ImportLock,
    ImportRun,
    ImportStatus,
    Indicator,
    MeasureUnit,
    Observation,
    ObservationChange,
    Source,
)
from hub.observatory.services import import_file, import_run_create, import_run_execute, import_run_revert

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[3] / "docs" / "importing.md"
CUTS = ["13120", "09101", "01101", "01107", "05101", "08101", "10101", "13101", "13114", "13119",
        "13123", "05109", "04101", "02101", "03101", "06101", "07101", "11101", "12101", "14101"]


def doc_example(name: str) -> dict:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- example: {name} -->\s*```json\n(.*?)```", text, re.S)
    return json.loads(match.group(1))


def run_generic(tmp_path, content, mapping, *, name="datos.csv", dry_run=False, user=None, encoding="utf-8"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding)
    return import_file(importer_key="generic", path=path, dry_run=dry_run, options={"mapping": mapping},
                       acting_user=user)


def values(code, dimension=""):
    return dict(Observation.objects.filter(indicator__code=code, dimension=dimension)
                .values_list("comuna_id", "value"))


# -- the three documented examples, end to end ---------------------------------------------------------------


def wide_csv(cuts=CUTS):
    lines = ["CUT,Año,Áreas verdes (m2),Habitantes,Tiempo de viaje"]
    lines += [f"{cut},2024,{100000 * (i + 1)},{1000 * (i + 1)},{20 + i}.5" for i, cut in enumerate(cuts)]
    return "\n".join(lines) + "\n"


def test_doc_example_wide_file_creates_three_indicators_with_numerator_and_denominator(tmp_path):
    run = run_generic(tmp_path, wide_csv(), doc_example("wide"))
    assert run.status == ImportStatus.SUCCEEDED, run.message
    assert {p["code"] for p in run.report["new_indicators"]} == {"areas_verdes_m2", "areas_verdes_por_hab",
                                                                 "tiempo_viaje"}
    per_hab = Indicator.objects.get(code="areas_verdes_por_hab")
    assert per_hab.aggregation == "ratio" and per_hab.unit == "m2_per_person"
    obs = Observation.objects.get(indicator=per_hab, comuna_id="13120")
    assert (obs.value, obs.numerator, obs.denominator) == (100.0, 100000.0, 1000.0)
    assert Indicator.objects.get(code="tiempo_viaje").theme == "contexto"
    assert any("movilidad" in w for w in run.report["warnings"])
    assert Indicator.objects.get(code="areas_verdes_m2").source.code == "minvu-areas-verdes"
    assert len(values("tiempo_viaje")) == len(CUTS)


def test_doc_example_long_latin1_semicolon_file_creates_indicators_named_in_the_file(tmp_path):
    lines = ["cut;periodo;codigo;nombre;unidad;valor"]
    for cut in CUTS:
        lines.append(f"{cut};2023;Dotación APS;Dotación de la atención primaria;personas;350")
        lines.append(f"{cut};2023;COBERTURA_PAP*;Cobertura de Papanicolau;%;61,5")
    content = ("\n".join(lines) + "\n").encode("latin-1")
    run = run_generic(tmp_path, content, doc_example("long"))
    assert run.status == ImportStatus.SUCCEEDED, run.message
    assert run.report["detected"] == {"encoding": "cp1252", "delimiter": ";"}
    assert Indicator.objects.get(code="dotacion_aps").unit == "persons"
    assert Indicator.objects.get(code="cobertura_pap").name_es == "Cobertura de Papanicolau"
    assert values("cobertura_pap")["13120"] == 61.5


def test_doc_example_breakdowns_are_published_and_served_by_the_api(tmp_path, client):
    lines = ["CUT,Año,Sexo,Tramo,Beneficiarios"]
    for cut in CUTS:
        lines += [f"{cut},2024,Mujeres,A,1200", f"{cut},2024,Mujeres,B,2100", f"{cut},2024,Hombres,A,900"]
    run = run_generic(tmp_path, "\n".join(lines) + "\n", doc_example("breakdown"))
    assert run.status == ImportStatus.SUCCEEDED, run.message
    assert values("beneficiarios_tramo", "Mujeres · B")["13120"] == 2100
    response = client.get("/api/v1/indicators/beneficiarios_tramo/values",
                          {"dimension": "Mujeres · A", "cut": "13120"})
    assert response.status_code == 200
    assert [item["value"] for item in response.json()["items"]] == [1200.0]


# -- codes ---------------------------------------------------------------------------------------------------


def test_uppercase_and_symbol_codes_are_normalised_and_no_page_answers_500(tmp_path, client):
    lines = ["CUT,Año,IND"] + [f"{cut},2024,{i}" for i, cut in enumerate(CUTS)]
    mapping = {"columns": {"cut": "CUT", "period": "Año"},
               "indicators": [{"code": "Tasa_Mayúscula", "column": "IND", "unit": "número", "theme": "seguridad"}]}
    run = run_generic(tmp_path, "\n".join(lines) + "\n", mapping)
    assert run.status == ImportStatus.SUCCEEDED, run.message
    assert Indicator.objects.filter(code="tasa_mayuscula").exists()
    # A legacy indicator with capitals (created before the rule) must not break the pages either.
    legacy = Indicator.objects.get(code="tasa_mayuscula")
    Indicator.objects.filter(pk=legacy.pk).update(code="LEGACY_Caps")
    for url in ["/observatorio/", "/observatorio/comparar/", "/observatorio/LEGACY_Caps/",
                "/comunas/13120/"]:
        assert client.get(url).status_code in {200, 302, 404}, url
        assert client.get(url).status_code != 500


def test_a_code_that_cannot_be_normalised_asks_for_code_map(tmp_path):
    assert normalise_code("Tasa Delitos (%)") == "tasa_delitos"
    with pytest.raises(ImportStructureError, match="code_map"):
        load_mapping({"indicators": [{"code": "*", "column": "v"}]})
    mapping = load_mapping({"code_map": {"*": "asterisco"}, "indicators": [{"code": "*", "column": "v"}]})
    assert mapping["indicators"][0]["code"] == "asterisco"


@pytest.mark.parametrize("mapping, key", [
    ({"indicators": [{"code": "a"}]}, "indicators[0].column"),
    ({"indicators": [{"code": "a", "column": "v", "scale": "x"}]}, "indicators[0].scale"),
    ({"columns": {"valor": "v"}}, "columns.valor"),
    ({"encoding": "ebcdic"}, "encoding"),
    ({"create_indicators": {"unit": "u"}}, "create_indicators.name"),
])
def test_mapping_errors_are_spanish_and_name_the_key(mapping, key):
    with pytest.raises(ImportStructureError, match=re.escape(f"«{key}»")):
        load_mapping(mapping)


# -- validation by unit --------------------------------------------------------------------------------------


def test_impossible_values_are_refused_with_their_reason(tmp_path):
    lines = ["CUT,Año,pct,n"] + [f"{cut},2024,50,10" for cut in CUTS[:18]]
    lines += [f"{CUTS[18]},2024,-55,10", f"{CUTS[19]},2024,1e300,10.5"]
    mapping = {"columns": {"cut": "CUT", "period": "Año"},
               "indicators": [{"code": "pct_x", "column": "pct", "unit": "%"},
                              {"code": "n_x", "column": "n", "unit": "personas"}]}
    run = run_generic(tmp_path, "\n".join(lines) + "\n", mapping)
    assert run.status == ImportStatus.REJECTED  # 2 of 20 rows > 5 %: refused whole, nothing written
    assert not Indicator.objects.filter(code="pct_x").exists()
    dry = run_generic(tmp_path, "\n".join(lines) + "\n", mapping, dry_run=True)
    reasons = " ".join(item["reason"] for item in dry.report["rejected"])
    assert "mínimo" in reasons and "máximo" in reasons


def test_a_count_must_be_whole_and_nan_is_refused(tmp_path):
    lines = ["CUT,Año,n"] + [f"{cut},2024,{i}" for i, cut in enumerate(CUTS)] + ["13120,2025,2.5", "13120,2026,nan"]
    lines += [f"{cut},2027,1" for cut in CUTS] * 1
    mapping = {"columns": {"cut": "CUT", "period": "Año"},
               "indicators": [{"code": "n_y", "column": "n", "unit": "count"}]}
    run = run_generic(tmp_path, "\n".join(lines) + "\n", mapping)
    assert run.status == ImportStatus.SUCCEEDED, run.message
    rejected = {item["row"]: item["reason"] for item in run.report["rejected"]}
    assert "entero" in rejected[22] and "no es numérico" in rejected[23]


def test_zero_published_values_ends_as_warning(tmp_path):
    lines = ["CUT,Año,n"] + [f"{cut},2024," for cut in CUTS]
    mapping = {"columns": {"cut": "CUT", "period": "Año"}, "indicators": [{"code": "vacio", "column": "n"}]}
    run = run_generic(tmp_path, "\n".join(lines) + "\n", mapping)
    assert run.status == ImportStatus.WARNING


# -- caps ------------------------------------------------------------------------------------------------------


def test_gzip_bomb_is_refused_with_a_spanish_message(tmp_path, settings):
    settings.HUB_IMPORT_MAX_BYTES = 1024 * 1024
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as handle:
        handle.write(b"CUT,Anio,v\n")
        handle.write(b"13120,2024,1\n" * 200_000)  # 2.6 MB expanded, a few KB compressed
    run = run_generic(tmp_path, buffer.getvalue(), {"columns": {"cut": "CUT", "period": "Anio"},
                                                     "indicators": [{"code": "bomba", "column": "v"}]},
                      name="bomba.csv.gz")
    assert run.status == ImportStatus.REJECTED
    assert "descomprimido supera" in run.message and not Indicator.objects.filter(code="bomba").exists()


def test_xlsx_with_too_many_cells_or_expanded_size_is_refused(tmp_path, settings):
    from openpyxl import Workbook

    settings.HUB_IMPORT_MAX_CELLS = 500
    book = Workbook()
    sheet = book.active
    sheet.append(["CUT", "Anio", "v"])
    for _ in range(400):
        sheet.append(["13120", 2024, 1])
    path = tmp_path / "grande.xlsx"
    book.save(path)
    run = import_file(importer_key="generic", path=path, options={"mapping": {
        "columns": {"cut": "CUT", "period": "Anio"}, "indicators": [{"code": "celdas", "column": "v"}]}})
    assert run.status == ImportStatus.REJECTED and "celdas" in run.message
    settings.HUB_IMPORT_MAX_CELLS = 10_000_000
    settings.HUB_IMPORT_MAX_BYTES = 1000
    with zipfile.ZipFile(path) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 1000
    run = import_file(importer_key="generic", path=path, options={"mapping": {
        "columns": {"cut": "CUT", "period": "Anio"}, "indicators": [{"code": "celdas", "column": "v"}]}})
    assert run.status == ImportStatus.REJECTED and "descomprimido supera" in run.message


def test_rows_cap(tmp_path, settings):
    settings.HUB_IMPORT_MAX_ROWS = 10
    run = run_generic(tmp_path, wide_csv(), doc_example("wide"))
    assert run.status == ImportStatus.REJECTED and "máximo por archivo" in run.message


def test_rejected_rows_report_counts_every_reason_and_says_it_shows_the_first(tmp_path, settings):
    from hub.observatory import services

    settings.HUB_IMPORT_MAX_ROWS = 10_000
    lines = ["CUT,Anio,v"] + [f"{cut},{2000 + y},1" for y in range(20) for cut in CUTS]
    lines += [f"99{i:03d},2024,1" for i in range(15)]  # 15 unknown comunas of 415 rows (3.6 %)
    old = services.REPORT_MAX_REJECTED
    services.REPORT_MAX_REJECTED = 5
    try:
        run = run_generic(tmp_path, "\n".join(lines) + "\n", {"columns": {"cut": "CUT", "period": "Anio"},
                                                              "indicators": [{"code": "rep", "column": "v"}]})
    finally:
        services.REPORT_MAX_REJECTED = old
    assert run.report["rejected_total"] == 15 and len(run.report["rejected"]) == 5
    assert run.report["rejected_by_reason"][0]["count"] == 15


# -- history, revert, as_of ----------------------------------------------------------------------------------


def test_a_reupload_keeps_the_previous_value_and_the_run_can_be_reverted(tmp_path, staff_user, client):
    mapping = doc_example("wide")
    first = run_generic(tmp_path, wide_csv(), mapping)
    changed = wide_csv().replace("13120,2024,100000,1000,20.5", "13120,2024,100000,1000,99.5")
    second = run_generic(tmp_path, changed, mapping, name="datos2.csv")
    assert second.report["updated"] == 1
    change = ObservationChange.objects.get(run=second)
    assert (change.old_value, change.new_value, change.row, change.file_sha256) == (20.5, 99.5, 2,
                                                                                       second.file_sha256)
    # The API answers as the data stood before the second upload.
    from datetime import timedelta

    ObservationChange.objects.filter(run=second).update(changed_at=first.started_at + timedelta(days=2))
    day = (first.started_at + timedelta(days=1)).date().isoformat()
    response = client.get("/api/v1/indicators/tiempo_viaje/values", {"cut": "13120", "as_of": day})
    assert response.json()["items"][0]["value"] == 20.5
    counts = import_run_revert(run=second, acting_user=staff_user)
    assert counts["restored"] == 1 and values("tiempo_viaje")["13120"] == 20.5


# -- faults ----------------------------------------------------------------------------------------------------


def test_a_second_import_of_the_same_source_is_refused_while_one_writes(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(wide_csv(), encoding="utf-8")
    holder = import_run_create(importer_key="generic", path=path, options={"mapping": doc_example("wide")})
    ImportRun.objects.filter(pk=holder.pk).update(status=ImportStatus.RUNNING, worker="otra-maquina:1")
    from django.utils import timezone

    ImportRun.objects.filter(pk=holder.pk).update(heartbeat_at=timezone.now())
    ImportLock.objects.create(key="generic", run=holder)
    run = run_generic(tmp_path, wide_csv(), doc_example("wide"))
    assert run.status == ImportStatus.REJECTED and "en curso" in run.message
    dry = run_generic(tmp_path, wide_csv(), doc_example("wide"), dry_run=True)  # a dry run takes no lock
    assert dry.status == ImportStatus.SUCCEEDED and dry.report["indicators_created"] == 3
    assert not Indicator.objects.filter(code="tiempo_viaje").exists()


def test_a_run_whose_worker_died_is_reaped_and_can_be_retried_from_its_page(tmp_path, staff_user, client,
                                                                            settings):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    path = tmp_path / "a.csv"
    path.write_text(wide_csv(), encoding="utf-8")
    run = import_run_create(importer_key="generic", path=path, file_name="mis_datos.csv",
                            options={"mapping": doc_example("wide")})
    import socket

    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING,
                                               worker=f"{socket.gethostname()[:80]}:999999")
    ImportLock.objects.create(key="generic", run=run)
    client.force_login(staff_user)
    page = client.get(reverse("observatory_import:run_detail", args=[run.pk]))
    assert "interrumpió" in page.content.decode() and not ImportLock.objects.exists()
    response = client.post(reverse("observatory_import:run_retry", args=[run.pk]))
    retry = ImportRun.objects.exclude(pk=run.pk).get()
    assert response.status_code == 302 and retry.retry_of_id == run.pk
    assert retry.status == ImportStatus.SUCCEEDED and len(values("tiempo_viaje")) == len(CUTS)


def test_messages_never_show_the_stored_file_name(tmp_path):
    path = tmp_path / "20260101-abcdef12-interno.csv"
    path.write_text("otra,cosa\n1,2\n", encoding="utf-8")
    run = import_run_create(importer_key="generic", path=path, file_name="mi_archivo.csv",
                            options={"mapping": doc_example("wide")})
    import_run_execute(run=run)
    assert "mi_archivo.csv" in run.message and "interno" not in run.message


# -- pages -----------------------------------------------------------------------------------------------------


def test_upload_preview_then_confirm_publishes(tmp_path, staff_user, client, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(staff_user)
    upload = io.BytesIO(wide_csv().encode("utf-8"))
    upload.name = "verde.csv"
    response = client.post(reverse("observatory_import:upload"), {
        "importer": "generic", "file": upload, "dry_run": "on", "mapping": json.dumps(doc_example("wide")),
        "encoding": "auto", "delimiter": "auto"})
    preview = ImportRun.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert preview.dry_run and "Indicadores que se crearán" in page and "areas_verdes_por_hab" in page
    assert not Indicator.objects.filter(code="areas_verdes_m2").exists()
    client.post(reverse("observatory_import:run_commit", args=[preview.pk]))
    assert len(values("areas_verdes_m2")) == len(CUTS)


def test_staff_indicator_form_creates_a_ratio_computed_at_once(staff_user, client):
    source = Source.objects.create(code="prueba", institution="X", dataset="Y", attribution="X")
    common = {"definition": "d", "source": source, "periodicity": "year", "direction": "neutral", "theme": "aps"}
    num = Indicator.objects.create(code="num_a", name_es="N", name_en="N", unit="count", aggregation="sum", **common)
    den = Indicator.objects.create(code="den_a", name_es="D", name_en="D", unit="count", aggregation="sum", **common)
    Observation.objects.create(indicator=num, comuna_id="13120", period="2024", year=2024, value=5)
    Observation.objects.create(indicator=den, comuna_id="13120", period="2024", year=2024, value=50)
    client.force_login(staff_user)
    response = client.post(reverse("observatory_import:indicator_create"), {
        "code": "Razón A", "name_es": "Razón", "name_en": "Ratio", "definition": "num/den", "unit": "percent",
        "theme": "aps", "source": source.pk, "periodicity": "year", "direction": "neutral", "aggregation": "ratio",
        "numerator": num.pk, "denominator": den.pk, "scale": 100, "decimals": 1, "is_public": "on"})
    assert response.status_code == 302
    assert values("razon_a") == {"13120": 10.0}
    assert MeasureUnit.objects.filter(code="percent").exists()
