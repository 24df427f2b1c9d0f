"""Browser journeys of the people's pages: each role's start page after a real login, the site search from the
header, a notification round trip and the Menú button on a 320 px screen (headless Chromium, live server)."""

import re

import pytest

from testkit.browser import BROWSER_MARKS, log_in, make_user, new_page, no_csp_violations

pytestmark = BROWSER_MARKS


@pytest.fixture
def people(territory):
    from hub.accounts.models import Role
    from hub.partners.models import ActorType, Organization
    from hub.territory.models import Comuna

    official = make_user("funcionaria", Role.OFFICIAL, first_name="Ana", last_name="Ñuñoa")
    official.comunas.add(Comuna.objects.get(cut="13120"))
    org = Organization.objects.create(name="Universidad de Prueba", short_name="UPRUEBA",
                                      actor_type=ActorType.ACADEMIA)
    return {
        "official": official,
        "staff": make_user("equipo", Role.HUB_STAFF, is_staff=True, first_name="Equipo", last_name="Hub"),
        "partner": make_user("socia", Role.PARTNER, organization=org, first_name="Paula", last_name="Socia"),
    }


@pytest.mark.parametrize(
    ("username", "heading"),
    [("funcionaria", "Mi comuna: Ñuñoa"), ("socia", "Mis convenios"), ("equipo", "Bandeja del equipo")],
)
def test_each_role_lands_on_its_own_start_page_after_logging_in(page, live_server, people, username, heading):
    log_in(page, live_server, username)
    assert page.url.endswith("/inicio/"), f"tras ingresar quedó en {page.url}"
    assert page.get_by_role("heading", name=heading).count() == 1, page.locator("main h2").all_inner_texts()
    page.get_by_role("link", name="Mi inicio").click()
    page.wait_for_url("**/inicio/")
    no_csp_violations(page)


def test_the_header_search_finds_nunoa_without_accents_and_opens_its_page(page, live_server, territory):
    page.goto(f"{live_server.url}/")
    page.get_by_role("searchbox", name="Buscar en el Hub").fill("nunoa")
    page.keyboard.press("Enter")
    page.wait_for_url("**/buscar/?q=nunoa")
    result = page.locator("main .search-hits a", has_text="Ñuñoa").first
    result.click()
    page.wait_for_url("**/comunas/13120/")
    assert "Ñuñoa" in page.locator("h1").inner_text()
    no_csp_violations(page)


def test_an_official_sees_a_new_notification_opens_it_and_the_count_goes_away(page, live_server, people):
    from hub.notifications.models import Notification
    from hub.notifications.services import notify

    official = people["official"]
    log_in(page, live_server, "funcionaria")
    bell = page.locator("header a.bell")
    assert bell.locator(".badge").count() == 0

    notify(recipients=[official], kind="test", title="Su experiencia fue publicada",
           body="La revisora publicó «Reciclaje con recicladores de base».", url="/red/")
    page.reload()
    assert bell.locator(".badge").inner_text().startswith("1")
    assert page.get_by_role("link", name=re.compile(r"^Avisos 1 sin leer$")).count() == 1

    bell.click()
    page.wait_for_url("**/notificaciones/")
    item = page.locator(".notification-list li.unread", has_text="Su experiencia fue publicada")
    assert item.count() == 1
    item.get_by_role("button", name="Abrir").click()
    page.wait_for_url(re.compile(r".*/red/$"))
    assert bell.locator(".badge").count() == 0, "el contador sigue en la cabecera"
    assert Notification.objects.get(recipient=official).read_at is not None

    bell.click()
    assert page.locator(".notification-list li.read", has_text="Su experiencia fue publicada").count() == 1
    no_csp_violations(page)


def test_the_menu_button_folds_and_unfolds_the_navigation_at_320_px(browser, live_server, territory):
    page = new_page(browser, viewport={"width": 320, "height": 640})
    try:
        page.goto(f"{live_server.url}/")
        toggle = page.get_by_role("button", name="Menú")
        nav = page.locator("#main-nav")
        assert toggle.is_visible() and not nav.is_visible()
        assert toggle.get_attribute("aria-expanded") == "false"
        header = page.locator("header.site-header").bounding_box()["height"]
        assert header <= 640 / 3, f"la cabecera y el aviso demo ocupan {header:.0f} px de 640"

        toggle.click()
        assert nav.is_visible() and toggle.get_attribute("aria-expanded") == "true"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, "la página se desborda a 320 px"
        nav.get_by_role("link", name="Comunas").click()
        page.wait_for_url("**/comunas/")
        assert not page.locator("#main-nav").is_visible(), "el menú debe empezar cerrado en cada página"

        toggle = page.get_by_role("button", name="Menú")
        toggle.click()
        toggle.click()
        assert not page.locator("#main-nav").is_visible()
        assert toggle.get_attribute("aria-expanded") == "false"
        no_csp_violations(page)
    finally:
        page.context.close()


def test_a_wide_table_at_320_px_scrolls_with_its_names_in_view(browser, live_server, territory):
    from hub.observatory.tests.pages_data import build

    build(comunas=6, years=1, first_year=2024)
    page = new_page(browser, viewport={"width": 320, "height": 640})
    try:
        page.goto(f"{live_server.url}/observatorio/casos_policiales/")
        wrap = page.locator(".table-wrap", has=page.locator("caption", has_text="Ranking")).first
        assert wrap.evaluate("el => el.scrollWidth > el.clientWidth"), "la tabla cabe: nada que probar"
        assert wrap.get_attribute("tabindex") == "0", "la tabla que se desplaza debe alcanzarse con el teclado"
        name = wrap.locator("tbody tr").first.locator("td").nth(1)
        before = name.bounding_box()["x"]
        wrap.focus()
        page.keyboard.press("ArrowRight")
        wrap.evaluate("el => el.scrollLeft = el.scrollWidth")
        assert wrap.evaluate("el => el.scrollLeft") > 0
        assert abs(name.bounding_box()["x"] - before) < 1, "el nombre de la comuna se fue con el desplazamiento"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        page.context.close()


def test_printing_an_indicator_page_drops_the_controls_and_shows_where_links_go(page, live_server, territory):
    from hub.observatory.models import Source
    from hub.observatory.tests.pages_data import build

    build(comunas=6, years=1, first_year=2024)
    Source.objects.filter(code="cead").update(url="https://cead.spd.gov.cl/")
    page.goto(f"{live_server.url}/observatorio/casos_policiales/")
    page.emulate_media(media="print")
    for selector in ("#main-nav", ".site-search", ".user-nav", "main button"):
        hidden = page.locator(selector).evaluate_all("els => els.every(e => getComputedStyle(e).display === 'none'"
                                                     " || !e.offsetParent)")
        assert hidden, f"{selector} se imprime"
    assert page.locator("main h1").is_visible()
    source = page.get_by_role("link", name="conjunto de datos")
    after = source.evaluate("el => getComputedStyle(el, '::after').content")
    assert "https://cead.spd.gov.cl/" in after
    assert page.locator("main tbody tr").first.evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
