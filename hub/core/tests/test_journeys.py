"""Browser journeys in headless Chromium against the live server: what a visitor, the Hub staff and a
municipal official actually do. Skipped only where Chromium is not installed.

live_server tests flush the database afterwards, so each journey loads the territory and data it needs.
"""

from pathlib import Path

from testkit.browser import BROWSER_MARKS, log_in, make_user, no_csp_violations

pytestmark = BROWSER_MARKS


def test_a_visitor_finds_nunoa_opens_an_indicator_map_and_downloads_a_csv(page, live_server, territory):
    from hub.observatory.tests.pages_data import build

    build(comunas=6, years=1, first_year=2024)
    page.goto(f"{live_server.url}/comunas/")
    page.fill("#id_q", "nunoa")
    link = page.locator("#comuna-results a", has_text="Ñuñoa").first
    link.wait_for()
    link.click()
    page.wait_for_url("**/comunas/13120/")
    assert "Ñuñoa" in page.locator("h1").inner_text()

    page.locator("main a[href^='/observatorio/casos_policiales/']").first.click()
    page.wait_for_url("**/observatorio/casos_policiales/**")
    assert page.locator("section.obs-map").count() == 1
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV (Excel)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    assert "Ñuñoa" in text
    no_csp_violations(page)


def test_staff_logs_in_reviews_and_publishes_a_solution(page, live_server, territory):
    from hub.accounts.models import Role
    from hub.portfolio.models import EcosystemUnit, QualityCriterion, ServiceModel, Solution

    author = make_user("autora", Role.HUB_STAFF, is_staff=True)
    make_user("revisor", Role.HUB_STAFF, is_staff=True, first_name="Rita", last_name="Revisora")
    criterion = QualityCriterion.objects.create(code="evidencia", name="Basada en evidencia", order=1)
    unit = EcosystemUnit.objects.create(slug="laboratorio", name="Laboratorio", mission="Prueba", responsible="Hub")
    solution = Solution.objects.create(
        title="Protocolo de patrullaje preventivo", summary="Resumen", work_line="conocimiento",
        challenge="seguridad", kind="protocolo", owner_unit=unit, author=author, status="en_revision",
    )
    ServiceModel.objects.create(solution=solution, typology="metropolitanas", description="Igual en todas.")

    log_in(page, live_server, "revisor")
    page.goto(f"{live_server.url}/portafolio/soluciones/{solution.pk}/")
    page.get_by_role("link", name="Revisar criterios").click()
    page.select_option(f"[name=verdict_{criterion.pk}]", "aprobado")
    page.get_by_role("button", name="Registrar revisión").click()
    page.wait_for_url(f"**/portafolio/soluciones/{solution.pk}/")
    page.get_by_role("button", name="Publicar").click()
    page.wait_for_load_state()
    solution.refresh_from_db()
    assert solution.status == "publicada" and solution.published_at is not None
    assert "publicada el" in page.content()
    no_csp_violations(page)


def test_an_official_shares_a_practice_and_sends_it_to_review(page, live_server, territory):
    from hub.accounts.models import Role
    from hub.network.models import Practice
    from hub.territory.models import Comuna

    official = make_user("funcionaria", Role.OFFICIAL, first_name="Ana", last_name="Ñuñoa")
    official.comunas.add(Comuna.objects.get(cut="13120"))

    log_in(page, live_server, "funcionaria")
    page.goto(f"{live_server.url}/red/mi-comuna/")
    page.get_by_role("link", name="Compartir una experiencia").click()
    comuna = page.locator("[name=comuna]")
    if comuna.evaluate("el => el.tagName") == "SELECT":
        comuna.select_option("13120")
    page.fill("[name=title]", "Reciclaje con recicladores de base")
    page.select_option("[name=challenge]", index=1)
    page.fill("[name=problem]", "Bajo reciclaje domiciliario en la comuna.")
    page.fill("[name=solution]", "Puntos limpios atendidos por recicladores de base.")
    page.fill("[name=results]", "Más toneladas recuperadas (fuente: registro municipal).")
    page.fill("[name=contact_name]", "Ana Ñuñoa")
    page.fill("[name=contact_email]", "ana@nunoa.cl")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    practice = Practice.objects.get(title="Reciclaje con recicladores de base")
    assert practice.comuna_id == "13120"

    page.goto(f"{live_server.url}/red/experiencias/{practice.pk}/")
    page.get_by_role("button", name="Enviar a revisión").click()
    page.wait_for_load_state()
    practice.refresh_from_db()
    assert practice.status == "en_revision"
    no_csp_violations(page)


def test_the_api_docs_and_the_admin_work_under_the_csp(page, live_server, territory):
    from hub.accounts.models import Role

    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() > 5
    make_user("equipo", Role.HUB_STAFF, is_staff=True, is_superuser=True)
    log_in(page, live_server, "equipo")
    page.goto(f"{live_server.url}/admin/accounts/user/")
    page.get_by_role("link", name="equipo").first.click()
    page.get_by_role("link", name="Ver auditoría").wait_for()
    scripts = [text for text in page.csp_errors if "Content Security Policy" in text and "script" in text]
    assert not scripts, scripts
