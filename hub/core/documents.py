"""The one document machinery: HTML templates rendered to PDF with WeasyPrint (certificates, reports).

Templates extend ``documents/base.html`` (the Hub's identity, the vendored DejaVu fonts, A4 pages with
numbered footers). Rendering never reaches the network: the URL fetcher serves only files under the
project's ``static/`` folder, so a template cannot pull a remote image.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

STATIC_DIR = Path(settings.BASE_DIR) / "static"


def _check_local(url: str) -> None:
    if url.startswith("file://"):
        path = Path(url[len("file://") :]).resolve()
        if STATIC_DIR.resolve() in path.parents:
            return
    if url.startswith("data:"):
        return
    raise ValueError(f"Recurso externo no permitido en un documento: {url[:80]}")


def _local_only_fetcher():
    """A WeasyPrint fetcher that serves only static files and data: URLs (WeasyPrint ≥ 66 wants a URLFetcher)."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # older WeasyPrint: a plain function
        from weasyprint import default_url_fetcher

        def fetch(url, *args, **kwargs):
            _check_local(url)
            return default_url_fetcher(url, *args, **kwargs)

        return fetch

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            _check_local(url)
            return super().fetch(url, headers)

    return LocalOnlyFetcher()


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, {"static_root_url": STATIC_DIR.resolve().as_uri(), **context})


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to PDF bytes (A4), using only local fonts and images."""
    from weasyprint import HTML

    html = render_html(template_name, context)
    base_url = STATIC_DIR.resolve().as_uri() + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=_local_only_fetcher()).write_pdf()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def qr_svg(data: str, *, box_size: int = 8) -> str:
    """An inline SVG QR code (no file, no network), e.g. a certificate's verification URL."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]
