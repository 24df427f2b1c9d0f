"""Writes of the network: every change is transactional, validated with full_clean, and takes a keyword-only
``acting_user`` that ``access`` checks first. Status changes go through ``hub.core.transitions.transition``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff
from hub.core.text import fold
from hub.core.transitions import TransitionRefused, transition

from .access import require_act_for_comuna, require_network_staff, require_register_people_of
from .models import (
    PRACTICE_TRANSITIONS,
    REPLICATION_TRANSITIONS,
    Nomination,
    Practice,
    PracticeStatus,
    Registration,
    RegistrationStatus,
    Replication,
)

PRACTICE_FIELDS = (
    "title", "problem", "solution", "results", "challenge", "cost_clp", "contact_name", "contact_email",
)
REPLICATION_FIELDS = ("status", "start_date", "end_date", "results", "lessons")


def _search_text(practice: Practice) -> str:
    return fold(" ".join([practice.title, practice.problem, practice.solution, practice.comuna.name]))


def _move_practice(practice: Practice, *, acting_user, to: str, extra=(), guard=None) -> Practice:
    return transition(
        practice, to=to, allowed=PRACTICE_TRANSITIONS, acting_user=acting_user, guard=guard,
        extra_update_fields=(*extra, "updated_at"),
    )


# Practices


@transaction.atomic
def practice_create(*, acting_user, comuna, is_demo: bool = False, **fields) -> Practice:
    require_act_for_comuna(acting_user, comuna)
    author = acting_user if getattr(acting_user, "pk", None) else None
    return _practice_save(Practice(comuna=comuna, author=author, is_demo=is_demo), fields)


@transaction.atomic
def practice_update(*, acting_user, practice: Practice, **fields) -> Practice:
    require_act_for_comuna(acting_user, practice.comuna)
    if not practice.is_editable and not is_hub_staff(acting_user):
        raise ValidationError(
            _("La experiencia está «%(status)s» y no se puede editar. Espere la revisión o pida que se la devuelvan.")
            % {"status": practice.get_status_display()}
        )
    return _practice_save(practice, fields)


def _practice_save(practice: Practice, fields: dict) -> Practice:
    for name in PRACTICE_FIELDS:
        if name in fields:
            setattr(practice, name, fields[name])
    practice.search_text = _search_text(practice)
    practice.full_clean()
    practice.save()
    return practice


@transaction.atomic
def practice_submit(*, acting_user, practice: Practice) -> Practice:
    require_act_for_comuna(acting_user, practice.comuna)
    practice.submitted_at = timezone.now()
    _move_practice(practice, acting_user=acting_user, to=PracticeStatus.IN_REVIEW, extra=("submitted_at",),
                   guard=lambda locked: locked.full_clean())
    from django.urls import reverse

    from hub.accounts.models import User
    from hub.notifications.services import notify

    notify(recipients=User.objects.filter(role="hub_staff", is_active=True).exclude(pk=acting_user.pk),
           kind="review_requested", title=_("Experiencia para revisar: %(t)s") % {"t": practice.title},
           body=_("%(c)s envió una experiencia a revisión.") % {"c": practice.comuna.name},
           url=reverse("network:practice_review", args=[practice.pk]))
    return practice


@transaction.atomic
def practice_publish(*, acting_user, practice: Practice) -> Practice:
    require_network_staff(acting_user)
    practice.published_at = timezone.now()
    practice.reviewed_by = acting_user
    practice.review_comment = ""
    _move_practice(practice, acting_user=acting_user, to=PracticeStatus.PUBLISHED,
                   extra=("published_at", "reviewed_by", "review_comment"))
    from hub.notifications.services import notify

    notify(recipients=[practice.author], kind="practice_published",
           title=_("Su experiencia fue publicada: %(t)s") % {"t": practice.title}, url=practice.get_absolute_url())
    return practice


@transaction.atomic
def practice_return(*, acting_user, practice: Practice, comment: str) -> Practice:
    require_network_staff(acting_user)
    if not comment.strip():
        raise ValidationError(
            {"comment": _("Escriba qué debe corregir la comuna antes de devolver la experiencia.")}
        )
    practice.review_comment = comment.strip()
    practice.reviewed_by = acting_user
    _move_practice(practice, acting_user=acting_user, to=PracticeStatus.RETURNED,
                   extra=("review_comment", "reviewed_by"), )
    from django.urls import reverse

    from hub.notifications.services import notify

    notify(recipients=[practice.author], kind="practice_returned",
           title=_("Su experiencia fue devuelta con observaciones: %(t)s") % {"t": practice.title},
           body=practice.review_comment[:1000], url=reverse("network:practice_edit", args=[practice.pk]))
    return practice


# Replications


@transaction.atomic
def replication_record(*, acting_user, comuna, practice: Practice | None = None, solution=None, is_demo: bool = False,
                       **fields) -> Replication:
    """A comuna records that it replicates a published practice of another comuna or a published Hub solution."""
    require_act_for_comuna(acting_user, comuna)
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
    replication = Replication(comuna=comuna, recorded_by=acting_user, is_demo=is_demo, **link)
    for name in REPLICATION_FIELDS:
        if name in fields and fields[name] is not None:
            setattr(replication, name, fields[name])
    replication.full_clean()
    replication.save()
    return replication


@transaction.atomic
def replication_update(*, acting_user, replication: Replication, **fields) -> Replication:
    require_act_for_comuna(acting_user, replication.comuna)
    new_status = fields.get("status") or replication.status
    changed = [name for name in REPLICATION_FIELDS if name in fields and name != "status"]
    for name in changed:
        setattr(replication, name, fields[name])
    if new_status == replication.status:
        replication.full_clean()
        replication.save()
        return replication

    def guard(locked: Replication) -> None:
        locked.status = new_status
        locked.full_clean()

    try:
        transition(
            replication, to=new_status, allowed=REPLICATION_TRANSITIONS, acting_user=acting_user, guard=guard,
            extra_update_fields=changed,
        )
    except TransitionRefused as exc:
        raise ValidationError({"status": exc.messages}) from exc
    return replication


# Events


def registration_fee(*, event, comuna) -> int:
    from hub.finance.membership import is_member

    if is_member(comuna):
        return event.fee_member_clp
    return event.fee_non_member_clp


@transaction.atomic
def registration_create(*, acting_user, event, name: str, email: str, comuna=None, organization=None,
                        is_demo: bool = False) -> Registration:
    """Confirmed while there are seats; beyond capacity the person goes to the waiting list, never over."""
    require_register_people_of(acting_user, comuna=comuna, organization=organization)
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
        registered_by=acting_user if getattr(acting_user, "pk", None) else None,
        is_demo=is_demo,
    )
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def registration_update(*, acting_user, registration: Registration, name: str, email: str) -> Registration:
    require_register_people_of(acting_user, comuna=registration.comuna, organization=registration.organization)
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
def registration_cancel(*, acting_user, registration: Registration) -> Registration | None:
    """Cancel; if a seat was freed, promote the first person waiting and return them."""
    require_register_people_of(acting_user, comuna=registration.comuna, organization=registration.organization)
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
        _tell_seat_offered(first_waiting, event)
    return first_waiting


def _tell_seat_offered(registration: Registration, event) -> None:
    """The first person waiting got the freed seat: tell her in the platform (if she has an account) or by mail."""
    from django.conf import settings
    from django.core.mail import send_mail

    from hub.accounts.models import User
    from hub.notifications.services import notify

    title = _("Se liberó un cupo para usted: %(e)s") % {"e": event.title}
    body = _("Su inscripción pasó de la lista de espera a confirmada.")
    accounts = list(User.objects.filter(email__iexact=registration.email, is_active=True))
    if accounts:
        notify(recipients=accounts, kind="event_seat_offered", title=title, body=body, url=event.get_absolute_url())
    else:
        transaction.on_commit(lambda: send_mail(f"[Hub Local] {title}", body, settings.DEFAULT_FROM_EMAIL,
                                                [registration.email], fail_silently=True))


@transaction.atomic
def registration_mark_attendance(*, acting_user, registration: Registration, attended: bool) -> Registration:
    require_network_staff(acting_user)
    if attended and registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Solo se marca asistencia de inscripciones confirmadas."))
    registration.attended = attended
    registration.save(update_fields=["attended"])
    return registration


# Awards


@transaction.atomic
def nomination_create(*, acting_user, category, practice: Practice, is_demo: bool = False) -> Nomination:
    require_network_staff(acting_user)
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
def nomination_choose_winner(*, acting_user, nomination: Nomination) -> Nomination:
    """One winner per category: choosing one clears the previous winner."""
    require_network_staff(acting_user)
    Nomination.objects.filter(category_id=nomination.category_id, is_winner=True).exclude(pk=nomination.pk).update(
        is_winner=False
    )
    nomination.is_winner = True
    nomination.save(update_fields=["is_winner"])
    return nomination
