from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.territory.services import TypologyImportError, typology_import_official


class Command(BaseCommand):
    help = "Importa una clasificación oficial de tipologías (CSV: CUT;tipología). Todo o nada."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.exists():
            raise CommandError(f"No se encontró el archivo {file}.")
        try:
            count = typology_import_official(content=file.read_text(encoding="utf-8-sig"), source_name=file.name)
        except (TypologyImportError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file}: {exc}. No se modificó ninguna comuna.") from exc
        self.stdout.write(self.style.SUCCESS(f"{count} comunas con tipología oficial."))
