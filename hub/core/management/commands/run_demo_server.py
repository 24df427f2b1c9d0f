"""Serve the demo: the background-task worker and the development server, stopped together."""

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Sirve la demo en 127.0.0.1 con el procesador de tareas en segundo plano."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "0.5"])
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
