from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.observatory.importers import IMPORTERS
from hub.observatory.importers.base import ImportStructureError
from hub.observatory.importers.generic import load_mapping
from hub.observatory.models import ImportStatus
from hub.observatory.services import catalogue_sync, import_file

from ._progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Importa un archivo de datos abiertos al observatorio: import_dataset <fuente> <ruta> [--dry-run]. "
        "Fuentes: " + ", ".join(IMPORTERS) + ". El importador genérico requiere --mapping."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", choices=list(IMPORTERS))
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Valida e informa sin escribir nada.")
        parser.add_argument("--mapping", help="Archivo JSON con la definición del importador genérico.")
        parser.add_argument("--period", help="Periodo (AAAA) para fuentes sin fecha, como el registro MINSAL.")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No se encontró el archivo {path}.")
        extra = {}
        if options["source"] == "generic":
            if not options["mapping"]:
                raise CommandError("El importador genérico requiere --mapping <definicion.json>.")
            try:
                extra["mapping"] = load_mapping(Path(options["mapping"]))
            except (OSError, ImportStructureError) as exc:
                raise CommandError(str(exc)) from exc
        if options["period"]:
            extra["period"] = options["period"]
        catalogue_sync()
        bar = ProgressBar(options["source"], self.stderr._out)
        run = import_file(
            importer_key=options["source"], path=path, dry_run=options["dry_run"], options=extra, progress=bar
        )
        bar.close()
        write_report(self, run)
        if run.status == ImportStatus.WARNING:
            self.stderr.write(run.message)
        elif run.status != ImportStatus.SUCCEEDED:
            raise CommandError(run.message)


def write_report(command: BaseCommand, run) -> None:
    report = run.report or {}
    command.stdout.write(
        f"{run.file_name}: {run.get_status_display()} · leídas {run.rows_read} · cargadas {run.rows_loaded} "
        f"· sin cambios {run.rows_unchanged} · rechazadas {run.rows_rejected} · {report.get('seconds', 0)} s"
    )
    for item in report.get("rejected", [])[:20]:
        command.stdout.write(f"  fila {item['row']}: {item['reason']}")
    if report.get("rejected_total", 0) > 20:
        command.stdout.write(f"  … y {report['rejected_total'] - 20} filas rechazadas más (ver ImportRun {run.pk}).")
    for item in report.get("rejected_by_reason", [])[:10]:
        command.stdout.write(f"  {item['count']} filas: {item['reason']}")
    for plan in report.get("new_indicators", []):
        command.stdout.write(f"  indicador nuevo: {plan['code']} ({plan['unit']}, {plan['theme']})")
    for warning in report.get("warnings", []):
        command.stdout.write(f"  advertencia: {warning}")
    for item in report.get("skipped", [])[:5]:
        command.stdout.write(f"  fila {item['row']} omitida: {item['reason']}")
    if run.status == "succeeded":
        command.stdout.write(command.style.SUCCESS(f"  {run.message}"))
