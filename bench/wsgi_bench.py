"""WSGI entry point of bench_serve.py: production settings, the site's URLconf plus a bare view."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()
settings.ROOT_URLCONF = "bench.urls_bench"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
