"""Runs whose worker died (kill -9, a crash, a reboot) are marked failed, and their source lock released.

A running import stores its worker ("host:pid") and a heartbeat at least every ``HEARTBEAT_SECONDS``.
``reap()`` closes a run when its process is gone (same host) or its heartbeat is older than
``HUB_IMPORT_STALE_SECONDS`` (default 180 s). It runs from ``manage.py import_reap``, before every import
and when staff open the import pages; the run can then be retried from its page.
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import ImportLock, ImportRun, ImportStatus

HEARTBEAT_SECONDS = 20
REAPED_MESSAGE = ("La importación se interrumpió (el proceso que la ejecutaba terminó inesperadamente). "
                  "Nada quedó a medias: puede reintentarla desde esta página.")


def worker_id() -> str:
    return f"{socket.gethostname()[:80]}:{os.getpid()}"


def _alive(worker: str) -> bool | None:
    """True/False for a process on this host; None when it runs elsewhere (only the heartbeat tells)."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname()[:80] or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_seconds() -> int:
    return int(getattr(settings, "HUB_IMPORT_STALE_SECONDS", 180))


def reap() -> int:
    """Mark dead running imports failed; returns how many."""
    cutoff = timezone.now() - timedelta(seconds=stale_seconds())
    reaped = 0
    candidates = ImportRun.objects.filter(status=ImportStatus.RUNNING).values_list("pk", "worker", "heartbeat_at")
    for pk, worker, heartbeat in candidates:
        alive = _alive(worker) if worker else None
        if alive is True:
            continue
        if alive is None and heartbeat and heartbeat > cutoff:
            continue
        done = ImportRun.objects.filter(pk=pk, status=ImportStatus.RUNNING).filter(
            Q(heartbeat_at=heartbeat) if heartbeat else Q(heartbeat_at__isnull=True)
        ).update(status=ImportStatus.FAILED, message=REAPED_MESSAGE, finished_at=timezone.now())
        if done:
            ImportLock.objects.filter(run_id=pk).delete()
            reaped += 1
    # A lock whose run is no longer running (closed by hand, deleted...) is released too.
    ImportLock.objects.exclude(run__status=ImportStatus.RUNNING).delete()
    return reaped
