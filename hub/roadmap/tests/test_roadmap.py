"""The eight stages word for word, gate decisions with evidence, and cumulative regression alerts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hub.core.taxonomy import Stage
from hub.roadmap import services
from hub.roadmap.models import GateDecision, StageState, StageStatus
from hub.roadmap.selectors import roadmap_summary
from hub.roadmap.stages import STAGES

pytestmark = pytest.mark.django_db
MAKERS = "María Pérez, presidenta del directorio\nJuan Soto, director ejecutivo"


def _attest(user, met=True):
    return services.criterion_attest(
        acting_user=user,
        criterion="1.documento",
        met=met,
        document_url="https://amuch.cl/documento-marco.pdf",
        note="Acta de directorio",
    )


def test_there_are_eight_stages_with_the_document_names_components_and_result():
    assert [s.name for s in STAGES] == [str(label) for label in Stage.labels]
    assert STAGES[1].title == "Integración del ecosistema existente"
    assert [c.name for c in STAGES[3].components] == [
        "Estado central",
        "Municipios",
        "Academia",
        "Sector privado y cooperación internacional",
    ]
    assert STAGES[7].result.startswith("Sistema de mejora continua basado en evidencia")


def test_a_gate_cannot_advance_with_a_required_criterion_unmet(staff_user):
    services.stage_start(acting_user=staff_user, stage=1)
    with pytest.raises(ValidationError) as exc:
        services.gate_decide(
            acting_user=staff_user,
            stage=1,
            decision="avanzar",
            decision_makers=MAKERS,
            evidence="Documento marco",
            confidence="verde",
        )
    assert "criterios obligatorios" in str(exc.value)
    assert StageState.objects.get(stage=1).status == StageStatus.IN_PROGRESS
    assert GateDecision.objects.count() == 0


def test_a_gate_needs_two_named_decision_makers(staff_user):
    _attest(staff_user)
    services.stage_start(acting_user=staff_user, stage=1)
    with pytest.raises(ValidationError) as exc:
        services.gate_decide(
            acting_user=staff_user,
            stage=1,
            decision="avanzar",
            decision_makers="Sólo Una Persona",
            evidence="Documento marco",
            confidence="verde",
        )
    assert "dos decisores" in str(exc.value)
    assert StageState.objects.get(stage=1).status == StageStatus.IN_PROGRESS


def test_a_gate_advances_when_required_criteria_are_met_and_stores_them(staff_user):
    _attest(staff_user)
    services.stage_start(acting_user=staff_user, stage=1)
    gate = services.gate_decide(
        acting_user=staff_user,
        stage=1,
        decision="avanzar",
        decision_makers=MAKERS,
        evidence="https://amuch.cl/documento-marco.pdf",
        confidence="verde_ambar",
    )
    assert StageState.objects.get(stage=1).status == StageStatus.COMPLETED
    assert gate.makers == ["María Pérez, presidenta del directorio", "Juan Soto, director ejecutivo"]
    assert {c["code"]: c["met"] for c in gate.criteria_snapshot}["1.documento"] is True


def test_hold_is_allowed_with_criteria_unmet_and_advance_needs_the_previous_stage(staff_user):
    services.stage_start(acting_user=staff_user, stage=1)
    services.gate_decide(
        acting_user=staff_user,
        stage=1,
        decision="retener",
        decision_makers=MAKERS,
        evidence="Falta el acta",
        confidence="ambar",
    )
    assert StageState.objects.get(stage=1).status == StageStatus.ON_HOLD
    services.stage_start(acting_user=staff_user, stage=2)
    with pytest.raises(ValidationError):
        services.gate_decide(
            acting_user=staff_user,
            stage=2,
            decision="avanzar",
            decision_makers=MAKERS,
            evidence="Mapa",
            confidence="verde",
        )


def test_a_later_stage_shows_a_regression_alert_when_an_earlier_stage_stops_holding(staff_user):
    _attest(staff_user)
    services.stage_start(acting_user=staff_user, stage=1)
    services.gate_decide(
        acting_user=staff_user, stage=1, decision="avanzar", decision_makers=MAKERS, evidence="Acta", confidence="verde"
    )
    services.stage_start(acting_user=staff_user, stage=2)
    before = roadmap_summary()["stages"]
    assert before[0]["regressed"] is False and before[1]["at_risk_from"] == []
    _attest(staff_user, met=False)  # the framework document was withdrawn
    after = roadmap_summary()["stages"]
    assert after[0]["regressed"] is True
    assert after[1]["at_risk_from"] == [1] and after[7]["at_risk_from"] == [1]


def test_only_staff_record_gate_decisions_and_attestations(partner_user, official_a):
    with pytest.raises(PermissionDenied):
        services.gate_decide(
            acting_user=partner_user,
            stage=1,
            decision="retener",
            decision_makers=MAKERS,
            evidence="x",
            confidence="rojo",
        )
    with pytest.raises(PermissionDenied):
        _attest(official_a)


def test_an_attestation_link_must_be_a_document_address(staff_user):
    with pytest.raises(ValidationError):
        services.criterion_attest(
            acting_user=staff_user, criterion="1.documento", met=True, document_url="javascript:alert(1)"
        )


def test_the_gate_form_shows_the_spanish_reason_and_keeps_the_values(login, staff_user):
    client = login(staff_user)
    client.post("/hoja-de-ruta/etapas/1/iniciar/")
    response = client.post(
        "/hoja-de-ruta/etapas/1/decision/",
        {
            "decision": "avanzar",
            "confidence": "verde",
            "decision_makers": MAKERS,
            "evidence": "Acta pendiente",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "faltan criterios obligatorios" in body and "Acta pendiente" in body
    assert GateDecision.objects.count() == 0


def test_stage_components_link_to_the_platform_evidence(client):
    body = client.get("/hoja-de-ruta/etapas/2/").content.decode()
    assert "/portafolio/ecosistema/matriz/" in body and "/portafolio/ecosistema/mapa/" in body
    body = client.get("/hoja-de-ruta/etapas/6/").content.decode()
    assert 'href="/pilotos/"' in body
    body = client.get("/hoja-de-ruta/etapas/8/").content.decode()
    assert "/evaluacion/indicadores/cobertura/" in body
