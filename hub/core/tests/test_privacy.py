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
    response = client.post("/privacidad/exportar/", {"username": "official_a"})
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    row = data["datos"]["accounts.User"][0]
    assert row["email"] == "ana@nunoa.cl" and row["phone"] == "+56 9 1234 5678"


def test_export_by_email_finds_the_user(client, staff_user, official_a):
    official_a.email = "ana@nunoa.cl"
    official_a.save()
    client.force_login(staff_user)
    data = client.post("/privacidad/exportar/", {"email": "ANA@nunoa.cl"}).json()
    assert data["datos"]["accounts.User"][0]["id"] == official_a.pk


def test_export_without_a_person_explains_what_to_fill_in(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/privacidad/exportar/", {}, follow=True)
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
    assert response.status_code == 200 and "quedó anonimizada" in response.content.decode()
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
    assert client.post("/privacidad/exportar/", {"username": "official_b"}).status_code == 403
    assert client.post(f"/privacidad/anonimizar/{official_b.pk}/", {"confirm": "official_b"}).status_code == 403
    official_b.refresh_from_db()
    assert official_b.is_active


def test_every_table_is_exported_handled_or_declared_free_of_personal_data():
    from hub.core.privacy_rights import undeclared_tables

    missing = undeclared_tables()
    assert not missing, (
        "Declare estas tablas con register_personal_data(...) o en hub/core/privacy_tables.py con su razón: "
        + ", ".join(missing)
    )


def test_export_goes_by_post_never_by_url(client, staff_user, official_a):
    client.force_login(staff_user)
    response = client.get("/privacidad/exportar/", {"username": "official_a"})
    assert response.status_code == 302 and "official_a" not in response["Location"]


def test_export_includes_linked_rows_devices_audit_actions_and_login_history(client, staff_user, official_a):
    from axes.models import AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from hub.partners.models import WorkingGroup, WorkingGroupMember

    TOTPDevice.objects.create(user=official_a, name="Teléfono de Ana", confirmed=True)
    AccessLog.objects.create(username="official_a", ip_address="192.0.2.10", user_agent="Firefox", path_info="/")
    group = WorkingGroup.objects.create(name="Mesa de seguridad de prueba")
    fields = {f.name for f in WorkingGroupMember._meta.concrete_fields}
    WorkingGroupMember.objects.create(group=group, user=official_a,
                                      **({"name": "Ana"} if "name" in fields else {}))
    client.force_login(official_a)
    client.post("/cuentas/clave/", {})  # any audited action of hers: none needed, the test checks the keys
    client.force_login(staff_user)
    data = client.post("/privacidad/exportar/", {"username": "official_a"}).json()
    assert "partners.WorkingGroupMember" in data["registros_vinculados"]
    assert data["segundo_factor"][0]["nombre"] == "Teléfono de Ana"
    assert data["historial_de_ingresos"][0]["ip"] == "192.0.2.10"
    assert "acciones_registradas" in data


def test_erasure_scrubs_the_audit_trail_axes_logs_and_devices(client, staff_user, official_a):
    from auditlog.models import LogEntry
    from axes.models import AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from hub.partners.models import ActorType, Organization

    official_a.email = "ana.perez@nunoa.cl"
    official_a.save()
    client.force_login(official_a)
    org = Organization.objects.create(name="Junta de vecinos", actor_type=ActorType.MUNICIPIOS,
                                      contact_name="Ana Ñuñoa")
    org.contact_name = "Otra persona"
    org.save()
    TOTPDevice.objects.create(user=official_a, name="Teléfono", confirmed=True)
    AccessLog.objects.create(username="official_a", ip_address="192.0.2.10", user_agent="Firefox", path_info="/")
    client.force_login(staff_user)
    response = client.post(f"/privacidad/anonimizar/{official_a.pk}/", {"confirm": "official_a"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=official_a).exists()
    assert not AccessLog.objects.filter(username="official_a").exists()
    for entry in LogEntry.objects.all():
        text = f"{entry.object_repr} {entry.changes_text} {entry.changes}"
        assert "ana.perez@nunoa.cl" not in text
        assert "Ana Ñuñoa" not in text
