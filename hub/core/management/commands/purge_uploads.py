"""Delete uploaded import files older than HUB_UPLOAD_RETENTION_DAYS (default 30) from MEDIA_ROOT/imports.

The import runs keep their report (counts, rejected rows, file hash); only the uploaded copy goes. Run daily:
`make serve` does it at start and every 24 hours; deployments use the systemd timer or cron in docs/deploy.md.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


def purge_uploads(days: int | None = None, *, now: float | None = None) -> list[Path]:
    days = settings.HUB_UPLOAD_RETENTION_DAYS if days is None else days
    root = Path(settings.MEDIA_ROOT) / "imports"
    if not root.exists():
        return []
    cutoff = (now or time.time()) - days * 86400
    removed = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed.append(path)
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed


class Command(BaseCommand):
    help = "Borra los archivos de importación subidos hace más de HUB_UPLOAD_RETENTION_DAYS días."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        removed = purge_uploads(days)
        self.stdout.write(f"{len(removed)} archivos de importación borrados.")
