from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.core.backup import BackupError, export_all


class Command(BaseCommand):
    help = "Exporta todas las tablas y archivos a una carpeta nueva, con manifest.json (conteos y SHA-256)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--database", default="default")

    def handle(self, *args, directory, database, **options):
        try:
            manifest = export_all(Path(directory), using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Copia en {directory}: {len(manifest['tables'])} tablas, {rows} filas, {len(manifest['files'])} archivos."
        ))
