from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.territory.services import read_table, territory_load
from hub.territory.sources import TABLE_PATH, SourceError


class Command(BaseCommand):
    help = "Carga regiones, provincias y las 346 comunas (Censo 2024) y aplica la regla de tipología."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(TABLE_PATH), help="Tabla territorial (CSV).")

    def handle(self, *args, path, **options):
        try:
            rows = read_table(Path(path))
        except SourceError as exc:
            raise CommandError(f"{exc} La base de datos no fue modificada.") from exc
        report = territory_load(rows=rows)
        self.stdout.write(
            self.style.SUCCESS(
                f"Territorio: {report.regions} regiones, {report.provinces} provincias, "
                f"{report.comunas_created} comunas nuevas, {report.comunas_updated} actualizadas."
            )
        )
