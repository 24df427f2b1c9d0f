"""Every write of the pilots app: keyword-only, access-checked first, validated, transactional.

Refusals raise ValidationError / PermissionDenied with a Spanish message and change nothing.
"""

from __future__ import annotations

import datetime
import json
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.transitions import TransitionRefused, transition
from hub.notifications.services import notify
from hub.observatory.models import Indicator
from hub.partners.models import PUBLISHED_STATUSES as AGREEMENT_SIGNED
from hub.territory.models import Comuna, Typology

from . import access, analysis, registration, selection
from .models import (
    PILOT_TRANSITIONS,
    TYPOLOGY_ORDER,
    Adjustment,
    AmendmentTiming,
    Candidate,
    Commitment,
    Estimator,
    OutcomeResult,
    Pilot,
    PilotStatus,
    ProcessMeasurement,
    RegistrationVersion,
    ResultLabel,
    Selection,
    SelectionMethod,
    TeamMember,
)

PILOT_FIELDS = ("title", "solution", "training_programme_id", "training_programme_name", "objective", "protocol",
                "start_date", "end_date", "budget_clp")
KIND_COMMITMENT = "pilot_commitment_requested"
KIND_AMENDMENT = "pilot_registration_amended"


def _require_manage(user, pilot: Pilot) -> None:
    if not access.can_manage_pilot(user, pilot):
        raise PermissionDenied(_("Solo el equipo del Hub y el equipo del piloto pueden cambiar este piloto."))


def _require_status(pilot: Pilot, *statuses: str, action: str) -> None:
    if pilot.status not in statuses:
        allowed = ", ".join(f"«{PilotStatus(s).label}»" for s in statuses)
        raise ValidationError(
            _("%(action)s solo es posible con el piloto en %(allowed)s; está «%(now)s».")
            % {"action": action, "allowed": allowed, "now": pilot.get_status_display()}
        )


# Pilot -------------------------------------------------------------------------------------------------------


@transaction.atomic
def pilot_create(*, acting_user, is_demo: bool = False, **fields) -> Pilot:
    if not access.can_create_pilot(acting_user):
        raise PermissionDenied(_("Solo el equipo del Hub puede crear pilotos."))
    pilot = Pilot(created_by=acting_user, is_demo=is_demo, registration_draft=registration.empty_content())
    for name in PILOT_FIELDS:
        if name in fields:
            setattr(pilot, name, fields[name])
    pilot.full_clean()
    pilot.save()
    return pilot


@transaction.atomic
def pilot_update(*, acting_user, pilot: Pilot, **fields) -> Pilot:
    _require_manage(acting_user, pilot)
    if pilot.status == PilotStatus.CERRADO:
        raise ValidationError(_("Un piloto cerrado no se modifica: su documento de caso ya fue emitido."))
    for name in PILOT_FIELDS:
        if name in fields:
            setattr(pilot, name, fields[name])
    pilot.full_clean()
    pilot.save()
    return pilot


@transaction.atomic
def team_member_add(*, acting_user, pilot: Pilot, user, role: str) -> TeamMember:
    _require_manage(acting_user, pilot)
    if pilot.team.filter(user=user).exists():
        raise ValidationError(_("%(u)s ya integra el equipo.") % {"u": user.get_full_name() or user.username})
    member = TeamMember(pilot=pilot, user=user, role=role)
    member.full_clean()
    member.save()
    return member


# Selection ---------------------------------------------------------------------------------------------------


def _require_unselected(pilot: Pilot) -> None:
    _require_status(pilot, PilotStatus.DISENO, action=_("Cambiar la selección"))
    if Selection.objects.filter(pilot=pilot).exists():
        raise ValidationError(_("La selección ya se hizo y quedó registrada; no se repite."))


@transaction.atomic
def candidates_add(*, acting_user, pilot: Pilot, cuts: list[str], origin: str = "") -> list[Candidate]:
    _require_manage(acting_user, pilot)
    _require_unselected(pilot)
    wanted = sorted({c.strip() for c in cuts if c.strip()})
    known = set(Comuna.objects.filter(cut__in=wanted).values_list("cut", flat=True))
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise ValidationError(_("Códigos CUT desconocidos: %(c)s.") % {"c": ", ".join(unknown)})
    existing = set(pilot.candidates.values_list("comuna_id", flat=True))
    created = [Candidate(pilot=pilot, comuna_id=c, origin=origin[:300]) for c in wanted if c not in existing]
    Candidate.objects.bulk_create(created)
    return created


def _notify_selected(pilot: Pilot, cuts: list[str]) -> None:
    from hub.accounts.models import User

    officials = User.objects.filter(comunas__cut__in=cuts, is_active=True).distinct()
    notify(
        recipients=list(officials), kind=KIND_COMMITMENT,
        title=_("Su comuna fue seleccionada para el piloto «%(t)s»") % {"t": pilot.title},
        body=_("Para iniciar la implementación, la comuna debe firmar su compromiso (documento o convenio)."),
        url=pilot.get_absolute_url(),
    )


@transaction.atomic
def selection_draw(*, acting_user, pilot: Pilot, quotas: dict[str, int] | None = None,
                   seed: int | None = None) -> Selection:
    _require_manage(acting_user, pilot)
    _require_unselected(pilot)
    quotas = {t: int(n) for t, n in (quotas or selection.default_quotas()).items() if int(n) > 0}
    if any(t not in TYPOLOGY_ORDER for t in quotas):
        raise ValidationError(_("Tipología desconocida en las cuotas."))
    candidates = list(pilot.candidates.values_list("comuna_id", "comuna__typology"))
    seed = seed if seed is not None else secrets.randbelow(2**31)
    drawn = selection.stratified_draw(candidates, quotas, seed)
    pilot.candidates.filter(comuna_id__in=drawn).update(selected=True, reason=_("Sorteo estratificado, semilla %(s)s")
                                                        % {"s": seed})
    record = Selection.objects.create(
        pilot=pilot, method=SelectionMethod.ALEATORIO, quotas=quotas, seed=seed, done_by=acting_user,
        candidates_sha256=selection.candidates_fingerprint([c for c, _t in candidates], quotas),
    )
    _sync_draft_comunas(pilot, drawn)
    _notify_selected(pilot, drawn)
    return record


@transaction.atomic
def selection_manual(*, acting_user, pilot: Pilot, reasons: dict[str, str]) -> Selection:
    """A documented manual choice: every chosen comuna needs its reason; quotas are checked (≥1 per typology)."""
    _require_manage(acting_user, pilot)
    _require_unselected(pilot)
    chosen = {cut: (reason or "").strip() for cut, reason in reasons.items()}
    candidates = dict(pilot.candidates.values_list("comuna_id", "comuna__typology"))
    errors = [_("%(c)s no es candidata de este piloto.") % {"c": c} for c in chosen if c not in candidates]
    errors += [_("Escriba la razón para elegir %(c)s.") % {"c": c} for c, r in chosen.items() if not r]
    if not chosen:
        errors.append(_("Elija al menos una comuna."))
    covered = {candidates[c] for c in chosen if c in candidates}
    available = set(candidates.values())
    missing = [Typology(t).label for t in TYPOLOGY_ORDER if t in available and t not in covered]
    if missing:
        errors.append(_("Falta al menos una comuna de: %(t)s.") % {"t": ", ".join(map(str, missing))})
    if errors:
        raise ValidationError(errors)
    for cut, reason in chosen.items():
        pilot.candidates.filter(comuna_id=cut).update(selected=True, reason=reason[:500])
    quotas = {t: sum(1 for c in chosen if candidates[c] == t) for t in TYPOLOGY_ORDER if t in covered}
    record = Selection.objects.create(
        pilot=pilot, method=SelectionMethod.MANUAL, quotas=quotas, seed=None, done_by=acting_user,
        candidates_sha256=selection.candidates_fingerprint(list(candidates), quotas),
    )
    _sync_draft_comunas(pilot, sorted(chosen))
    _notify_selected(pilot, sorted(chosen))
    return record


def _sync_draft_comunas(pilot: Pilot, cuts: list[str]) -> None:
    """The selected comunas enter the draft; comparison comunas are suggested from similar untreated ones."""
    draft = {**registration.empty_content(), **(pilot.registration_draft or {})}
    draft["comunas_piloto"] = sorted(cuts)
    candidates = set(pilot.candidates.values_list("comuna_id", flat=True))
    draft["comunas_comparacion"] = selection.suggest_comparison(cuts, exclude=candidates)
    pilot.registration_draft = draft
    pilot.save(update_fields=["registration_draft"])


def selected_cuts(pilot: Pilot) -> list[str]:
    return sorted(pilot.candidates.filter(selected=True).values_list("comuna_id", flat=True))


# Commitments --------------------------------------------------------------------------------------------------


@transaction.atomic
def commitment_record(*, acting_user, pilot: Pilot, comuna: Comuna, counterpart: str, signed_on: datetime.date,
                      document=None, agreement=None, data_to_deliver: str = "") -> Commitment:
    if not access.can_record_commitment(acting_user, pilot, comuna):
        raise PermissionDenied(_("Solo el equipo del piloto o funcionarios de %(c)s registran este compromiso.")
                               % {"c": comuna})
    if not pilot.candidates.filter(comuna=comuna, selected=True).exists():
        raise ValidationError(_("%(c)s no está seleccionada en este piloto.") % {"c": comuna})
    if pilot.commitments.filter(comuna=comuna).exists():
        raise ValidationError(_("%(c)s ya registró su compromiso.") % {"c": comuna})
    errors = {}
    if document is None and agreement is None:
        errors["document"] = _("Suba el compromiso firmado en PDF o elija un convenio firmado.")
    if agreement is not None and agreement.status not in AGREEMENT_SIGNED:
        errors["agreement"] = _("El convenio «%(a)s» aún no está firmado.") % {"a": agreement}
    if document is not None:
        head = document.read(5)
        document.seek(0)
        if head != b"%PDF-":
            errors["document"] = _("El archivo no es un PDF: suba el compromiso firmado en PDF.")
    if errors:
        raise ValidationError(errors)
    commitment = Commitment(pilot=pilot, comuna=comuna, counterpart=counterpart, signed_on=signed_on,
                            agreement=agreement, data_to_deliver=data_to_deliver, recorded_by=acting_user)
    if document is not None:
        commitment.document.save("compromiso.pdf", document, save=False)
    commitment.full_clean()
    commitment.save()
    return commitment


def missing_commitments(pilot: Pilot) -> list[str]:
    signed = set(pilot.commitments.values_list("comuna_id", flat=True))
    return [name for cut, name in pilot.candidates.filter(selected=True).values_list("comuna_id", "comuna__name")
            if cut not in signed]


# Pre-registration ----------------------------------------------------------------------------------------------


def _validate(content: dict, *, for_freeze: bool) -> None:
    codes = {o.get("indicador") for o in content.get("resultados_primarios") or [] if o.get("indicador")}
    cuts = set(content.get("comunas_piloto") or []) | set(content.get("comunas_comparacion") or [])
    registration.validate_content(
        content,
        indicator_codes=set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True)),
        comuna_cuts=set(Comuna.objects.filter(cut__in=cuts).values_list("cut", flat=True)),
        for_freeze=for_freeze,
    )


def current_content(pilot: Pilot) -> dict:
    latest = pilot.versions.order_by("-number").first()
    if latest is None:
        return {**registration.empty_content(), **(pilot.registration_draft or {})}
    return json.loads(latest.canonical_json)


def _normalise(content: dict) -> dict:
    base = registration.empty_content()
    return {key: content.get(key, base[key]) for key in base}


@transaction.atomic
def registration_save_draft(*, acting_user, pilot: Pilot, content: dict) -> Pilot:
    _require_manage(acting_user, pilot)
    locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
    if locked.versions.exists():
        raise ValidationError(_("El preregistro está congelado: no se edita. Registre una enmienda con su motivo."))
    content = _normalise(content)
    _validate(content, for_freeze=False)
    locked.registration_draft = content
    locked.save(update_fields=["registration_draft"])
    pilot.registration_draft = content
    return pilot


@transaction.atomic
def registration_freeze(*, acting_user, pilot: Pilot) -> RegistrationVersion:
    """Freeze version 1 (canonical JSON + SHA-256 + time) and move the pilot to «Preregistrado»."""
    _require_manage(acting_user, pilot)
    locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
    if locked.versions.exists():
        raise ValidationError(_("El preregistro ya está congelado."))
    content = _normalise(locked.registration_draft or {})
    _validate(content, for_freeze=True)
    text = registration.canonical_json(content)
    version = RegistrationVersion.objects.create(
        pilot=locked, number=1, canonical_json=text, sha256=registration.content_sha256(content),
        created_by=acting_user,
    )
    transition(pilot, to=PilotStatus.PREREGISTRADO, allowed=PILOT_TRANSITIONS, acting_user=acting_user,
               reason=_("Preregistro congelado: SHA-256 %(h)s") % {"h": version.sha256})
    return version


@transaction.atomic
def registration_amend(*, acting_user, pilot: Pilot, content: dict, reason: str, timing: str) -> RegistrationVersion:
    """A new version with its reason and timing class; after results were seen it is a deviation."""
    _require_manage(acting_user, pilot)
    locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
    previous = locked.versions.order_by("-number").first()
    if previous is None:
        raise ValidationError(_("El preregistro aún no está congelado: edite el borrador directamente."))
    if locked.status == PilotStatus.CERRADO:
        raise ValidationError(_("El piloto está cerrado: su preregistro ya no cambia."))
    errors = []
    if not (reason or "").strip():
        errors.append(_("Explique el motivo de la enmienda."))
    if timing not in AmendmentTiming.values:
        errors.append(_("Indique en qué momento se hace el cambio respecto de los datos."))
    elif locked.results_seen_at and timing != AmendmentTiming.RESULTADOS_VISTOS:
        errors.append(_("Ya se calcularon resultados (%(d)s): el cambio debe declararse «resultados vistos» y se "
                        "mostrará como desviación.") % {"d": f"{timezone.localtime(locked.results_seen_at):%d-%m-%Y}"})
    if errors:
        raise ValidationError(errors)
    content = _normalise(content)
    _validate(content, for_freeze=True)
    old = json.loads(previous.canonical_json)
    changed = registration.changed_sections(old, content)
    if not changed:
        raise ValidationError(_("La enmienda no cambia nada respecto de la versión %(n)s.") % {"n": previous.number})
    version = RegistrationVersion.objects.create(
        pilot=locked, number=previous.number + 1, canonical_json=registration.canonical_json(content),
        sha256=registration.content_sha256(content), created_by=acting_user, reason=reason.strip()[:4000],
        timing=timing, changed_fields=changed,
    )
    team = [m.user for m in locked.team.select_related("user") if m.user_id != getattr(acting_user, "pk", None)]
    notify(recipients=team, kind=KIND_AMENDMENT,
           title=_("Nueva versión %(n)s del preregistro de «%(t)s»") % {"n": version.number, "t": locked.title},
           body=reason[:500], url=locked.get_absolute_url())
    return version


# States -------------------------------------------------------------------------------------------------------


def _commitments_guard(pilot: Pilot) -> None:
    missing = missing_commitments(pilot)
    if missing:
        raise TransitionRefused(
            _("No se puede iniciar la implementación: faltan los compromisos firmados de %(c)s.")
            % {"c": ", ".join(missing)}
        )


@transaction.atomic
def pilot_start_implementation(*, acting_user, pilot: Pilot) -> Pilot:
    _require_manage(acting_user, pilot)
    return transition(pilot, to=PilotStatus.EN_IMPLEMENTACION, allowed=PILOT_TRANSITIONS, acting_user=acting_user,
                      guard=_commitments_guard)


@transaction.atomic
def pilot_start_measurement(*, acting_user, pilot: Pilot) -> Pilot:
    _require_manage(acting_user, pilot)
    return transition(pilot, to=PilotStatus.EN_MEDICION, allowed=PILOT_TRANSITIONS, acting_user=acting_user)


# Measurement ---------------------------------------------------------------------------------------------------


@transaction.atomic
def measurement_record(*, acting_user, pilot: Pilot, indicator: str, comuna: Comuna, period: str, value: float,
                       evidence=None, note: str = "") -> ProcessMeasurement:
    _require_manage(acting_user, pilot)
    _require_status(pilot, PilotStatus.EN_IMPLEMENTACION, PilotStatus.EN_MEDICION, action=_("Registrar mediciones"))
    content = current_content(pilot)
    names = [p.get("nombre") for p in content.get("indicadores_proceso") or []]
    names += [o.get("nombre") for o in content.get("resultados_primarios") or [] if not o.get("indicador")]
    errors = {}
    if indicator not in names:
        errors["indicator"] = _("«%(i)s» no es un indicador registrado; registrados: %(n)s.") % {
            "i": indicator, "n": ", ".join(n for n in names if n) or _("ninguno")}
    units = set(content.get("comunas_piloto") or []) | set(content.get("comunas_comparacion") or [])
    if comuna.cut not in units:
        errors["comuna"] = _("%(c)s no es comuna piloto ni de comparación.") % {"c": comuna}
    if errors:
        raise ValidationError(errors)
    measurement = ProcessMeasurement(pilot=pilot, indicator=indicator, comuna=comuna, period=period, value=value,
                                     note=note, recorded_by=acting_user)
    if evidence is not None:
        measurement.evidence.save(evidence.name.rsplit("/", 1)[-1], evidence, save=False)
    measurement.full_clean()
    measurement.save()
    return measurement


def _outcome_values(pilot: Pilot, outcome: dict, cuts: list[str], periods: list[str]) -> dict:
    from hub.observatory.models import Observation

    if outcome.get("indicador"):
        rows = Observation.objects.filter(indicator__code=outcome["indicador"], comuna_id__in=cuts,
                                          period__in=periods, dimension="").values_list("comuna_id", "period", "value")
    else:
        rows = pilot.measurements.filter(indicator=outcome.get("nombre"), comuna_id__in=cuts,
                                         period__in=periods).values_list("comuna_id", "period", "value")
    return {(cut, period): value for cut, period, value in rows}


@transaction.atomic
def analysis_run(*, acting_user, pilot: Pilot) -> list[OutcomeResult]:
    """Run the registered estimator for every primary outcome of the current version; results are now seen."""
    _require_manage(acting_user, pilot)
    _require_status(pilot, PilotStatus.EN_MEDICION, action=_("Calcular resultados"))
    locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
    version = locked.versions.order_by("-number").first()
    content = json.loads(version.canonical_json)
    treated, controls = content["comunas_piloto"], content["comunas_comparacion"]
    base, follow = content["periodo_base"], content["periodos_seguimiento"]
    locked.results.all().delete()
    created = []
    for outcome in content["resultados_primarios"]:
        values = _outcome_values(locked, outcome, treated + controls, base + follow)
        estimates = [analysis.did(values, treated=treated, controls=controls, base=base, follow=follow)]
        if content["estimador"] == Estimator.SYNTH:
            estimates.append(analysis.synthetic_control(values, treated=treated, controls=controls, base=base,
                                                        follow=follow))
        for estimate in estimates:
            met = estimate.estimator == "dif_en_dif" and analysis.threshold_met(
                estimate, direction=outcome["direccion"], threshold=float(outcome["umbral"]))
            if content["estimador"] == Estimator.SYNTH and estimate.estimator == "control_sintetico":
                # The registered estimator decides: synthetic control needs its point estimate past the threshold
                # and a placebo p-value below 0.05 (it has no symmetric interval).
                met = bool(estimate.effect is not None and estimate.p_value is not None and estimate.p_value < 0.05
                           and analysis.improvement(estimate.effect, outcome["direccion"]) >= float(outcome["umbral"]))
            created.append(OutcomeResult.objects.create(
                pilot=locked, version_number=version.number, outcome_key=registration.outcome_key(outcome)[:80],
                outcome_name=(outcome.get("nombre") or outcome.get("indicador"))[:200], estimator=estimate.estimator,
                effect=estimate.effect, ci_low=estimate.ci_low, ci_high=estimate.ci_high, p_value=estimate.p_value,
                threshold=float(outcome["umbral"]), threshold_met=met,
                details={**estimate.details, "error": str(estimate.error), "direction": outcome["direccion"]},
            ))
    if locked.results_seen_at is None:
        locked.results_seen_at = timezone.now()
        locked.save(update_fields=["results_seen_at"])
        pilot.results_seen_at = locked.results_seen_at
    return created


def registered_estimator_results(pilot: Pilot) -> list[OutcomeResult]:
    """The results that count: the registered estimator for each outcome."""
    content = current_content(pilot)
    wanted = content.get("estimador", Estimator.DID)
    return [r for r in pilot.results.all() if r.estimator == wanted]


# Adjustments and closing --------------------------------------------------------------------------------------


@transaction.atomic
def adjustment_record(*, acting_user, pilot: Pilot, what: str, why: str, product: str, evidence=None,
                      evidence_note: str = "") -> Adjustment:
    _require_manage(acting_user, pilot)
    _require_status(pilot, PilotStatus.PREREGISTRADO, PilotStatus.EN_IMPLEMENTACION, PilotStatus.EN_MEDICION,
                    action=_("Registrar ajustes"))
    adjustment = Adjustment(pilot=pilot, what=what, why=why, product=product, evidence_note=evidence_note,
                            recorded_by=acting_user)
    if evidence is not None:
        adjustment.evidence.save(evidence.name.rsplit("/", 1)[-1], evidence, save=False)
    adjustment.full_clean()
    adjustment.save()
    return adjustment


@transaction.atomic
def pilot_close(*, acting_user, pilot: Pilot, label: str, learning_summary: str) -> Pilot:
    """Close with «éxito» only when every registered primary outcome met its threshold; emit the case PDF."""
    _require_manage(acting_user, pilot)
    _require_status(pilot, PilotStatus.EN_MEDICION, action=_("Cerrar el piloto"))
    results = registered_estimator_results(pilot)
    errors = []
    if not results:
        errors.append(_("Calcule los resultados antes de cerrar el piloto."))
    if label not in ResultLabel.values:
        errors.append(_("Elija «éxito» o «aprendizaje»."))
    elif label == ResultLabel.EXITO and results and not all(r.threshold_met for r in results):
        unmet = ", ".join(r.outcome_name for r in results if not r.threshold_met)
        errors.append(_("No se puede calificar «éxito»: no se cumplió el umbral preregistrado de %(o)s. "
                        "Califique el caso como «aprendizaje».") % {"o": unmet})
    if not (learning_summary or "").strip():
        errors.append(_("Resuma los aprendizajes del piloto."))
    if errors:
        raise ValidationError(errors)

    def guard(locked: Pilot) -> None:
        locked.result_label = label
        locked.learning_summary = learning_summary.strip()[:8000]
        locked.closed_at = timezone.now()

    closed = transition(pilot, to=PilotStatus.CERRADO, allowed=PILOT_TRANSITIONS, acting_user=acting_user,
                        guard=guard, extra_update_fields=())
    closed.save(update_fields=["result_label", "learning_summary", "closed_at"])
    case_document_render(acting_user=acting_user, pilot=closed)
    for name in ("result_label", "learning_summary", "closed_at", "case_document", "case_document_sha256", "status"):
        setattr(pilot, name, getattr(closed, name))
    return pilot



@transaction.atomic
def case_document_render(*, acting_user, pilot: Pilot) -> Pilot:
    """(Re)emit the case PDF of a closed pilot from its current record; its SHA-256 is stored next to it."""
    _require_manage(acting_user, pilot)
    _require_status(pilot, PilotStatus.CERRADO, action=_("Emitir el documento del caso"))
    from hub.core.documents import sha256_hex

    from . import documents

    pdf = documents.case_pdf(pilot)
    pilot.case_document.save(f"caso-{pilot.pk}.pdf", ContentFile(pdf), save=False)
    pilot.case_document_sha256 = sha256_hex(pdf)
    pilot.save(update_fields=["case_document", "case_document_sha256"])
    return pilot
