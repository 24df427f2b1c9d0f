"""Scoping: the self-assessment per challenge, the proposed team with peers, declared conflicts of interest."""

import pytest
from django.core.exceptions import ValidationError

from hub.accounts.models import Role, User
from hub.assistance import selectors, services
from hub.assistance.questionnaire import questions_for
from hub.observatory import similar
from hub.territory.models import Comuna

from .factories import make_engagement

pytestmark = pytest.mark.django_db


def _answers(challenge, level=3):
    return {key: (level if kind == "scale" else "Texto") for key, _t, kind in questions_for(challenge)}


def test_self_assessment_questions_depend_on_the_challenge():
    assert {k for k, _t, _k in questions_for("seguridad")} != {k for k, _t, _k in questions_for("digital")}


def test_client_answers_the_self_assessment_through_the_page(login, official_a):
    engagement = make_engagement(status="en_alcance")
    data = _answers("digital", 4)
    response = login(official_a).post(f"/asistencia/{engagement.pk}/autodiagnostico/", data)
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.self_assessment["tramites"] == 4 and engagement.self_assessment_at


def test_self_assessment_out_of_range_is_refused_and_nothing_saved(official_a):
    engagement = make_engagement(status="en_alcance")
    with pytest.raises(ValidationError) as exc:
        services.self_assessment_save(acting_user=official_a, engagement=engagement,
                                      answers={**_answers("digital"), "tramites": 9})
    assert "de 1 a 5" in str(exc.value)
    engagement.refresh_from_db()
    assert engagement.self_assessment == {}


def _official(username, cut):
    user = User.objects.create_user(username=username, password="x-clave-larga-2026", role=Role.OFFICIAL)
    user.comunas.add(cut)
    return user


def test_peer_official_must_come_from_another_member_comuna(staff_user, official_a):
    engagement = make_engagement(status="en_alcance")
    from hub.finance.testing import make_member

    make_member(Comuna.objects.get(cut="13101"))
    peer = _official("par", "13101")
    outsider = _official("no_socio", "13102")  # 13102 has no membership
    member = services.team_member_add(acting_user=staff_user, engagement=engagement, user=peer, role="par_municipal")
    assert member.peer_comuna_id == "13101"
    with pytest.raises(ValidationError):
        services.team_member_add(acting_user=staff_user, engagement=engagement, user=outsider, role="par_municipal")
    with pytest.raises(ValidationError):
        services.team_member_add(acting_user=staff_user, engagement=engagement, user=official_a,
                                 role="par_municipal")
    with pytest.raises(ValidationError):
        services.team_member_add(acting_user=staff_user, engagement=engagement, user=peer, role="especialista")
    assert engagement.team.count() == 1


def test_peer_suggestions_are_similar_member_comunas_of_the_same_typology(monkeypatch, staff_user):
    engagement = make_engagement(status="en_alcance")
    nunoa = Comuna.objects.get(cut="13120")
    same = Comuna.objects.filter(typology=nunoa.typology).exclude(cut="13120").order_by("cut")[:2]
    other = Comuna.objects.exclude(typology=nunoa.typology).order_by("cut").first()
    member, non_member = same
    from hub.finance.testing import make_member

    make_member(member)
    make_member(other)
    peer = _official("par_sugerido", member.cut)
    neighbours = [similar.Neighbour(c.cut, c.name, "", 0.5 + i, 8) for i, c in enumerate([other, non_member, member])]
    monkeypatch.setattr(similar, "similar_comunas", lambda cut, k=8: neighbours)
    suggestions = selectors.peer_suggestions(engagement)
    assert [s["comuna"].cut for s in suggestions] == [member.cut]
    assert suggestions[0]["officials"] == [peer]


def test_conflict_of_interest_needs_a_description(staff_user):
    engagement = make_engagement(status="en_alcance")
    with pytest.raises(ValidationError):
        services.team_member_add(acting_user=staff_user, engagement=engagement, user=staff_user, role="jefatura",
                                 has_conflict=True)
    member = services.team_member_add(acting_user=staff_user, engagement=engagement, user=staff_user,
                                      role="jefatura")
    services.conflict_declare(acting_user=staff_user, member=member, has_conflict=True,
                              description="Asesoré a la comuna en 2025")
    member.refresh_from_db()
    assert member.has_conflict and "2025" in member.conflict_description
