"""Who sees and who changes practices, replications and registrations: the one place that decides.

Reading: the public sees published practices and the replications of published practices; an
official also sees every practice of their own comunas (drafts included); staff sees everything.
Writing: staff, or an official of the object's comuna (hub.core.access.can_act_for_comuna).
Unknown or invisible objects are a 404 (a draft's existence is private); visible but not
writable is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.access import can_act_for_comuna, is_hub_staff, is_member_of_organization, user_comuna_cuts
from hub.portfolio.models import SolutionStatus

from .models import Practice, PracticeStatus, Registration, Replication

SOLUTION_PUBLISHED = SolutionStatus.PUBLISHED


def practices_for_user(user) -> QuerySet[Practice]:
    qs = Practice.objects.select_related("comuna", "comuna__region", "author")
    if is_hub_staff(user):
        return qs
    visible = Q(status=PracticeStatus.PUBLISHED)
    visible |= Q(comuna_id__in=user_comuna_cuts(user))
    return qs.filter(visible)


def replications_for_user(user) -> QuerySet[Replication]:
    qs = Replication.objects.select_related("practice", "practice__comuna", "solution", "comuna", "comuna__region")
    if is_hub_staff(user):
        return qs
    visible = Q(practice__status=PracticeStatus.PUBLISHED)
    visible |= Q(solution__status=SOLUTION_PUBLISHED)
    visible |= Q(comuna_id__in=user_comuna_cuts(user))
    return qs.filter(visible)


def can_edit_practice(user, practice: Practice) -> bool:
    """Staff, or an official of the practice's comuna (whether its text is editable now is the service's rule)."""
    return can_act_for_comuna(user, practice)


def access_practice(user, pk, *, write: bool = False) -> Practice:
    practice = practices_for_user(user).filter(pk=pk).first()
    if practice is None:
        raise Http404(_("No existe una experiencia publicada con ese número."))
    if write and not can_edit_practice(user, practice):
        raise PermissionDenied(_("Esta experiencia es de %(comuna)s: solo sus funcionarios pueden editarla.")
                               % {"comuna": practice.comuna})
    return practice


def access_replication(user, pk, *, write: bool = False) -> Replication:
    replication = replications_for_user(user).filter(pk=pk).first()
    if replication is None:
        raise Http404(_("No existe esa replicación."))
    if write and not can_act_for_comuna(user, replication):
        raise PermissionDenied(_("Esta replicación es de %(comuna)s: solo sus funcionarios pueden editarla.")
                               % {"comuna": replication.comuna})
    return replication


def can_replicate(user, practice: Practice) -> bool:
    """A published practice is replicated by staff or by an official of another comuna."""
    if not practice.is_published:
        return False
    if is_hub_staff(user):
        return True
    return bool(user_comuna_cuts(user) - {practice.comuna_id})


def can_use_official_pages(user) -> bool:
    """The "my comuna" pages are for officials (of some comuna) and staff."""
    return is_hub_staff(user) or bool(user_comuna_cuts(user))


# Writing: the checks every service calls first ---------------------------------------------------------------


def require_act_for_comuna(user, comuna) -> None:
    if not can_act_for_comuna(user, comuna):
        raise PermissionDenied(_("Solo puede actuar por su propia comuna."))


def require_network_staff(user) -> None:
    """Reviewing practices, attendance and awards are the Hub team's."""
    if not is_hub_staff(user):
        raise PermissionDenied(_("Solo el equipo del Hub puede hacer esto."))


def can_register_people_of(user, *, comuna, organization) -> bool:
    """Staff registers anyone; an official, people of their comuna; a partner, people of their organisation."""
    if is_hub_staff(user):
        return True
    if comuna is not None and can_act_for_comuna(user, comuna):
        return True
    if comuna is None and organization is not None and is_member_of_organization(user, organization):
        return True
    return False


def require_register_people_of(user, *, comuna, organization) -> None:
    if not can_register_people_of(user, comuna=comuna, organization=organization):
        raise PermissionDenied(_("Solo puede inscribir personas de su propia comuna u organización."))


def can_manage_registration(user, registration: Registration) -> bool:
    if is_hub_staff(user):
        return True
    if registration.comuna_id and can_act_for_comuna(user, registration):
        return True
    if registration.organization_id and is_member_of_organization(user, registration):
        return True
    return False


def registrations_for_user(user) -> QuerySet[Registration]:
    """Personal data of registrants: staff sees all; officials and partners only their own people."""
    qs = Registration.objects.select_related("event", "comuna", "organization")
    if is_hub_staff(user):
        return qs
    own = Q(comuna_id__in=user_comuna_cuts(user))
    if getattr(user, "is_partner", False):
        own |= Q(organization_id=user.organization_id)
    return qs.filter(own) if user_comuna_cuts(user) or getattr(user, "is_partner", False) else qs.none()


def access_registration(user, pk) -> Registration:
    """Registrations hold personal data: anyone who cannot manage one gets a 404, not a hint."""
    registration = Registration.objects.select_related("event", "comuna", "organization").filter(pk=pk).first()
    if registration is None or not can_manage_registration(user, registration):
        raise Http404(_("No existe esa inscripción."))
    return registration


def can_register_for_event(user) -> bool:
    """Staff, officials (for their comunas) and partners (for their organisation) register people."""
    if is_hub_staff(user):
        return True
    if user_comuna_cuts(user):
        return True
    return bool(getattr(user, "is_authenticated", False) and user.is_partner)
