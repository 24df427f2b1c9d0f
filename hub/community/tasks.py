"""Background tasks of the community (django-tasks; the dev server runs `manage.py db_worker`)."""

from django_tasks import task

from .digest import send_weekly_digests


@task()
def weekly_digest_task() -> int:
    """Send this week's digest to every member who wants it (idempotent per user and week)."""
    return send_weekly_digests()
