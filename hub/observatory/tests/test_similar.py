import pytest

from hub.observatory import similar

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


def test_eight_neighbours_from_census_features_without_finance_data():
    neighbours = similar.similar_comunas("13120")
    assert len(neighbours) == 8
    assert "13120" not in [n.cut for n in neighbours]
    assert neighbours == sorted(neighbours, key=lambda n: n.distance)


def test_large_urban_comuna_is_closer_to_urban_than_to_rural_comunas():
    # Ñuñoa (Santiago) should not have tiny rural comunas such as General Lagos among its peers.
    cuts = [n.cut for n in similar.similar_comunas("13120")]
    assert "15202" not in cuts


def test_finance_features_change_the_neighbours(client):
    from hub.observatory.models import Indicator, Observation, Source
    from hub.territory.models import Comuna

    before = [n.cut for n in similar.similar_comunas("13120")]
    source = Source.objects.create(code="s", institution="S", dataset="S", attribution="S")
    ind = Indicator.objects.create(code="autonomia_financiera", name_es="A", name_en="A", definition="d",
                                   unit="percent", theme="finanzas", source=source, periodicity="year",
                                   direction="neutral", aggregation="none")
    rows = [Observation(indicator=ind, comuna=c, period="2024", year=2024, value=float(i % 7) * 10)
            for i, c in enumerate(Comuna.objects.order_by("cut"))]
    Observation.objects.bulk_create(rows)
    after = [n.cut for n in similar.similar_comunas("13120")]
    assert after != before


def test_features_used_are_named_and_missing_values_are_none():
    features = similar.features_used("13120")
    labels = [str(f["label"]) for f in features]
    assert "Personas por hogar" in labels
    finance = next(f for f in features if f["key"] == "autonomia_financiera")
    assert finance["value"] is None


def test_unknown_comuna_has_no_neighbours():
    assert similar.similar_comunas("99999") == []


def test_one_extreme_value_cannot_dominate_the_distance():
    table = {f"{i:05d}": {key: float(i % 10) for key, *_rest in similar.FEATURES} for i in range(1, 41)}
    table["00001"]["inversion_por_habitante"] = 1e9  # a Colchane-like outlier
    scaled = similar._robust_scale(table)
    assert scaled["00001"]["inversion_por_habitante"] == similar.CLIP
    assert max(abs(v) for row in scaled.values() for v in row.values()) <= similar.CLIP


def test_comunas_missing_more_than_half_the_features_are_not_compared():
    table = {f"{i:05d}": {key: float(i) for key, *_rest in similar.FEATURES} for i in range(1, 21)}
    table["00005"] = {key: (1.0 if n < 3 else None) for n, (key, *_rest) in enumerate(similar.FEATURES)}
    assert "00005" not in similar._robust_scale(table)
    assert similar.is_excluded("12202")  # Antártica: no census, no finance
    assert similar.similar_comunas("12202") == []
    assert "12202" not in [n.cut for n in similar.similar_comunas("12201")]


def test_persons_per_household_come_from_the_census_field():
    nunoa = next(f for f in similar.features_used("13120") if f["key"] == "personas_hogar")
    assert nunoa["value"] == 2.2  # censo2024_hogares_viviendas.json promedio_personas_hogar
    assert "Censo" in str(nunoa["source"])
