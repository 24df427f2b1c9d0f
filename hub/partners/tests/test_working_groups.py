import datetime

import pytest
from django.utils import timezone

from hub.partners.models import AgreedAction, WorkingGroup, WorkingGroupMember, WorkingGroupSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(partner_org):
    g = WorkingGroup.objects.create(name="Mesa de residuos de prueba")
    g.organizations.add(partner_org)
    return g


@pytest.fixture
def member(group):
    return WorkingGroupMember.objects.create(group=group, external_name="Persona Externa", role="Secretaría")


def _session(group, days_ago=10):
    return WorkingGroupSession.objects.create(
        group=group, date=timezone.localdate() - datetime.timedelta(days=days_ago), title="Sesión"
    )


def test_overdue_action_is_flagged_on_the_group_page_and_the_staff_overview(login, staff_user, group, member):
    today = timezone.localdate()
    session = _session(group)
    AgreedAction.objects.create(
        session=session, description="Acuerdo atrasado", owner=member, due_date=today - datetime.timedelta(days=3)
    )
    AgreedAction.objects.create(
        session=session,
        description="Acuerdo cumplido",
        owner=member,
        due_date=today - datetime.timedelta(days=3),
        done=True,
    )
    AgreedAction.objects.create(
        session=session, description="Acuerdo a tiempo", owner=member, due_date=today + datetime.timedelta(days=3)
    )
    client = login(staff_user)
    page = client.get(group.get_absolute_url()).text
    assert "1 acuerdo vencido" in page
    assert page.count('class="badge badge-danger">Vencido') == 1
    overview = client.get("/articulacion/mesas/acuerdos-vencidos/").text
    assert "Acuerdo atrasado" in overview
    assert "Acuerdo cumplido" not in overview
    assert "Acuerdo a tiempo" not in overview


def test_partner_of_a_member_organization_sees_the_group_official_does_not(login, partner_user, official_a, group):
    assert login(partner_user).get(group.get_absolute_url()).status_code == 200
    assert "Mesa de residuos de prueba" in login(partner_user).get("/articulacion/mesas/").text
    assert login(official_a).get(group.get_absolute_url()).status_code == 404
    assert "Mesa de residuos de prueba" not in login(official_a).get("/articulacion/mesas/").text


def test_a_user_who_is_a_member_sees_the_group(login, official_b, group):
    WorkingGroupMember.objects.create(group=group, user=official_b, role="Municipio")
    assert login(official_b).get(group.get_absolute_url()).status_code == 200


def test_staff_records_a_session_and_an_action_through_the_forms(login, staff_user, group, member):
    client = login(staff_user)
    response = client.post(
        f"/articulacion/mesas/{group.pk}/sesiones/nueva/",
        {"date": "2026-10-01", "title": "Segunda sesión", "minutes": "Se revisa el avance."},
    )
    assert response.status_code == 302
    session = group.sessions.get(title="Segunda sesión")
    response = client.post(
        f"/articulacion/sesiones/{session.pk}/acuerdos/nuevo/",
        {"description": "Enviar informe", "owner": member.pk, "due_date": "2026-10-15"},
    )
    assert response.status_code == 302
    action = session.actions.get()
    response = client.post(
        f"/articulacion/acuerdos/{action.pk}/editar/",
        {"description": "Enviar informe", "owner": member.pk, "due_date": "2026-10-15", "done": "on"},
    )
    action.refresh_from_db()
    assert action.done


def test_action_owner_must_belong_to_the_group(login, staff_user, group, member):
    other = WorkingGroup.objects.create(name="Otra mesa")
    outsider = WorkingGroupMember.objects.create(group=other, external_name="De otra mesa")
    session = _session(group)
    response = login(staff_user).post(
        f"/articulacion/sesiones/{session.pk}/acuerdos/nuevo/",
        {"description": "Acuerdo", "owner": outsider.pk, "due_date": "2026-10-15"},
    )
    assert response.status_code == 200
    assert session.actions.count() == 0


def test_member_is_a_user_or_a_named_external_person_not_both_nor_neither(login, staff_user, official_a, group):
    client = login(staff_user)
    url = f"/articulacion/mesas/{group.pk}/integrantes/nuevo/"
    response = client.post(url, {"user": official_a.pk, "external_name": "También externo"})
    assert "solo uno de los dos" in response.text
    response = client.post(url, {"user": "", "external_name": ""})
    assert "solo uno de los dos" in response.text
    assert group.members.count() == 0
    assert client.post(url, {"user": official_a.pk, "external_name": ""}).status_code == 302
    assert client.post(url, {"user": "", "external_name": "Invitada Externa"}).status_code == 302
    assert group.members.count() == 2


def test_staff_creates_a_working_group(login, staff_user, partner_org):
    response = login(staff_user).post(
        "/articulacion/mesas/nueva/",
        {"name": "Mesa nueva", "purpose": "Coordinar", "organizations": [partner_org.pk], "is_active": "on"},
    )
    assert response.status_code == 302
    assert list(WorkingGroup.objects.get(name="Mesa nueva").organizations.all()) == [partner_org]
