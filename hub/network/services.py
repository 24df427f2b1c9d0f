"""Writes of the network: every change is transactional, validated with full_clean, and authorised here too."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.access import can_act_for_comuna, is_hub_staff, is_member_of_organization
from hub.core.text import fold

from .models import (
    PRACTICE_TRANSITIONS,
    REPLICATION_TRANSITIONS,
    Nomination,
    Practice,
    PracticeStatus,
    Registration,
    RegistrationStatus,
    Replication,
    ReplicationStatus,
)

PRACTICE_FIELDS = (
    "title", "problem", "solution", "results", "challenge", "cost_clp", "contact_name", "contact_email",
)
REPLICATION_FIELDS = ("status", "start_date", "end_date", "results", "lessons")


def _require_comuna(user, comuna) -> None:
    if not can_act_for_comuna(user, comuna):
        raise PermissionDenied(_("Solo puede actuar por su propia comuna."))


def _require_staff(user) -> None:
    if not is_hub_staff(user):
        raise PermissionDenied(_("Solo el equipo del Hub puede hacer esto."))


def _search_text(practice: Practice) -> str:
    return fold(" ".join([practice.title, practice.problem, practice.solution, practice.comuna.name]))


def _move_practice(practice: Practice, new_status: str) -> None:
    if new_status not in PRACTICE_TRANSITIONS[PracticeStatus(practice.status)]:
        raise ValidationError(
            _("Una experiencia «%(old)s» no puede pasar a «%(new)s».")
            % {"old": practice.get_status_display(), "new": PracticeStatus(new_status).label}
        )
    practice.status = new_status


# Practices


@transaction.atomic
def practice_create(*, user, comuna, is_demo: bool = False, **fields) -> Practice:
    _require_comuna(user, comuna)
    practice = Practice(comuna=comuna, author=user if getattr(user, "pk", None) else None, is_demo=is_demo)
    for name in PRACTICE_FIELDS:
        if name in fields:
            setattr(practice, name, fields[name])
    practice.search_text = _search_text(practice)
    practice.full_clean()
    practice.save()
    return practice


@transaction.atomic
def practice_update(*, practice: Practice, user, **fields) -> Practice:
    _require_comuna(user, practice.comuna)
    if not practice.is_editable and not is_hub_staff(user):
        raise ValidationError(
            _("La experiencia está «%(status)s» y no se puede editar. Espere la revisión o pida que se la devuelvan.")
            % {"status": practice.get_status_display()}
        )
    for name in PRACTICE_FIELDS:
        if name in fields:
            setattr(practice, name, fields[name])
    practice.search_text = _search_text(practice)
    practice.full_clean()
    practice.save()
    return practice


@transaction.atomic
def practice_submit(*, practice: Practice, user) -> Practice:
    _require_comuna(user, practice.comuna)
    _move_practice(practice, PracticeStatus.IN_REVIEW)
    practice.submitted_at = timezone.now()
    practice.full_clean()
    practice.save(update_fields=["status", "submitted_at", "updated_at"])
    return practice


@transaction.atomic
def practice_publish(*, practice: Practice, user) -> Practice:
    _require_staff(user)
    _move_practice(practice, PracticeStatus.PUBLISHED)
    practice.published_at = timezone.now()
    practice.reviewed_by = user
    practice.review_comment = ""
    practice.save(update_fields=["status", "published_at", "reviewed_by", "review_comment", "updated_at"])
    return practice


@transaction.atomic
def practice_return(*, practice: Practice, user, comment: str) -> Practice:
    _require_staff(user)
    if not comment.strip():
        raise ValidationError(
            {"comment": _("Escriba qué debe corregir la comuna antes de devolver la experiencia.")}
        )
    _move_practice(practice, PracticeStatus.RETURNED)
    practice.review_comment = comment.strip()
    practice.reviewed_by = user
    practice.save(update_fields=["status", "review_comment", "reviewed_by", "updated_at"])
    return practice


# Replications


@transaction.atomic
def replication_record(*, user, comuna, practice: Practice | None = None, solution=None, is_demo: bool = False,
                       **fields) -> Replication:
    """A comuna records that it replicates a published practice of another comuna or a published Hub solution."""
    _require_comuna(user, comuna)
    if (practice is None) == (solution is None):
        raise ValidationError(_("Indique la experiencia o bien la solución del Hub que se replica (solo una)."))
    origin = practice or solution
    origin = type(origin).objects.select_for_update().get(pk=origin.pk)
    if not origin.is_published:
        if practice is not None:
            message = _("Solo se pueden replicar experiencias publicadas; «%(title)s» aún no lo está.")
        else:
            message = _("Solo se pueden replicar soluciones publicadas del Hub; «%(title)s» no lo está.")
        raise ValidationError(message % {"title": origin.title})
    link = {"practice": origin} if practice is not None else {"solution": origin}
    if Replication.objects.filter(comuna=comuna, **link).exists():
        raise ValidationError(
            _("%(comuna)s ya registró una replicación de «%(title)s»; actualice esa en vez de crear otra.")
            % {"comuna": comuna, "title": origin.title}
        )
    replication = Replication(comuna=comuna, recorded_by=user, is_demo=is_demo, **link)
    for name in REPLICATION_FIELDS:
        if name in fields and fields[name] is not None:
            setattr(replication, name, fields[name])
    replication.full_clean()
    replication.save()
    return replication


@transaction.atomic
def replication_update(*, replication: Replication, user, **fields) -> Replication:
    _require_comuna(user, replication.comuna)
    new_status = fields.get("status") or replication.status
    if new_status != replication.status and new_status not in REPLICATION_TRANSITIONS[
        ReplicationStatus(replication.status)
    ]:
        allowed = ", ".join(str(ReplicationStatus(s).label) for s in REPLICATION_TRANSITIONS[replication.status])
        raise ValidationError(
            {
                "status": _("Desde «%(old)s» solo se puede pasar a: %(allowed)s.")
                % {"old": replication.get_status_display(), "allowed": allowed or _("ningún otro estado")}
            }
        )
    for name in REPLICATION_FIELDS:
        if name in fields:
            setattr(replication, name, fields[name])
    replication.full_clean()
    replication.save()
    return replication


# Events


def registration_fee(*, event, comuna) -> int:
    from hub.finance.membership import is_member

    if is_member(comuna):
        return event.fee_member_clp
    return event.fee_non_member_clp


def _require_registrant_owner(user, *, comuna, organization) -> None:
    if is_hub_staff(user):
        return
    if comuna is not None and can_act_for_comuna(user, comuna):
        return
    if comuna is None and organization is not None and is_member_of_organization(user, organization):
        return
    raise PermissionDenied(_("Solo puede inscribir personas de su propia comuna u organización."))


@transaction.atomic
def registration_create(*, event, user, name: str, email: str, comuna=None, organization=None,
                        is_demo: bool = False) -> Registration:
    """Confirmed while there are seats; beyond capacity the person goes to the waiting list, never over."""
    _require_registrant_owner(user, comuna=comuna, organization=organization)
    # Lock the event row so two registrations at once cannot both take the last seat.
    event = type(event).objects.select_for_update().get(pk=event.pk)
    if Registration.objects.filter(event=event, email__iexact=email).exclude(
        status=RegistrationStatus.CANCELLED
    ).exists():
        raise ValidationError({"email": _("Ya hay una inscripción vigente con ese correo en este evento.")})
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    status = RegistrationStatus.CONFIRMED if confirmed < event.capacity else RegistrationStatus.WAITING
    registration = Registration(
        event=event,
        name=name,
        email=email,
        comuna=comuna,
        organization=organization,
        status=status,
        fee_clp=registration_fee(event=event, comuna=comuna),
        registered_by=user if getattr(user, "pk", None) else None,
        is_demo=is_demo,
    )
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def registration_update(*, registration: Registration, user, name: str, email: str) -> Registration:
    _require_registrant_owner(user, comuna=registration.comuna, organization=registration.organization)
    registration.name = name
    registration.email = email
    registration.full_clean()
    if Registration.objects.filter(event=registration.event, email__iexact=email).exclude(
        status=RegistrationStatus.CANCELLED
    ).exclude(pk=registration.pk).exists():
        raise ValidationError({"email": _("Ya hay una inscripción vigente con ese correo en este evento.")})
    registration.save(update_fields=["name", "email"])
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, user) -> Registration | None:
    """Cancel; if a seat was freed, promote the first person waiting and return them."""
    _require_registrant_owner(user, comuna=registration.comuna, organization=registration.organization)
    event = type(registration.event).objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Esta inscripción ya estaba cancelada."))
    freed_seat = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    if not freed_seat:
        return None
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    if confirmed >= event.capacity:
        return None
    first_waiting = event.registrations.filter(status=RegistrationStatus.WAITING).order_by("created_at", "id").first()
    if first_waiting is not None:
        first_waiting.status = RegistrationStatus.CONFIRMED
        first_waiting.save(update_fields=["status"])
    return first_waiting


@transaction.atomic
def registration_mark_attendance(*, registration: Registration, user, attended: bool) -> Registration:
    _require_staff(user)
    if attended and registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Solo se marca asistencia de inscripciones confirmadas."))
    registration.attended = attended
    registration.save(update_fields=["attended"])
    return registration


# Awards


@transaction.atomic
def nomination_create(*, category, practice: Practice, user, is_demo: bool = False) -> Nomination:
    _require_staff(user)
    if not practice.is_published:
        raise ValidationError(
            _("Solo se pueden nominar experiencias publicadas; «%(title)s» aún no lo está.") % {"title": practice.title}
        )
    if Nomination.objects.filter(category=category, practice=practice).exists():
        raise ValidationError(_("Esa experiencia ya está nominada en esta categoría."))
    nomination = Nomination(category=category, practice=practice, is_demo=is_demo)
    nomination.full_clean()
    nomination.save()
    return nomination


@transaction.atomic
def nomination_choose_winner(*, nomination: Nomination, user) -> Nomination:
    """One winner per category: choosing one clears the previous winner."""
    _require_staff(user)
    Nomination.objects.filter(category_id=nomination.category_id, is_winner=True).exclude(pk=nomination.pk).update(
        is_winner=False
    )
    nomination.is_winner = True
    nomination.save(update_fields=["is_winner"])
    return nomination
