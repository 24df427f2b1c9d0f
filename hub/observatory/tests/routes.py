"""Who may use each observatory URL. The import helper owns MATRIX_IMPORT, the pages helper MATRIX_PAGES."""

from testkit.routes import PUBLIC, STAFF_ONLY, Route

# --- MATRIX_IMPORT (import helper) -------------------------------------------------------------


def _import_run(personas) -> dict:
    """A finished import run, so the run pages have something to show."""
    from hub.observatory.models import ImportRun, ImportStatus

    run = ImportRun.objects.create(
        importer="censo", file_name="censo2024_comunal.json", status=ImportStatus.SUCCEEDED, progress=100
    )
    return {"pk": run.pk}


def _staff_indicator(personas) -> dict:
    from hub.observatory.models import Indicator

    code = _public_indicator(personas)["code"]
    return {"pk": Indicator.objects.get(code=code).pk}


MATRIX_IMPORT: list[Route] = [
    Route("observatory_import:run_list", access=STAFF_ONLY, note="Importar cambia cifras públicas: solo el Hub."),
    Route("observatory_import:upload", access=STAFF_ONLY),
    Route("observatory_import:run_detail", access=STAFF_ONLY, kwargs=_import_run),
    Route("observatory_import:run_status", access=STAFF_ONLY, kwargs=_import_run),
    Route("observatory_import:run_commit", access=STAFF_ONLY, kwargs=_import_run, method="POST"),
    Route("observatory_import:run_retry", access=STAFF_ONLY, kwargs=_import_run, method="POST"),
    Route("observatory_import:run_changes", access=STAFF_ONLY, kwargs=_import_run),
    Route("observatory_import:run_revert", access=STAFF_ONLY, kwargs=_import_run, method="POST"),
    Route("observatory_import:indicator_list", access=STAFF_ONLY),
    Route("observatory_import:indicator_create", access=STAFF_ONLY),
    Route("observatory_import:indicator_edit", access=STAFF_ONLY, kwargs=_staff_indicator),
    Route("observatory_import:unit_list", access=STAFF_ONLY),
]
# --- end MATRIX_IMPORT ---------------------------------------------------------------------------


def _public_indicator(personas) -> dict:
    """A public indicator with one value, so the indicator routes have something to show."""
    from hub.observatory.models import Indicator, Observation, Source
    from hub.territory.models import Comuna

    source, _ = Source.objects.get_or_create(
        code="authz-fuente", defaults={"institution": "Fuente de prueba", "dataset": "Prueba", "attribution": "Prueba"}
    )
    indicator, _ = Indicator.objects.get_or_create(
        code="authz_indicador",
        defaults={
            "name_es": "Indicador de prueba",
            "name_en": "Test indicator",
            "definition": "Prueba de la matriz de autorización.",
            "unit": "count",
            "theme": "seguridad",
            "source": source,
            "periodicity": "year",
            "direction": "neutral",
            "aggregation": "sum",
        },
    )
    Observation.objects.get_or_create(
        indicator=indicator, comuna=Comuna.objects.get(cut="13120"), period="2024", dimension="",
        defaults={"year": 2024, "value": 10.0},
    )
    return {"code": indicator.code}


def _series_comuna(personas) -> dict:
    _public_indicator(personas)
    return {"cut": "13120"}


MATRIX_PAGES: list[Route] = [
    Route("observatory:indicator_list", access=PUBLIC),
    Route("observatory:indicator_detail", access=PUBLIC, kwargs=_public_indicator),
    Route("observatory:indicator_csv", access=PUBLIC, kwargs=_public_indicator,
          note="Datos abiertos: descarga pública con fuente y licencia."),
    Route("observatory:indicator_xlsx", access=PUBLIC, kwargs=_public_indicator),
    Route("observatory:compare", access=PUBLIC, query={"cut": ["13120", "09101"]}),
    Route("observatory:comuna_similar", access=PUBLIC, kwargs={"cut": "13120"}),
    Route("api:list_indicators", access=PUBLIC),
    Route("api:get_indicator", access=PUBLIC, kwargs=_public_indicator),
    Route("api:indicator_values", access=PUBLIC, kwargs=_public_indicator, query={"period": "2024"}),
    Route("api:indicator_aggregates", access=PUBLIC, kwargs=_public_indicator, query={"level": "region"},
          note="Agregados por país, región o tipología: datos abiertos."),
    Route("api:indicators_dictionary", access=PUBLIC),
    Route("api:indicators_datapackage", access=PUBLIC),
    Route("api:indicators_bulk", access=PUBLIC, note="Descarga masiva de todos los indicadores públicos."),
    Route("observatory:comuna_report", kwargs={"cut": "13120"}, note="Informe comunal público, datos abiertos."),
    Route("observatory:comuna_report_pdf", kwargs={"cut": "13120"}),
    Route("api:comuna_series", access=PUBLIC, kwargs=_series_comuna, query={"indicator": "authz_indicador"},
          note="Serie completa de una comuna: datos abiertos."),
]

MATRIX = MATRIX_IMPORT + MATRIX_PAGES
