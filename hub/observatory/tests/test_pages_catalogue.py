import pytest
from django.urls import reverse

from .pages_data import build, clear_observatory_cache  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_observatory_cache")]


def test_catalogue_groups_indicators_by_challenge_and_never_says_importer_ready(client):
    build(comunas=5, years=1, months=1)
    html = client.get(reverse("observatory:indicator_list")).content.decode()
    assert "Seguridad pública municipal" in html
    assert "Casos policiales" in html
    assert "Finanzas municipales" in html
    assert "Capital humano municipal" in html
    assert "importador genérico está listo" not in html


def test_catalogue_hides_private_component_indicators(client):
    build(comunas=5, years=1, months=1)
    html = client.get(reverse("observatory:indicator_list")).content.decode()
    assert "Componente privado" not in html


def test_catalogue_with_no_data_still_renders_every_challenge(client):
    html = client.get(reverse("observatory:indicator_list")).content.decode()
    assert "Atención primaria de salud" in html
    assert "Transformación digital" in html
