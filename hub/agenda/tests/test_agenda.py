"""The policy agenda: bills with boletín and chamber, stages per kind dated through transitions, positions,
evidence, participation (Articulación evidence), presence by year and the public list with filters."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hub.agenda import selectors, services
from hub.agenda.models import AgendaItem, ItemStage, Position
from hub.core.models import StateChange
from hub.core.registry import evidence_sources, search_sources

from .factories import make_item, make_participation

pytestmark = pytest.mark.django_db


def test_bill_needs_a_boletin_like_12345_06(staff_user):
    with pytest.raises(ValidationError) as err:
        services.item_create(acting_user=staff_user, title="Ley X", kind="proyecto_ley", boletin="12345",
                             chamber="senado", challenges=["seguridad"])
    assert "boletin" in err.value.message_dict
    assert not AgendaItem.objects.exists()


def test_bill_needs_its_chamber(staff_user):
    with pytest.raises(ValidationError) as err:
        services.item_create(acting_user=staff_user, title="Ley X", kind="proyecto_ley", boletin="12345-06",
                             chamber="", challenges=["seguridad"])
    assert "chamber" in err.value.message_dict


def test_consultation_cannot_carry_a_boletin(staff_user):
    with pytest.raises(ValidationError) as err:
        services.item_create(acting_user=staff_user, title="Consulta", kind="consulta", boletin="12345-06",
                             challenges=["digital"])
    assert "boletin" in err.value.message_dict


def test_duplicate_boletin_is_refused_in_spanish(staff_user):
    make_item(boletin="15001-06")
    with pytest.raises(ValidationError) as err:
        make_item(boletin="15001-06")
    assert "boletín" in str(err.value)
    assert AgendaItem.objects.filter(boletin="15001-06").count() == 1


def test_item_starts_in_the_first_stage_of_its_kind_and_touches_several_challenges():
    bill = make_item(challenges=["seguridad", "aps"])
    consultation = make_item(kind="consulta", title="Consulta de gobierno digital", challenges=["digital"])
    assert bill.stage == ItemStage.INGRESO
    assert consultation.stage == ItemStage.ABIERTA
    assert sorted(bill.challenge_codes) == ["aps", "seguridad"]


def test_official_cannot_create_agenda_items(official_a):
    with pytest.raises(PermissionDenied):
        services.item_create(acting_user=official_a, title="X", kind="consulta", challenges=["digital"])


def test_stage_change_is_dated_and_recorded_in_the_history(staff_user):
    item = make_item()
    services.item_move(acting_user=staff_user, item_id=item.pk, to="comision", on=datetime.date(2025, 3, 4),
                       note="Pasa a Comisión de Gobierno")
    item.refresh_from_db()
    assert item.stage == "comision"
    assert item.stage_since == datetime.date(2025, 3, 4)
    change = StateChange.objects.get(field="stage", object_id=str(item.pk))
    assert change.actor == staff_user and change.to_state == "comision"
    history = selectors.item_history(item)
    assert [r.to_stage for r in history] == [str(ItemStage.INGRESO.label), str(ItemStage.COMISION.label)]
    assert history[-1].on == datetime.date(2025, 3, 4)
    assert history[-1].note == "Pasa a Comisión de Gobierno"


def test_a_consultation_cannot_move_to_a_bill_stage(staff_user):
    item = make_item(kind="consulta", title="Consulta", challenges=["digital"])
    with pytest.raises(ValidationError):
        services.item_move(acting_user=staff_user, item_id=item.pk, to="promulgada", on=datetime.date(2025, 2, 1))
    item.refresh_from_db()
    assert item.stage == "abierta"
    assert not StateChange.objects.filter(object_id=str(item.pk), field="stage").exists()


def test_promulgated_bill_is_final(staff_user):
    item = make_item()
    for stage, day in (("primer_tramite", 2), ("segundo_tramite", 3), ("promulgada", 4)):
        services.item_move(acting_user=staff_user, item_id=item.pk, to=stage, on=datetime.date(2025, 2, day))
    with pytest.raises(ValidationError) as err:
        services.item_move(acting_user=staff_user, item_id=item.pk, to="archivada", on=datetime.date(2025, 2, 5))
    assert "estado final" in str(err.value)


def test_stage_date_cannot_be_in_the_future_or_before_the_current_stage(staff_user):
    item = make_item(stage_since=datetime.date(2025, 1, 10))
    with pytest.raises(ValidationError):
        services.item_move(acting_user=staff_user, item_id=item.pk, to="comision",
                           on=datetime.date.today() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError):
        services.item_move(acting_user=staff_user, item_id=item.pk, to="comision", on=datetime.date(2024, 12, 1))
    item.refresh_from_db()
    assert item.stage == "ingreso"


def test_brief_position_must_be_a_library_item_and_testimony_needs_a_committee(staff_user):
    item = make_item()
    with pytest.raises(ValidationError) as err:
        services.position_add(acting_user=staff_user, item_id=item.pk, kind="minuta", title="Minuta",
                              on=datetime.date(2025, 2, 1))
    assert "library_item" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.position_add(acting_user=staff_user, item_id=item.pk, kind="exposicion", title="Exposición",
                              on=datetime.date(2025, 2, 1))
    assert "committee" in err.value.message_dict
    services.position_add(acting_user=staff_user, item_id=item.pk, kind="exposicion", title="Exposición",
                          on=datetime.date(2025, 2, 1), committee="Comisión de Gobierno Interior")
    assert Position.objects.filter(item=item).count() == 1


def test_pilot_evidence_needs_title_and_a_safe_url(staff_user):
    item = make_item()
    with pytest.raises(ValidationError) as err:
        services.evidence_add(acting_user=staff_user, item_id=item.pk, kind="piloto", title="Piloto",
                              url="javascript:alert(1)")
    assert "url" in err.value.message_dict
    link = services.evidence_add(acting_user=staff_user, item_id=item.pk, kind="piloto", title="Piloto APS",
                                 url="/pilotos/1/")
    assert link.link == "/pilotos/1/"


def test_participation_feeds_the_articulacion_indicator():
    make_participation(on=datetime.date(2025, 5, 6))
    make_participation(on=datetime.date(2024, 5, 6), title="Antes del período")
    sources = {kind: func for kind, _, func in evidence_sources("articulacion")}
    rows = sources["agenda_participation"](datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert len(rows) == 1
    assert rows[0].kind == "agenda_participation" and rows[0].on == datetime.date(2025, 5, 6)


def test_international_participation_needs_its_network():
    with pytest.raises(ValidationError) as err:
        make_participation(body_kind="red_internacional", body_name="CGLU")
    assert "network" in err.value.message_dict


def test_presence_groups_by_year(staff_user):
    make_participation(on=datetime.date(2025, 5, 6))
    services.mention_create(acting_user=staff_user, kind="prensa", title="Entrevista", outlet="La Tercera",
                            on=datetime.date(2024, 8, 1), challenge="seguridad")
    network = services.network_create(acting_user=staff_user, name="Ciudades y Gobiernos Locales Unidos",
                                      short_name="CGLU", relation="miembro")
    services.network_activity_create(acting_user=staff_user, network_id=network.pk, on=datetime.date(2025, 10, 2),
                                     title="Consejo mundial")
    years = selectors.presence_by_year()
    assert [y.year for y in years] == [2025, 2024]
    assert years[0].total == 2 and years[1].total == 1


def test_search_finds_items_without_accents_or_case():
    make_item(title="Seguridad Pública Municipal y fiscalización")
    hits = [hit for source in search_sources() for hit in source("PUBLICA municipal", None, 10)]
    assert any("Seguridad Pública Municipal" in hit.title for hit in hits)


def test_public_list_filters_by_kind_stage_and_challenge_and_keeps_values(client):
    make_item(title="Ley de seguridad", challenges=["seguridad"])
    make_item(kind="consulta", title="Consulta digital", challenges=["digital"])
    response = client.get(reverse("agenda:index"), {"kind": "consulta", "challenge": "digital"})
    body = response.content.decode()
    assert "Consulta digital" in body and "Ley de seguridad" not in body
    assert 'value="consulta" selected' in body
    response = client.get(reverse("agenda:index"), {"stage": "abierta"})
    assert "Consulta digital" in response.content.decode()
    response = client.get(reverse("agenda:index"), {"q": "zzzz"})
    assert "Ningún tema de la agenda coincide" in response.content.decode()


def test_item_page_shows_its_history(client, staff_user):
    item = make_item()
    services.item_move(acting_user=staff_user, item_id=item.pk, to="comision", on=datetime.date(2025, 3, 4))
    body = client.get(item.get_absolute_url()).content.decode()
    assert "04-03-2025" in body and "En comisión" in body


def test_staff_moves_stage_through_the_page_and_bad_date_keeps_data(client, staff_user):
    item = make_item()
    client.force_login(staff_user)
    response = client.post(reverse("agenda:item_move", args=[item.pk]), {"to": "comision", "on": "2030-01-01"})
    assert response.status_code == 400
    assert "no puede ser futura" in response.content.decode()
    item.refresh_from_db()
    assert item.stage == "ingreso"
    response = client.post(reverse("agenda:item_move", args=[item.pk]), {"to": "comision", "on": "2025-03-04"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.stage == "comision"


def test_staff_creates_bill_through_the_form_with_error_summary(client, staff_user):
    client.force_login(staff_user)
    data = {"title": "Ley de rentas municipales", "kind": "proyecto_ley", "boletin": "abc", "chamber": "camara",
            "challenges": ["capital_humano"]}
    response = client.post(reverse("agenda:item_create"), data)
    assert response.status_code == 400
    assert "Revise lo siguiente" in response.content.decode()
    assert not AgendaItem.objects.exists()
    data["boletin"] = "16001-05"
    response = client.post(reverse("agenda:item_create"), data)
    assert response.status_code == 302
    assert AgendaItem.objects.get().boletin == "16001-05"
