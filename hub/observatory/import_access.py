"""Who may see import runs: Hub staff only (uploads change public figures)."""

from django.http import Http404

from hub.core.access import is_hub_staff

from .models import ImportRun


def import_runs_for_user(user):
    if not is_hub_staff(user):
        return ImportRun.objects.none()
    return ImportRun.objects.select_related("created_by")


def access_import_run(user, run_id: int) -> ImportRun:
    run = import_runs_for_user(user).filter(pk=run_id).first()
    if run is None:
        raise Http404("No existe esa importación.")
    return run
