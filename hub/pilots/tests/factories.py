"""Pilots in each state, built directly for tests (the service path is tested in test_lifecycle)."""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from hub.core.pdf import make_pdf

_seq = itertools.count(1)
PILOT_CUTS = ["13120", "09101"]
COMPARISON_CUTS = ["13119", "13110", "09112"]


def content(**overrides) -> dict:
    from hub.pilots import registration

    data = registration.empty_content()
    data.update({
        "hipotesis": "H1: baja la tasa.",
        "resultados_primarios": [{"indicador": "", "nombre": "Tasa propia", "definicion": "Casos por 1.000",
                                  "direccion": "higher_worse", "umbral": 1.0}],
        "indicadores_proceso": [{"nombre": "Rondas", "definicion": "Rondas por mes", "meta": "20"}],
        "periodo_base": ["2019", "2020", "2021"], "periodos_seguimiento": ["2023"],
        "comunas_piloto": list(PILOT_CUTS), "comunas_comparacion": list(COMPARISON_CUTS),
        "datos_faltantes": "Casos completos.",
    })
    data.update(overrides)
    return data


def pilot(*, status="diseno", frozen=None, staff=None, selected=PILOT_CUTS, with_files=False, **extra):
    from hub.pilots import registration
    from hub.pilots.models import Candidate, Commitment, Pilot, ProcessMeasurement, RegistrationVersion, TeamMember

    frozen = status != "diseno" if frozen is None else frozen
    body = content()
    p = Pilot.objects.create(
        title=f"Piloto de prueba {next(_seq)}", objective="Objetivo", protocol="Protocolo",
        start_date=extra.pop("start_date", datetime.date(2030, 1, 1)), end_date=datetime.date(2031, 12, 31),
        budget_clp=1_000_000, status=status, registration_draft=body, **extra)
    for cut in selected:
        Candidate.objects.create(pilot=p, comuna_id=cut, selected=True, reason="Razón")
    if staff is not None:
        TeamMember.objects.create(pilot=p, user=staff, role="coordinacion")
    if frozen:
        RegistrationVersion.objects.create(pilot=p, number=1, canonical_json=registration.canonical_json(body),
                                           sha256=registration.content_sha256(body))
    if with_files:
        pdf = make_pdf("Compromiso de prueba", ["Prueba"])
        commitment = Commitment(pilot=p, comuna_id=selected[0], counterpart="Contraparte",
                                signed_on=timezone.localdate())
        commitment.document.save("c.pdf", ContentFile(pdf), save=True)
        measurement = ProcessMeasurement(pilot=p, indicator="Rondas", comuna_id=selected[0], period="2030", value=3)
        measurement.evidence.save("e.txt", ContentFile(b"evidencia"), save=True)
        p.case_document.save("caso.pdf", ContentFile(pdf), save=True)
        p._commitment_pk, p._measurement_pk = commitment.pk, measurement.pk
    return p
