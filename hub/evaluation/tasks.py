"""Background tasks of evaluation (django-tasks; the dev server runs `manage.py db_worker`)."""

from django_tasks import task

from .models import BatchStatus, ValueReportBatch
from .services import value_batch_run


@task()
def value_batch_task(batch_id: int) -> str:
    """Generate every member comuna's value report for a pending batch; progress is stored on the batch."""
    batch = (
        ValueReportBatch.objects.filter(pk=batch_id, status=BatchStatus.PENDING).select_related("created_by").first()
    )
    if batch is None:  # already run (a retried task) or deleted
        return "skipped"
    value_batch_run(batch=batch)
    return BatchStatus.DONE
