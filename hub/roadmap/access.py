"""Who may see and change what in hoja de ruta: querysets, access_<thing>() and can_<verb>_<thing>().

The eight stages, their criteria and gate decisions are public. Starting a stage, recording a gate decision
and attesting a manual criterion are Hub staff only.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff

from .stages import STAGE_BY_NUMBER


def can_manage_roadmap(user) -> bool:
    return is_hub_staff(user)


def require_staff(user) -> None:
    if not can_manage_roadmap(user):
        raise PermissionDenied(_("Solo el equipo del Hub registra decisiones de la hoja de ruta."))


def access_stage(user, number: int, *, write: bool = False) -> int:
    if number not in STAGE_BY_NUMBER:
        raise Http404
    if write:
        require_staff(user)
    return number
