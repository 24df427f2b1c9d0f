"""The audit trail: every hub.* model is audited (bulk import tables excepted), staff see it per object,
and nobody can edit or delete it through the admin."""

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog

from hub.core.audit import audited_models, exempt_reason


def test_every_hub_model_is_audited_or_says_why_not():
    from django.apps import apps

    for model in apps.get_models():
        if not model.__module__.startswith("hub.") or model._meta.proxy:
            continue
        assert auditlog.contains(model) or exempt_reason(model), model._meta.label


def test_bulk_observations_are_left_to_their_import_run():
    from hub.observatory.models import ImportRun, Observation

    assert Observation not in audited_models()
    assert ImportRun in audited_models()


def test_passwords_never_reach_the_audit_log(official_a):
    official_a.set_password("una-clave-nueva-segura-9")
    official_a.first_name = "Anita"
    official_a.save()
    entry = LogEntry.objects.get_for_object(official_a).order_by("-timestamp").first()
    assert "first_name" in entry.changes_dict
    assert "password" not in entry.changes_dict


def test_a_change_through_the_admin_records_who_did_it_and_staff_see_it(client, staff_user, official_a):
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    client.post(f"/admin/accounts/user/{official_a.pk}/change/", {
        "username": "official_a", "first_name": "Ana María", "last_name": "Ñuñoa", "email": "",
        "role": "official", "comunas": [official_a.comunas.first().pk], "is_active": "on",
        "date_joined_0": "01-01-2026", "date_joined_1": "10:00:00", "position": "Analista", "phone": "",
    })
    entry = LogEntry.objects.get_for_object(official_a).filter(actor=staff_user).first()
    assert entry is not None, "el cambio del admin no quedó auditado con su autor"

    page = client.get(f"/auditoria/accounts/user/{official_a.pk}/").content.decode()
    assert "Ana María" in page and "staff" in page
    history = client.get(f"/admin/accounts/user/{official_a.pk}/history/").content.decode()
    assert "Registro de auditoría" in history and "Ana María" in history


def test_officials_cannot_see_the_audit_page(client, official_a):
    client.force_login(official_a)
    assert client.get(f"/auditoria/accounts/user/{official_a.pk}/").status_code == 403


def test_an_unknown_model_on_the_audit_page_is_a_spanish_404(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/auditoria/nada/nada/1/")
    assert response.status_code == 404
    assert "No existe el tipo de registro" in response.content.decode()


@pytest.mark.parametrize("action", ["change", "delete"])
def test_not_even_a_superuser_can_edit_or_delete_an_audit_entry_in_the_admin(client, staff_user, official_a, action):
    staff_user.is_superuser = True
    staff_user.save()
    official_a.first_name = "Otra"
    official_a.save()
    entry = LogEntry.objects.get_for_object(official_a).first()
    before = (entry.changes, entry.timestamp)
    client.force_login(staff_user)
    url = f"/admin/auditlog/logentry/{entry.pk}/{action}/"
    response = client.post(url, {"post": "yes", "changes": "{}", "action": 2})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert (entry.changes, entry.timestamp) == before
    assert client.get("/admin/auditlog/logentry/add/").status_code == 403


def test_the_trail_speaks_spanish_with_field_labels_and_local_time(client, staff_user, official_a):
    from hub.partners.models import ActorType, Organization

    org = Organization.objects.create(name="Municipalidad de Prueba", actor_type=ActorType.MUNICIPIOS)
    org.name = "Municipalidad de Prueba Dos"
    org.save()
    client.force_login(staff_user)
    html = client.get(f"/auditoria/partners/organization/{org.pk}/").content.decode()
    assert "Creó" in html and "Modificó" in html
    assert "<strong>Nombre</strong>" in html and "Municipalidad de Prueba → Municipalidad de Prueba Dos" in html
    assert "hora de Chile" in html


def test_audited_records_link_to_their_trail_for_staff_only(client, staff_user, official_a):
    from hub.partners.models import ActorType, Organization

    org = Organization.objects.create(name="Universidad Austral", actor_type=ActorType.ACADEMIA)
    client.force_login(staff_user)
    assert f"/auditoria/partners/organization/{org.pk}/" in client.get(org.get_absolute_url()).content.decode()
    client.force_login(official_a)
    assert "/auditoria/" not in client.get(org.get_absolute_url()).content.decode()
