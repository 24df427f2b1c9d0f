"""Every write of formación: catalogue, enrolment (seats, waiting list, pools, fees), attendance and grades.

Seats: a seat is taken with one conditional UPDATE (``seats_taken < capacity``) that the database runs
atomically, so two people asking for the last seat at the same instant never both get it (PostgreSQL locks
the row and re-checks the condition; SQLite serialises writers). Pool seats work the same way. Certificates
live in services_certificates.py.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cl import rut as rut_number

from hub.accounts.models import User
from hub.core.transitions import transition
from hub.finance.membership import is_member, user_has_member_benefits
from hub.finance.revenue import register_revenue
from hub.notifications.services import notify
from hub.partners.models import PUBLISHED_STATUSES
from hub.territory.models import Comuna

from . import access
from .completion import validate_rule
from .models import (
    COHORT_TRANSITIONS,
    DEFAULT_RULE,
    ENROLMENT_TRANSITIONS,
    PAYMENT_TRANSITIONS,
    SEAT_HOLDING,
    Assessment,
    Attendance,
    AttendanceMark,
    Cohort,
    CohortStatus,
    CompletionRule,
    Coordinator,
    Enrolment,
    EnrolmentStatus,
    FeeBasis,
    Grade,
    PaymentStatus,
    Programme,
    SeatPool,
    Session,
)

REVENUE_LINE = 2  # «Formación y certificación»


# --- catalogue --------------------------------------------------------------------------------------------------

def programme_create(*, acting_user, **fields) -> Programme:
    access.require_staff(acting_user)
    programme = Programme(**fields)
    programme.full_clean()
    programme.save()
    return programme


def cohort_create(*, acting_user, programme: Programme, rule: dict | None = None, **fields) -> Cohort:
    access.require_staff(acting_user)
    with transaction.atomic():
        cohort = Cohort(programme=programme, **fields)
        cohort.full_clean()
        cohort.save()
        CompletionRule.objects.create(cohort=cohort, version=1, rule=validate_rule(rule or DEFAULT_RULE),
                                      created_by=acting_user)
    return cohort


def session_add(*, acting_user, cohort: Cohort, title: str, starts_at, duration_minutes: int,
                place: str = "") -> Session:
    access.require_staff(acting_user)
    session = Session(cohort=cohort, title=title, starts_at=starts_at, duration_minutes=duration_minutes,
                      place=place)
    session.full_clean()
    session.save()
    return session


def current_rule(cohort: Cohort) -> CompletionRule:
    rule = cohort.rules.order_by("-version").first()
    if rule is None:  # a cohort made outside cohort_create still has a rule
        rule = CompletionRule.objects.create(cohort=cohort, version=1, rule=dict(DEFAULT_RULE))
    return rule


def cohort_set_rule(*, acting_user, cohort: Cohort, rule: dict) -> CompletionRule:
    """A new version of the completion rule; earlier versions stay for the record."""
    access.require_staff(acting_user)
    clean = validate_rule(rule)
    if cohort.status in (CohortStatus.CERRADA, CohortStatus.CANCELADA):
        raise ValidationError(_("La versión ya terminó: su regla de aprobación no se cambia."))
    with transaction.atomic():
        locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
        last = current_rule(locked)
        return CompletionRule.objects.create(cohort=locked, version=last.version + 1, rule=clean,
                                             created_by=acting_user)


def cohort_open(*, acting_user, cohort: Cohort) -> Cohort:
    access.require_staff(acting_user)
    return transition(cohort, to=CohortStatus.ABIERTA, allowed=COHORT_TRANSITIONS, acting_user=acting_user)


def cohort_start(*, acting_user, cohort: Cohort) -> Cohort:
    """Inscripciones → en curso: confirmed learners become active; the waiting list is told there was no seat."""
    access.require_staff(acting_user)
    with transaction.atomic():
        cohort = transition(cohort, to=CohortStatus.EN_CURSO, allowed=COHORT_TRANSITIONS, acting_user=acting_user)
        for enrolment in cohort.enrolments.filter(status=EnrolmentStatus.CONFIRMADA):
            transition(enrolment, to=EnrolmentStatus.ACTIVA, allowed=ENROLMENT_TRANSITIONS, acting_user=acting_user)
        waiting = list(cohort.enrolments.filter(status=EnrolmentStatus.EN_ESPERA).select_related("user"))
        for enrolment in waiting:
            transition(enrolment, to=EnrolmentStatus.CANCELADA, allowed=ENROLMENT_TRANSITIONS,
                       acting_user=acting_user, reason=_("La versión comenzó sin que se liberara un cupo."))
        if waiting:
            notify(recipients=[e.user for e in waiting], kind="training_waitlist_closed",
                   title=_("No se liberó un cupo en %(c)s") % {"c": cohort},
                   body=_("La versión comenzó. Le avisaremos de las próximas versiones del programa."),
                   url=cohort.get_absolute_url())
    return cohort


def cohort_cancel(*, acting_user, cohort: Cohort, reason: str) -> Cohort:
    access.require_staff(acting_user)
    if not reason.strip():
        raise ValidationError(_("Indique el motivo de la cancelación."))
    with transaction.atomic():
        cohort = transition(cohort, to=CohortStatus.CANCELADA, allowed=COHORT_TRANSITIONS,
                            acting_user=acting_user, reason=reason)
        people = []
        for enrolment in cohort.enrolments.filter(status__in=[
                EnrolmentStatus.SOLICITADA, EnrolmentStatus.EN_ESPERA, EnrolmentStatus.CONFIRMADA,
                EnrolmentStatus.ACTIVA]).select_related("user"):
            _end_enrolment(enrolment, to=EnrolmentStatus.CANCELADA, acting_user=acting_user, reason=reason,
                           promote=False)
            people.append(enrolment.user)
        notify(recipients=people, kind="training_cohort_cancelled", title=_("Se canceló %(c)s") % {"c": cohort},
               body=reason, url=cohort.get_absolute_url())
    return cohort


# --- coordinators and pools -------------------------------------------------------------------------------------

def coordinator_add(*, acting_user, comuna: Comuna, user: User) -> Coordinator:
    access.require_staff(acting_user)
    if not user.is_official or comuna.cut not in set(user.comunas.values_list("cut", flat=True)):
        raise ValidationError(_("La coordinación debe ser una funcionaria o funcionario de %(c)s.") % {"c": comuna})
    coordinator, _created = Coordinator.objects.get_or_create(comuna=comuna, user=user,
                                                              defaults={"created_by": acting_user})
    return coordinator


def coordinator_remove(*, acting_user, coordinator: Coordinator) -> None:
    access.require_staff(acting_user)
    coordinator.delete()


def pool_create(*, acting_user, agreement, comuna: Comuna, seats_total: int, programme: Programme | None = None,
                unit_price_clp: int = 0, is_demo: bool = False) -> SeatPool:
    access.require_staff(acting_user)
    if agreement.status not in PUBLISHED_STATUSES:
        raise ValidationError(_("Los cupos se compran con un convenio firmado y publicado (principio de "
                                "transparencia); este convenio está en borrador."))
    pool = SeatPool(agreement=agreement, comuna=comuna, seats_total=seats_total, programme=programme,
                    unit_price_clp=unit_price_clp, is_demo=is_demo)
    pool.full_clean()
    pool.save()
    return pool


def _pool_for(cohort: Cohort, comuna: Comuna | None) -> SeatPool | None:
    if comuna is None:
        return None
    return (
        SeatPool.objects.filter(comuna=comuna, agreement__status__in=PUBLISHED_STATUSES,
                                seats_used__lt=F("seats_total"))
        .filter(Q(programme__isnull=True) | Q(programme_id=cohort.programme_id))
        .select_related("agreement")
        .order_by("programme_id", "pk")  # a programme-specific pool before a general one
        .first()
    )


def _draw_pool(pool: SeatPool) -> bool:
    return bool(SeatPool.objects.filter(pk=pool.pk, seats_used__lt=F("seats_total"))
                .update(seats_used=F("seats_used") + 1))


# --- fees -------------------------------------------------------------------------------------------------------

def fee_for(cohort: Cohort, learner, comuna: Comuna | None) -> tuple[str, int]:
    """(basis, CLP due) for a person paying herself: member comunas' officials pay the member fee."""
    member = is_member(comuna, timezone.localdate()) if comuna is not None else user_has_member_benefits(learner)
    if member:
        return FeeBasis.SOCIA, cohort.fee_member_clp
    return FeeBasis.NO_SOCIA, cohort.fee_other_clp


def _apply_funding(enrolment: Enrolment, *, acting_user) -> None:
    """Cover the enrolment from its comuna's pool if one has seats, else charge the member / other fee."""
    cohort = enrolment.cohort
    pool = _pool_for(cohort, enrolment.comuna)
    if pool is not None and _draw_pool(pool):
        enrolment.pool = pool
        enrolment.fee_basis = FeeBasis.CONVENIO
        enrolment.fee_due_clp = 0
        enrolment.payment_status = PaymentStatus.CONVENIO
        if pool.unit_price_clp:  # a seat priced in the agreement is income; a free seat is not
            register_revenue(acting_user=acting_user, source=enrolment, line=REVENUE_LINE,
                             amount_clp=pool.unit_price_clp, on=timezone.localdate(), client_comuna=enrolment.comuna,
                             agreement=pool.agreement, description=f"Cupo de convenio: {cohort}")
        return
    enrolment.fee_basis, enrolment.fee_due_clp = fee_for(cohort, enrolment.user, enrolment.comuna)
    enrolment.payment_status = PaymentStatus.PENDIENTE if enrolment.fee_due_clp else PaymentStatus.SIN_COSTO


def _take_seat(cohort: Cohort) -> bool:
    return bool(Cohort.objects.filter(pk=cohort.pk, status=CohortStatus.ABIERTA, seats_taken__lt=F("capacity"))
                .update(seats_taken=F("seats_taken") + 1))


# --- enrolment --------------------------------------------------------------------------------------------------

def _clean_rut(rut: str) -> str:
    rut = (rut or "").strip()
    if not rut:
        return ""
    try:
        return rut_number.validate(rut)
    except Exception as exc:
        raise ValidationError(_("El RUT «%(r)s» no es válido: revise el dígito verificador.") % {"r": rut}) from exc


def enrolment_request(*, acting_user, cohort: Cohort, learner, comuna: Comuna | None, rut: str = "") -> Enrolment:
    """A seat if one is left (state «solicitada»), else the waiting list (first come, first served)."""
    access.require_enrol_person(acting_user, learner, comuna)
    rut = _clean_rut(rut)
    if not cohort.accepts_enrolments():
        raise ValidationError(_("Esta versión no recibe inscripciones (cerraron el %(d)s o aún no abren).")
                              % {"d": cohort.enrolment_deadline.strftime("%d-%m-%Y")})
    with transaction.atomic():
        if Enrolment.objects.filter(cohort=cohort, user=learner).exclude(
                status__in=[EnrolmentStatus.RETIRADA, EnrolmentStatus.CANCELADA]).exists():
            raise ValidationError(_("%(p)s ya tiene una inscripción vigente en esta versión.")
                                  % {"p": learner.get_full_name() or learner.username})
        now = timezone.now()
        enrolment = Enrolment(cohort=cohort, user=learner, comuna=comuna, enrolled_by=acting_user, rut=rut,
                              requested_at=now, status_changed_at=now)
        if _take_seat(cohort):
            enrolment.status = EnrolmentStatus.SOLICITADA
            _apply_funding(enrolment, acting_user=acting_user)
        else:
            enrolment.status = EnrolmentStatus.EN_ESPERA
            enrolment.waitlisted_at = now
            enrolment.fee_basis, enrolment.fee_due_clp = fee_for(cohort, learner, comuna)
        try:
            with transaction.atomic():
                enrolment.save()
        except IntegrityError as exc:
            raise ValidationError(_("Esa persona ya tiene una inscripción vigente en esta versión.")) from exc
        if learner.pk != getattr(acting_user, "pk", None):
            notify(recipients=[learner], kind="training_enrolled",
                   title=_("La inscribieron en %(c)s") % {"c": cohort},
                   body=enrolment.get_status_display(), url=reverse("training:my_training"))
    return enrolment


def enrolment_confirm(*, acting_user, enrolment: Enrolment) -> Enrolment:
    access.require_staff(acting_user)
    with transaction.atomic():
        enrolment = transition(enrolment, to=EnrolmentStatus.CONFIRMADA, allowed=ENROLMENT_TRANSITIONS,
                               acting_user=acting_user)
        if enrolment.cohort.status == CohortStatus.EN_CURSO:
            enrolment = transition(enrolment, to=EnrolmentStatus.ACTIVA, allowed=ENROLMENT_TRANSITIONS,
                                   acting_user=acting_user)
        notify(recipients=[enrolment.user], kind="training_confirmed",
               title=_("Inscripción confirmada: %(c)s") % {"c": enrolment.cohort}, url=reverse("training:my_training"))
    return enrolment


def enrolment_mark_paid(*, acting_user, enrolment: Enrolment, reference: str) -> Enrolment:
    access.require_staff(acting_user)
    if not reference.strip():
        raise ValidationError(_("Indique la referencia del pago (n.º de orden de compra, transferencia o boleta)."))
    with transaction.atomic():
        enrolment.payment_reference = reference.strip()[:100]
        enrolment.paid_at = timezone.now()
        enrolment = transition(enrolment, to=PaymentStatus.PAGADA, allowed=PAYMENT_TRANSITIONS, field="payment_status",
                               acting_user=acting_user, extra_update_fields=["payment_reference", "paid_at"])
        today = timezone.localdate()
        agreement = _published_agreement_with(enrolment.comuna, today)
        if agreement is None:
            # Transparency principle: income is recorded only under a public agreement; nothing changes.
            raise ValidationError(_(
                "No se marcó el pago: no hay un convenio publicado y vigente con la municipalidad de %(c)s que "
                "respalde este ingreso (principio de transparencia). Publique el convenio de formación y vuelva a "
                "marcar el pago.") % {"c": enrolment.comuna.name if enrolment.comuna_id else _("la persona")})
        register_revenue(acting_user=acting_user, source=enrolment, line=REVENUE_LINE,
                         amount_clp=enrolment.fee_due_clp, on=today, client_comuna=enrolment.comuna,
                         agreement=agreement, description=f"Inscripción: {enrolment.cohort}")
    return enrolment


def _published_agreement_with(comuna, on):
    """The newest published agreement in force on ``on`` to which the comuna's municipality is a party."""
    if comuna is None:
        return None
    from django.db.models import Q

    from hub.partners.access import published_agreements

    return (published_agreements().filter(parties__organization__comuna=comuna, start_date__lte=on)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=on)).order_by("-start_date").first())


def _release_seat(enrolment: Enrolment) -> None:
    Cohort.objects.filter(pk=enrolment.cohort_id, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)
    if enrolment.pool_id:
        SeatPool.objects.filter(pk=enrolment.pool_id, seats_used__gt=0).update(seats_used=F("seats_used") - 1)


def _promote_first_waiting(cohort: Cohort, *, acting_user) -> Enrolment | None:
    """The oldest person on the waiting list (by time of joining it) gets the freed seat and is notified."""
    cohort = Cohort.objects.get(pk=cohort.pk)
    if cohort.status != CohortStatus.ABIERTA:
        return None
    candidate = (cohort.enrolments.select_for_update().filter(status=EnrolmentStatus.EN_ESPERA)
                 .order_by("waitlisted_at", "pk").first())
    if candidate is None or not _take_seat(cohort):
        return None
    _apply_funding(candidate, acting_user=acting_user)
    candidate = transition(candidate, to=EnrolmentStatus.SOLICITADA, allowed=ENROLMENT_TRANSITIONS,
                           acting_user=acting_user, reason=_("Cupo liberado: primera en la lista de espera."),
                           extra_update_fields=["pool", "fee_basis", "fee_due_clp", "payment_status"])
    notify(recipients=[candidate.user], kind="seat_offered",
           title=_("Se liberó un cupo para usted en %(c)s") % {"c": cohort},
           body=_("Estaba primera en la lista de espera: su inscripción quedó solicitada. Si ya no puede asistir, "
                  "retírese para dejar el cupo a otra persona."),
           url=reverse("training:my_training"))
    return candidate


def _end_enrolment(enrolment: Enrolment, *, to: str, acting_user, reason: str, promote: bool = True):
    held = enrolment.status in SEAT_HOLDING
    enrolment = transition(enrolment, to=to, allowed=ENROLMENT_TRANSITIONS, acting_user=acting_user, reason=reason)
    if held:
        _release_seat(enrolment)
        if enrolment.payment_status in (PaymentStatus.PENDIENTE, PaymentStatus.CONVENIO):
            transition(enrolment, to=PaymentStatus.ANULADA, allowed=PAYMENT_TRANSITIONS, field="payment_status",
                       acting_user=acting_user, reason=reason)
        if promote:
            _promote_first_waiting(enrolment.cohort, acting_user=acting_user)
    return enrolment


def enrolment_withdraw(*, acting_user, enrolment: Enrolment, reason: str = "") -> Enrolment:
    """The person (or her coordinator, or staff) withdraws; the seat goes to the first on the waiting list."""
    enrolment = access.access_enrolment(acting_user, enrolment.pk, write=True)
    with transaction.atomic():
        return _end_enrolment(enrolment, to=EnrolmentStatus.RETIRADA, acting_user=acting_user,
                              reason=reason or _("Retiro a pedido."))


def enrolment_cancel(*, acting_user, enrolment: Enrolment, reason: str) -> Enrolment:
    access.require_staff(acting_user)
    if not reason.strip():
        raise ValidationError(_("Indique el motivo de la cancelación."))
    with transaction.atomic():
        enrolment = _end_enrolment(enrolment, to=EnrolmentStatus.CANCELADA, acting_user=acting_user, reason=reason)
        notify(recipients=[enrolment.user], kind="training_enrolment_cancelled",
               title=_("Se canceló su inscripción en %(c)s") % {"c": enrolment.cohort}, body=reason,
               url=reverse("training:my_training"))
    return enrolment


# --- CSV upload of enrolments -----------------------------------------------------------------------------------

@dataclass
class ImportRow:
    line: int
    person: str
    message: str
    ok: bool


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    applied: bool = False

    @property
    def errors(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.ok]


def _read_rows(text: str) -> list[dict]:
    sample = text[:2000]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    reader.fieldnames = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    return list(reader)


def enrolments_import(*, acting_user, cohort: Cohort, text: str) -> ImportReport:
    """Staff upload: columns ``usuario`` (or ``correo``), ``comuna`` (CUT), optional ``rut``.

    All or nothing: every row is checked first; if any row has an error nothing is written and the report
    says, row by row and in Spanish, what to fix.
    """
    access.require_staff(acting_user)
    report = ImportReport()
    try:
        rows = _read_rows(text)
    except csv.Error as exc:
        report.rows.append(ImportRow(1, "", _("El archivo no es un CSV legible: %(e)s") % {"e": exc}, False))
        return report
    if not rows:
        report.rows.append(ImportRow(1, "", _("El archivo no tiene filas. Encabezados esperados: usuario;comuna;rut"),
                                     False))
        return report
    if not cohort.accepts_enrolments():
        report.rows.append(ImportRow(1, "", _("Esta versión no recibe inscripciones."), False))
        return report
    plan, seen = [], set()
    for number, row in enumerate(rows, start=2):
        who = (row.get("usuario") or row.get("correo") or "").strip()
        cut = (row.get("comuna") or "").strip().zfill(5) if (row.get("comuna") or "").strip() else ""
        problems = []
        user = None
        if not who:
            problems.append(_("falta el usuario o el correo"))
        else:
            user = User.objects.filter(Q(username__iexact=who) | Q(email__iexact=who)).first()
            if user is None:
                problems.append(_("no hay una cuenta con usuario o correo «%(w)s»") % {"w": who})
            elif not user.is_official:
                problems.append(_("la cuenta no es de una funcionaria o funcionario municipal"))
        comuna = Comuna.objects.filter(cut=cut).first() if cut else None
        if comuna is None:
            problems.append(_("comuna «%(c)s» no es un código CUT válido") % {"c": cut or "—"})
        elif user is not None and not user.comunas.filter(cut=cut).exists():
            problems.append(_("la persona no actúa por %(c)s") % {"c": comuna.name})
        try:
            rut = _clean_rut(row.get("rut") or "")
        except ValidationError as exc:
            problems.append(exc.messages[0])
            rut = ""
        if user is not None:
            if user.pk in seen:
                problems.append(_("la persona está repetida en el archivo"))
            seen.add(user.pk)
            if Enrolment.objects.filter(cohort=cohort, user=user).exclude(
                    status__in=[EnrolmentStatus.RETIRADA, EnrolmentStatus.CANCELADA]).exists():
                problems.append(_("ya tiene una inscripción vigente en esta versión"))
        if problems:
            text = "; ".join(str(p) for p in problems)
            report.rows.append(ImportRow(number, who, text[:1].upper() + text[1:] + ".", False))
        else:
            plan.append((number, who, user, comuna, rut))
            report.rows.append(ImportRow(number, who, _("Lista para inscribir."), True))
    if report.errors:
        return report
    with transaction.atomic():
        report.rows = []
        for number, who, user, comuna, rut in plan:
            enrolment = enrolment_request(acting_user=acting_user, cohort=cohort, learner=user, comuna=comuna, rut=rut)
            report.rows.append(ImportRow(number, who, enrolment.get_status_display(), True))
    report.applied = True
    return report


# --- attendance and grades --------------------------------------------------------------------------------------

ATTENDABLE = [EnrolmentStatus.CONFIRMADA, EnrolmentStatus.ACTIVA]


def attendance_record(*, acting_user, session: Session, marks: dict[int, str]) -> int:
    """marks: enrolment id → presente/atrasado/ausente/justificado ("" leaves the session unrecorded)."""
    access.require_staff(acting_user)
    if session.cohort.status != CohortStatus.EN_CURSO:
        raise ValidationError(_("La asistencia se registra mientras la versión está en curso."))
    valid = set(AttendanceMark.values)
    enrolments = {e.pk: e for e in session.cohort.enrolments.filter(status__in=ATTENDABLE)}
    bad = [pk for pk, mark in marks.items() if mark and (mark not in valid or pk not in enrolments)]
    if bad:
        raise ValidationError(_("Hay marcas inválidas o de personas que no cursan esta versión; no se guardó nada."))
    count = 0
    with transaction.atomic():
        for pk, mark in marks.items():
            if not mark:
                Attendance.objects.filter(session=session, enrolment_id=pk).delete()
                continue
            Attendance.objects.update_or_create(session=session, enrolment_id=pk, defaults={
                "mark": mark, "recorded_by": acting_user, "recorded_at": timezone.now()})
            count += 1
    return count


def assessment_add(*, acting_user, cohort: Cohort, title: str, weight: int, due_date=None) -> Assessment:
    access.require_staff(acting_user)
    if cohort.status in (CohortStatus.CERRADA, CohortStatus.CANCELADA):
        raise ValidationError(_("La versión ya terminó."))
    assessment = Assessment(cohort=cohort, title=title, weight=weight, due_date=due_date)
    assessment.full_clean()
    assessment.save()
    return assessment


def parse_grade(text: str) -> Decimal | None:
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(_("«%(t)s» no es una nota: use la escala de 1,0 a 7,0.") % {"t": text}) from exc
    if not Decimal("1.0") <= value <= Decimal("7.0") or value != value.quantize(Decimal("0.1")):
        raise ValidationError(_("La nota %(t)s está fuera de la escala de 1,0 a 7,0 (un decimal).") % {"t": text})
    return value


def grades_record(*, acting_user, assessment: Assessment, grades: dict[int, str]) -> int:
    """grades: enrolment id → "5,5" ("" removes the grade). All rows valid or nothing is saved."""
    access.require_staff(acting_user)
    if assessment.cohort.status != CohortStatus.EN_CURSO:
        raise ValidationError(_("Las notas se registran mientras la versión está en curso."))
    enrolments = set(assessment.cohort.enrolments.filter(status__in=ATTENDABLE).values_list("pk", flat=True))
    parsed, errors = {}, []
    for pk, text in grades.items():
        if pk not in enrolments:
            errors.append(_("La inscripción %(n)s no cursa esta versión.") % {"n": pk})
            continue
        try:
            parsed[pk] = parse_grade(text)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for pk, value in parsed.items():
            if value is None:
                Grade.objects.filter(assessment=assessment, enrolment_id=pk).delete()
            else:
                Grade.objects.update_or_create(assessment=assessment, enrolment_id=pk, defaults={
                    "value": value, "recorded_by": acting_user, "recorded_at": timezone.now()})
    return sum(1 for v in parsed.values() if v is not None)


def require_logged_in(user) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Inicie sesión."))
