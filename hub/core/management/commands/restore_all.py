from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.core.backup import BackupError, restore_all


class Command(BaseCommand):
    help = "Restaura una copia de export_all en la base (la vacía primero). Verifica los SHA-256 antes de tocar nada."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--database", default="default")
        parser.add_argument("--yes", action="store_true", help="Confirma que la base de destino puede vaciarse.")

    def handle(self, *args, directory, database, yes, **options):
        if not yes:
            raise CommandError("restore_all vacía la base de destino antes de cargar la copia; confirme con --yes.")
        try:
            manifest = restore_all(Path(directory), using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(self.style.SUCCESS(f"Restauradas {len(manifest['tables'])} tablas ({rows} filas)."))
