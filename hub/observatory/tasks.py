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
    return run.status
