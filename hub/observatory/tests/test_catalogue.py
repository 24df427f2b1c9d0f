import pytest

from hub.observatory import catalogue
from hub.observatory.models import Aggregation, Indicator, Source
from hub.observatory.services import catalogue_sync

pytestmark = pytest.mark.django_db

REQUIRED_CODES = [
    "poblacion_censo_2024",
    "poblacion_proyectada",
    "casos_policiales",
    "casos_policiales_mensual",
    "tasa_casos_policiales",
    "pobreza_ingresos",
    "pobreza_multidimensional",
    "aps_establecimientos_municipales",
    "aps_por_10mil_hab",
    "autonomia_financiera",
    "dependencia_fcm",
    "gasto_personal_pct",
    "inversion_por_habitante",
]


def test_catalogue_sync_creates_every_required_indicator_with_its_source():
    catalogue_sync()
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert set(REQUIRED_CODES) <= codes
    assert Source.objects.count() == len(catalogue.SOURCES)
    for indicator in Indicator.objects.select_related("source"):
        assert indicator.source.attribution
        assert indicator.name_es and indicator.name_en and indicator.definition


def test_catalogue_sync_twice_changes_nothing():
    catalogue_sync()
    second = catalogue_sync()
    assert second == {"sources_created": 0, "sources_updated": 0, "indicators_created": 0, "indicators_updated": 0}


def test_ratio_indicators_point_at_their_components_and_components_are_not_public():
    catalogue_sync()
    autonomia = Indicator.objects.get(code="autonomia_financiera")
    assert autonomia.aggregation == Aggregation.RATIO
    assert autonomia.numerator.code == "sinim_ingresos_propios_permanentes"
    assert autonomia.denominator.code == "sinim_ingresos_totales"
    assert autonomia.scale == 100
    assert not autonomia.numerator.is_public
    tasa = Indicator.objects.get(code="tasa_casos_policiales")
    assert (tasa.numerator.code, tasa.denominator.code, tasa.scale) == (
        "casos_policiales",
        "poblacion_proyectada",
        100000,
    )


def test_poverty_rates_are_never_summed_or_averaged():
    catalogue_sync()
    for code in ("pobreza_ingresos", "pobreza_multidimensional"):
        assert Indicator.objects.get(code=code).aggregation == Aggregation.NONE


def test_every_challenge_has_public_indicators_and_headlines():
    public_themes = {spec.theme for spec in catalogue.INDICATORS if spec.is_public}
    assert {"seguridad", "aps", "capital_humano", "ambiental", "digital"} <= public_themes
    for challenge, codes in catalogue.HEADLINES.items():
        assert codes, challenge
        for code in codes:
            spec = catalogue.INDICATORS_BY_CODE[code]
            assert spec.is_public and spec.theme == challenge, code


def test_derived_sources_carry_the_licence_of_every_component():
    sources = catalogue.SOURCES_BY_CODE
    for spec in [s for s in catalogue.INDICATORS if s.aggregation == "ratio" and s.numerator]:
        licence = sources[spec.source].licence
        assert licence, spec.code
        for part in (spec.numerator, spec.denominator):
            part_licence = sources[catalogue.INDICATORS_BY_CODE[part].source].licence
            if part_licence in {"CC0", "CC BY 4.0"}:
                assert part_licence in licence, (spec.code, part)
    assert sources["minsal_ine"].licence == "MINSAL: CC0; INE Censo 2024: CC BY 4.0"
