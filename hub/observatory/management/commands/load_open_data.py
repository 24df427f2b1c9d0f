from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Carga los datos abiertos del observatorio desde HUB_DATA_DIR (placeholder until importers land)."

    def handle(self, *args, **options):
        self.stdout.write("Observatorio: importadores aún no disponibles.")
