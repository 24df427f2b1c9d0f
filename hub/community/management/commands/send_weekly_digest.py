from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Envía el resumen semanal a quienes lo quieren (una vez por persona y semana). --enqueue lo deja en cola."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Encolar la tarea en vez de enviarla ahora.")

    def handle(self, *args, **options):
        if options["enqueue"]:
            from hub.community.tasks import weekly_digest_task

            result = weekly_digest_task.enqueue()
            self.stdout.write(f"Tarea encolada: {result.id}")
            return
        from hub.community.digest import send_weekly_digests

        sent = send_weekly_digests()
        self.stdout.write(self.style.SUCCESS(f"Resúmenes enviados: {sent}"))
