"""Prepare a development checkout: var/, var/staticfiles, var/media and the development secret key.

Settings never write to disk; `make setup` runs this once (it is idempotent: an existing key is kept).
"""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Crea var/, var/staticfiles y la clave secreta de desarrollo (var/secret_key). Idempotente."

    def handle(self, *args, **options):
        for folder in (settings.VAR_DIR, settings.STATIC_ROOT, settings.MEDIA_ROOT):
            folder.mkdir(parents=True, exist_ok=True)
        key_file = settings.SECRET_KEY_FILE
        if key_file.exists():
            self.stdout.write(f"Clave de desarrollo ya presente en {key_file}.")
            return
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(f"Clave de desarrollo creada en {key_file}."))
