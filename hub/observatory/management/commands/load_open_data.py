from django.conf import settings
from django.core.management.base import BaseCommand

from hub.observatory.services import open_data_load

from ._progress import ProgressBar
from .import_dataset import write_report


class Command(BaseCommand):
    help = (
        "Sincroniza el catálogo de indicadores e importa todos los archivos de datos abiertos que encuentre en "
        "HUB_DATA_DIR; informa los que faltan y continúa."
    )

    def handle(self, *args, **options):
        data_dir = settings.HUB_DATA_DIR
        self.stdout.write(f"Observatorio: cargando datos abiertos desde {data_dir}")
        bars = []

        def factory(key):
            bars.append(ProgressBar(key, self.stderr._out))
            if len(bars) > 1:
                bars[-2].close()
            return bars[-1]

        result = open_data_load(data_dir=data_dir, progress_factory=factory)
        if bars:
            bars[-1].close()
        for run in result["runs"]:
            write_report(self, run)
        for path in result["missing"]:
            self.stdout.write(self.style.WARNING(f"  No se encontró {path}: se omite (quedan sin esos datos)."))
        derived = ", ".join(
            f"{code} (+{c['created']} ~{c['updated']} ={c['unchanged']})" for code, c in result["derived"].items()
        )
        self.stdout.write(f"  Indicadores derivados recalculados: {derived or 'ninguno'}")
        failed = [run for run in result["runs"] if run.status not in {"succeeded", "warning"}]
        if failed:
            self.stdout.write(self.style.WARNING(f"  {len(failed)} archivos no se cargaron; la demo continúa."))
