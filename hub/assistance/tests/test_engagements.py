"""Requests and engagement states: who may ask, who may see, the state machine and its timeline."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from hub.assistance import services
from hub.assistance.models import Engagement, EngagementStatus
from hub.core.models import StateChange
from hub.core.transitions import TransitionRefused, state_history

from .factories import make_engagement

pytestmark = pytest.mark.django_db

REQUEST = {
    "title": "Ventanilla digital de permisos",
    "problem": "Los permisos de edificación tardan 90 días.",
    "challenge": "digital",
    "work_line": "asistencia",
    "contact_name": "Ana Ñuñoa",
    "contact_email": "ana@nunoa.cl",
}


def test_official_requests_assistance_for_her_comuna_through_the_form(login, official_a, staff_user):
    client = login(official_a)
    response = client.post("/asistencia/solicitar/", {**REQUEST, "comuna": "13120"})
    engagement = Engagement.objects.get()
    assert response.status_code == 302 and response["Location"] == engagement.get_absolute_url()
    assert engagement.comuna_id == "13120" and engagement.status == EngagementStatus.RECIBIDA
    assert engagement.requested_by == official_a
    assert staff_user.notifications.filter(kind="assistance_request_received").exists()


def test_official_cannot_request_for_another_comuna(official_a, comuna_b):
    with pytest.raises(PermissionDenied):
        services.request_create(acting_user=official_a, comuna=comuna_b, data=REQUEST)
    assert not Engagement.objects.exists()


def test_form_offers_only_her_comunas_and_refuses_a_forged_one(login, official_a):
    client = login(official_a)
    response = client.post("/asistencia/solicitar/", {**REQUEST, "comuna": "09101"})
    assert response.status_code == 200 and not Engagement.objects.exists()
    assert "Revise lo siguiente" in response.text


def test_staff_requests_on_behalf_of_a_client_organisation(staff_user, partner_org):
    engagement = services.request_create(acting_user=staff_user, client_organization=partner_org,
                                         client_kind="ministerio_servicio", data=REQUEST)
    assert engagement.comuna is None and engagement.client_name == str(partner_org)


def test_official_cannot_request_on_behalf_of_an_organisation(official_a, partner_org, comuna_a):
    with pytest.raises(PermissionDenied):
        services.request_create(acting_user=official_a, comuna=comuna_a, client_organization=partner_org,
                                data=REQUEST)


def test_request_is_visible_to_its_comuna_officials_and_staff_only(login, official_a, official_b, staff_user,
                                                                  partner_user):
    engagement = make_engagement()
    url = engagement.get_absolute_url()
    assert login(official_a).get(url).status_code == 200
    assert login(staff_user).get(url).status_code == 200
    assert login(official_b).get(url).status_code == 404
    assert login(partner_user).get(url).status_code == 404
    assert engagement.title not in login(official_b).get("/asistencia/mis-asistencias/").text


def test_out_of_order_transition_is_refused_in_spanish_and_changes_nothing(login, staff_user):
    engagement = make_engagement()
    response = login(staff_user).post(f"/asistencia/{engagement.pk}/estado/", {"to": "en_ejecucion"}, follow=True)
    assert "No se puede pasar de «Recibida» a «En ejecución»" in response.text
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.RECIBIDA
    assert not StateChange.objects.filter(content_type=ContentType.objects.get_for_model(Engagement)).exists()


def test_proposal_states_cannot_be_reached_with_the_generic_button(staff_user):
    engagement = make_engagement(status="en_alcance")
    with pytest.raises(ValidationError):
        services.engagement_transition(acting_user=staff_user, engagement=engagement, to="propuesta_enviada")
    engagement.refresh_from_db()
    assert engagement.status == "en_alcance"


def test_client_may_withdraw_but_not_move_the_work_forward(official_a):
    engagement = make_engagement()
    with pytest.raises(PermissionDenied):
        services.engagement_transition(acting_user=official_a, engagement=engagement, to="en_alcance")
    services.engagement_transition(acting_user=official_a, engagement=engagement, to="desistida", reason="Sin fondos")
    engagement.refresh_from_db()
    assert engagement.status == "desistida"
    with pytest.raises(TransitionRefused):
        services.engagement_transition(acting_user=official_a, engagement=engagement, to="desistida")


def test_timeline_records_who_and_when_and_the_page_shows_it(login, staff_user):
    engagement = make_engagement()
    services.engagement_transition(acting_user=staff_user, engagement=engagement, to="en_alcance",
                                   reason="Reunión de alcance agendada")
    history = list(state_history(engagement))
    assert [(h.from_state, h.to_state, h.actor) for h in history] == [("recibida", "en_alcance", staff_user)]
    page = login(staff_user).get(engagement.get_absolute_url()).text
    assert "Reunión de alcance agendada" in page and "Recibida → <strong>En alcance</strong>" in page
