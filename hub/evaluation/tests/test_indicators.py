"""Each indicator recomputed here from fixture records of the existing apps plus fake registered sources."""

import math

import pytest

from hub.evaluation.results import (
    compute_articulacion,
    compute_cartera,
    compute_cobertura,
    compute_impacto,
    shannon,
    theil_between,
    year_window,
)
from hub.territory.models import Comuna

from .factories import YEAR, agreement, ev, organization, practice, replication, solution

pytestmark = pytest.mark.django_db
START, END = year_window(YEAR)


def test_cobertura_counts_a_comuna_once_across_modules(comuna_a, comuna_b, fake_sources):
    # Ñuñoa: a replication (network), a signed agreement (partners) and a certified training (fake module).
    replication(comuna_a, practice_obj=practice(comuna_b))
    muni = organization("Municipalidad de Ñuñoa", "municipios", comuna=comuna_a)
    agreement("Convenio Ñuñoa", [muni])
    fake_sources(
        "cobertura",
        "training_certified",
        [ev("training_certified", comuna_a.cut), ev("training_certified", comuna_b.cut)],
    )

    row = compute_cobertura(START, END)

    assert row["numerator"] == 2
    assert row["denominator"] == Comuna.objects.count() == 346
    listed = {c["cut"]: c for c in row["comunas"]}
    assert set(listed) == {comuna_a.cut, comuna_b.cut}
    assert {e["kind"] for e in listed[comuna_a.cut]["evidence"]} == {
        "replication",
        "agreement_signed",
        "training_certified",
    }
    assert row["records"] == 4 and row["counted_once"] == 2
    typ = {t["typology"]: t for t in row["by_typology"]}
    assert typ[comuna_a.typology]["benefited"] >= 1
    assert sum(t["benefited"] for t in row["by_typology"]) == 2


def test_total_cobertura_is_the_ratio_of_sums_never_the_mean_of_typology_rates(fake_sources):
    rural = list(Comuna.objects.filter(typology="rurales_semiurbanas").order_by("cut")[:3])
    metro = Comuna.objects.filter(typology="metropolitanas").order_by("cut").first()
    fake_sources("cobertura", "pilot_participation", [ev("pilot_participation", c.cut) for c in [*rural, metro]])

    row = compute_cobertura(START, END)

    assert row["value"] == round(4 / 346, 6)
    rates = [t["rate"] for t in row["by_typology"]]
    mean_of_rates = sum(rates) / len(rates)
    assert not math.isclose(row["value"], mean_of_rates, rel_tol=1e-3)
    for t in row["by_typology"]:
        assert t["rate"] == round(t["benefited"] / t["comunas"], 6)


def test_evidence_outside_the_period_or_for_an_unknown_comuna_is_not_counted(fake_sources):
    import datetime

    fake_sources(
        "cobertura",
        "assistance_closed",
        [
            ev("assistance_closed", "13120", on=datetime.date(2024, 12, 31)),
            ev("assistance_closed", "99999"),
        ],
    )
    row = compute_cobertura(START, END)
    assert row["numerator"] == 0
    assert row["unknown_comuna"] == 1


def test_cartera_counts_a_solution_published_and_replicated_once_with_diversity(comuna_a, comuna_b, fake_sources):
    s1 = solution("Tablero digital", "innovacion", "digital")
    solution("Protocolo APS", "asistencia", "aps")
    replication(comuna_a, solution=s1)  # the same solution implemented by a comuna: still one programme
    replication(comuna_b, practice_obj=practice(comuna_a, challenge="seguridad"))
    fake_sources(
        "cartera",
        "training_programme",
        [
            ev(
                "training_programme",
                label="Programa de ciberseguridad",
                work_line="formacion",
                challenge="digital",
                extra={"key": "programme:1"},
            )
        ],
    )

    row = compute_cartera(START, END, target=5)

    assert row["value"] == 4
    counts = [v for r in row["matrix"] for v in r["cells"]]
    assert sum(counts) == 4 and row["empty_cells"] == 25 - 4
    assert row["shannon"] == round(math.log(4), 6) == round(shannon(counts), 6)
    assert row["target_met"] is False
    assert row["previous"] == 0 and row["growth"] is None


def test_cartera_growth_compares_with_the_previous_year():
    import datetime

    solution("Antigua", published=datetime.date(2024, 3, 1))
    solution("Nueva 1")
    solution("Nueva 2", challenge="aps")
    row = compute_cartera(START, END)
    assert row["previous"] == 1 and row["value"] == 2 and row["growth"] == 1.0


def test_impacto_is_causal_only_for_a_preregistered_pilot(fake_sources):
    fake_sources(
        "impacto",
        "pilot_closed",
        [
            ev(
                "pilot_closed",
                "13120",
                label="Piloto A",
                extra={
                    "preregistered": True,
                    "pilot_url": "/pilotos/1/",
                    "registered_effect": -5,
                    "observed_effect": -4,
                },
            ),
            ev("pilot_closed", "09101", label="Piloto B sin pre-registro", extra={"preregistered": False}),
        ],
    )
    fake_sources(
        "impacto",
        "recommendation_implemented",
        [
            ev(
                "recommendation_implemented",
                "09101",
                label="Recomendación",
                extra={"preregistered": True, "saving_clp": 1_000_000},
            ),
        ],
    )
    row = compute_impacto(START, END)
    levels = {i["label"]: i["evidence_level"] for i in row["improvements"]}
    assert levels == {"Piloto A": "causal", "Piloto B sin pre-registro": "descriptiva", "Recomendación": "descriptiva"}
    assert row["causal"] == 1 and row["descriptive"] == 2 and row["savings_clp"] == 1_000_000


def test_theil_between_is_zero_for_equal_rates_and_matches_the_formula():
    assert theil_between({"a": (10, 100), "b": (20, 200)}) == pytest.approx(0.0)
    groups = {"a": (30.0, 100.0), "b": (10.0, 100.0)}
    r = 40 / 200
    expected = (30 / 40) * math.log(0.3 / r) + (10 / 40) * math.log(0.1 / r)
    assert theil_between(groups) == pytest.approx(expected)


def test_territorial_gaps_use_ratio_of_sums_per_typology_from_the_observatory():
    from hub.observatory.models import Indicator, Observation, Source

    src = Source.objects.create(code="src", institution="Inst", dataset="D", attribution="Fuente de prueba")
    common = {"source": src, "definition": "d", "periodicity": "year", "direction": "higher_worse"}
    num = Indicator.objects.create(
        code="casos", name_es="Casos", name_en="Cases", unit="count", theme="seguridad", aggregation="sum", **common
    )
    den = Indicator.objects.create(
        code="pob", name_es="Pob", name_en="Pop", unit="persons", theme="contexto", aggregation="sum", **common
    )
    tasa = Indicator.objects.create(
        code="tasa",
        name_es="Tasa",
        name_en="Rate",
        unit="per_100k",
        theme="seguridad",
        aggregation="ratio",
        numerator=num,
        denominator=den,
        scale=100000,
        **common,
    )
    metro = list(Comuna.objects.filter(typology="metropolitanas").order_by("cut")[:2])
    rural = list(Comuna.objects.filter(typology="rurales_semiurbanas").order_by("cut")[:2])
    values = [(metro[0], 30, 1000), (metro[1], 10, 1000), (rural[0], 1, 100), (rural[1], 3, 900)]
    for comuna, n, d in values:
        Observation.objects.create(
            indicator=tasa, comuna=comuna, period="2024", year=2024, value=n / d * 100000, numerator=n, denominator=d
        )
    gaps = compute_impacto(START, END)["gaps"]
    assert [g["indicator"] for g in gaps] == ["tasa"]
    y = gaps[0]["years"][0]
    assert y["rates"]["metropolitanas"] == pytest.approx(40 / 2000 * 100000)  # not the mean of 3000 and 1000 per 100k
    assert y["rates"]["rurales_semiurbanas"] == pytest.approx(4 / 1000 * 100000)
    assert y["difference"] == pytest.approx(2000 - 400)
    assert y["theil_between"] == pytest.approx(theil_between({"m": (40, 2000), "r": (4, 1000)}), abs=1e-6)


def test_articulacion_counts_an_agreement_once_with_several_actor_types_and_its_rubric(staff_user, fake_sources):
    from hub.evaluation.services import agreement_quality_set

    uni = organization("Universidad", "academia")
    subdere = organization("SUBDERE", "estado_central")
    a1 = agreement("Convenio académico-estatal", [uni, subdere])
    agreement("Convenio académico", [uni])
    agreement("Borrador", [uni], status="borrador")
    agreement_quality_set(
        acting_user=staff_user, agreement=a1, is_active=True, shared_resources=True, has_results=False, renewed=False
    )
    fake_sources("articulacion", "agenda_participation", [ev("agenda_participation", label="Audiencia en el Senado")])

    row = compute_articulacion(START, END)

    assert row["value"] == 2
    actors = {r["actor_type"]: r["agreements"] for r in row["by_actor"]}
    assert actors == {"estado_central": 1, "municipios": 0, "academia": 2, "privado_cooperacion": 0}
    assert row["quality_mean"] == 2.0 and row["quality_rated"] == 1 and row["quality_unrated"] == 1
    assert row["agenda"] == 1


def test_a_draft_agreement_cannot_be_rated(staff_user):
    from django.core.exceptions import ValidationError

    from hub.evaluation.services import agreement_quality_set

    draft = agreement("Borrador", [organization("U", "academia")], status="borrador")
    with pytest.raises(ValidationError):
        agreement_quality_set(
            acting_user=staff_user,
            agreement=draft,
            is_active=True,
            shared_resources=False,
            has_results=False,
            renewed=False,
        )


def test_a_comuna_in_a_running_collaborative_project_is_covered_once_with_its_replication(comuna_a, comuna_b):
    import datetime

    from hub.partners.models import Project

    project = Project.objects.create(
        name="Proyecto conjunto",
        status="en_ejecucion",
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2026, 3, 1),
    )
    project.comunas.add(comuna_a)
    replication(comuna_a, practice_obj=practice(comuna_b))
    row = compute_cobertura(START, END)
    assert row["numerator"] == 1
    assert {e["kind"] for e in row["comunas"][0]["evidence"]} == {"project_participation", "replication"}
