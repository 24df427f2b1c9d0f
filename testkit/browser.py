"""Headless Chromium for the browser tests (journeys, accessibility): fixtures and helpers.

The fixtures are re-exported by ``hub/core/tests/conftest.py``. Tests using them are marked ``browser`` and
skipped only where Chromium is not installed (``HUB_CHROMIUM`` points elsewhere than /usr/bin/chromium).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

requires_chromium = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() or shutil.which("chromium")),
    reason=f"Chromium no está instalado ({CHROMIUM}); los recorridos en navegador se omiten.",
)
BROWSER_MARKS = [pytest.mark.browser, requires_chromium]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's ORM calls are still synchronous.
    # Set only while the journeys run (check --deploy rightly refuses it anywhere else).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def new_page(browser, **options):
    """A page in a fresh context (its own cookies) that records console errors in ``page.csp_errors``."""
    context = browser.new_context(accept_downloads=True, locale="es-CL", **options)
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.csp_errors = errors
    return page


@pytest.fixture
def page(browser, live_server):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def territory(transactional_db):
    from hub.territory.services import read_table, territory_load

    territory_load(rows=read_table())


def make_user(username, role, **extra):
    from hub.accounts.models import User
    from testkit.fixtures import PASSWORD

    return User.objects.create_user(username=username, password=PASSWORD, role=role, **extra)


def log_in(page, live_server, username, password=None):
    from testkit.fixtures import PASSWORD

    page.goto(f"{live_server.url}/cuentas/ingresar/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".user-name").count() == 1, "el ingreso no abrió la sesión"


def no_csp_violations(page):
    violations = [text for text in page.csp_errors if "Content Security Policy" in text]
    assert not violations, violations


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core on the loaded page; one line per failing element of the given impacts.

    The script is evaluated through the DevTools protocol, so the page's CSP (script-src 'self') stays on.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({"
        "id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    path = page.url.split("//", 1)[-1].split("/", 1)[-1]
    return [
        f"/{path} [{v['impact']}] {v['id']}: {v['help']} → {node}"
        for v in found if v["impact"] in impacts for node in v["nodes"]
    ]
