"""Production security headers on real responses, and pages that stay clean under the CSP."""

import re
import secrets

import pytest
from django.core.management import call_command
from django.test import override_settings

PRODUCTION = {
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_home_over_https_carries_hsts_nosniff_referrer_policy_and_a_strict_csp(client):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'unsafe-inline'" not in re.search(r"style-src ([^;]*)", csp).group(1)


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_plain_http_is_redirected_to_https(client):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_session_and_csrf_cookies_are_secure_and_http_only(client, staff_user):
    from testkit.fixtures import PASSWORD

    client.get("/cuentas/ingresar/", secure=True)
    response = client.post("/cuentas/ingresar/", {"username": "staff", "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["max-age"] == ""  # expires when the browser closes
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]


def test_sessions_expire_after_eight_hours_and_at_browser_close(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\s(on[a-z]+|style)\s*=", re.I)


def assert_csp_clean(html: str):
    assert not INLINE_SCRIPT.findall(html), "hay <script> en línea, que la CSP bloquea"
    assert not INLINE_HANDLER.findall(html), "hay atributos style= u on*= en línea, que la CSP bloquea"
    assert "<style" not in html.lower()


@pytest.mark.django_db
def test_public_pages_are_clean_under_the_csp(client):
    for url in ["/", "/comunas/", "/cuentas/ingresar/", "/no-existe/"]:
        assert_csp_clean(client.get(url).content.decode())


@pytest.mark.django_db
def test_staff_pages_and_the_admin_are_clean_under_the_csp(client, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    for url in ["/privacidad/", "/cuentas/segundo-factor/", "/cuentas/clave/", "/admin/",
                f"/admin/accounts/user/{staff_user.pk}/change/", f"/admin/accounts/user/{staff_user.pk}/history/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.findall(html), url


@pytest.mark.django_db
def test_api_docs_load_their_scripts_from_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert not INLINE_SCRIPT.findall(response.content.decode())
    assert client.get("/api/v1/openapi.json").json()["openapi"].startswith("3.")


def test_check_deploy_passes_with_production_values():
    """The same check CI runs with DEBUG=0; here with the production values forced on the loaded settings."""
    production = {"DEBUG": False, "ALLOWED_HOSTS": ["hub.example.cl"], "SECRET_KEY": secrets.token_urlsafe(50)}
    with override_settings(**production, **PRODUCTION):
        call_command("check", "--deploy", "--fail-level", "WARNING", verbosity=0)
