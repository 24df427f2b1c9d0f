"""Who sees and who changes the observatory. Indicators, observations and maps are public open data;
import runs (uploads change public figures) are seen and started by Hub staff only.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff

from .models import ImportRun


def can_import(user) -> bool:
    """Only Hub staff uploads or re-runs an import."""
    return is_hub_staff(user)


def require_import(user) -> None:
    """Refuse in Spanish unless the user may import data or edit indicators."""
    if not can_import(user):
        raise PermissionDenied(_("Solo el equipo del Hub puede importar datos o editar indicadores."))


def import_runs_for_user(user):
    if not can_import(user):
        return ImportRun.objects.none()
    return ImportRun.objects.select_related("created_by")


def access_import_run(user, run_id: int) -> ImportRun:
    run = import_runs_for_user(user).filter(pk=run_id).first()
    if run is None:
        raise Http404(_("No existe esa importación."))
    return run
