"""Two-factor authentication with TOTP: enrolment with a QR code, login in two steps, required for staff."""

import time

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from testkit.fixtures import PASSWORD


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def enrol(client, user):
    client.force_login(user)
    client.get("/cuentas/segundo-factor/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/cuentas/segundo-factor/", {"token": code_for(device)})
    device.refresh_from_db()
    return device, response


def test_enrolment_page_shows_an_inline_svg_qr_code_and_the_key(client, staff_user):
    client.force_login(staff_user)
    html = client.get("/cuentas/segundo-factor/").content.decode()
    assert "<svg" in html and "<path" in html
    assert 'class="otp-secret"' in html
    assert " style=" not in html


def test_a_wrong_code_does_not_confirm_the_device(client, staff_user):
    client.force_login(staff_user)
    client.get("/cuentas/segundo-factor/")
    response = client.post("/cuentas/segundo-factor/", {"token": "000000"})
    assert "El código no coincide" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff_user, confirmed=True).exists()


def test_a_right_code_confirms_the_device(client, staff_user):
    device, response = enrol(client, staff_user)
    assert response.status_code == 302
    assert device.confirmed


def test_with_a_device_login_asks_for_the_code_before_opening_the_session(client, staff_user):
    device, _ = enrol(client, staff_user)
    client.logout()
    response = client.post("/cuentas/ingresar/", {"username": "staff", "password": PASSWORD, "next": "/privacidad/"})
    assert response["Location"] == "/cuentas/ingresar/codigo/"
    assert "_auth_user_id" not in client.session
    assert client.get("/privacidad/").status_code == 302  # still anonymous

    bad = client.post("/cuentas/ingresar/codigo/", {"token": "000000"})
    assert "no es válido" in bad.content.decode()
    assert "_auth_user_id" not in client.session

    device.refresh_from_db()
    device.last_t = -1
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post("/cuentas/ingresar/codigo/", {"token": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/privacidad/"
    assert client.get("/privacidad/").status_code == 200


def test_the_code_step_without_a_pending_login_goes_back_to_login(client):
    response = client.get("/cuentas/ingresar/codigo/")
    assert response["Location"] == "/cuentas/ingresar/"


@override_settings(HUB_REQUIRE_STAFF_2FA=True)
def test_when_required_staff_without_second_factor_are_sent_to_enrol_before_staff_pages_and_admin(client, staff_user):
    client.force_login(staff_user)
    for url in ["/privacidad/", "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/cuentas/segundo-factor/?next=")


@override_settings(HUB_REQUIRE_STAFF_2FA=True)
def test_when_required_staff_with_a_device_but_unverified_session_are_sent_to_verify(client, staff_user):
    TOTPDevice.objects.create(user=staff_user, name="app", confirmed=True)
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response["Location"].startswith("/cuentas/ingresar/codigo/?next=")


@override_settings(HUB_REQUIRE_STAFF_2FA=True)
def test_when_required_a_verified_staff_session_reaches_the_admin(client, staff_user):
    enrol(client, staff_user)
    assert client.get("/admin/").status_code == 200


@override_settings(HUB_REQUIRE_STAFF_2FA=True)
def test_when_required_officials_are_not_asked_for_a_second_factor(client, official_a):
    client.force_login(official_a)
    assert client.get("/cuentas/clave/").status_code == 200


def test_a_user_can_turn_the_second_factor_off_from_a_verified_session(client, official_a):
    enrol(client, official_a)
    time.sleep(0)
    response = client.post("/cuentas/segundo-factor/desactivar/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=official_a).exists()


@pytest.mark.parametrize("method", ["get"])
def test_enrolment_needs_a_login(client, method):
    response = getattr(client, method)("/cuentas/segundo-factor/")
    assert response["Location"].startswith("/cuentas/ingresar/")
