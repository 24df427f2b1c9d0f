"""Certificates: typable codes, PDF with QR and hash, the public page shows every printed field, statuses."""

import datetime
import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hub.core.models import StateChange
from hub.training import credentials, services_certificates
from hub.training.models import Certificate

from .factories import closed_cohort_with_certificate, make_staff

pytestmark = pytest.mark.django_db


def test_codes_have_80_random_bits_in_crockford_groups_and_forgive_typing():
    code = credentials.new_code()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
    assert len(code.replace("-", "")) * 5 >= 80
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert credentials.normalise_code(typed) == code
    assert credentials.normalise_code("ABC") == ""


def test_pdf_is_stored_with_its_sha256_and_carries_the_verification_url():
    certificate = closed_cohort_with_certificate()
    pdf = bytes(certificate.file.pdf)
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == certificate.pdf_sha256


def test_public_page_shows_every_printed_field_and_the_hash_without_login(client):
    certificate = closed_cohort_with_certificate()
    html = client.get(f"/certificados/verificar/{certificate.code}/").content.decode()
    s = certificate.snapshot
    for key in ("holder_name", "programme", "cohort", "modality", "start_date", "end_date", "result_label",
                "criteria", "issuer", "issued_on", "instructors"):
        assert str(s[key]) in html, key
    assert f">{s['hours']}<" in html
    assert certificate.pdf_sha256 in html
    assert "Vigente" in html
    assert "Aprobado con nota 6,2" in html


def test_the_full_rut_never_appears_on_the_public_page_the_api_or_the_url(client):
    certificate = closed_cohort_with_certificate()
    enrolment = certificate.enrolment
    enrolment.rut = "12345678-5"
    enrolment.save()
    certificate = services_certificates.certificate_replace(acting_user=make_staff(), certificate=certificate,
                                                            reason="RUT agregado", holder_name="Nombre Corregido")
    assert certificate.snapshot["rut_masked"] == "12.***.***-5"
    page = client.get(certificate.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/training/certificates/{certificate.code}").content.decode()
    for text in (page, api, certificate.get_absolute_url(), str(certificate.credential)):
        assert "12345678" not in text and "12.345.678" not in text
    assert "12.***.***-5" in page


def test_revocation_needs_a_reason_shows_it_with_the_date_and_is_audited(client):
    certificate = closed_cohort_with_certificate()
    staff = make_staff()
    with pytest.raises(ValidationError):
        services_certificates.certificate_revoke(acting_user=staff, certificate=certificate, reason="")
    services_certificates.certificate_revoke(acting_user=staff, certificate=certificate, reason="Copia en la prueba")
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "Revocada" in html and "Copia en la prueba" in html
    assert timezone.localdate().strftime("%d-%m-%Y") in html
    change = StateChange.objects.filter(to_state="revocado").get()
    assert change.actor == staff and change.reason == "Copia en la prueba"


def test_replacement_issues_a_new_certificate_and_the_old_one_links_to_it(client):
    old = closed_cohort_with_certificate()
    new = services_certificates.certificate_replace(acting_user=make_staff(), certificate=old,
                                                    reason="Nombre mal escrito", holder_name="María José Pérez")
    old.refresh_from_db()
    assert old.public_status() == "reemplazada" and old.replaced_by == new
    assert old.snapshot["holder_name"] != "María José Pérez"  # what was issued is never edited
    html = client.get(old.get_absolute_url()).content.decode()
    assert "Reemplazada" in html and new.get_absolute_url() in html
    assert "María José Pérez" in client.get(new.get_absolute_url()).content.decode()


def test_expiry_is_computed_from_the_date_not_stored(client):
    certificate = closed_cohort_with_certificate()
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    certificate.refresh_from_db()
    assert certificate.public_status() == "expirada"
    assert certificate.status == "emitido"
    assert "Expirada" in client.get(certificate.get_absolute_url()).content.decode()


def test_an_unknown_code_is_a_404_with_a_spanish_message(client):
    response = client.get("/certificados/verificar/AAAA-BBBB-CCCC-DDDD/")
    assert response.status_code == 404
    assert client.get("/api/v1/training/certificates/AAAA-BBBB-CCCC-DDDD").json()["detail"].startswith("No existe")


def test_a_typed_code_in_lowercase_redirects_to_the_certificate(client):
    certificate = closed_cohort_with_certificate()
    response = client.get("/certificados/verificar/", {"codigo": certificate.code.lower().replace("-", "")})
    assert response.status_code == 302 and response["Location"] == certificate.get_absolute_url()


def test_only_the_holder_and_staff_download_the_pdf_and_json(client, official_b):
    certificate = closed_cohort_with_certificate()
    url = f"/certificados/verificar/{certificate.code}/pdf/"
    client.force_login(official_b)
    assert client.get(url).status_code == 403
    client.force_login(certificate.enrolment.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == certificate.pdf_sha256


def test_api_verification_shows_what_is_printed_and_the_status(client):
    certificate = closed_cohort_with_certificate()
    body = client.get(f"/api/v1/training/certificates/{certificate.code}").json()
    assert body["status"] == "vigente" and body["holder_name"] == certificate.snapshot["holder_name"]
    assert body["hours"] == certificate.snapshot["hours"] and body["pdf_sha256"] == certificate.pdf_sha256
    services_certificates.certificate_revoke(acting_user=make_staff(), certificate=certificate, reason="Error")
    body = client.get(f"/api/v1/training/certificates/{certificate.code}").json()
    assert body["status"] == "revocada" and body["status_reason"] == "Error"


def test_erasing_the_learner_keeps_only_the_printed_snapshot(client):
    from hub.core.privacy import person_erase

    certificate = closed_cohort_with_certificate()
    enrolment = certificate.enrolment
    enrolment.rut = "12345678-5"
    enrolment.save()
    person_erase(user=enrolment.user, actor=make_staff())
    enrolment.refresh_from_db()
    assert enrolment.rut == "" or enrolment.rut == "[eliminado]"[:12]
    certificate.refresh_from_db()
    assert client.get(certificate.get_absolute_url()).status_code == 200
    assert certificate.snapshot["holder_name"] in client.get(certificate.get_absolute_url()).content.decode()


def test_the_pdf_embeds_the_hubs_own_fonts_not_a_fallback():
    import zlib

    pdf = bytes(closed_cohort_with_certificate().file.pdf)
    text = pdf
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            text += zlib.decompress(stream.group(1))
        except zlib.error:
            pass
    assert b"Hub-Sans" in text and b"Hub-Serif" in text
