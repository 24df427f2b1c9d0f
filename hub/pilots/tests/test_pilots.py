"""Pilots: the registration locks and hashes, the draw reproduces, DiD recovers a known effect, switches show."""

import datetime
import hashlib
import json
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from hub.core.pdf import make_pdf
from hub.pilots import analysis, registration, selection, selectors, services
from hub.pilots.models import AmendmentTiming, Pilot, PilotStatus, RegistrationVersion
from hub.territory.models import Comuna

from .factories import COMPARISON_CUTS, PILOT_CUTS, content, pilot

pytestmark = pytest.mark.django_db


def _commit(staff, p, cut):
    pdf = ContentFile(make_pdf("Compromiso", ["Prueba"]), name="c.pdf")
    services.commitment_record(acting_user=staff, pilot=p, comuna=Comuna.objects.get(cut=cut), counterpart="X",
                               signed_on=datetime.date(2029, 12, 1), document=pdf)


def _frozen(staff, **kwargs):
    p = pilot(status="diseno", frozen=False, staff=staff, **kwargs)
    services.registration_freeze(acting_user=staff, pilot=p)
    p.refresh_from_db()
    return p


def test_frozen_registration_cannot_be_edited_only_amended(staff_user):
    p = _frozen(staff_user)
    assert p.status == PilotStatus.PREREGISTRADO
    with pytest.raises(ValidationError, match="congelado"):
        services.registration_save_draft(acting_user=staff_user, pilot=p, content=content(hipotesis="Otra"))
    assert json.loads(p.versions.get(number=1).canonical_json)["hipotesis"] == "H1: baja la tasa."
    version = services.registration_amend(acting_user=staff_user, pilot=p, content=content(hipotesis="H1 precisada"),
                                          reason="Redacción", timing=AmendmentTiming.ANTES_DE_DATOS)
    assert version.number == 2 and version.changed_fields == ["hipotesis"] and not version.is_deviation
    assert json.loads(p.versions.get(number=1).canonical_json)["hipotesis"] == "H1: baja la tasa."


def test_amendment_needs_reason_and_a_change(staff_user):
    p = _frozen(staff_user)
    with pytest.raises(ValidationError, match="motivo"):
        services.registration_amend(acting_user=staff_user, pilot=p, content=content(hipotesis="X"), reason="",
                                    timing=AmendmentTiming.ANTES_DE_DATOS)
    with pytest.raises(ValidationError, match="no cambia nada"):
        services.registration_amend(acting_user=staff_user, pilot=p, content=content(), reason="r",
                                    timing=AmendmentTiming.ANTES_DE_DATOS)
    assert p.versions.count() == 1


def test_hash_recomputes_from_the_published_json(client, staff_user):
    p = _frozen(staff_user)
    version = p.versions.get(number=1)
    response = client.get(reverse("pilots:registration_json", args=[p.pk, 1]))
    body = response.content
    assert hashlib.sha256(body).hexdigest() == version.sha256
    reparsed = json.loads(body.decode("utf-8"))
    canonical = json.dumps(reparsed, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert hashlib.sha256(canonical).hexdigest() == version.sha256
    page = client.get(reverse("pilots:registration", args=[p.pk])).content.decode()
    assert version.sha256 in page and "sort_keys=True" in page


def test_freeze_refuses_an_incomplete_registration(staff_user):
    p = pilot(status="diseno", frozen=False, staff=staff_user)
    p.registration_draft = content(resultados_primarios=[], datos_faltantes="")
    p.save()
    with pytest.raises(ValidationError) as exc:
        services.registration_freeze(acting_user=staff_user, pilot=p)
    assert any("resultado primario" in m for m in exc.value.messages)
    assert not RegistrationVersion.objects.filter(pilot=p).exists()
    p.refresh_from_db()
    assert p.status == PilotStatus.DISENO


def test_more_than_three_primary_outcomes_is_refused(staff_user):
    p = pilot(status="diseno", frozen=False, staff=staff_user)
    outcomes = [{"indicador": "", "nombre": f"R{i}", "definicion": "d", "direccion": "higher_worse", "umbral": 1}
                for i in range(4)]
    with pytest.raises(ValidationError, match="máximo 3"):
        services.registration_save_draft(acting_user=staff_user, pilot=p,
                                         content=content(resultados_primarios=outcomes))


def test_same_seed_gives_the_same_comunas(staff_user):
    typologies = dict(Comuna.objects.values_list("cut", "typology"))
    candidates = sorted((cut, t) for cut, t in typologies.items() if t)[:80]
    quotas = selection.default_quotas()
    first = selection.stratified_draw(candidates, quotas, seed=12345)
    again = selection.stratified_draw(list(reversed(candidates)), quotas, seed=12345)
    assert first == again
    assert {typologies[c] for c in first} == set(quotas)
    others = {tuple(selection.stratified_draw(candidates, quotas, seed=s)) for s in range(20)}
    assert len(others) > 1  # the seed matters

    pilots = []
    for _ in range(2):
        p = pilot(status="diseno", frozen=False, staff=staff_user, selected=[])
        services.candidates_add(acting_user=staff_user, pilot=p, cuts=[c for c, _t in candidates])
        record = services.selection_draw(acting_user=staff_user, pilot=p, seed=777)
        pilots.append((services.selected_cuts(p), record.candidates_sha256))
    assert pilots[0] == pilots[1]


def test_draw_refuses_when_a_typology_has_no_candidates(staff_user):
    p = pilot(status="diseno", frozen=False, staff=staff_user, selected=[])
    services.candidates_add(acting_user=staff_user, pilot=p, cuts=["13120", "13101"])
    with pytest.raises(ValidationError, match="cuotas"):
        services.selection_draw(acting_user=staff_user, pilot=p, seed=1)
    assert not p.candidates.filter(selected=True).exists()


def test_manual_selection_needs_a_reason_per_comuna(staff_user):
    p = pilot(status="diseno", frozen=False, staff=staff_user, selected=[])
    services.candidates_add(acting_user=staff_user, pilot=p, cuts=["13120"])
    with pytest.raises(ValidationError, match="razón"):
        services.selection_manual(acting_user=staff_user, pilot=p, reasons={"13120": ""})
    services.selection_manual(acting_user=staff_user, pilot=p, reasons={"13120": "Tiene equipo"})
    assert services.selected_cuts(p) == ["13120"]


def test_balance_table_flags_large_standardised_differences():
    rows = selection.balance_table(["13101", "13110"], ["05101", "10101", "09101"])
    population = rows[0]
    assert population.smd is not None
    assert selection.smd([1, 2, 3], [1, 2, 3]) == 0
    big = selection.smd([10, 11, 12], [1, 2, 3])
    assert big > 0.25


def test_implementation_refuses_without_every_commitment_naming_the_comuna(staff_user):
    p = _frozen(staff_user)
    _commit(staff_user, p, "13120")
    with pytest.raises(ValidationError, match="Temuco"):
        services.pilot_start_implementation(acting_user=staff_user, pilot=p)
    p.refresh_from_db()
    assert p.status == PilotStatus.PREREGISTRADO
    _commit(staff_user, p, "09101")
    services.pilot_start_implementation(acting_user=staff_user, pilot=p)
    assert Pilot.objects.get(pk=p.pk).status == PilotStatus.EN_IMPLEMENTACION


def test_implementation_cannot_start_from_design(staff_user):
    p = pilot(status="diseno", frozen=False, staff=staff_user)
    with pytest.raises(ValidationError, match="No se puede pasar"):
        services.pilot_start_implementation(acting_user=staff_user, pilot=p)


def test_official_of_a_selected_comuna_records_its_commitment_but_not_another(official_a, staff_user):
    p = _frozen(staff_user)
    _commit(official_a, p, "13120")
    with pytest.raises(Exception, match="Temuco|funcionarios"):
        _commit(official_a, p, "09101")
    assert list(p.commitments.values_list("comuna_id", flat=True)) == ["13120"]


def _panel(effect: float, seed: int = 3):
    rng = random.Random(seed)
    treated = [f"T{i}" for i in range(6)]
    controls = [f"C{i}" for i in range(12)]
    base, follow = ["2018", "2019", "2020", "2021"], ["2022", "2023"]
    values = {}
    for unit in treated + controls:
        level = rng.gauss(50, 10)
        for t, period in enumerate(base + follow):
            y = level + 2.0 * t + rng.gauss(0, 1.0)
            if unit in treated and period in follow:
                y += effect
            values[(unit, period)] = y
    return values, treated, controls, base, follow


def test_did_recovers_a_known_effect_within_its_interval():
    values, treated, controls, base, follow = _panel(effect=-7.5)
    estimate = analysis.did(values, treated=treated, controls=controls, base=base, follow=follow)
    assert estimate.ci_low < -7.5 < estimate.ci_high
    assert abs(estimate.effect + 7.5) < 1.5
    assert estimate.ci_high < 0  # and it is distinguishable from zero
    assert estimate.details["pretrend"]["checked"] and not estimate.details["pretrend"]["flagged"]
    assert analysis.threshold_met(estimate, direction="higher_worse", threshold=5.0)
    assert not analysis.threshold_met(estimate, direction="higher_worse", threshold=20.0)


def test_did_flags_different_pre_trends():
    values, treated, controls, base, follow = _panel(effect=0.0)
    for unit in treated:
        for t, period in enumerate(base + follow):
            values[(unit, period)] += 3.0 * t
    estimate = analysis.did(values, treated=treated, controls=controls, base=base, follow=follow)
    assert estimate.details["pretrend"]["flagged"]


def test_did_drops_units_with_missing_periods():
    values, treated, controls, base, follow = _panel(effect=-5)
    del values[("C0", "2019")]
    estimate = analysis.did(values, treated=treated, controls=controls, base=base, follow=follow)
    assert estimate.details["dropped"] == ["C0"] and estimate.details["n_controls"] == 11


def test_synthetic_control_recovers_the_sign_of_a_large_effect():
    values, treated, controls, base, follow = _panel(effect=-15.0)
    estimate = analysis.synthetic_control(values, treated=treated[:1], controls=controls, base=base, follow=follow)
    assert estimate.effect is not None and estimate.effect < -8
    assert 0 < estimate.p_value <= 1


def _measured_pilot(staff, *, effect: float):
    """A pilot whose own primary outcome ("Tasa propia") has a known effect, in «En medición»."""
    from hub.pilots.models import ProcessMeasurement

    p = _frozen(staff)
    for cut in PILOT_CUTS:
        _commit(staff, p, cut)
    services.pilot_start_implementation(acting_user=staff, pilot=p)
    services.pilot_start_measurement(acting_user=staff, pilot=p)
    rng = random.Random(1)
    rows = []
    for cut in PILOT_CUTS + COMPARISON_CUTS:
        level = rng.gauss(30, 5)
        for t, period in enumerate(["2019", "2020", "2021", "2023"]):
            y = level + t + rng.gauss(0, 0.2) + (effect if cut in PILOT_CUTS and period == "2023" else 0)
            rows.append(ProcessMeasurement(pilot=p, indicator="Tasa propia", comuna_id=cut, period=period, value=y))
    ProcessMeasurement.objects.bulk_create(rows)
    return Pilot.objects.get(pk=p.pk)


def test_success_label_is_refused_unless_the_threshold_was_met(staff_user):
    p = _measured_pilot(staff_user, effect=0.0)
    results = services.analysis_run(acting_user=staff_user, pilot=p)
    assert results and not results[0].threshold_met
    with pytest.raises(ValidationError, match="aprendizaje"):
        services.pilot_close(acting_user=staff_user, pilot=p, label="exito", learning_summary="x")
    assert Pilot.objects.get(pk=p.pk).status == PilotStatus.EN_MEDICION
    services.pilot_close(acting_user=staff_user, pilot=p, label="aprendizaje", learning_summary="Aprendimos.")
    closed = Pilot.objects.get(pk=p.pk)
    assert closed.status == PilotStatus.CERRADO and closed.case_document and len(closed.case_document_sha256) == 64
    assert closed.case_document.open("rb").read(5) == b"%PDF-"


def test_success_label_is_accepted_when_the_threshold_was_met(staff_user):
    p = _measured_pilot(staff_user, effect=-6.0)
    results = services.analysis_run(acting_user=staff_user, pilot=p)
    assert results[0].threshold_met, results[0].details
    services.pilot_close(acting_user=staff_user, pilot=p, label="exito", learning_summary="Funcionó.")
    assert Pilot.objects.get(pk=p.pk).result_label == "exito"


def test_outcome_switched_after_results_is_shown_as_a_deviation(client, staff_user):
    p = _measured_pilot(staff_user, effect=0.0)
    services.analysis_run(acting_user=staff_user, pilot=p)
    switched = content(resultados_primarios=[{"indicador": "", "nombre": "Otra tasa", "definicion": "Otra",
                                              "direccion": "higher_worse", "umbral": 0.0}])
    with pytest.raises(ValidationError, match="resultados vistos"):
        services.registration_amend(acting_user=staff_user, pilot=p, content=switched, reason="Mejor indicador",
                                    timing=AmendmentTiming.DATOS_NO_VISTOS)
    version = services.registration_amend(acting_user=staff_user, pilot=p, content=switched, reason="Mejor indicador",
                                          timing=AmendmentTiming.RESULTADOS_VISTOS)
    assert version.is_deviation
    report = {row["key"]: row for row in selectors.registered_vs_reported(Pilot.objects.get(pk=p.pk))}
    assert report["propio:tasa propia"]["deviation"] and report["propio:otra tasa"]["deviation"]
    page = client.get(reverse("pilots:registration", args=[p.pk]) + "?a=1&b=2").content.decode()
    assert "Desviación" in page and "Otra tasa" in page and "diff-add" in page


def test_late_registration_is_flagged_publicly(client, staff_user):
    p = pilot(status="diseno", frozen=False, staff=staff_user, start_date=datetime.date(2020, 1, 1))
    services.registration_freeze(acting_user=staff_user, pilot=p)
    page = client.get(reverse("pilots:detail", args=[p.pk])).content.decode()
    assert "Registro tardío" in page
    on_time = _frozen(staff_user)
    assert "Registro tardío" not in client.get(reverse("pilots:detail", args=[on_time.pk])).content.decode()


def test_pilot_in_design_is_private_and_preregistered_is_public(client, staff_user):
    draft = pilot(status="diseno", frozen=False)
    assert client.get(reverse("pilots:detail", args=[draft.pk])).status_code == 404
    public = _frozen(staff_user)
    response = client.get(reverse("pilots:index"))
    assert public.title in response.content.decode() and draft.title not in response.content.decode()


def test_staff_creates_a_pilot_through_the_form(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("pilots:create"), {
        "title": "Piloto nuevo", "objective": "O", "protocol": "P", "start_date": "2030-01-01",
        "end_date": "2029-01-01", "budget_clp": "100"})
    assert response.status_code == 200 and not Pilot.objects.filter(title="Piloto nuevo").exists()
    assert "Revise" in response.content.decode()


def test_registration_form_round_trips_into_the_draft(client, staff_user):
    p = pilot(status="diseno", frozen=False, staff=staff_user)
    client.force_login(staff_user)
    response = client.post(reverse("pilots:registration_edit", args=[p.pk]), {
        "hipotesis": "H", "r1_nombre": "Tasa propia", "r1_definicion": "D", "r1_direccion": "higher_worse",
        "r1_umbral": "2", "indicadores_proceso": "Rondas | Por mes | 20", "periodo_base": "2019, 2020",
        "periodos_seguimiento": "2023", "comunas_comparacion": "13119 13110", "estimador": "dif_en_dif",
        "datos_faltantes": "Casos completos"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.registration_draft["resultados_primarios"][0]["umbral"] == 2.0
    assert p.registration_draft["comunas_comparacion"] == ["13110", "13119"]


def test_evidence_hooks_report_participation_and_results(staff_user):
    from hub.core.registry import evidence_sources

    p = _measured_pilot(staff_user, effect=0.0)
    services.analysis_run(acting_user=staff_user, pilot=p)
    services.pilot_close(acting_user=staff_user, pilot=p, label="aprendizaje", learning_summary="x")
    today = datetime.date.today()
    coverage = dict((k, f) for k, _l, f in evidence_sources("cobertura"))["pilot_participation"]
    impact = dict((k, f) for k, _l, f in evidence_sources("impacto"))["pilot_result"]
    assert sorted(e.cut for e in coverage(today, today)) == sorted(PILOT_CUTS)
    assert [e.extra["label"] for e in impact(today, today)] == ["aprendizaje"]
    assert registration.content_sha256({"a": 1}) == hashlib.sha256(b'{"a":1}').hexdigest()
