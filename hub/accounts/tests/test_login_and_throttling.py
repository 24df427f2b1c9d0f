"""Login, throttling of repeated failures (django-axes), password validators and password change."""

import pytest
from axes.utils import reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from testkit.fixtures import PASSWORD


@pytest.fixture
def axes_on():
    reset()
    with override_settings(AXES_ENABLED=True):
        yield
    reset()


def test_login_with_the_right_password_opens_a_session_and_goes_to_next(client, official_a):
    response = client.post("/cuentas/ingresar/", {"username": "official_a", "password": PASSWORD, "next": "/comunas/"})
    assert response.status_code == 302 and response["Location"] == "/comunas/"
    assert client.get("/cuentas/clave/").status_code == 200


def test_login_never_redirects_to_another_site(client, official_a):
    response = client.post("/cuentas/ingresar/",
                           {"username": "official_a", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/inicio/"  # the role's start page, never the other site


def test_wrong_password_shows_a_spanish_error_and_no_session(client, official_a):
    response = client.post("/cuentas/ingresar/", {"username": "official_a", "password": "mala"})
    assert response.status_code == 200
    assert "Por favor, introduzca" in response.content.decode() or "correctos" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failed_logins_lock_the_account_with_a_clear_spanish_message(client, official_a, axes_on):
    for _ in range(5):
        client.post("/cuentas/ingresar/", {"username": "official_a", "password": "equivocada"})
    response = client.post("/cuentas/ingresar/", {"username": "official_a", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "demasiados intentos fallidos" in html.lower()
    assert "15 minutos" in html
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_account_and_address_and_a_reset_lifts_it(client, official_a, official_b, axes_on):
    for _ in range(5):
        client.post("/cuentas/ingresar/", {"username": "official_a", "password": "equivocada"})
    reset(username="official_a")
    response = client.post("/cuentas/ingresar/", {"username": "official_a", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize("password", ["corta1", "1234567890123", "password1234", "official_a2026"])
def test_weak_passwords_are_refused(official_a, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=official_a)


def test_password_change_refuses_a_weak_one_and_keeps_the_old(client, official_a):
    client.force_login(official_a)
    response = client.post("/cuentas/clave/", {"old_password": PASSWORD, "new_password1": "12345",
                                               "new_password2": "12345"})
    assert response.status_code == 200
    official_a.refresh_from_db()
    assert official_a.check_password(PASSWORD)


def test_password_change_with_a_strong_password_saves_it(client, official_a):
    client.force_login(official_a)
    new = "otra-clave-larga-y-rara-77"
    response = client.post("/cuentas/clave/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302 and response["Location"] == "/cuentas/clave/lista/"
    official_a.refresh_from_db()
    assert official_a.check_password(new)
    assert "Contraseña cambiada" in client.get(response["Location"]).content.decode()


def test_logged_in_non_staff_get_403_from_the_admin_and_anonymous_go_to_the_hub_login(client, official_a):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/cuentas/ingresar/")
    client.force_login(official_a)
    assert client.get("/admin/").status_code == 403
