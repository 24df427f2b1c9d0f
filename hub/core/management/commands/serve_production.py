"""Serve with the production configuration: gunicorn (WEB_CONCURRENCY workers) plus the task worker.

`make serve` runs it with DEBUG off. Both processes stop together (Ctrl-C, SIGTERM).
"""

import signal
import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Sirve con la configuración de producción: gunicorn y el procesador de tareas en segundo plano."

    def add_arguments(self, parser):
        parser.add_argument("--no-worker", action="store_true", help="Sin procesador de tareas (otro nodo lo corre).")

    def handle(self, *args, no_worker=False, **options):
        processes = []
        if not no_worker:
            processes.append(subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "1"]))
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
