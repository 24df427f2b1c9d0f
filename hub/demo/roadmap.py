"""Demo roadmap: the stages walked in order with gate decisions taken from the criteria as checked now.

Stage 1's framework document is attested (demo link). Each stage is started; «avanzar» when its required
criteria hold, else «retener» and the walk stops there. Idempotent: a stage with a decision is left alone.
"""

import datetime

from hub.accounts.models import User
from hub.roadmap import services
from hub.roadmap.criteria import Evidence, criteria_for, evaluate
from hub.roadmap.models import CriterionAttestation, GateDecision, StageState, StageStatus

MAKERS = "Directorio AMUCH (demo): presidencia\nDirección ejecutiva del Hub (demo)\nConsejo consultivo (demo)"
CONFIDENCE = {True: "verde_ambar", False: "ambar"}


def load(stdout):
    staff = User.objects.filter(username="equipo").first()
    if staff is None:
        stdout.write("Hoja de ruta demo: falta el usuario «equipo»; omitida.")
        return
    if not CriterionAttestation.objects.filter(criterion="1.documento").exists():
        att = services.criterion_attest(
            acting_user=staff,
            criterion="1.documento",
            met=True,
            document_url="/",
            note="Demo: documento marco del Hub aprobado por el directorio.",
        )
        CriterionAttestation.objects.filter(pk=att.pk).update(is_demo=True)
    today = datetime.date.today()
    walked = []
    for stage in range(1, 9):
        state = StageState.objects.filter(stage=stage).first()
        if state and state.status == StageStatus.COMPLETED:
            walked.append(f"{stage}:completada")
            continue
        if state is None or state.status == StageStatus.NOT_STARTED:
            services.stage_start(acting_user=staff, stage=stage)
            StageState.objects.filter(stage=stage).update(is_demo=True)
        if GateDecision.objects.filter(stage=stage).exists():
            walked.append(f"{stage}:{StageState.objects.get(stage=stage).status}")
            break
        records = Evidence()
        ok = all(r["met"] for r in (evaluate(c, records) for c in criteria_for(stage)) if r["required"])
        gate = services.gate_decide(
            acting_user=staff,
            stage=stage,
            decision="avanzar" if ok else "retener",
            decision_makers=MAKERS,
            evidence="Demo: criterios de salida verificados en la plataforma (ver la etapa).",
            conditions=""
            if ok
            else "Demo: completar los criterios obligatorios pendientes antes de la próxima revisión.",
            confidence=CONFIDENCE[ok],
            decided_on=today - datetime.timedelta(days=30 * (9 - stage)),
            records=records,
        )
        GateDecision.objects.filter(pk=gate.pk).update(is_demo=True)
        walked.append(f"{stage}:{gate.decision}")
        if not ok:
            break
    stdout.write("Hoja de ruta demo: " + ", ".join(walked))
