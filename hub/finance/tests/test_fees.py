"""Fee scale: the formula, bands, typology factor, frozen population, reproducibility, approval, simulator."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hub.finance import services
from hub.finance.fees import ScaleRule, compute_fee
from hub.finance.models import FeeScale, FrozenPopulation, Membership, ScaleStatus
from hub.territory.models import Comuna

pytestmark = pytest.mark.django_db
RULE = ScaleRule(kind="formula", base_clp=800_000, rate_per_inhabitant=Decimal("8"), minimum_clp=900_000,
                 maximum_clp=6_000_000, factors={"rurales_semiurbanas": Decimal("0.8")})


def test_formula_is_clamped_and_rounded_half_up():
    assert compute_fee(RULE, 10_000) == 900_000  # 880.000 below the minimum
    assert compute_fee(RULE, 100_000) == 1_600_000
    assert compute_fee(RULE, 10_000_000) == 6_000_000  # the maximum
    half = ScaleRule(base_clp=0, rate_per_inhabitant=Decimal("0.5"))
    assert compute_fee(half, 3) == 2  # 1,5 rounds up


def test_typology_factor_applies_inside_the_clamp():
    assert compute_fee(RULE, 100_000, "rurales_semiurbanas") == 1_280_000
    assert compute_fee(RULE, 5_000, "rurales_semiurbanas") == 900_000


def test_bands_pick_the_first_band_that_fits_and_the_open_band_catches_the_rest():
    bands = ScaleRule(kind="tramos", bands=[(None, 5_000_000), (10_000, 700_000), (100_000, 1_500_000)])
    assert compute_fee(bands, 9_999) == 700_000
    assert compute_fee(bands, 10_001) == 1_500_000
    assert compute_fee(bands, 900_000) == 5_000_000


def _approve(staff, year=2026, rule=RULE):
    scale = services.fee_scale_create(acting_user=staff, year=year, name="Escala", rule=rule)
    return services.fee_scale_approve(acting_user=staff, scale=scale, decision_body="Asamblea General",
                                      decision_reference="Acta N° 41", decision_date=datetime.date(2025, 11, 20))


def test_approval_records_the_decision_and_freezes_population(staff_user, comuna_a):
    scale = _approve(staff_user)
    assert (scale.status, scale.decision_reference, scale.approved_by) == (ScaleStatus.APROBADA, "Acta N° 41",
                                                                          staff_user)
    frozen = FrozenPopulation.objects.get(scale=scale, comuna=comuna_a)
    assert frozen.population == comuna_a.population_2024
    assert frozen.fee_clp == compute_fee(RULE, comuna_a.population_2024, comuna_a.typology)


def test_past_fees_do_not_change_when_the_territory_population_changes(staff_user, comuna_a):
    scale = _approve(staff_user)
    before = services.fee_for(comuna_a, 2026)[0]
    Comuna.objects.filter(cut=comuna_a.cut).update(population_2024=comuna_a.population_2024 * 3)
    assert services.fee_for(comuna_a, 2026)[0] == before
    frozen = FrozenPopulation.objects.get(scale=scale, comuna=comuna_a)
    assert compute_fee(ScaleRule.from_scale(scale), frozen.population, frozen.typology) == before  # reproducible


def test_a_second_scale_for_an_approved_year_is_refused(staff_user):
    _approve(staff_user)
    other = services.fee_scale_create(acting_user=staff_user, year=2026, name="Otra", rule=RULE)
    with pytest.raises(Exception, match="Ya hay una escala aprobada"):
        services.fee_scale_approve(acting_user=staff_user, scale=other, decision_body="A", decision_reference="B",
                                   decision_date=datetime.date(2026, 1, 1))
    other.refresh_from_db()
    assert other.status == ScaleStatus.BORRADOR


def test_approval_without_a_decision_reference_is_refused(staff_user):
    scale = services.fee_scale_create(acting_user=staff_user, year=2027, name="P", rule=RULE)
    with pytest.raises(ValidationError, match="referencia del acuerdo"):
        services.fee_scale_approve(acting_user=staff_user, scale=scale, decision_body="Asamblea",
                                   decision_reference=" ", decision_date=datetime.date(2026, 1, 1))
    assert not FrozenPopulation.objects.filter(scale=scale).exists()


def test_period_fee_comes_from_the_approved_scale(staff_user, comuna_a):
    _approve(staff_user)
    m = Membership.objects.create(comuna=comuna_a, joined_on=datetime.date(2026, 1, 1))
    period = services.membership_period_create(acting_user=staff_user, membership=m, year=2026)
    assert period.fee_clp == services.fee_for(comuna_a, 2026)[0]
    assert period.due_on == datetime.date(2026, 3, 31)


def test_simulator_shows_each_fee_total_and_change_without_saving(login, staff_user, comuna_a):
    _approve(staff_user)
    client = login(staff_user)
    response = client.get("/finanzas/cuotas/simulador/", {
        "year": 2027, "kind": "formula", "base_clp": "1.000.000", "rate_per_inhabitant": "10",
        "minimum_clp": "1.000.000", "maximum_clp": "8.000.000"})
    assert response.status_code == 200
    result = response.context["result"]
    row = next(r for r in result["rows"] if r["cut"] == comuna_a.cut)
    assert row["fee"] == min(8_000_000, 1_000_000 + 10 * comuna_a.population_2024)
    assert row["change"] == row["fee"] - services.fee_for(comuna_a, 2026)[0]
    assert result["total"] == sum(r["fee"] for r in result["rows"])
    assert FeeScale.objects.count() == 1


def test_simulator_bad_band_line_is_explained_and_nothing_saved(login, staff_user):
    response = login(staff_user).post("/finanzas/cuotas/simulador/", {"year": 2027, "kind": "tramos",
                                                                     "bands": "diez mil; mucho"})
    assert response.status_code == 400
    assert "Línea 1" in response.content.decode()
    assert FeeScale.objects.count() == 0


def test_staff_saves_a_proposal_as_draft_then_public_cannot_see_it(login, staff_user, client):
    response = login(staff_user).post("/finanzas/cuotas/simulador/", {"year": 2027, "kind": "formula",
                                                                     "base_clp": "500000", "minimum_clp": "500000"})
    scale = FeeScale.objects.get()
    assert response.status_code == 302 and scale.status == ScaleStatus.BORRADOR
    client.logout()
    assert client.get(f"/finanzas/cuotas/{scale.pk}/").status_code == 404
