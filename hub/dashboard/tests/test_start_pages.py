"""A start page per role after login: the official's comuna and pending items, the partner's agreements and
projects, the staff inbox; counts in the header."""

from testkit.fixtures import PASSWORD


def test_login_lands_on_the_start_page(client, official_a):
    response = client.post("/cuentas/ingresar/", {"username": "official_a", "password": PASSWORD})
    assert response["Location"] == "/inicio/"


def test_the_official_sees_her_comuna_first(client, official_a):
    client.force_login(official_a)
    html = client.get("/inicio/").content.decode()
    assert "Mi comuna: Ñuñoa" in html
    assert "/comunas/13120/" in html
    assert "Temuco" not in html


def test_staff_inbox_lists_a_practice_waiting_for_review_and_the_header_counts_it(client, staff_user):
    from django.core.cache import cache

    from hub.network.tests.factories import make_practice

    cache.clear()  # the header count is cached a minute per person
    practice = make_practice(status="en_revision")
    client.force_login(staff_user)
    html = client.get("/inicio/").content.decode()
    assert "Bandeja del equipo" in html
    assert f"Revisar experiencia: {practice.title}" in html
    assert 'hx-get="/inicio/pendientes/"' in html
    assert '<span class="badge"' in client.get("/inicio/pendientes/").content.decode()


def test_the_partner_sees_her_organisations_agreements(client, partner_user, partner_org):
    from hub.partners.tests.factories import agreement

    agreement(status="vigente", parties=[partner_org], title="Convenio de prueba con la universidad")
    client.force_login(partner_user)
    html = client.get("/inicio/").content.decode()
    assert "Mis convenios" in html and "Convenio de prueba con la universidad" in html
