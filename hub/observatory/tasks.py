"""Background tasks of the observatory (django-tasks; the dev server runs `manage.py db_worker`)."""

from django_tasks import task

from .models import ImportRun, ImportStatus
from .services import import_run_execute


@task()
def import_run_task(run_id: int) -> str:
    """Execute a pending ImportRun created by the staff upload page; progress is stored on the run."""
    run = ImportRun.objects.filter(pk=run_id, status=ImportStatus.PENDING).first()
    if run is None:  # already executed (a retried task) or deleted
        return "skipped"
    import_run_execute(run=run)
    _tell_uploader(run)
    return run.status


def _tell_uploader(run: ImportRun) -> None:
    """The staff member who uploaded the file waits for the result: notify her (finished, warning or failed)."""
    if not run.created_by_id:
        return
    from django.urls import reverse

    from hub.notifications.services import notify

    ok = run.status in (ImportStatus.SUCCEEDED, getattr(ImportStatus, "WARNING", ImportStatus.SUCCEEDED))
    kind = "import_finished" if ok else "import_failed"
    verb = "terminó" if ok else "no se completó"
    notify(recipients=[run.created_by], kind=kind, title=f"La importación de {run.file_name} {verb}",
           body=(run.message or "")[:1000], url=reverse("observatory_import:run_detail", args=[run.pk]))
