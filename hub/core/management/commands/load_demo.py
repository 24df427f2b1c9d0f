"""Load the demo content of every app that has a ``demo`` module with a ``load(stdout)`` function.

Each app owns its own demo content (hub/<app>/demo.py), marks it as demo, and makes it idempotent.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

# Apps whose demo content others point at go first.
ORDER = ["territory", "accounts", "portfolio", "partners", "observatory", "network"]


class Command(BaseCommand):
    help = "Carga el contenido de demostración (marcado como demo en pantalla). Idempotente."

    def handle(self, *args, **options):
        configs = [c for c in apps.get_app_configs() if c.name.startswith("hub.")]
        configs.sort(key=lambda c: ORDER.index(c.label) if c.label in ORDER else len(ORDER))
        for config in configs:
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Contenido de demostración cargado."))
