"""Demo pilots on real observatory data: one closed (CEAD police-case rate, DiD against comparison comunas) and
one pre-registered pilot in implementation. The interventions are fictitious; the outcome data are real.

Everything goes through hub.pilots.services. Only the record times are moved back afterwards (freeze, state
changes, closing) so the fictitious story happens before its follow-up years; content and hashes are untouched.
Idempotent on the pilot title. Without the observatory loaded (manage.py load_open_data) it says so and skips.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from hub.accounts.models import User
from hub.core.models import StateChange
from hub.core.pdf import make_pdf
from hub.observatory.models import Observation
from hub.pilots import services
from hub.pilots.models import AffectedProduct, AmendmentTiming, Pilot, ResultLabel, TeamRole
from hub.portfolio.models import Solution
from hub.territory.models import Comuna

OUTCOME = "tasa_casos_policiales"
CLOSED_TITLE = "Demo · Patrullaje preventivo focalizado con datos CEAD"
OPEN_TITLE = "Demo · Alarmas comunitarias con monitoreo municipal"
SOLUTION_TITLE = "Diagnóstico participativo de seguridad comunal"
CANDIDATES_PER_TYPOLOGY = 3


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _candidates(offset: int) -> list[str]:
    """Member comunas with CEAD data, a few per typology, picked deterministically (sorted by CUT)."""
    with_data = set(Observation.objects.filter(indicator__code=OUTCOME).values_list("comuna_id", flat=True))
    from hub.finance.membership import member_cuts

    members = member_cuts() or set(Comuna.objects.filter(is_amuch_member=True).values_list("cut", flat=True))
    cuts = []
    for typology in ("metropolitanas", "mayores", "urbanas_medianas", "rurales_semiurbanas"):
        pool = sorted(c for c in Comuna.objects.filter(typology=typology).values_list("cut", flat=True)
                      if c in with_data and c in members)
        cuts += pool[offset:offset + CANDIDATES_PER_TYPOLOGY]
    return cuts


def _commit_all(staff, pilot, signed_on):
    for candidate in pilot.candidates.filter(selected=True).select_related("comuna"):
        pdf = make_pdf(f"Compromiso de {candidate.comuna.name}", [
            f"La Municipalidad de {candidate.comuna.name} se compromete a participar en el piloto «{pilot.title}».",
            "Documento de demostración generado por el Hub: no es un compromiso real."])
        services.commitment_record(acting_user=staff, pilot=pilot, comuna=candidate.comuna,
                                   counterpart=f"Dirección de Seguridad de {candidate.comuna.name} (demo)",
                                   signed_on=signed_on, document=ContentFile(pdf, name="compromiso.pdf"),
                                   data_to_deliver="Registro mensual de rondas y reuniones vecinales")


def _content(pilot, *, base, follow, threshold):
    content = services.current_content(pilot)
    content.update({
        "hipotesis": "H1: el patrullaje focalizado con datos reduce la tasa anual de casos policiales en las "
                     "comunas piloto frente a comunas similares no tratadas.",
        "resultados_primarios": [{"indicador": OUTCOME, "nombre": "Tasa de casos policiales", "definicion": "",
                                  "direccion": "higher_worse", "umbral": threshold}],
        "indicadores_proceso": [{"nombre": "Rondas focalizadas por mes", "definicion": "Rondas preventivas en "
                                 "los cuadrantes priorizados, según bitácora municipal", "meta": "20"}],
        "periodo_base": base, "periodos_seguimiento": follow,
        "datos_faltantes": "Casos completos: se excluye la comuna sin dato en algún periodo registrado, y se informa.",
    })
    return content


def _backdate(pilot, *, frozen: datetime.date, states: dict[str, datetime.date]):
    pilot.versions.filter(number=1).update(created_at=_at(frozen))
    changes = StateChange.objects.filter(content_type=ContentType.objects.get_for_model(Pilot),
                                         object_id=str(pilot.pk))
    for state, day in states.items():
        changes.filter(to_state=state).update(at=_at(day))


def _closed_pilot(staff, solution, stdout):
    pilot = services.pilot_create(
        acting_user=staff, is_demo=True, title=CLOSED_TITLE, solution=solution,
        objective="Reducir los casos policiales con rondas preventivas focalizadas en los cuadrantes que concentran "
                  "denuncias, planificadas cada mes con los datos del CEAD.",
        protocol="1. Diagnóstico participativo por cuadrante.\n2. Plan mensual de rondas con Carabineros y "
                 "seguridad municipal.\n3. Bitácora de rondas y reuniones vecinales.\n4. Revisión trimestral.",
        start_date=datetime.date(2022, 3, 1), end_date=datetime.date(2023, 12, 31), budget_clp=180_000_000)
    services.team_member_add(acting_user=staff, pilot=pilot, user=staff, role=TeamRole.COORDINACION)
    services.candidates_add(acting_user=staff, pilot=pilot, cuts=_candidates(0),
                            origin="Comuna socia que lo pidió en la mesa de seguridad (demo)")
    services.selection_draw(acting_user=staff, pilot=pilot, seed=20220110)
    _commit_all(staff, pilot, datetime.date(2022, 2, 15))
    services.registration_save_draft(acting_user=staff, pilot=pilot, content=_content(
        pilot, base=["2018", "2019", "2020", "2021"], follow=["2023", "2024"], threshold=150.0))
    services.registration_freeze(acting_user=staff, pilot=pilot)
    amended = services.current_content(pilot)
    amended["indicadores_proceso"].append({"nombre": "Reuniones vecinales", "definicion": "Reuniones de "
                                           "cuadrante con juntas de vecinos", "meta": "2"})
    services.registration_amend(acting_user=staff, pilot=pilot, content=amended, timing=AmendmentTiming.ANTES_DE_DATOS,
                                reason="Se agrega un indicador de proceso pedido por las comunas antes del inicio.")
    services.pilot_start_implementation(acting_user=staff, pilot=pilot)
    for cut in services.selected_cuts(pilot):
        services.measurement_record(acting_user=staff, pilot=pilot, indicator="Rondas focalizadas por mes",
                                    comuna=Comuna.objects.get(cut=cut), period="2022-06", value=18,
                                    note="Bitácora municipal (demo)")
    services.adjustment_record(acting_user=staff, pilot=pilot, what="Rondas en horario vespertino",
                               why="La bitácora mostró que los delitos se concentraban entre 18 y 22 horas.",
                               product=AffectedProduct.PROTOCOLO, evidence_note="Bitácoras de junio 2022 (demo)")
    services.pilot_start_measurement(acting_user=staff, pilot=pilot)
    results = services.analysis_run(acting_user=staff, pilot=pilot)
    met = all(r.threshold_met for r in results if r.estimator == "dif_en_dif")
    services.pilot_close(
        acting_user=staff, pilot=pilot, label=ResultLabel.EXITO if met else ResultLabel.APRENDIZAJE,
        learning_summary="Resultado informado tal como salió de la estimación preregistrada. La focalización exige "
                         "datos mensuales a tiempo; en comunas rurales la baja cantidad de casos hace la tasa muy "
                         "variable, y conviene agrupar cuadrantes.")
    _backdate(pilot, frozen=datetime.date(2022, 1, 20), states={
        "preregistrado": datetime.date(2022, 1, 20), "en_implementacion": datetime.date(2022, 3, 1),
        "en_medicion": datetime.date(2024, 1, 2), "cerrado": datetime.date(2025, 4, 15)})
    pilot.versions.filter(number=2).update(created_at=_at(datetime.date(2022, 2, 10)))
    pilot.results.update(computed_at=_at(datetime.date(2025, 4, 1)))
    pilot.adjustments.update(recorded_at=_at(datetime.date(2022, 6, 30)))
    Pilot.objects.filter(pk=pilot.pk).update(closed_at=_at(datetime.date(2025, 4, 15)),
                                             results_seen_at=_at(datetime.date(2025, 4, 1)))
    services.case_document_render(acting_user=staff, pilot=Pilot.objects.get(pk=pilot.pk))
    stdout.write(f"Pilotos demo: «{CLOSED_TITLE}» cerrado ({pilot.get_result_label_display()}), "
                 f"efecto DiD {results[0].effect:.1f} por 100.000 hab.")


def _open_pilot(staff, solution, stdout):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=60)
    pilot = services.pilot_create(
        acting_user=staff, is_demo=True, title=OPEN_TITLE, solution=solution,
        objective="Probar alarmas comunitarias conectadas a la central municipal en barrios con más denuncias.",
        protocol="1. Instalación en barrios priorizados.\n2. Protocolo de respuesta de la central.\n3. Registro "
                 "mensual de activaciones.", start_date=start, end_date=start + datetime.timedelta(days=540),
        budget_clp=95_000_000)
    services.team_member_add(acting_user=staff, pilot=pilot, user=staff, role=TeamRole.COORDINACION)
    services.candidates_add(acting_user=staff, pilot=pilot, cuts=_candidates(3),
                            origin="Postulación de comunas socias (demo)")
    services.selection_draw(acting_user=staff, pilot=pilot, seed=20260105)
    _commit_all(staff, pilot, start - datetime.timedelta(days=20))
    content = _content(pilot, base=["2021", "2022", "2023", "2024"], follow=[str(start.year + 1)], threshold=100.0)
    content["hipotesis"] = ("H1: las alarmas comunitarias reducen la tasa anual de casos policiales en las comunas "
                            "piloto frente a comunas similares no tratadas.")
    content["indicadores_proceso"] = [{"nombre": "Activaciones de alarma", "definicion": "Activaciones mensuales "
                                       "registradas por la central municipal", "meta": "—"}]
    content["estimador"] = "control_sintetico"
    services.registration_save_draft(acting_user=staff, pilot=pilot, content=content)
    services.registration_freeze(acting_user=staff, pilot=pilot)
    services.pilot_start_implementation(acting_user=staff, pilot=pilot)
    _backdate(pilot, frozen=start - datetime.timedelta(days=10), states={
        "preregistrado": start - datetime.timedelta(days=10), "en_implementacion": start})
    stdout.write(f"Pilotos demo: «{OPEN_TITLE}» preregistrado y en implementación.")


def load(stdout):
    if not Observation.objects.filter(indicator__code=OUTCOME).exists():
        stdout.write("Pilotos demo: omitidos, faltan los datos del observatorio (ejecute «manage.py load_open_data» "
                     "y luego «manage.py load_demo»).")
        return
    staff = User.objects.filter(username="equipo").first()
    solution = Solution.objects.filter(title=SOLUTION_TITLE).first()
    if staff is None:
        stdout.write("Pilotos demo: omitidos, falta el usuario demo «equipo».")
        return
    from django.core.exceptions import ValidationError
    from django.db import transaction

    for title, build in ((CLOSED_TITLE, _closed_pilot), (OPEN_TITLE, _open_pilot)):
        if Pilot.objects.filter(title=title).exists():
            continue
        try:
            with transaction.atomic():
                build(staff, solution, stdout)
        except ValidationError as exc:  # too few member comunas with data (e.g. a partial observatory)
            stdout.write(f"Pilotos demo: «{title}» omitido: {exc.messages[0]}")
