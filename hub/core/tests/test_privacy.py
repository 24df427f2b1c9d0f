"""Ley 21.719: the inventory of personal data, export of one person's data, and erasure on request."""

import json

from auditlog.models import LogEntry

from hub.core import privacy


def test_every_email_or_phone_like_field_of_the_platform_is_declared_one_way_or_the_other():
    missing = privacy.undeclared_personal_fields()
    assert not missing, (
        "Declare estos campos con hub.core.privacy.register_personal_data(...) en el ready() de su app, "
        "o con declare_not_personal(...) si son datos institucionales: " + ", ".join(missing)
    )


def test_user_personal_fields_are_in_the_inventory():
    labels = {entry.label: entry for entry in privacy.inventory()}
    assert {"email", "phone", "first_name", "last_name"} <= set(labels["accounts.User"].fields)


def test_staff_see_the_inventory_page(client, staff_user):
    client.force_login(staff_user)
    html = client.get("/privacidad/").content.decode()
    assert "accounts.User" in html and "phone" in html


def test_staff_export_a_person_by_username_as_a_json_download(client, staff_user, official_a):
    official_a.email = "ana@nunoa.cl"
    official_a.phone = "+56 9 1234 5678"
    official_a.save()
    client.force_login(staff_user)
    response = client.get("/privacidad/exportar/", {"username": "official_a"})
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    row = data["datos"]["accounts.User"][0]
    assert row["email"] == "ana@nunoa.cl" and row["phone"] == "+56 9 1234 5678"


def test_export_by_email_finds_the_user(client, staff_user, official_a):
    official_a.email = "ana@nunoa.cl"
    official_a.save()
    client.force_login(staff_user)
    data = client.get("/privacidad/exportar/", {"email": "ANA@nunoa.cl"}).json()
    assert data["datos"]["accounts.User"][0]["id"] == official_a.pk


def test_export_without_a_person_explains_what_to_fill_in(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/privacidad/exportar/", follow=True)
    assert "Indique el nombre de usuario o el correo" in response.content.decode()


def test_erasure_needs_the_username_typed_as_confirmation_and_changes_nothing_otherwise(client, staff_user, official_a):
    official_a.email = "ana@nunoa.cl"
    official_a.save()
    client.force_login(staff_user)
    response = client.post(f"/privacidad/anonimizar/{official_a.pk}/", {"confirm": "otra cosa"})
    assert response.status_code == 400
    official_a.refresh_from_db()
    assert official_a.email == "ana@nunoa.cl" and official_a.is_active


def test_erasure_anonymises_the_person_keeps_an_audit_entry_and_scrubs_old_ones(client, staff_user, official_a):
    official_a.email = "ana@nunoa.cl"
    official_a.phone = "+56 9 1234 5678"
    official_a.save()
    client.force_login(staff_user)
    response = client.post(f"/privacidad/anonimizar/{official_a.pk}/", {"confirm": "official_a"})
    assert response.status_code == 302
    official_a.refresh_from_db()
    assert official_a.username == f"anonimo-{official_a.pk}"
    assert (official_a.email, official_a.phone, official_a.first_name) == ("", "", "")
    assert not official_a.is_active and not official_a.has_usable_password()
    entries = LogEntry.objects.get_for_object(official_a)
    assert entries.filter(actor=staff_user, changes__icontains=privacy.ERASED).exists()
    dump = json.dumps([entry.changes for entry in entries]) + "".join(e.object_repr for e in entries)
    assert "ana@nunoa.cl" not in dump and "1234 5678" not in dump


def test_officials_cannot_export_or_erase(client, official_a, official_b):
    client.force_login(official_a)
    assert client.get("/privacidad/exportar/", {"username": "official_b"}).status_code == 403
    assert client.post(f"/privacidad/anonimizar/{official_b.pk}/", {"confirm": "official_b"}).status_code == 403
    official_b.refresh_from_db()
    assert official_b.is_active
