"""Single-use 2FA recovery codes, and password reset by e-mail that is throttled and tells nobody who exists."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from hub.accounts.tests.test_two_factor import enrol
from testkit.fixtures import PASSWORD


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def _recovery_codes(client):
    html = client.post("/cuentas/segundo-factor/codigos/").content.decode()
    return re.findall(r"<code>([a-z0-9]+)</code>", html)


def test_a_recovery_code_signs_in_once_and_only_once(client, official_a):
    enrol(client, official_a)
    codes = _recovery_codes(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    client.logout()

    client.post("/cuentas/ingresar/", {"username": "official_a", "password": PASSWORD})
    response = client.post("/cuentas/ingresar/codigo/", {"token": codes[0]})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(official_a.pk)
    client.logout()

    client.post("/cuentas/ingresar/", {"username": "official_a", "password": PASSWORD})
    again = client.post("/cuentas/ingresar/codigo/", {"token": codes[0]})
    assert again.status_code == 200 and "no es válido" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_new_recovery_codes_void_the_old_ones(client, official_a):
    enrol(client, official_a)
    old = _recovery_codes(client)
    _recovery_codes(client)
    client.logout()
    client.post("/cuentas/ingresar/", {"username": "official_a", "password": PASSWORD})
    response = client.post("/cuentas/ingresar/codigo/", {"token": old[1]})
    assert "_auth_user_id" not in client.session and response.status_code == 200


def test_password_reset_mails_a_working_link_to_a_registered_address(client, official_a):
    official_a.email = "ana@nunoa.cl"
    official_a.save(update_fields=["email"])
    response = client.post("/cuentas/clave/recuperar/", {"email": "ana@nunoa.cl"})
    assert response.status_code == 302 and response["Location"] == "/cuentas/clave/recuperar/enviado/"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/cuentas/clave/recuperar/[^\s]+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Elegir una contraseña nueva" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "Otra-Clave-Segura-2027",
                                                    "new_password2": "Otra-Clave-Segura-2027"})
    assert done.status_code == 302
    official_a.refresh_from_db()
    assert official_a.check_password("Otra-Clave-Segura-2027")


def test_password_reset_answers_the_same_for_an_unknown_address(client, official_a):
    known = client.post("/cuentas/clave/recuperar/", {"email": "ana@nunoa.cl"})
    unknown = client.post("/cuentas/clave/recuperar/", {"email": "nadie@ejemplo.cl"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 0


def test_password_reset_is_throttled_per_address(client, official_a):
    official_a.email = "ana@nunoa.cl"
    official_a.save(update_fields=["email"])
    for _ in range(5):
        client.post("/cuentas/clave/recuperar/", {"email": "ana@nunoa.cl"})
    sixth = client.post("/cuentas/clave/recuperar/", {"email": "ana@nunoa.cl"}, follow=True)
    assert "demasiados cambios de contraseña" in sixth.content.decode()
    assert len(mail.outbox) == 5
