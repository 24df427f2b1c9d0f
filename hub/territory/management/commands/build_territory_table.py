from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.territory.sources import TABLE_PATH, SourceError, build_rows, write_table


class Command(BaseCommand):
    help = "Regenera hub/territory/data/comunas.csv desde los archivos abiertos de HUB_DATA_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(settings.HUB_DATA_DIR))

    def handle(self, *args, data_dir, **options):
        from pathlib import Path

        try:
            rows = build_rows(Path(data_dir))
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        write_table(rows)
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} comunas escritas en {TABLE_PATH}."))
