"""Serve with the production configuration: gunicorn (WEB_CONCURRENCY workers) plus the task worker.

`make serve` runs it with DEBUG off. Both processes stop together (Ctrl-C, SIGTERM).
"""

import signal
import subprocess
import sys
import threading
import time

from django.core.management.base import BaseCommand


def _purge_daily():
    """Retention of uploaded import files: at start, then every 24 hours, while the server runs."""
    while True:
        subprocess.run([sys.executable, "manage.py", "purge_uploads"], check=False)
        time.sleep(24 * 3600)


class Command(BaseCommand):
    help = "Sirve con la configuración de producción: gunicorn y el procesador de tareas en segundo plano."

    def add_arguments(self, parser):
        parser.add_argument("--no-worker", action="store_true", help="Sin procesador de tareas (otro nodo lo corre).")

    def handle(self, *args, no_worker=False, **options):
        processes = []
        if not no_worker:
            processes.append(subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "1"]))
        threading.Thread(target=_purge_daily, daemon=True).start()
        web = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"])
        processes.append(web)

        def stop(*_):
            for process in processes:
                process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            web.wait()
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
