"""Who may see and change what in pilotos: querysets, access_<thing>() and can_<verb>_<thing>().

Reading: a pilot is public once pre-registered (any state after «Diseño»); a pilot in design is seen by Hub
staff and its team only (anyone else gets a 404: a draft's existence is private). Process evidence and
commitment files are seen by staff and the team.
Writing: Hub staff, or a member of the pilot's team. An official of a selected comuna may also record that
comuna's commitment.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff, is_official_of_comuna, user_comuna_cuts

from .models import PUBLIC_STATUSES, Pilot


def _is_team_member(user, pilot: Pilot) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(pilot, "_team_user_ids", None)
    if cache is None:
        cache = set(pilot.team.values_list("user_id", flat=True))
        pilot._team_user_ids = cache
    return user.pk in cache


def pilots_for_user(user) -> QuerySet[Pilot]:
    qs = Pilot.objects.select_related("solution")
    if is_hub_staff(user):
        return qs
    visible = Q(status__in=PUBLIC_STATUSES)
    if getattr(user, "is_authenticated", False):
        visible |= Q(team__user=user)
    return qs.filter(visible).distinct()


def access_pilot(user, pk, *, write: bool = False) -> Pilot:
    pilot = pilots_for_user(user).filter(pk=pk).first()
    if pilot is None:
        raise Http404(_("No existe un piloto publicado con ese número."))
    if write and not can_manage_pilot(user, pilot):
        raise PermissionDenied(_("Solo el equipo del Hub y el equipo del piloto pueden cambiar este piloto."))
    return pilot


def can_manage_pilot(user, pilot: Pilot) -> bool:
    if is_hub_staff(user):
        return True
    if _is_team_member(user, pilot):
        return True
    return False


def can_create_pilot(user) -> bool:
    return bool(is_hub_staff(user))


def can_see_team_files(user, pilot: Pilot) -> bool:
    return can_manage_pilot(user, pilot)


def can_record_commitment(user, pilot: Pilot, comuna) -> bool:
    if can_manage_pilot(user, pilot):
        return True
    if is_official_of_comuna(user, comuna):
        return True
    return False


def can_record_any_commitment(user, pilot: Pilot) -> bool:
    """Before reading the form: staff/team, or an official of at least one selected comuna."""
    if can_manage_pilot(user, pilot):
        return True
    if user_comuna_cuts(user) & set(pilot.candidates.filter(selected=True).values_list("comuna_id", flat=True)):
        return True
    return False
