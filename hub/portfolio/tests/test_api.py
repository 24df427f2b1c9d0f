from django.core.files.uploadedfile import SimpleUploadedFile

from hub.core.pdf import make_pdf
from hub.portfolio import services
from hub.portfolio.models import SolutionStatus, UnitProduct


def _library(user, title, premium):
    data = {"title": title, "kind": "estudio", "authors": "Hub", "year": 2025, "work_line": "conocimiento",
            "challenge": "seguridad", "is_premium": premium}
    upload = SimpleUploadedFile("a.pdf", make_pdf(title))
    return services.library_item_create(acting_user=user, data=data, upload=upload)


def test_reference_lists(client, db):
    assert [w["code"] for w in client.get("/api/v1/work-lines").json()] == [
        "conocimiento", "formacion", "innovacion", "asistencia", "incidencia"]
    challenges = client.get("/api/v1/challenges").json()
    assert challenges[0]["label"] == "Seguridad pública municipal" and challenges[0]["description"]


def test_solutions_api_returns_only_published_with_filters(client, make_solution):
    published = make_solution(title="Publicada", status=SolutionStatus.PUBLISHED)
    make_solution(title="Rural", status=SolutionStatus.PUBLISHED, typologies=("rurales_semiurbanas",))
    draft = make_solution(title="Borrador")
    body = client.get("/api/v1/solutions").json()
    assert body["count"] == 2 and {s["title"] for s in body["items"]} == {"Publicada", "Rural"}
    body = client.get("/api/v1/solutions", {"typology": "rurales_semiurbanas"}).json()
    assert [s["title"] for s in body["items"]] == ["Rural"]
    assert body["items"][0]["service_models"][0]["description"] == "Modelo para rurales_semiurbanas"
    assert client.get(f"/api/v1/solutions/{published.pk}").json()["title"] == "Publicada"
    missing = client.get(f"/api/v1/solutions/{draft.pk}")
    assert missing.status_code == 404 and missing["Content-Type"].startswith("application/json")


def test_bad_parameters_get_422_with_reasons(client):
    response = client.get("/api/v1/solutions", {"kind": "inventado"})
    assert response.status_code == 422 and "detail" in response.json()
    assert client.get("/api/v1/solutions", {"limit": 5000}).status_code == 422
    assert client.get("/api/v1/library", {"year": 1500}).status_code == 422


def test_library_api_is_ranked_and_hides_premium_file_urls(client, staff_user):
    _library(staff_user, "Gestión abierta", premium=False)
    _library(staff_user, "Gestión premium", premium=True)
    items = client.get("/api/v1/library", {"q": "gestion"}).json()["items"]
    by_title = {i["title"]: i for i in items}
    assert by_title["Gestión abierta"]["file_url"].endswith("/archivo/")
    assert by_title["Gestión premium"]["file_url"] is None
    assert all(i["rank"] is not None for i in items)


def test_units_and_matrix(client, unit):
    UnitProduct.objects.create(unit=unit, name="Diag", kind="diagnostico", work_line="conocimiento",
                               challenge="seguridad")
    units = client.get("/api/v1/units").json()
    assert units[0]["slug"] == "obs-seg" and units[0]["products"][0]["kind"] == "diagnostico"
    matrix = client.get("/api/v1/ecosystem/matrix").json()
    assert len(matrix["cells"]) == 25 and matrix["gaps"] == 24
    cell = next(c for c in matrix["cells"] if c["work_line"] == "conocimiento" and c["challenge"] == "seguridad")
    assert cell["units"] == ["obs-seg"] and not cell["is_gap"]


def test_openapi_schema_documents_the_portfolio_with_response_schemas(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/work-lines", "/api/v1/challenges", "/api/v1/solutions", "/api/v1/solutions/{solution_id}",
                 "/api/v1/library", "/api/v1/units", "/api/v1/ecosystem/matrix"):
        operation = schema["paths"][path]["get"]
        assert operation["tags"] == ["Portafolio"]
        assert "schema" in operation["responses"]["200"]["content"]["application/json"]
