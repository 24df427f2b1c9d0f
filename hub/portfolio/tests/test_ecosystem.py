import re

import pytest
from django.urls import reverse

from hub.portfolio.ecosystem import ecosystem_matrix
from hub.portfolio.models import EcosystemUnit, UnitProduct, UnitRelation


def _unit(slug, name):
    return EcosystemUnit.objects.create(slug=slug, name=name, short_name=name[:12], mission="M", responsible="R")


def _product(unit, name, kind, line, challenge):
    return UnitProduct.objects.create(unit=unit, name=name, kind=kind, work_line=line, challenge=challenge)


@pytest.fixture
def three_units(db):
    return _unit("a", "Unidad A"), _unit("b", "Unidad B"), _unit("c", "Unidad C")


def test_duplication_is_two_units_with_the_same_kind_for_the_same_challenge_and_line(three_units):
    a, b, c = three_units
    _product(a, "Diag A", "diagnostico", "conocimiento", "seguridad")
    _product(b, "Diag B", "diagnostico", "conocimiento", "seguridad")
    _product(c, "Proto C", "protocolo", "conocimiento", "seguridad")  # other kind: not a duplicate
    m = ecosystem_matrix()
    assert [(d.work_line, d.challenge, d.kind, [u.slug for u in d.units]) for d in m.duplications] == [
        ("conocimiento", "seguridad", "diagnostico", ["a", "b"])
    ]


def test_same_kind_in_another_line_is_not_a_duplication(three_units):
    a, b, _ = three_units
    _product(a, "Diag A", "diagnostico", "conocimiento", "seguridad")
    _product(b, "Diag B", "diagnostico", "asistencia", "seguridad")
    assert ecosystem_matrix().duplications == []


def test_gaps_are_the_empty_cells(three_units):
    a, _, _ = three_units
    assert len(ecosystem_matrix().gaps) == 25
    _product(a, "Diag A", "diagnostico", "conocimiento", "seguridad")
    m = ecosystem_matrix()
    assert len(m.gaps) == 24
    assert ("conocimiento", "seguridad") not in {(g.work_line, g.challenge) for g in m.gaps}


def test_synergy_is_two_units_on_the_same_challenge_with_different_lines(three_units):
    a, b, c = three_units
    _product(a, "Reporte APS", "diagnostico", "conocimiento", "aps")
    _product(b, "Prototipo APS", "modelo", "innovacion", "aps")
    _product(c, "Reporte APS C", "herramienta", "conocimiento", "aps")  # same line as A: no synergy A-C
    pairs = {(s.unit_a.slug, s.unit_b.slug, s.challenge) for s in ecosystem_matrix().synergies}
    assert pairs == {("a", "b", "aps"), ("b", "c", "aps")}


def test_units_on_different_challenges_have_no_synergy(three_units):
    a, b, _ = three_units
    _product(a, "X", "diagnostico", "conocimiento", "aps")
    _product(b, "Y", "modelo", "innovacion", "seguridad")
    assert ecosystem_matrix().synergies == []


def test_matrix_page_shows_units_in_cells_and_the_flags(client, three_units):
    a, b, _ = three_units
    _product(a, "Diag A", "diagnostico", "conocimiento", "seguridad")
    _product(b, "Diag B", "diagnostico", "conocimiento", "seguridad")
    html = client.get(reverse("portfolio:ecosystem_matrix")).content.decode()
    assert "Duplicidad" in html and "Unidad A, Unidad B" in html
    assert "24 cruces sin unidades ni soluciones" in html
    assert html.count('class="pf-gap"') == 24


def test_map_is_a_server_side_svg_with_circles_arrows_and_labels_without_inline_style(client, three_units):
    a, b, c = three_units
    UnitRelation.objects.create(source=a, target=b, kind="provee_datos")
    UnitRelation.objects.create(source=b, target=c, kind="coordina")
    html = client.get(reverse("portfolio:ecosystem_map")).content.decode()
    svg = html[html.index("<svg viewBox"):html.index("</svg>")]
    assert svg.count("<circle") == 3
    assert svg.count('marker-end="url(#arrow-') == 2
    assert "provee datos a" in svg and "coordina con" in svg and "Unidad A" in svg
    assert "style=" not in html and "<script>" not in html
    # Coordinates are plain numbers with a dot (no locale comma would break the SVG).
    assert re.search(r'cx="\d+(\.\d+)?"', svg)


def test_relation_to_itself_is_refused(three_units):
    from django.db import IntegrityError, transaction

    a, _, _ = three_units
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitRelation.objects.create(source=a, target=a, kind="coordina")


def test_unit_page_shows_mission_products_relations_and_governance(client, three_units):
    a, b, _ = three_units
    a.governance_decision = "Decide el comité técnico"
    a.save()
    _product(a, "Diag A", "diagnostico", "conocimiento", "seguridad")
    UnitRelation.objects.create(source=a, target=b, kind="coproduce")
    html = client.get(a.get_absolute_url()).content.decode()
    assert "Decide el comité técnico" in html and "Diag A" in html and "co-produce con" in html
