from django.contrib import admin
from django.urls import reverse

from hub.core.taxonomy import Challenge, SolutionKind, WorkLine
from hub.portfolio.models import SubTheme
from hub.territory.models import Typology


def test_reference_lists_are_the_documents_words():
    assert [c.label for c in WorkLine] == [
        "Producción de conocimiento", "Transferencia mediante formación", "Innovación pública municipal",
        "Asistencia técnica directa", "Incidencia en política pública",
    ]
    assert [c.label for c in Challenge] == [
        "Seguridad pública municipal", "Atención primaria de salud", "Capital humano municipal",
        "Sostenibilidad ambiental", "Transformación digital",
    ]
    assert len(SolutionKind) == 5 and len(Typology) == 4


def test_reference_items_are_code_so_admin_has_no_page_to_edit_them(login, staff_user):
    registered = {m._meta.model_name for m in admin.site._registry if m._meta.app_label == "portfolio"}
    assert "subtheme" in registered
    assert not registered & {"workline", "challenge", "solutionkind", "typology"}
    client = login(staff_user)
    staff_user.is_superuser = True
    staff_user.save()
    page = client.get("/admin/portfolio/")
    assert page.status_code == 200
    assert "Subtemas" in page.content.decode()
    assert client.get("/admin/portfolio/challenge/").status_code == 404
    assert client.get("/admin/portfolio/workline/").status_code == 404


def test_staff_adds_a_subtheme_under_a_reference_challenge(login, staff_user):
    client = login(staff_user)
    response = client.post(
        reverse("portfolio:subtheme_manage"), {"challenge": "seguridad", "name": "Prevención situacional"}
    )
    assert response.status_code == 302
    assert SubTheme.objects.filter(challenge="seguridad", name="Prevención situacional").exists()
    assert "Prevención situacional" in client.get(reverse("portfolio:subtheme_manage")).content.decode()
    api = client.get("/api/v1/challenges").json()
    assert next(c for c in api if c["code"] == "seguridad")["subthemes"] == ["Prevención situacional"]


def test_subtheme_needs_a_reference_challenge_and_officials_cannot_add(login, staff_user, official_a):
    client = login(staff_user)
    response = client.post(reverse("portfolio:subtheme_manage"), {"challenge": "inventado", "name": "X"})
    assert response.status_code == 200 and "no es una de las opciones" in response.content.decode()
    client = login(official_a)
    assert client.post(reverse("portfolio:subtheme_manage"), {"challenge": "aps", "name": "Y"}).status_code == 403
    assert not SubTheme.objects.exists()
