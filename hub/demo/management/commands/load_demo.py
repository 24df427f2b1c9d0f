"""Load the demo content: one module per app in ``hub/demo/<app>.py`` with a ``load(stdout)`` function.

Each module marks what it creates as demo and is idempotent. ORDER lists the modules whose content others
point at first; a module not in ORDER runs after them, alphabetically.
"""

import importlib
import pkgutil

from django.core.management.base import BaseCommand
from django.db import transaction

import hub.demo

ORDER = ["territory", "accounts", "portfolio", "partners", "observatory", "network"]
LAST = ["roadmap", "evaluation"]  # they read every other module's records; evaluation freezes a period


def demo_modules() -> list[str]:
    names = [m.name for m in pkgutil.iter_modules(hub.demo.__path__) if not m.ispkg and m.name not in ("apps",)]

    def rank(name: str) -> int:
        if name in ORDER:
            return ORDER.index(name)
        return len(ORDER) + 1 + LAST.index(name) if name in LAST else len(ORDER)

    return sorted(names, key=lambda n: (rank(n), n))


class Command(BaseCommand):
    help = "Carga el contenido de demostración (marcado como demo en pantalla). Idempotente."

    def handle(self, *args, **options):
        for name in demo_modules():
            module = importlib.import_module(f"hub.demo.{name}")
            if not hasattr(module, "load"):
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Contenido de demostración cargado."))
