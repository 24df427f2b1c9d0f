from django.core.management.base import BaseCommand

from hub.observatory.reaper import reap


class Command(BaseCommand):
    help = "Marca como fallidas las importaciones cuyo proceso murió (para reintentarlas desde su página)."

    def handle(self, *args, **options):
        self.stdout.write(f"Importaciones cerradas: {reap()}")
