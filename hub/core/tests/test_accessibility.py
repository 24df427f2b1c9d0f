"""axe-core on the main pages, as a visitor and as each signed-in role, on a desktop and a 320 px screen.

Fails on any violation of impact "serious" or "critical", listing page, rule and element. axe-core is vendored
in testkit/vendor (MPL-2.0) and injected through the DevTools protocol, so the pages' CSP stays in force.
"""

import pytest

from testkit.browser import BROWSER_MARKS, axe_violations, new_page

pytestmark = BROWSER_MARKS

PUBLIC = [
    "/", "/comunas/", "/comunas/13120/", "/observatorio/", "/observatorio/casos_policiales/", "/portafolio/",
    "/portafolio/biblioteca/", "/articulacion/convenios/", "/red/experiencias/", "/buscar/?q=nunoa",
    "/cuentas/ingresar/",
]
SIGNED_IN = {
    "funcionaria.nunoa": ["/inicio/", "/notificaciones/", "/buscar/?q=nunoa"],
    "equipo": ["/inicio/", "/notificaciones/"],
    "socia.usach": ["/inicio/"],
}
WIDTHS = [1280, 320]


@pytest.fixture
def demo_site(territory):
    """The demo content (accounts, solutions, library, agreements, practices) plus a small observatory."""
    from io import StringIO

    from django.core.management import call_command

    from hub.accounts.models import User
    from hub.notifications.services import notify
    from hub.observatory.tests.pages_data import build

    build(comunas=6, years=2, first_year=2023)
    call_command("load_demo", stdout=StringIO())
    official = User.objects.get(username="funcionaria.nunoa")
    notify(recipients=[official], kind="test", title="Su experiencia fue publicada", body="Demo", url="/red/")


def scan(browser, live_server, username, paths) -> list[str]:
    from hub.demo.accounts import DEMO_PASSWORD

    problems = []
    for width in WIDTHS:
        page = new_page(browser, viewport={"width": width, "height": 800})
        try:
            if username:
                page.goto(f"{live_server.url}/cuentas/ingresar/")
                page.fill("#id_username", username)
                page.fill("#id_password", DEMO_PASSWORD)
                page.click("main form button[type=submit]")
                page.wait_for_load_state()
                assert page.locator(".user-name").count() == 1, f"{username} no pudo ingresar"
            for path in paths:
                response = page.goto(f"{live_server.url}{path}")
                assert response.status == 200, f"{path} respondió {response.status}"
                problems += [f"{width}px {username or 'visitante'} {line}" for line in axe_violations(page)]
        finally:
            page.context.close()
    return problems


def test_public_pages_have_no_serious_or_critical_accessibility_violations(browser, live_server, demo_site):
    problems = scan(browser, live_server, None, PUBLIC)
    assert not problems, "axe-core encontró problemas graves de accesibilidad:\n" + "\n".join(problems)


def test_signed_in_pages_have_no_serious_or_critical_accessibility_violations(browser, live_server, demo_site):
    problems = []
    for username, paths in SIGNED_IN.items():
        problems += scan(browser, live_server, username, paths)
    assert not problems, "axe-core encontró problemas graves de accesibilidad:\n" + "\n".join(problems)
